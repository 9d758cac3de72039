using MathNet.Numerics.Distributions;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>Outcome of a two-sided Wilcoxon rank-sum (Mann–Whitney U) test of sample a against sample b.</summary>
/// <param name="U">U of sample a: its rank sum minus n_a(n_a + 1)/2 (ranks from 1 = smallest, ties averaged).</param>
/// <param name="Z">Standard normal score with tie and continuity correction (negative when a ranks lower).</param>
/// <param name="PValue">Two-sided p-value of the normal approximation (1 when every value is tied).</param>
public readonly record struct RankSumResult(double U, double Z, double PValue);

/// <summary>
/// The two-sided Wilcoxon rank-sum test (Mann–Whitney U) by the normal approximation with tie and continuity
/// correction — what R's <c>wilcox.test(a, b, exact = FALSE, correct = TRUE)</c> and SciPy's
/// <c>mannwhitneyu(a, b, method="asymptotic", use_continuity=True)</c> compute: with N = n_a + n_b,
/// σ² = n_a n_b / 12 · [(N + 1) − Σ(t³ − t) / (N (N − 1))] over tie groups of size t,
/// z = (U − n_a n_b / 2 − sign·½) / σ and p = 2 min(Φ(z), 1 − Φ(z)). NaN values rank as the largest (worst).
/// </summary>
public static class RankSumTest
{
    /// <summary>Tests whether a and b come from the same distribution.</summary>
    /// <param name="a">Sample a (at least one value).</param>
    /// <param name="b">Sample b (at least one value).</param>
    /// <returns>U, z and the two-sided p-value.</returns>
    /// <exception cref="ArgumentException">A sample is empty.</exception>
    public static RankSumResult TwoSided(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            throw new ArgumentException("The rank-sum test needs at least one value in each sample.", nameof(a));
        }

        var na = a.Length;
        var nb = b.Length;
        var total = na + nb;
        var values = new double[total];
        var isA = new bool[total];
        for (var i = 0; i < total; i++)
        {
            values[i] = Key(i < na ? a[i] : b[i - na]);
            isA[i] = i < na;
        }

        Array.Sort(values, isA);
        var rankSumA = 0.0;
        var tieTerm = 0.0;
        for (var start = 0; start < total;)
        {
            var end = start + 1;
            while (end < total && values[end] == values[start])
            {
                end++;
            }

            var t = end - start;
            var rank = 0.5 * (start + 1 + end); // average of ranks start+1 … end
            for (var i = start; i < end; i++)
            {
                if (isA[i])
                {
                    rankSumA += rank;
                }
            }

            tieTerm += ((double)t * t * t) - t;
            start = end;
        }

        var u = rankSumA - (na * (na + 1.0) / 2.0);
        var d = u - (na * (double)nb / 2.0);
        var variance = na * (double)nb / 12.0 * ((total + 1.0) - (tieTerm / (total * (total - 1.0))));
        if (!(variance > 0))
        {
            return new RankSumResult(u, 0.0, 1.0);
        }

        var z = (d - (Math.Sign(d) * 0.5)) / Math.Sqrt(variance);
        var p = 2.0 * Math.Min(Normal.CDF(0.0, 1.0, z), Normal.CDF(0.0, 1.0, -z));
        return new RankSumResult(u, z, Math.Min(1.0, p));
    }

    /// <summary>Sort key: NaN ranks as the largest value.</summary>
    internal static double Key(double v) => double.IsNaN(v) ? double.PositiveInfinity : v;
}

