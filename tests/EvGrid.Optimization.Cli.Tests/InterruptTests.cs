using System.Text.Json;
using EvGrid.Optimization.Cli.Commands;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Xunit;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>
/// Ctrl+C on the long commands: interrupted before anything finished, exit 130 and one line; interrupted later, the
/// finished runs are reported and the output says so (the library's part is tested where the comparisons are).
/// </summary>
public class InterruptTests
{
    public static TheoryData<string[]> LongCommands() => new()
    {
        { new[] { "solvers", "compare", "--functions", "sphere", "--optimizers", "pso", "--dim", "5", "--iterations", "10", "--runs", "2" } },
        { new[] { "solvers", "pareto", "--problem", "zdt1", "--optimizers", "nsga2", "--evaluations", "500", "--runs", "2" } },
        { new[] { "scenarios" } },
        { new[] { "schedule", "--region", "residential", "--evs", "20", "--swarm", "4", "--iterations", "2" } },
        { new[] { "plan", "--scheme", "2" } },
    };

    [Theory]
    [MemberData(nameof(LongCommands))]
    public void Interrupted_before_anything_finished_exits_130_with_one_line(string[] command)
    {
        using var interrupt = new CancellationTokenSource();
        interrupt.Cancel();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(command, output, error, interrupt.Token);
        Assert.Equal(CliApp.Interrupted, code);
        Assert.Equal(string.Empty, output.ToString());
        Assert.Equal("interrupted before any run was complete; nothing to report." + Environment.NewLine, error.ToString());
    }

    [Theory]
    [InlineData("schedule", "Interrupted (Ctrl+C): each region shows its optimizer's best front so far.")]
    [InlineData("plan", "Interrupted (Ctrl+C): each scheme shows the best plan found so far; schemes not started are left out.")]
    public async Task A_study_interrupted_while_it_runs_says_so_above_its_tables_on_stderr_and_in_index_html(
        string command, string sentence)
    {
        // Ctrl+C arrives while the optimizer runs: what it has is printed, marked as interrupted, exit 130. plan is
        // stopped as soon as its first checkpoint (one upper-level iteration) is written, so usually inside the next
        // iteration, whose half-moved population is not saved; schedule, which writes nothing until the end, after
        // 4 s of a run of 10⁶ iterations (its set-up takes well under a second).
        var dir = Directory.CreateTempSubdirectory("evgrid-interrupt-").FullName;
        try
        {
            string[] args = command == "schedule"
                ? ["schedule", "--region", "residential", "--evs", "20", "--swarm", "4", "--iterations", "1000000", "--out", dir]
                : ["plan", "--scheme", "1", "--out", dir];
            using var interrupt = new CancellationTokenSource();
            var trigger = Task.Run(async () =>
            {
                var started = DateTime.UtcNow;
                while (!interrupt.IsCancellationRequested)
                {
                    var due = command == "schedule"
                        ? DateTime.UtcNow - started > TimeSpan.FromSeconds(4)
                        : Directory.EnumerateFiles(dir, "*.checkpoint.json").Any();
                    if (due)
                    {
                        await interrupt.CancelAsync();
                    }

                    await Task.Delay(20);
                }
            });
            using var output = new StringWriter();
            using var error = new StringWriter();
            var code = CliApp.Run(args, output, error, interrupt.Token);
            await trigger.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.True(code == CliApp.Interrupted, $"exit {code}: {error}");
            Assert.StartsWith(sentence, output.ToString(), StringComparison.Ordinal);
            Assert.Contains(sentence, error.ToString(), StringComparison.Ordinal);
            Assert.Contains(sentence, System.Net.WebUtility.HtmlDecode(File.ReadAllText(Path.Combine(dir, "index.html"))),
                StringComparison.Ordinal);
            if (command == "plan")
            {
                // The JSON says so too, as the comparisons' does.
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "plan.json")));
                Assert.True(json.RootElement.GetProperty("cancelled").GetBoolean());
                Assert.Equal(1, Assert.Single(json.RootElement.GetProperty("plannedSchemes").EnumerateArray()).GetInt32());
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void The_exit_codes_are_in_the_help()
    {
        var (code, help, _) = CliRunner.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("130 interrupted by Ctrl+C", help, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_comparison_says_so_in_its_table_and_json_and_leaves_out_the_statistics_it_cannot_compute()
    {
        // pso finished two of four runs on sphere, hs none: the pairwise tests need both.
        var row = new ComparisonRow("pso", "sphere", 5, 2, 1, 3, 2, 2, Math.Sqrt(2), 0.01, 100, [1.0, 3.0]) { RunEvaluations = [100, 100] };
        var result = new ComparisonResult([row], PlannedRuns: 8);
        Assert.True(result.Cancelled);
        var request = new ComparisonRequest { Functions = ["sphere"], Optimizers = ["pso", "hs"], Runs = 4 };
        var statistics = SolversCompareCommand.Statistics(result, request, 0.05);
        Assert.Null(statistics);

        var table = SolversCompareCommand.Table(result, statistics);
        Assert.StartsWith("Interrupted (Ctrl+C): 2 of 8 runs finished;", table, StringComparison.Ordinal);
        Assert.Contains("No significance tests", table, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(SolversCompareCommand.Json(result, statistics));
        Assert.True(json.RootElement.GetProperty("cancelled").GetBoolean());
        Assert.Equal(2, json.RootElement.GetProperty("finishedRuns").GetInt32());
        Assert.Equal(8, json.RootElement.GetProperty("plannedRuns").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("statistics").ValueKind);
        Assert.Equal(2, json.RootElement.GetProperty("results")[0].GetProperty("runs").GetInt32());
    }

    [Fact]
    public void An_interrupted_pareto_comparison_says_so_in_its_table_and_json()
    {
        var run = new ParetoRunResult("nsga2", "zdt1", 0, 1, 2, [0.0, 1.0, 1.0, 0.0], 0.1, 0.1, 0.5, 0.01, 500);
        var summary = new ParetoSummary("nsga2", "zdt1", 1, 0.1, 0, 0.5, 0, 0.1, 0.01, 500, [1.1, 1.1], 0.87);
        var result = new ParetoComparisonResult([summary], [run], PlannedRuns: 3);
        Assert.StartsWith("Interrupted (Ctrl+C): 1 of 3 runs finished;", SolversParetoCommand.Table(result), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(SolversParetoCommand.Json(result));
        Assert.True(json.RootElement.GetProperty("cancelled").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("finishedRuns").GetInt32());
        Assert.Equal(3, json.RootElement.GetProperty("plannedRuns").GetInt32());
    }
}
