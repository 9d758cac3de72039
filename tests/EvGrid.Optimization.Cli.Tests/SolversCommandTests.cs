using System.Text.Json;
using EvGrid.Optimization.Cli;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public class SolversCommandTests
{
    [Fact]
    public void List_shows_every_registered_optimizer()
    {
        var (code, output, _) = Run("solvers", "list");
        Assert.Equal(CliApp.Success, code);
        foreach (var name in new[] { "pso", "hs", "ihs", "ihspso" })
        {
            Assert.Contains($"\n{name} ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Compare_writes_the_issue_json_shape_and_is_reproducible()
    {
        string[] args =
        [
            "solvers", "compare", "--functions", "sphere,schaffer6", "--dim", "5", "--swarm", "20", "--iterations", "50",
            "--runs", "3", "--optimizers", "pso,ihspso,hs", "--seed", "1", "--format", "json",
        ];
        var (code, output, error) = Run(args);
        Assert.True(code == CliApp.Success, error);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(6, results.GetArrayLength());
        var first = results[0];
        foreach (var key in new[] { "optimizer", "function", "dim", "runs", "best", "worst", "mean", "median", "std", "meanSecondsPerRun" })
        {
            Assert.True(first.TryGetProperty(key, out _), key);
        }

        Assert.Equal("pso", first.GetProperty("optimizer").GetString());
        Assert.Equal("sphere", first.GetProperty("function").GetString());
        Assert.Equal(5, first.GetProperty("dim").GetInt32());
        Assert.Equal(3, first.GetProperty("runs").GetInt32());
        Assert.Equal(2, results[3].GetProperty("dim").GetInt32()); // schaffer6 is 2-D
        Assert.True(first.GetProperty("best").GetDouble() <= first.GetProperty("mean").GetDouble());
        Assert.True(first.GetProperty("mean").GetDouble() <= first.GetProperty("worst").GetDouble());

        // Same seed: the same numbers (timings aside).
        using var again = JsonDocument.Parse(Run(args).Out);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(results[i].GetProperty("mean").GetDouble(), again.RootElement.GetProperty("results")[i].GetProperty("mean").GetDouble());
        }
    }

    [Fact]
    public void Compare_writes_csv_and_table()
    {
        var (code, csv, _) = Run("solvers", "compare", "--functions", "rastrigin", "--dim", "3", "--swarm", "10",
            "--iterations", "10", "--runs", "2", "--optimizers", "pso", "--format", "csv");
        Assert.Equal(CliApp.Success, code);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("optimizer,function,dim,runs,best,worst,mean,median,std,meanSecondsPerRun,meanEvaluations", lines[0].TrimEnd());
        Assert.StartsWith("pso,rastrigin,3,2,", lines[1], StringComparison.Ordinal);

        var (code2, table, _) = Run("solvers", "compare", "--functions", "rastrigin", "--dim", "3", "--swarm", "10",
            "--iterations", "10", "--runs", "2", "--optimizers", "pso");
        Assert.Equal(CliApp.Success, code2);
        Assert.Contains("rastrigin", table, StringComparison.Ordinal);
        Assert.Contains("median", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Quiet_is_accepted_and_leaves_the_results_unchanged()
    {
        string[] compare = ["solvers", "compare", "--functions", "sphere", "--dim", "3", "--swarm", "10", "--iterations", "10",
            "--runs", "2", "--optimizers", "pso", "--format", "csv"];
        var (code, loud, _) = Run(compare);
        var (quietCode, quiet, quietError) = Run([.. compare, "--quiet"]);
        Assert.Equal(CliApp.Success, code);
        Assert.Equal(CliApp.Success, quietCode);
        Assert.Equal(Values(loud), Values(quiet));
        Assert.Equal(string.Empty, quietError);

        string[] pareto = ["solvers", "pareto", "--problem", "zdt1", "--optimizers", "nsga2", "--runs", "1", "--evaluations", "600", "--format", "json"];
        var (paretoCode, paretoLoud, _) = Run(pareto);
        var (paretoQuietCode, paretoQuiet, _) = Run([.. pareto, "--quiet"]);
        Assert.Equal(CliApp.Success, paretoCode);
        Assert.Equal(CliApp.Success, paretoQuietCode);
        Assert.Equal(Indicators(paretoLoud), Indicators(paretoQuiet));
        Assert.NotEmpty(Indicators(paretoQuiet));

        static string[] Indicators(string json) => [.. System.Text.RegularExpressions.Regex.Matches(json, "\"(igd|hv)Mean\": [^,]+").Select(m => m.Value)];

        // The CSV's timing column differs from run to run; every other field must agree.
        static string[] Values(string csv) => [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => string.Join(',', l.TrimEnd().Split(',').Where((_, i) => i != 9)))];
    }

    [Theory]
    [InlineData("--optimizers", "nope", "nope")]
    [InlineData("--functions", "foo", "foo")]
    [InlineData("--runs", "0", "--runs")]
    [InlineData("--plugin", "missing.dll", "missing.dll")]
    [InlineData("--optimizers", "pso,hs,PSO", "--optimizers: 'pso' is given twice")]
    [InlineData("--functions", "sphere,sphere", "--functions: 'sphere' is given twice")]
    [InlineData("--evaluations", "10", "--evaluations (10) must be at least --swarm (50): the first population")]
    public void Bad_input_ends_with_exit_code_1_and_a_one_line_error(string option, string value, string mentioned)
    {
        var args = new List<string> { "solvers", "compare", "--dim", "2", "--iterations", "2", option, value };
        if (option != "--runs")
        {
            args.AddRange(["--runs", "1"]);
        }

        var (code, _, error) = Run([.. args]);
        Assert.Equal(CliApp.Failure, code);
        Assert.True(error.StartsWith("error: ", StringComparison.Ordinal), error);
        Assert.Contains(mentioned, error, StringComparison.Ordinal);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Plugin_optimizers_are_listed_and_compared()
    {
        // The test assembly itself exports an optimizer.
        var path = typeof(SolversCommandTests).Assembly.Location;
        var (code, output, _) = Run("solvers", "list", "--plugin", path);
        Assert.Equal(CliApp.Success, code);
        Assert.Contains("coordinate", output, StringComparison.Ordinal);
        var (code2, csv, err) = Run("solvers", "compare", "--plugin", path, "--optimizers", "coordinate,pso", "--functions", "sphere",
            "--dim", "2", "--iterations", "5", "--runs", "2", "--format", "csv");
        Assert.True(code2 == CliApp.Success, err);
        Assert.Contains("coordinate,sphere,2,2,", csv, StringComparison.Ordinal);
    }
}
