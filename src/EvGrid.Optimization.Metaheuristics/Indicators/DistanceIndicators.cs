namespace EvGrid.Optimization.Metaheuristics.Indicators;

/// <summary>
/// Inverted generational distance (Coello Coello &amp; Reyes Sierra 2004): the mean, over the points of a reference
/// front (a sample of the true Pareto front), of the Euclidean distance to the nearest point of the obtained front.
/// Lower is better; 0 when every reference point is matched. Objectives are used as they are (not normalised).
/// </summary>
public static class Igd
{
    /// <summary>Computes IGD = (1/|Z|) Σ_{z∈Z} min_{a∈A} ‖z − a‖₂.</summary>
    /// <param name="front">Obtained front A, row-major, <paramref name="objectives"/> values per row (not empty).</param>
    /// <param name="reference">Reference front Z, row-major (not empty).</param>
    /// <param name="objectives">Number of objectives.</param>
    /// <returns>The inverted generational distance.</returns>
    /// <exception cref="ArgumentException">Empty or ragged fronts, or non-finite values.</exception>
    public static double Compute(ReadOnlySpan<double> front, ReadOnlySpan<double> reference, int objectives)
    {
        var n = FrontGuard.Rows(front, objectives, nameof(front));
        var z = FrontGuard.Rows(reference, objectives, nameof(reference));
        if (n == 0 || z == 0)
        {
            throw new ArgumentException(
                $"IGD needs non-empty fronts (front has {n} points, reference has {z}).", n == 0 ? nameof(front) : nameof(reference));
        }

        return FrontGuard.MeanNearestDistance(reference, z, front, n, objectives);
    }
}

/// <summary>
/// IGD+ (Ishibuchi, Masuda, Tanigaki &amp; Nojima 2015): like <see cref="Igd"/> but each distance counts only the
/// objectives in which the obtained point is worse than the reference point,
/// d⁺(z, a) = √Σ_k max(a_k − z_k, 0)², which makes the indicator weakly Pareto compliant. Lower is better.
/// </summary>
public static class IgdPlus
{
    /// <summary>Computes IGD+ = (1/|Z|) Σ_{z∈Z} min_{a∈A} d⁺(z, a).</summary>
    /// <param name="front">Obtained front A, row-major (not empty).</param>
    /// <param name="reference">Reference front Z, row-major (not empty).</param>
    /// <param name="objectives">Number of objectives.</param>
    /// <returns>The IGD+ value.</returns>
    /// <exception cref="ArgumentException">Empty or ragged fronts, or non-finite values.</exception>
    public static double Compute(ReadOnlySpan<double> front, ReadOnlySpan<double> reference, int objectives)
    {
        var n = FrontGuard.Rows(front, objectives, nameof(front));
        var z = FrontGuard.Rows(reference, objectives, nameof(reference));
        if (n == 0 || z == 0)
        {
            throw new ArgumentException(
                $"IGD+ needs non-empty fronts (front has {n} points, reference has {z}).", n == 0 ? nameof(front) : nameof(reference));
        }

        var sum = 0.0;
        for (var i = 0; i < z; i++)
        {
            var zi = reference.Slice(i * objectives, objectives);
            var best = double.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                var a = front.Slice(j * objectives, objectives);
                var s = 0.0;
                for (var k = 0; k < objectives; k++)
                {
                    var d = Math.Max(a[k] - zi[k], 0.0);
                    s += d * d;
                }

                if (s < best)
                {
                    best = s;
                }
            }

            sum += Math.Sqrt(best);
        }

        return sum / z;
    }
}

/// <summary>
/// Generational distance (Van Veldhuizen &amp; Lamont 1998): how far the obtained front lies from the reference front,
/// GD_p = (1/|A|) (Σ_{a∈A} min_{z∈Z} ‖a − z‖₂^p)^{1/p}. With the default p = 1 this is the mean distance from each
/// obtained point to the nearest reference point (the convention of pymoo); p = 2 gives the original definition.
/// Lower is better.
/// </summary>
public static class GenerationalDistance
{
    /// <summary>Computes GD_p.</summary>
    /// <param name="front">Obtained front A, row-major (not empty).</param>
    /// <param name="reference">Reference front Z, row-major (not empty).</param>
    /// <param name="objectives">Number of objectives.</param>
    /// <param name="power">The exponent p (≥ 1); 1 by default.</param>
    /// <returns>The generational distance.</returns>
    /// <exception cref="ArgumentException">Empty or ragged fronts, non-finite values or p &lt; 1.</exception>
    public static double Compute(ReadOnlySpan<double> front, ReadOnlySpan<double> reference, int objectives, double power = 1.0)
    {
        if (!(power >= 1.0) || double.IsInfinity(power))
        {
            throw new ArgumentOutOfRangeException(nameof(power), power, "power must be a finite number ≥ 1.");
        }

        var n = FrontGuard.Rows(front, objectives, nameof(front));
        var z = FrontGuard.Rows(reference, objectives, nameof(reference));
        if (n == 0 || z == 0)
        {
            throw new ArgumentException(
                $"GD needs non-empty fronts (front has {n} points, reference has {z}).", n == 0 ? nameof(front) : nameof(reference));
        }

        var sum = 0.0;
        for (var j = 0; j < n; j++)
        {
            var a = front.Slice(j * objectives, objectives);
            var best = double.PositiveInfinity;
            for (var i = 0; i < z; i++)
            {
                var d = FrontGuard.SquaredDistance(a, reference.Slice(i * objectives, objectives));
                if (d < best)
                {
                    best = d;
                }
            }

            sum += Math.Pow(Math.Sqrt(best), power);
        }

        return Math.Pow(sum, 1.0 / power) / n;
    }
}

/// <summary>
/// Spacing (Schott 1995): the standard deviation of the nearest-neighbour distances inside the obtained front,
/// S = √((1/(n − 1)) Σ_i (d̄ − d_i)²), with d_i = min_{j≠i} Σ_k |f_k(i) − f_k(j)| (city-block distance).
/// 0 means evenly spaced points. Lower is better.
/// </summary>
public static class Spacing
{
    /// <summary>Computes Schott's spacing. A front of fewer than two points has spacing 0.</summary>
    /// <param name="front">Obtained front, row-major.</param>
    /// <param name="objectives">Number of objectives.</param>
    /// <returns>The spacing value.</returns>
    /// <exception cref="ArgumentException">Ragged front or non-finite values.</exception>
    public static double Compute(ReadOnlySpan<double> front, int objectives)
    {
        var n = FrontGuard.Rows(front, objectives, nameof(front));
        if (n < 2)
        {
            return 0.0;
        }

        var d = new double[n];
        for (var i = 0; i < n; i++)
        {
            var a = front.Slice(i * objectives, objectives);
            var best = double.PositiveInfinity;
            for (var j = 0; j < n; j++)
            {
                if (j == i)
                {
                    continue;
                }

                var b = front.Slice(j * objectives, objectives);
                var s = 0.0;
                for (var k = 0; k < objectives; k++)
                {
                    s += Math.Abs(a[k] - b[k]);
                }

                best = Math.Min(best, s);
            }

            d[i] = best;
        }

        var mean = d.Average();
        var ss = 0.0;
        foreach (var di in d)
        {
            ss += (mean - di) * (mean - di);
        }

        return Math.Sqrt(ss / (n - 1));
    }
}
