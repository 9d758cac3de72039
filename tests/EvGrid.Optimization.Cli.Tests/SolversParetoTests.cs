using System.Text.Json;
using EvGrid.Optimization.Cli;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public class SolversParetoTests
{
    [Fact]
    public void JsonHasTheIssueKeysPerOptimizer()
    {
        var (code, text, err) = Run("solvers", "pareto", "--problem", "zdt1", "--optimizers", "mopso,nsga2",
            "--evaluations", "3000", "--runs", "2", "--seed", "1", "--format", "json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(text);
        var results = doc.RootElement.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        Assert.Equal(["mopso", "nsga2"], results.Select(r => r.GetProperty("optimizer").GetString()));
        foreach (var r in results)
        {
            Assert.Equal("zdt1", r.GetProperty("problem").GetString());
            Assert.Equal(2, r.GetProperty("runs").GetInt32());
            var igd = r.GetProperty("igdMean").GetDouble();
            var hv = r.GetProperty("hvMean").GetDouble();
            Assert.InRange(igd, 1e-3, 1.0); // 3 000 evaluations: converging but not converged
            Assert.InRange(hv, 0.05, 0.877); // below the true front's 0.8767 at (1.1, 1.1)
            Assert.True(r.GetProperty("meanSecondsPerRun").GetDouble() > 0);

            // The spreads are the sample standard deviations of the runs the library gives for the same request:
            // with two runs, |a − b| / √2.
            var runs = Library.Runs.Where(x => x.Optimizer == r.GetProperty("optimizer").GetString()).ToList();
            Assert.Equal(2, runs.Count);
            Assert.Equal(igd, runs.Average(x => x.Igd), 12);
            Assert.Equal(Math.Abs(runs[0].Igd - runs[1].Igd) / Math.Sqrt(2), r.GetProperty("igdStd").GetDouble(), 12);
            Assert.Equal(Math.Abs(runs[0].Hypervolume - runs[1].Hypervolume) / Math.Sqrt(2), r.GetProperty("hvStd").GetDouble(), 12);
            Assert.True(r.GetProperty("igdStd").GetDouble() > 0); // two different seeds give two different fronts
        }
    }

    private static readonly EvGrid.Optimization.Metaheuristics.MultiObjective.ParetoComparisonResult Library =
        new EvGrid.Optimization.Metaheuristics.MultiObjective.ParetoComparison(
                new EvGrid.Optimization.Metaheuristics.Registry.OptimizerRegistry(EvGrid.Optimization.Metaheuristics.Registry.BuiltInOptimizers.All()))
            .Run(new EvGrid.Optimization.Metaheuristics.MultiObjective.ParetoComparisonRequest
            {
                Problems = ["zdt1"], Optimizers = ["mopso", "nsga2"], Evaluations = 3000, Runs = 2, Seed = 1,
            });

    [Fact]
    public void SameSeedSameNumbersWhateverTheThreads()
    {
        var a = Run("solvers", "pareto", "--problem", "zdt2", "--evaluations", "2000", "--runs", "3", "--format", "json", "--threads", "1");
        var b = Run("solvers", "pareto", "--problem", "zdt2", "--evaluations", "2000", "--runs", "3", "--format", "json", "--threads", "2");
        static string Strip(string json) => string.Join('\n', json.Split('\n').Where(l => !l.Contains("meanSecondsPerRun", StringComparison.Ordinal)));
        Assert.Equal(0, a.Code);
        Assert.Equal(Strip(a.Out), Strip(b.Out));
    }

    [Fact]
    public void OutWritesCsvFrontsAndSvgPlots()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evgrid-pareto-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, text, err) = Run("solvers", "pareto", "--problem", "zdt3,dtlz2", "--optimizers", "mopso,nsga2",
                "--evaluations", "1500", "--runs", "2", "--out", dir);
            Assert.True(code == 0, err);
            Assert.Contains("igdMean", text, StringComparison.Ordinal);
            foreach (var o in new[] { "mopso", "nsga2" })
            {
                for (var k = 1; k <= 2; k++)
                {
                    var zdt = File.ReadAllLines(Path.Combine(dir, $"{o}-zdt3-run{k}.csv"));
                    Assert.Equal("f1,f2", zdt[0]);
                    Assert.True(zdt.Length > 2);
                    Assert.All(zdt.Skip(1), line => Assert.Equal(2, line.Split(',').Length));
                    Assert.Equal("f1,f2,f3", File.ReadLines(Path.Combine(dir, $"{o}-dtlz2-run{k}.csv")).First());
                }

                Assert.Equal("svg", System.Xml.Linq.XDocument.Load(Path.Combine(dir, $"{o}-zdt3.svg")).Root!.Name.LocalName);
            }

            // One picture with both optimizers' median fronts: legend entries and axis titles are text in the SVG.
            var svg = System.Xml.Linq.XDocument.Load(Path.Combine(dir, "pareto-zdt3.svg"));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            var texts = svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value).ToList();
            Assert.Contains(texts, t => t.StartsWith("mopso run ", StringComparison.Ordinal) && t.Contains("(IGD ", StringComparison.Ordinal));
            Assert.Contains(texts, t => t.StartsWith("nsga2 run ", StringComparison.Ordinal));
            Assert.Contains("true front (sampled)", texts);
            Assert.Contains("f1", texts);
            Assert.Contains("f2", texts);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Theory]
    [InlineData("--problem", "zdt9", "zdt9")]
    [InlineData("--optimizers", "pso", "single objective")]
    [InlineData("--optimizers", "nope", "nope")]
    [InlineData("--runs", "0", "--runs")]
    [InlineData("--evaluations", "0", "--evaluations")]
    [InlineData("--problem", "zdt1,zdt1", "--problem: 'zdt1' is given twice")]
    public void BadInputIsAOneLineError(string option, string value, string expected)
    {
        var args = new List<string> { "solvers", "pareto", option, value };
        if (option != "--runs")
        {
            args.AddRange(["--runs", "1"]);
        }

        if (option != "--evaluations")
        {
            args.AddRange(["--evaluations", "500"]);
        }

        var (code, _, err) = Run([.. args]);
        Assert.Equal(CliApp.Failure, code);
        Assert.StartsWith("error: ", err, StringComparison.Ordinal);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Single(err.TrimEnd().Split('\n'));
    }
}
