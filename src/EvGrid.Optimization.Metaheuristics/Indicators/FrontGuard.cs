namespace EvGrid.Optimization.Metaheuristics.Indicators;

/// <summary>Argument checks shared by the quality indicators (fronts are row-major flat arrays).</summary>
internal static class FrontGuard
{
    /// <summary>Checks the objective count and that <paramref name="front"/> holds whole, finite rows.</summary>
    public static int Rows(ReadOnlySpan<double> front, int objectives, string name)
    {
        if (objectives < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(objectives), objectives, "objectives must be at least 1.");
        }

        if (front.Length % objectives != 0)
        {
            throw new ArgumentException(
                $"{name} has {front.Length} values, which is not a whole number of rows of {objectives} objectives.",
                name);
        }

        for (var i = 0; i < front.Length; i++)
        {
            if (!double.IsFinite(front[i]))
            {
                throw new ArgumentException(
                    $"{name}[{i / objectives}][{i % objectives}] = {front[i]} is not a finite number.", name);
            }
        }

        return front.Length / objectives;
    }

    /// <summary>Checks a reference point: length equal to the objective count and finite.</summary>
    public static void ReferencePoint(ReadOnlySpan<double> reference, int objectives)
    {
        if (reference.Length != objectives)
        {
            throw new ArgumentException(
                $"referencePoint has {reference.Length} values but the front has {objectives} objectives.",
                nameof(reference));
        }

        for (var i = 0; i < reference.Length; i++)
        {
            if (!double.IsFinite(reference[i]))
            {
                throw new ArgumentException($"referencePoint[{i}] = {reference[i]} is not a finite number.",
                    nameof(reference));
            }
        }
    }

    /// <summary>Mean over the <paramref name="fromCount"/> rows of <paramref name="from"/> of the Euclidean distance to
    /// the nearest of the <paramref name="toCount"/> rows of <paramref name="to"/> (the IGD kernel; flat indexing,
    /// early exit per candidate once the partial sum exceeds the best so far).</summary>
    public static double MeanNearestDistance(ReadOnlySpan<double> from, int fromCount, ReadOnlySpan<double> to, int toCount, int m)
    {
        var sum = 0.0;
        for (var i = 0; i < fromCount; i++)
        {
            var zi = from.Slice(i * m, m);
            var best = double.PositiveInfinity;
            var offset = 0;
            for (var j = 0; j < toCount; j++, offset += m)
            {
                var acc = 0.0;
                for (var k = 0; k < m && acc < best; k++)
                {
                    var d = to[offset + k] - zi[k];
                    acc += d * d;
                }

                if (acc < best)
                {
                    best = acc;
                }
            }

            sum += Math.Sqrt(best);
        }

        return sum / fromCount;
    }

    /// <summary>Squared Euclidean distance between two rows.</summary>
    public static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var s = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            var d = a[k] - b[k];
            s += d * d;
        }

        return s;
    }
}
