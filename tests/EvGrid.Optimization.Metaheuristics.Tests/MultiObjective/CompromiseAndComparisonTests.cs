using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

public class CompromiseAndComparisonTests
{
    [Fact]
    public void FuzzyMaxMinPicksTheMostBalancedMember()
    {
        // Memberships: (0,10) → (1, 0); (4,4) → (0.6, 0.6); (10,0) → (0, 1); (6,3) → (0.4, 0.7).
        double[] front = [0, 10, 4, 4, 10, 0, 6, 3];
        Assert.Equal(1, CompromiseSolution.Select(front, 2, CompromiseMethod.FuzzyMaxMin));
        var mu = CompromiseSolution.FuzzyMemberships(front, 2);
        Assert.Equal([1.0, 0.0, 0.6, 0.6, 0.0, 1.0, 0.4, 0.7], mu);
    }

    [Fact]
    public void TopsisMatchesAHandComputation()
    {
        // Column norms √(1 + 9) = √10 for both; equal weights 0.5. Member (1,3): v = (0.158, 0.474);
        // ideal (0.158, 0.158), anti (0.474, 0.474). Members (1,3) and (3,1) tie at C = 0.5; (2,2) has C = 0.5 too,
        // so the lower index wins. With weights (0.8, 0.2) the member best on f1 wins.
        double[] front = [1, 3, 2, 2, 3, 1];
        Assert.Equal(0, CompromiseSolution.Select(front, 2, CompromiseMethod.Topsis));
        Assert.Equal(0, CompromiseSolution.Select(front, 2, CompromiseMethod.Topsis, [0.8, 0.2]));
        Assert.Equal(2, CompromiseSolution.Select(front, 2, CompromiseMethod.Topsis, [0.2, 0.8]));

        // A dominated-looking knee: (1, 9), (2, 2), (9, 1) → the knee (2, 2) is closest to the ideal.
        Assert.Equal(1, CompromiseSolution.Select([1, 9, 2, 2, 9, 1], 2, CompromiseMethod.Topsis));
        Assert.Equal(1, CompromiseSolution.Select([1, 9, 2, 2, 9, 1], 2, CompromiseMethod.FuzzyMaxMin));
    }

    [Fact]
    public void FuzzyMaxMinOnZdt1sFrontPicksTheBalancedPointAnalytically()
    {
        // Both memberships are 1 − f (ranges [0, 1]); max–min balances them at f1 = f2 = 1 − √f1, i.e.
        // f1 = ((√5 − 1) / 2)² = 0.381966.
        var front = Problems.MultiObjective.ParetoFronts.Zdt1();
        var i = CompromiseSolution.Select(front, 2);
        Assert.Equal(0.3819660113, front[2 * i], 1e-3);
        var t = CompromiseSolution.Select(front, 2, CompromiseMethod.Topsis);
        Assert.InRange(front[2 * t], 0.2, 0.6); // TOPSIS' knee lies in the middle of the front too
    }

    [Fact]
    public void CompromiseRejectsAnEmptyFront()
    {
        Assert.Throws<ArgumentException>(() => CompromiseSolution.Select([], 2));
        Assert.Throws<ArgumentException>(() => CompromiseSolution.Select([1, 2], 2, CompromiseMethod.Topsis, [1, 2, 3]));
    }

    [Fact]
    public void ParetoComparisonIsReproducibleForAnyThreadCount()
    {
        using var provider = new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider();
        var runner = new ParetoComparison(provider.GetRequiredService<IOptimizerRegistry>());
        var request = new ParetoComparisonRequest
        {
            Problems = ["zdt1", "zdt3"], Optimizers = ["mopso", "nsga2"], Evaluations = 2_000, Runs = 3, Seed = 11,
            MaxDegreeOfParallelism = 1,
        };
        var one = runner.Run(request);
        var two = runner.Run(request with { MaxDegreeOfParallelism = 2 });
        Assert.Equal(4, one.Summaries.Count);
        Assert.Equal(12, one.Runs.Count);
        Assert.Equal(one.Summaries.Select(s => (s.IgdMean, s.HvMean)), two.Summaries.Select(s => (s.IgdMean, s.HvMean)));
        Assert.Equal(["mopso", "nsga2", "mopso", "nsga2"], one.Summaries.Select(s => s.Optimizer));
        Assert.All(one.Summaries, s =>
        {
            Assert.Equal(3, s.Runs);
            Assert.Equal(2_000, s.MeanEvaluations);
            Assert.True(s.HvMean > 0 && s.HvMean < s.TrueFrontHv);
            Assert.True(s.IgdStd > 0);
        });

        // Run r of both optimizers shares its seed; different runs differ.
        Assert.Equal(one.Runs[0].Seed, one.Runs[3].Seed);
        Assert.NotEqual(one.Runs[0].Seed, one.Runs[1].Seed);
    }

    [Fact]
    public void ParetoComparisonRejectsUnknownNames()
    {
        using var provider = new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider();
        var runner = new ParetoComparison(provider.GetRequiredService<IOptimizerRegistry>());
        var ex = Assert.Throws<ArgumentException>(() => runner.Run(new ParetoComparisonRequest { Problems = ["zdt1"], Optimizers = ["nope"] }));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => runner.Run(new ParetoComparisonRequest { Problems = ["zdt9"], Optimizers = ["mopso"] }));
        Assert.Contains("zdt9", ex.Message, StringComparison.Ordinal);
    }
}
