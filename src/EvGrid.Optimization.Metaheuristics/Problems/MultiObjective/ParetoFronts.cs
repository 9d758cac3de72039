namespace EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;

/// <summary>
/// Sampled true Pareto fronts of the ZDT (Zitzler, Deb &amp; Thiele 2000) and DTLZ (Deb, Thiele, Laumanns &amp;
/// Zitzler 2002) test problems, used as IGD/GD reference sets. Every front is a row-major flat array
/// (row i = objectives of point i).
/// </summary>
/// <remarks>
/// <para>ZDT fronts are sampled with f1 evenly spaced (uniform) over the Pareto-optimal range of f1, 1 000 points by
/// default, and f2 from the front's closed form at g = 1: ZDT1/ZDT4 f2 = 1 − √f1, ZDT2 f2 = 1 − f1², ZDT6
/// f2 = 1 − f1² on f1 ∈ [0.2807753191, 1] (the minimum of 1 − e^(−4x) sin⁶(6πx)).</para>
/// <para>ZDT3's curve f2 = 1 − √f1 − f1 sin(10πf1) is Pareto optimal only on five disjoint f1 intervals (its
/// non-dominated part; see <see cref="Zdt3Intervals"/>). The sample places its points evenly in f1 over the union
/// of those intervals (uniform density in f1 restricted to the front, both ends of each interval included when the
/// spacing allows), so no reference point lies on a dominated part of the curve.</para>
/// <para>DTLZ fronts use the Das–Dennis simplex lattice with H divisions (C(H + M − 1, M − 1) points): DTLZ1 is the
/// plane Σf = 0.5 (lattice × 0.5), DTLZ2 the unit sphere's positive orthant (lattice normalised to length 1).</para>
/// </remarks>
public static class ParetoFronts
{
    /// <summary>Default number of points of a sampled ZDT front.</summary>
    public const int DefaultZdtPoints = 1000;

    /// <summary>Lowest f1 on ZDT6's Pareto front: min over x ∈ [0, 1] of 1 − e^(−4x) sin⁶(6πx) (at x ≈ 0.08146).</summary>
    public const double Zdt6MinF1 = 0.2807753191;

    /// <summary>
    /// The five f1 intervals on which ZDT3's curve f2 = 1 − √f1 − f1 sin(10πf1) is Pareto optimal. Each right end is
    /// a local minimum of the curve; each left end is where the curve falls below the previous interval's minimum.
    /// Values to 10 digits (reproduced by a fine-grid non-dominated filter in the tests).
    /// </summary>
    public static IReadOnlyList<(double Low, double High)> Zdt3Intervals { get; } =
    [
        (0.0, 0.0830015349),
        (0.1822287280, 0.2577623634),
        (0.4093136748, 0.4538821041),
        (0.6183967944, 0.6525117038),
        (0.8233317983, 0.8518328654),
    ];

    /// <summary>ZDT1 (and ZDT4) front: f2 = 1 − √f1, f1 ∈ [0, 1].</summary>
    /// <param name="points">Number of points (≥ 2).</param>
    /// <returns>Row-major (f1, f2) pairs.</returns>
    public static double[] Zdt1(int points = DefaultZdtPoints) => Curve(points, 0.0, 1.0, f1 => 1.0 - Math.Sqrt(f1));

    /// <summary>ZDT2 front: f2 = 1 − f1², f1 ∈ [0, 1].</summary>
    /// <param name="points">Number of points (≥ 2).</param>
    /// <returns>Row-major (f1, f2) pairs.</returns>
    public static double[] Zdt2(int points = DefaultZdtPoints) => Curve(points, 0.0, 1.0, f1 => 1.0 - (f1 * f1));

    /// <summary>ZDT4 front: identical to ZDT1's.</summary>
    /// <param name="points">Number of points (≥ 2).</param>
    /// <returns>Row-major (f1, f2) pairs.</returns>
    public static double[] Zdt4(int points = DefaultZdtPoints) => Zdt1(points);

    /// <summary>ZDT6 front: f2 = 1 − f1², f1 ∈ [<see cref="Zdt6MinF1"/>, 1].</summary>
    /// <param name="points">Number of points (≥ 2).</param>
    /// <returns>Row-major (f1, f2) pairs.</returns>
    public static double[] Zdt6(int points = DefaultZdtPoints) => Curve(points, Zdt6MinF1, 1.0, f1 => 1.0 - (f1 * f1));

