namespace EvGrid.Optimization.Metaheuristics.Indicators;

/// <summary>
/// Hypervolume (S-metric, Zitzler &amp; Thiele 1998) of a front of minimised objectives with respect to an explicit
/// reference point: the Lebesgue measure of the union of the boxes <c>[p, r]</c> over the points <c>p</c> of the
/// front. Higher is better. Points that do not strictly dominate the reference point in every objective contribute
/// nothing; duplicates and dominated points are harmless.
/// </summary>
/// <remarks>
/// <para>Two objectives: exact sweep over the points sorted by f1, O(n log n).</para>
/// <para>Three objectives: exact sweep over f3 that keeps the two-dimensional staircase of the points seen so far,
/// O(n²) (Fonseca, Paquete &amp; López-Ibáñez 2006 describe the O(n log n) variant of the same sweep).</para>
/// <para>Four or more objectives: the WFG recursion (While, Bradstreet &amp; Barone 2012) — sort by the last
/// objective, and sum each point's exclusive contribution over the later points, each slice computed one dimension
/// lower on the non-dominated "limit set" — down to the exact three-dimensional sweep.</para>
/// The front is a row-major flat array: row <c>i</c> is <c>front[(i * objectives)..((i + 1) * objectives)]</c>.
/// </remarks>
public static class Hypervolume
{
    /// <summary>Computes the hypervolume of <paramref name="front"/> with respect to <paramref name="reference"/>.</summary>
    /// <param name="front">Row-major objective vectors (minimised), <paramref name="objectives"/> values per row.</param>
    /// <param name="objectives">Number of objectives (≥ 1).</param>
    /// <param name="reference">Reference point, one value per objective; should be dominated by the front.</param>
    /// <returns>The dominated hypervolume (0 for an empty front).</returns>
    /// <exception cref="ArgumentException">Ragged front, non-finite values or a reference point of the wrong size.</exception>
    public static double Compute(ReadOnlySpan<double> front, int objectives, ReadOnlySpan<double> reference)
    {
        var n = FrontGuard.Rows(front, objectives, nameof(front));
        FrontGuard.ReferencePoint(reference, objectives);

        // Keep only the points strictly inside the reference box.
        var kept = new double[front.Length];
        var count = 0;
        for (var i = 0; i < n; i++)
        {
            var row = front.Slice(i * objectives, objectives);
            var inside = true;
            for (var k = 0; k < objectives; k++)
            {
                if (!(row[k] < reference[k]))
                {
                    inside = false;
                    break;
                }
            }

            if (inside)
            {
                row.CopyTo(kept.AsSpan(count * objectives));
                count++;
            }
        }

        if (count == 0)
        {
            return 0.0;
        }

        var refCopy = reference.ToArray();
        return Recurse(kept, count, objectives, refCopy);
    }

    /// <summary>Hypervolume of points already inside the reference box.</summary>
    private static double Recurse(double[] pts, int n, int d, double[] r)
    {
        switch (d)
        {
            case 1:
            {
                var min = double.PositiveInfinity;
                for (var i = 0; i < n; i++)
                {
                    min = Math.Min(min, pts[i]);
                }

                return r[0] - min;
            }
            case 2:
                return Sweep2D(pts, n, r[0], r[1]);
            case 3:
                return Sweep3D(pts, n, r);
            default:
                return Wfg(pts, n, d, r);
        }
    }

