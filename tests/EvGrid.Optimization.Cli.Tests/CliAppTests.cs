using EvGrid.Optimization.Cli;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public sealed class CliAppTests
{
    [Theory]
    [InlineData("solvers compare --format xml", "xml")]
    [InlineData("fleet --evs abc", "abc")]
    [InlineData("fleet --no-such-option", "--no-such-option")]
    [InlineData("nosuchcommand", "nosuchcommand")]
    public void Parse_errors_end_with_exit_code_1_and_one_line_naming_the_value(string line, string mentioned)
    {
        var (code, output, error) = Run(line.Split(' '));
        Assert.Equal(CliApp.Failure, code);
        Assert.Equal(string.Empty, output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Help_is_not_an_error()
    {
        var (code, output, error) = Run("--help");
        Assert.Equal(CliApp.Success, code);
        Assert.Contains("fleet", output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, error);
    }
}