/// <summary>Corrections of p-values for multiple comparisons.</summary>
public static class MultipleTesting
{
    /// <summary>
    /// Holm's step-down adjustment (Holm 1979; R's <c>p.adjust(p, "holm")</c>): with the m p-values sorted
    /// ascending, p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1) p₍ⱼ₎); returned in the input order.
    /// </summary>
    /// <param name="pValues">Raw p-values in [0, 1].</param>
    /// <returns>Adjusted p-values, same order.</returns>
    public static double[] Holm(ReadOnlySpan<double> pValues)
    {
        var m = pValues.Length;
        var order = new int[m];
        var sorted = pValues.ToArray();
        for (var i = 0; i < m; i++)
        {
            order[i] = i;
        }

        Array.Sort(sorted, order);
        var adjusted = new double[m];
        var running = 0.0;
        for (var i = 0; i < m; i++)
        {
            running = Math.Max(running, Math.Min(1.0, (m - i) * sorted[i]));
            adjusted[order[i]] = running;
        }

        return adjusted;
    }
}

/// <summary>A pairwise test on one function (JSON <c>pairs</c> item).</summary>
/// <param name="Function">Function name.</param>
/// <param name="A">First optimizer.</param>
/// <param name="B">Second optimizer.</param>
/// <param name="PValue">Two-sided rank-sum p-value.</param>
/// <param name="AdjustedPValue">Holm-adjusted over the pairs of this function.</param>
/// <param name="Better"><c>a</c> or <c>b</c> when the adjusted p-value is below α (the one whose final values rank
/// lower), else <c>none</c>.</param>
public sealed record PairwiseTest(string Function, string A, string B, double PValue, double AdjustedPValue, string Better);

/// <summary>An optimizer's Friedman average rank over the functions (1 = best).</summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Rank">Average over functions of its rank by mean final value (ties averaged).</param>
public sealed record FriedmanRank(string Optimizer, double Rank);

/// <summary>How often <see cref="Optimizer"/> was significantly better than, not different from, or worse than
/// <see cref="Versus"/> over the functions.</summary>
/// <param name="Optimizer">Optimizer.</param>
/// <param name="Versus">The other optimizer.</param>
/// <param name="Wins">Functions where it was significantly better.</param>
/// <param name="Ties">Functions without a significant difference.</param>
/// <param name="Losses">Functions where it was significantly worse.</param>
public sealed record WinTieLoss(string Optimizer, string Versus, int Wins, int Ties, int Losses);