    /// <summary>Exact 2-D hypervolume: sort by f1 (then f2) and add the rectangle each new staircase step adds.</summary>
    internal static double Sweep2D(double[] pts, int n, double r0, double r1)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var c = pts[2 * a].CompareTo(pts[2 * b]);
            return c != 0 ? c : pts[(2 * a) + 1].CompareTo(pts[(2 * b) + 1]);
        });

        var area = 0.0;
        var prevY = r1;
        foreach (var i in order)
        {
            var y = pts[(2 * i) + 1];
            if (y < prevY)
            {
                area += (r0 - pts[2 * i]) * (prevY - y);
                prevY = y;
            }
        }

        return area;
    }

    /// <summary>
    /// Exact 3-D hypervolume: sweep the points by increasing f3, keep the 2-D staircase (f1 ascending, f2 descending)
    /// of the points seen so far, and add area × height for each slab between consecutive f3 values.
    /// </summary>
    internal static double Sweep3D(double[] pts, int n, double[] r)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => pts[(3 * a) + 2].CompareTo(pts[(3 * b) + 2]));

        var xs = new double[n];
        var ys = new double[n];
        var size = 0;
        var volume = 0.0;
        for (var o = 0; o < n; o++)
        {
            var i = order[o];
            var x = pts[3 * i];
            var y = pts[(3 * i) + 1];

            // Staircase: xs ascending, ys strictly descending. Find the first step with xs >= x.
            var pos = LowerBound(xs, size, x);

            // Dominated (weakly) by the step just before (x' <= x, y' <= y) or by an equal-x step with y' <= y?
            var dominated = (pos > 0 && ys[pos - 1] <= y) || (pos < size && xs[pos] == x && ys[pos] <= y);
            if (!dominated)
            {
                // Remove the steps the new point dominates: from pos on, while ys >= y.
                var end = pos;
                while (end < size && ys[end] >= y)
                {
                    end++;
                }

                var removed = end - pos;
                if (removed == 0)
                {
                    Array.Copy(xs, pos, xs, pos + 1, size - pos);
                    Array.Copy(ys, pos, ys, pos + 1, size - pos);
                    size++;
                }
                else if (removed > 1)
                {
                    Array.Copy(xs, end, xs, pos + 1, size - end);
                    Array.Copy(ys, end, ys, pos + 1, size - end);
                    size -= removed - 1;
                }

                xs[pos] = x;
                ys[pos] = y;
            }

            var nextZ = o + 1 < n ? pts[(3 * order[o + 1]) + 2] : r[2];
            var height = nextZ - pts[(3 * i) + 2];
            if (height > 0)
            {
                var area = 0.0;
                for (var s = 0; s < size; s++)
                {
                    var right = s + 1 < size ? xs[s + 1] : r[0];
                    area += (right - xs[s]) * (r[1] - ys[s]);
                }

                volume += area * height;
            }
        }

        return volume;
    }

    private static int LowerBound(double[] xs, int size, double x)
    {
        int lo = 0, hi = size;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (xs[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// WFG recursion: with points sorted by decreasing last objective, the part of point k's box not covered by the
    /// later points is (r_d − p_k,d) × [box_{d−1}(p_k) − HV_{d−1}(limit set)], the limit set being the non-dominated
    /// component-wise maxima of p_k and each later point, projected on the first d − 1 objectives.
    /// </summary>
    private static double Wfg(double[] pts, int n, int d, double[] r)
    {
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) => pts[(d * b) + d - 1].CompareTo(pts[(d * a) + d - 1]));

        var dm = d - 1;
        var rLow = r.AsSpan(0, dm).ToArray();
        var limit = new double[n * dm];
        var total = 0.0;
        for (var o = 0; o < n; o++)
        {
            var k = order[o];
            var height = r[d - 1] - pts[(d * k) + d - 1];
            if (height <= 0)
            {
                continue;
            }

            var box = 1.0;
            for (var j = 0; j < dm; j++)
            {
                box *= r[j] - pts[(d * k) + j];
            }

            var m = 0;
            for (var q = o + 1; q < n; q++)
            {
                var p = order[q];
                for (var j = 0; j < dm; j++)
                {
                    limit[(m * dm) + j] = Math.Max(pts[(d * k) + j], pts[(d * p) + j]);
                }

                m++;
            }

            m = NonDominatedInPlace(limit, m, dm);
            var covered = m == 0 ? 0.0 : Recurse(limit[..(m * dm)], m, dm, rLow);
            total += height * (box - covered);
        }

        return total;
    }

    /// <summary>Keeps the rows not weakly dominated by another row (one copy of duplicates); returns the new count.</summary>
    private static int NonDominatedInPlace(double[] rows, int n, int d)
    {
        var keep = new bool[n];
        for (var i = 0; i < n; i++)
        {
            keep[i] = true;
        }

        for (var i = 0; i < n; i++)
        {
            if (!keep[i])
            {
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                if (i == j || !keep[j])
                {
                    continue;
                }

                // Does j weakly dominate i? (ties: the later duplicate is dropped)
                var weak = true;
                var equal = true;
                for (var c = 0; c < d; c++)
                {
                    var a = rows[(j * d) + c];
                    var b = rows[(i * d) + c];
                    if (a > b)
                    {
                        weak = false;
                        break;
                    }

                    if (a < b)
                    {
                        equal = false;
                    }
                }

                if (weak && (!equal || j < i))
                {
                    keep[i] = false;
                    break;
                }
            }
        }

        var m = 0;
        for (var i = 0; i < n; i++)
        {
            if (keep[i])
            {
                if (m != i)
                {
                    Array.Copy(rows, i * d, rows, m * d, d);
                }

                m++;
            }
        }

        return m;
    }
}
