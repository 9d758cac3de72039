using EvGrid.Optimization.Cli;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>Runs the <c>evgrid</c> command line in-process and captures its exit code and both streams.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
