using System.Text.Json;
using EvGrid.Optimization.Cli;
using MathNet.Numerics;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public class SolversLabTests
{
    [Fact]
    public void An_evaluation_budget_of_100000_is_used_exactly_by_ihspso_pso_and_hs()
    {
        var (code, output, error) = Run("solvers", "compare", "--functions", "sphere", "--dim", "2", "--runs", "2",
            "--optimizers", "ihspso,pso,hs", "--evaluations", "100000", "--format", "json");
        Assert.True(code == CliApp.Success, error);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        Assert.Equal(3, results.GetArrayLength());
        foreach (var r in results.EnumerateArray())
        {
            Assert.Equal([100_000L, 100_000L], r.GetProperty("evaluations").EnumerateArray().Select(e => e.GetInt64()));
            Assert.Equal(2, r.GetProperty("values").GetArrayLength());
        }

        var (_, table, _) = Run("solvers", "compare", "--functions", "sphere", "--dim", "2", "--runs", "2",
            "--optimizers", "pso", "--evaluations", "1234");
        Assert.Contains("evals/run", table, StringComparison.Ordinal);
        Assert.Contains(" 1234", table, StringComparison.Ordinal);
    }

    [Fact]
    public void The_statistics_block_agrees_with_an_independent_computation_from_the_values()
    {
        var (code, output, error) = Run("solvers", "compare", "--functions", "sphere,rastrigin", "--dim", "3",
            "--swarm", "10", "--iterations", "30", "--runs", "6", "--optimizers", "pso,ihspso,hs", "--format", "json");
        Assert.True(code == CliApp.Success, error);
        using var doc = JsonDocument.Parse(output);
        var values = doc.RootElement.GetProperty("results").EnumerateArray().ToDictionary(
            r => (r.GetProperty("function").GetString()!, r.GetProperty("optimizer").GetString()!),
            r => r.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToArray());
        var stats = doc.RootElement.GetProperty("statistics");
        Assert.Equal("wilcoxon-rank-sum", stats.GetProperty("test").GetString());
        Assert.Equal("holm", stats.GetProperty("correction").GetString());
        Assert.Equal(0.05, stats.GetProperty("alpha").GetDouble());
        var pairs = stats.GetProperty("pairs").EnumerateArray().ToList();
        Assert.Equal(6, pairs.Count);
        foreach (var group in pairs.GroupBy(p => p.GetProperty("function").GetString()!))
        {
            var raw = group.Select(p => PValue(values[(group.Key, p.GetProperty("a").GetString()!)],
                values[(group.Key, p.GetProperty("b").GetString()!)])).ToArray();
            var holm = HolmByDefinition(raw);
            var i = 0;
            foreach (var p in group)
            {
                Assert.Equal(raw[i], p.GetProperty("pValue").GetDouble(), 1e-6);
                Assert.Equal(holm[i], p.GetProperty("adjustedPValue").GetDouble(), 1e-6);
                Assert.Contains(p.GetProperty("better").GetString(), new[] { "a", "b", "none" });
                i++;
            }
        }

        // Friedman ranks: by mean per function, averaged.
        var ranks = stats.GetProperty("friedmanRanks").EnumerateArray()
            .ToDictionary(r => r.GetProperty("optimizer").GetString()!, r => r.GetProperty("rank").GetDouble());
        Assert.Equal(3, ranks.Count);
        Assert.Equal(6.0, ranks.Values.Sum(), 1e-12); // each function's ranks sum to 1 + 2 + 3
        foreach (var o in ranks.Keys)
        {
            var expected = new[] { "sphere", "rastrigin" }.Average(f =>
                1 + values.Where(kv => kv.Key.Item1 == f && kv.Value.Average() < values[(f, o)].Average()).Count()
                + (0.5 * (values.Count(kv => kv.Key.Item1 == f && kv.Value.Average() == values[(f, o)].Average()) - 1)));
            Assert.Equal(expected, ranks[o], 1e-12);
        }
    }

    [Fact]
    public void Out_writes_convergence_curves_and_every_runs_history_and_shift_renames_the_functions()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evgrid-lab-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, error) = Run("solvers", "compare", "--functions", "sphere,schaffer6", "--dim", "3",
                "--swarm", "10", "--iterations", "20", "--runs", "3", "--optimizers", "pso,hs", "--shift", "--rotate",
                "--out", dir);
            Assert.True(code == CliApp.Success, error);
            foreach (var f in new[] { "sphere-shifted-rotated", "schaffer6-shifted-rotated" })
            {
                var svg = File.ReadAllText(Path.Combine(dir, $"convergence-{f}.svg"));
                Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
                Assert.Contains("objective evaluations", svg, StringComparison.Ordinal);
            }

            var lines = File.ReadAllLines(Path.Combine(dir, "histories.csv"));
            Assert.Equal("optimizer,function,run,iteration,evaluations,best", lines[0]);

            // 2 optimizers x 2 functions x 3 runs x (20 iterations + the initial population).
            Assert.Equal(1 + (2 * 2 * 3 * 21), lines.Length);
            Assert.Contains("hs,schaffer6-shifted-rotated,3,20,210,", lines[^1], StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    /// <summary>U by counting pairs (a below b = 1, tie = ½), the tie-corrected variance and a continuity-corrected
    /// normal approximation: a computation that shares no code with the command's ranking.</summary>
    private static double PValue(double[] a, double[] b)
    {
        var u = 0.0;
        foreach (var x in a)
        {
            foreach (var y in b)
            {
                u += x > y ? 1.0 : x == y ? 0.5 : 0.0;
            }
        }

        double n1 = a.Length, n2 = b.Length, n = n1 + n2;
        var ties = a.Concat(b).GroupBy(v => v).Sum(g => Math.Pow(g.Count(), 3) - g.Count());
        var sigma = Math.Sqrt(n1 * n2 / 12.0 * (n + 1 - (ties / (n * (n - 1)))));
        if (sigma == 0)
        {
            return 1.0;
        }

        var d = Math.Abs(u - (n1 * n2 / 2.0));
        var z = Math.Max(0.0, d - 0.5) / sigma;
        return Math.Min(1.0, SpecialFunctions.Erfc(z / Math.Sqrt(2.0)));
    }

    private static double[] HolmByDefinition(double[] p)
    {
        var m = p.Length;
        return p.Select(pi =>
        {
            // max over the p-values not above pi (in sorted order) of min(1, (m - rank + 1) p).
            var sorted = p.Order().ToArray();
            var best = 0.0;
            for (var j = 0; j < m && sorted[j] <= pi; j++)
            {
                best = Math.Max(best, Math.Min(1.0, (m - j) * sorted[j]));
            }

            return best;
        }).ToArray();
    }
}