    /// <summary>ZDT3 front: f2 = 1 − √f1 − f1 sin(10πf1), f1 evenly spaced over the union of <see cref="Zdt3Intervals"/>.</summary>
    /// <param name="points">Number of points (≥ 2).</param>
    /// <returns>Row-major (f1, f2) pairs.</returns>
    public static double[] Zdt3(int points = DefaultZdtPoints)
    {
        CheckPoints(points);
        var total = 0.0;
        foreach (var (lo, hi) in Zdt3Intervals)
        {
            total += hi - lo;
        }

        var front = new double[2 * points];
        for (var i = 0; i < points; i++)
        {
            // Arc position s along the concatenated intervals, mapped back into its interval.
            var s = total * i / (points - 1);
            var f1 = Zdt3Intervals[^1].High;
            foreach (var (lo, hi) in Zdt3Intervals)
            {
                if (s <= hi - lo)
                {
                    f1 = lo + s;
                    break;
                }

                s -= hi - lo;
            }

            front[2 * i] = f1;
            front[(2 * i) + 1] = Zdt3Curve(f1);
        }

        return front;
    }

    /// <summary>ZDT3's front curve at g = 1: f2 = 1 − √f1 − f1 sin(10πf1).</summary>
    /// <param name="f1">First objective.</param>
    /// <returns>f2.</returns>
    public static double Zdt3Curve(double f1) => 1.0 - Math.Sqrt(f1) - (f1 * Math.Sin(10.0 * Math.PI * f1));

    /// <summary>DTLZ1 front: the Das–Dennis lattice scaled to the plane Σ f_m = 0.5.</summary>
    /// <param name="objectives">Number of objectives M (≥ 2).</param>
    /// <param name="divisions">Lattice divisions H (≥ 1); null picks the smallest H giving at least 1 000 points.</param>
    /// <returns>Row-major objective vectors.</returns>
    public static double[] Dtlz1(int objectives = 3, int? divisions = null)
    {
        var lattice = SimplexLattice(objectives, divisions ?? DivisionsFor(objectives, 1000));
        for (var i = 0; i < lattice.Length; i++)
        {
            lattice[i] *= 0.5;
        }

        return lattice;
    }

    /// <summary>DTLZ2 front: the Das–Dennis lattice projected on the unit sphere (Σ f_m² = 1, f ≥ 0).</summary>
    /// <param name="objectives">Number of objectives M (≥ 2).</param>
    /// <param name="divisions">Lattice divisions H (≥ 1); null picks the smallest H giving at least 1 000 points.</param>
    /// <returns>Row-major objective vectors.</returns>
    public static double[] Dtlz2(int objectives = 3, int? divisions = null)
    {
        var lattice = SimplexLattice(objectives, divisions ?? DivisionsFor(objectives, 1000));
        var n = lattice.Length / objectives;
        for (var i = 0; i < n; i++)
        {
            var row = lattice.AsSpan(i * objectives, objectives);
            var norm = 0.0;
            foreach (var v in row)
            {
                norm += v * v;
            }

            norm = Math.Sqrt(norm);
            for (var k = 0; k < objectives; k++)
            {
                row[k] /= norm;
            }
        }

        return lattice;
    }

    /// <summary>
    /// Das–Dennis simplex lattice: every vector w ≥ 0 with Σ w = 1 whose entries are multiples of 1/H,
    /// C(H + M − 1, M − 1) rows in lexicographic order.
    /// </summary>
    /// <param name="objectives">Dimension M (≥ 2).</param>
    /// <param name="divisions">Divisions H (≥ 1).</param>
    /// <returns>Row-major lattice points.</returns>
    public static double[] SimplexLattice(int objectives, int divisions)
    {
        if (objectives < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(objectives), objectives, "objectives must be at least 2.");
        }

        if (divisions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(divisions), divisions, "divisions must be at least 1.");
        }

        var count = checked((int)Binomial(divisions + objectives - 1, objectives - 1));
        var result = new double[count * objectives];
        var current = new int[objectives];
        var row = 0;
        Fill(0, divisions);
        return result;

        void Fill(int index, int left)
        {
            if (index == objectives - 1)
            {
                current[index] = left;
                for (var k = 0; k < objectives; k++)
                {
                    result[(row * objectives) + k] = (double)current[k] / divisions;
                }

                row++;
                return;
            }

            for (var v = left; v >= 0; v--)
            {
                current[index] = v;
                Fill(index + 1, left - v);
            }
        }
    }

    private static int DivisionsFor(int objectives, int minPoints)
    {
        if (objectives < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(objectives), objectives, "objectives must be at least 2.");
        }

        var h = 1;
        while (Binomial(h + objectives - 1, objectives - 1) < minPoints)
        {
            h++;
        }

        return h;
    }

    private static double Binomial(int n, int k)
    {
        var r = 1.0;
        for (var i = 1; i <= k; i++)
        {
            r = r * (n - k + i) / i;
        }

        return Math.Round(r);
    }

    private static double[] Curve(int points, double low, double high, Func<double, double> f2)
    {
        CheckPoints(points);
        var front = new double[2 * points];
        for (var i = 0; i < points; i++)
        {
            var f1 = low + ((high - low) * i / (points - 1));
            front[2 * i] = f1;
            front[(2 * i) + 1] = f2(f1);
        }

        return front;
    }

    private static void CheckPoints(int points)
    {
        if (points < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(points), points, "points must be at least 2.");
        }
    }
}
