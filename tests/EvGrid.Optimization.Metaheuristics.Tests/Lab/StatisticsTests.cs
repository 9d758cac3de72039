using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

public class StatisticsTests
{
    // Reference values: SciPy 1.10.1, scipy.stats.mannwhitneyu(a, b, alternative="two-sided", method="asymptotic",
    // use_continuity=True) — the normal approximation with tie and continuity correction (the same as R's
    // wilcox.test(a, b, exact = FALSE, correct = TRUE)). Statistic = U of the first sample.
    [Fact]
    public void Rank_sum_with_ties_matches_scipy()
    {
        double[] a = [1.2, 3.4, 3.4, 5.0, 0.7, 2.2, 9.1, 3.4];
        double[] b = [2.0, 3.4, 6.1, 7.7, 5.0, 8.8, 4.4];
        var r = RankSumTest.TwoSided(a, b);
        Assert.Equal(16.0, r.U);
        Assert.Equal(0.1789053263795407, r.PValue, 1e-6);
        Assert.True(r.Z < 0); // a ranks lower
        Assert.Equal(r.PValue, RankSumTest.TwoSided(b, a).PValue, 1e-15);
    }

    [Fact]
    public void Rank_sum_without_ties_matches_scipy()
    {
        double[] x =
        [
            0.00123, 0.298746, -0.274138, -0.890592, -0.454671, -0.991647, 0.060144, 1.340215, -0.492207, -0.620475,
            0.489842, 0.356887, 0.105414, -0.930468, -0.029252, 0.695303, -1.344215, -0.457616, -1.901223, -1.289538,
            -1.841735, -0.235091, -1.267446, 0.271264, 0.156751, -0.186931, -2.51676, -0.538693, -0.048501, 0.113309,
        ];
        double[] y =
        [
            -0.930136, 0.122247, -0.378519, -0.208837, 1.660899, -0.207535, 0.567478, 1.48439, 0.0164, 0.488298,
            0.710464, 0.663782, -0.625056, 0.67614, 1.958823, -0.947145, 1.459383, 0.719354, -0.04147, 2.600417,
            1.36226, -0.599289, 0.674516, 1.17669, 0.411218,
        ];
        var r = RankSumTest.TwoSided(x, y);
        Assert.Equal(176.0, r.U);
        Assert.Equal(0.0007928973849642252, r.PValue, 1e-6);
    }

    [Fact]
    public void Rank_sum_with_many_exact_zeros_matches_scipy()
    {
        // The shape of optimizer results that reach the optimum exactly in most runs.
        double[] c = [0, 0, 0, 0, 0, 0, 1e-9, 0, 0, 0];
        double[] d = [0, 0, 2e-3, 0, 5e-4, 1e-2, 0, 3e-3, 0, 7e-3];
        var r = RankSumTest.TwoSided(c, d);
        Assert.Equal(27.5, r.U);
        Assert.Equal(0.04033146358706222, r.PValue, 1e-6);
    }

    [Fact]
    public void All_tied_samples_give_p_one()
    {
        var r = RankSumTest.TwoSided([0.0, 0.0, 0.0], [0.0, 0.0]);
        Assert.Equal(1.0, r.PValue);
        Assert.Equal(0.0, r.Z);
    }

    [Fact]
    public void Holm_adjustment_is_the_step_down_maximum()
    {
        // Sorted 0.01, 0.03, 0.04 → 3·0.01 = 0.03, max(0.03, 2·0.03) = 0.06, max(0.06, 1·0.04) = 0.06.
        var adjusted = MultipleTesting.Holm([0.01, 0.04, 0.03]);
        Assert.Equal([0.03, 0.06, 0.06], adjusted);
        Assert.Equal([1.0, 1.0], MultipleTesting.Holm([0.6, 0.7]));
    }

    [Fact]
    public void Statistics_pick_the_better_optimizer_rank_by_mean_and_count_wins()
    {
        // "good" is below "bad" on every run of both functions; "same" equals "bad".
        ComparisonRow Row(string o, string f, double[] v) =>
            new(o, f, 2, v.Length, v.Min(), v.Max(), v.Average(), v.Order().ElementAt(v.Length / 2), 0, 0, 100, v);
        double[] low = [1, 2, 3, 4, 5, 6, 7, 8];
        double[] high = [11, 12, 13, 14, 15, 16, 17, 18];
        var rows = new[]
        {
            Row("good", "f", low), Row("bad", "f", high), Row("same", "f", high),
            Row("good", "g", low), Row("bad", "g", high), Row("same", "g", high),
        };
        var s = ComparisonStatistics.Compute(rows);
        Assert.Equal("wilcoxon-rank-sum", s.Test);
        Assert.Equal("holm", s.Correction);
        Assert.Equal(6, s.Pairs.Count);
        var goodBad = s.Pairs.Single(p => p.Function == "f" && p.A == "good" && p.B == "bad");
        Assert.Equal("a", goodBad.Better);
        Assert.True(goodBad.AdjustedPValue < 0.05 && goodBad.AdjustedPValue >= goodBad.PValue);
        Assert.Equal("none", s.Pairs.Single(p => p.Function == "f" && p.A == "bad" && p.B == "same").Better);

        // Per function ranks: good 1, bad and same tied at 2.5.
        Assert.Equal(1.0, s.FriedmanRanks.Single(r => r.Optimizer == "good").Rank);
        Assert.Equal(2.5, s.FriedmanRanks.Single(r => r.Optimizer == "bad").Rank);

        // Friedman chi2 = 12 N / (k (k + 1)) [sum R^2 - k (k + 1)^2 / 4] = 24/12 (1 + 6.25 + 6.25 - 12) = 3.
        Assert.Equal(3.0, s.FriedmanChiSquare, 1e-12);
        Assert.Equal(Math.Exp(-1.5), s.FriedmanPValue, 1e-12); // chi-square with 2 dof: P(X > x) = exp(-x/2)
        var wtl = s.WinTieLoss.Single(w => w.Optimizer == "good" && w.Versus == "bad");
        Assert.Equal((2, 0, 0), (wtl.Wins, wtl.Ties, wtl.Losses));
        var back = s.WinTieLoss.Single(w => w.Optimizer == "bad" && w.Versus == "good");
        Assert.Equal((0, 0, 2), (back.Wins, back.Ties, back.Losses));
    }
}