/// <summary>
/// Significance of a solver comparison: per function, two-sided Wilcoxon rank-sum tests between every pair of
/// optimizers on the final values (<see cref="RankSumTest"/>), Holm-corrected over that function's pairs; Friedman
/// average ranks over the functions (Demšar 2006), with Friedman's χ² statistic and its p-value when there are at
/// least two functions and two optimizers; and a win/tie/loss table.
/// </summary>
/// <param name="Test">Test name (<c>wilcoxon-rank-sum</c>).</param>
/// <param name="Correction">Correction name (<c>holm</c>).</param>
/// <param name="Alpha">Significance level.</param>
/// <param name="Pairs">Tests, functions in row order, pairs (a before b in optimizer order).</param>
/// <param name="FriedmanRanks">Average ranks, optimizers in row order.</param>
/// <param name="FriedmanChiSquare">Friedman's χ²_F (NaN with fewer than two functions or optimizers).</param>
/// <param name="FriedmanPValue">P-value of χ²_F on k − 1 degrees of freedom (NaN likewise).</param>
/// <param name="WinTieLoss">Win/tie/loss counts, one row per ordered pair of optimizers.</param>
public sealed record ComparisonStatistics(
    string Test, string Correction, double Alpha, IReadOnlyList<PairwiseTest> Pairs,
    IReadOnlyList<FriedmanRank> FriedmanRanks, double FriedmanChiSquare, double FriedmanPValue,
    IReadOnlyList<WinTieLoss> WinTieLoss)
{
    /// <summary>Computes the statistics of comparison rows (every optimizer on every function, as
    /// <see cref="ComparisonResult.Rows"/> holds them).</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="alpha">Significance level in (0, 1).</param>
    /// <returns>The statistics.</returns>
    /// <exception cref="ArgumentException">Alpha is out of range or a (function, optimizer) row is missing.</exception>
    public static ComparisonStatistics Compute(IReadOnlyList<ComparisonRow> rows, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(rows);
        PsoOptions.Require(alpha is > 0 and < 1, nameof(alpha), alpha);
        var functions = rows.Select(r => r.Function).Distinct(StringComparer.Ordinal).ToArray();
        var optimizers = rows.Select(r => r.Optimizer).Distinct(StringComparer.Ordinal).ToArray();
        var table = rows.ToDictionary(r => (r.Function, r.Optimizer));
        ComparisonRow Row(string f, string o) => table.TryGetValue((f, o), out var r)
            ? r
            : throw new ArgumentException($"No row for optimizer '{o}' on function '{f}'.", nameof(rows));

        var k = optimizers.Length;
        var pairs = new List<PairwiseTest>();
        var wins = new int[k, k];
        var ties = new int[k, k];
        var rankSums = new double[k];
        foreach (var f in functions)
        {
            var tests = new List<(int A, int B, RankSumResult R)>();
            for (var a = 0; a < k; a++)
            {
                for (var b = a + 1; b < k; b++)
                {
                    var ra = Row(f, optimizers[a]).Values.ToArray();
                    var rb = Row(f, optimizers[b]).Values.ToArray();
                    tests.Add((a, b, RankSumTest.TwoSided(ra, rb)));
                }
            }

            var adjusted = MultipleTesting.Holm(tests.Select(t => t.R.PValue).ToArray());
            for (var i = 0; i < tests.Count; i++)
            {
                var (a, b, r) = tests[i];
                var better = adjusted[i] >= alpha || r.Z == 0 ? "none" : r.Z < 0 ? "a" : "b";
                pairs.Add(new PairwiseTest(f, optimizers[a], optimizers[b], r.PValue, adjusted[i], better));
                switch (better)
                {
                    case "a":
                        wins[a, b]++;
                        break;
                    case "b":
                        wins[b, a]++;
                        break;
                    default:
                        ties[a, b]++;
                        ties[b, a]++;
                        break;
                }
            }

            var ranks = AverageRanks(optimizers.Select(o => RankSumTest.Key(Row(f, o).Mean)).ToArray());
            for (var o = 0; o < k; o++)
            {
                rankSums[o] += ranks[o];
            }
        }

        var nf = functions.Length;
        var friedman = optimizers.Select((o, i) => new FriedmanRank(o, rankSums[i] / nf)).ToArray();
        double chi = double.NaN, p = double.NaN;
        if (nf >= 2 && k >= 2)
        {
            var sumSquares = friedman.Sum(r => r.Rank * r.Rank);
            chi = 12.0 * nf / (k * (k + 1.0)) * (sumSquares - (k * (k + 1.0) * (k + 1.0) / 4.0));
            p = 1.0 - ChiSquared.CDF(k - 1, Math.Max(0.0, chi));
        }

        var wtl = new List<WinTieLoss>();
        for (var a = 0; a < k; a++)
        {
            for (var b = 0; b < k; b++)
            {
                if (a != b)
                {
                    wtl.Add(new WinTieLoss(optimizers[a], optimizers[b], wins[a, b], ties[a, b], wins[b, a]));
                }
            }
        }

        return new ComparisonStatistics("wilcoxon-rank-sum", "holm", alpha, pairs, friedman, chi, p, wtl);
    }

    /// <summary>Ranks 1 … k of the values (smallest = 1), ties given their average rank.</summary>
    internal static double[] AverageRanks(double[] values)
    {
        var k = values.Length;
        var order = Enumerable.Range(0, k).OrderBy(i => values[i]).ToArray();
        var ranks = new double[k];
        for (var start = 0; start < k;)
        {
            var end = start + 1;
            while (end < k && values[order[end]] == values[order[start]])
            {
                end++;
            }

            for (var i = start; i < end; i++)
            {
                ranks[order[i]] = 0.5 * (start + 1 + end);
            }

            start = end;
        }

        return ranks;
    }
}
