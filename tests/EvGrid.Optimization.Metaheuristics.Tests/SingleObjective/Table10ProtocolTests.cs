using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

/// <summary>
/// A reduced form of the seed 002 Table 10 protocol (50 particles, 1000 iterations, fewer runs). The full protocol
/// (100 runs, n = 10 and n = 30) is run with `evgrid solvers compare` and recorded in docs/validation.md.
/// </summary>
public class Table10ProtocolTests
{
    private static readonly IOptimizerRegistry Registry =
        new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider().GetRequiredService<IOptimizerRegistry>();

    private static Dictionary<(string Optimizer, string Function), ComparisonRow> Run(int dim, int runs, params string[] optimizers)
        => new SolverComparison(Registry).Run(new ComparisonRequest
        {
            Functions = ["sphere", "schwefel222", "schaffer6", "rastrigin"],
            Optimizers = optimizers,
            Dimension = dim,
            Runs = runs,
            Iterations = 1000,
            PopulationSize = 50,
            Seed = 1,
        }).Rows.ToDictionary(r => (r.Optimizer, r.Function));

    [Fact]
    public void At_n10_IHSPSO_means_are_at_or_below_the_published_ones()
    {
        var rows = Run(10, 12, "ihspso");
        // seed 002 Table 10, I-HSPSO mean values.
        Assert.True(rows[("ihspso", "sphere")].Mean <= 4.258e-9, $"f1 mean {rows[("ihspso", "sphere")].Mean}");
        Assert.True(rows[("ihspso", "schwefel222")].Mean <= 1.849e-2, $"f2 mean {rows[("ihspso", "schwefel222")].Mean}");
        Assert.True(rows[("ihspso", "schaffer6")].Mean <= 6.802e-4, $"f3 mean {rows[("ihspso", "schaffer6")].Mean}");
        Assert.True(rows[("ihspso", "rastrigin")].Mean <= 3.872, $"f4 mean {rows[("ihspso", "rastrigin")].Mean}");
    }

    [Fact]
    public void At_n30_the_hybrid_is_at_least_as_good_as_PSO_and_HS_on_all_four_functions()
    {
        // Sphere, Schwefel 2.22 and Rastrigin: margins of an order of magnitude or more.
        var rows = Run(30, 6, "pso", "ihspso", "hs");
        foreach (var f in new[] { "sphere", "schwefel222", "rastrigin" })
        {
            var hybrid = rows[("ihspso", f)].Mean;
            Assert.True(hybrid * 10 <= rows[("pso", f)].Mean, $"{f}: ihspso {hybrid} vs pso {rows[("pso", f)].Mean}");
            Assert.True(hybrid * 10 <= rows[("hs", f)].Mean, $"{f}: ihspso {hybrid} vs hs {rows[("hs", f)].Mean}");
        }

        // Schaffer F6 is 2-D whatever n is; its failures are rare stalls on the local ring r ≈ π (f ≈ 9.716e-3). The
        // hybrid's mean over the same runs must not exceed the better of PSO and HS (the 100-run protocol in
        // docs/validation.md has 0 vs 1.9e-4 and 8.6e-3), and HS, which stalls in most runs, must be strictly worse.
        var schafferHybrid = rows[("ihspso", "schaffer6")].Mean;
        var schafferPso = rows[("pso", "schaffer6")].Mean;
        var schafferHs = rows[("hs", "schaffer6")].Mean;
        Assert.True(schafferHybrid <= Math.Min(schafferPso, schafferHs),
            $"schaffer6: ihspso {schafferHybrid} vs pso {schafferPso}, hs {schafferHs}");
        Assert.True(schafferHybrid < schafferHs, $"schaffer6: ihspso {schafferHybrid} vs hs {schafferHs}");

        // The levels the issue quotes for independent implementations: PSO on Rastrigin-30 near 40, HS on Sphere-30
        // near 9 (ours: about 12 with 1 % bandwidth).
        Assert.InRange(rows[("pso", "rastrigin")].Mean, 20, 80);
        Assert.InRange(rows[("hs", "sphere")].Mean, 3, 30);
    }
}
