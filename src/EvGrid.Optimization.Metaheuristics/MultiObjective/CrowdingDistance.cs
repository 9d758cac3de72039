namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// Crowding distance (Deb et al. 2002, §III-B): for each member of a set, the sum over objectives of the gap between
/// its two neighbours along that objective, divided by the objective's range in the set. Boundary members get
/// +∞; an objective with zero range adds nothing. Larger means less crowded.
/// </summary>
public static class CrowdingDistance
{
    /// <summary>Computes the crowding distance of the set <paramref name="members"/>.</summary>
    /// <param name="objectives">Row-major objectives, <paramref name="objectiveCount"/> per row.</param>
    /// <param name="objectiveCount">Number of objectives M.</param>
    /// <param name="members">Row indices of the set (a front).</param>
    /// <param name="distance">Receives the distance of <c>members[i]</c> at index i (length ≥ members).</param>
    /// <param name="order">Work buffer of length ≥ members (avoids allocation in loops).</param>
    public static void Compute(ReadOnlySpan<double> objectives, int objectiveCount, ReadOnlySpan<int> members,
        Span<double> distance, Span<int> order)
    {
        var n = members.Length;
        Span<double> keys = n <= 256 ? stackalloc double[n] : new double[n];
        Compute(objectives, objectiveCount, members, distance, order, keys);
    }

    /// <summary>Computes the crowding distance of the set <paramref name="members"/> with caller-supplied buffers.</summary>
    /// <param name="objectives">Row-major objectives, <paramref name="objectiveCount"/> per row.</param>
    /// <param name="objectiveCount">Number of objectives M.</param>
    /// <param name="members">Row indices of the set (a front).</param>
    /// <param name="distance">Receives the distance of <c>members[i]</c> at index i (length ≥ members).</param>
    /// <param name="order">Work buffer of length ≥ members.</param>
    /// <param name="keys">Work buffer of length ≥ members.</param>
    public static void Compute(ReadOnlySpan<double> objectives, int objectiveCount, ReadOnlySpan<int> members,
        Span<double> distance, Span<int> order, Span<double> keys)
    {
        var n = members.Length;
        if (distance.Length < n || order.Length < n || keys.Length < n)
        {
            throw new ArgumentException($"distance, order and keys need room for {n} values.", nameof(distance));
        }

        if (n <= 2)
        {
            distance[..n].Fill(double.PositiveInfinity);
            return;
        }

        distance[..n].Clear();
        var ord = order[..n];
        var key = keys[..n];
        for (var k = 0; k < objectiveCount; k++)
        {
            for (var i = 0; i < n; i++)
            {
                ord[i] = i;
                key[i] = objectives[(members[i] * objectiveCount) + k];
            }

            // Introsort of (key, index) pairs: O(n log n), allocation-free and deterministic for a given input.
            key.Sort(ord);

            var min = key[0];
            var max = key[n - 1];
            distance[ord[0]] = double.PositiveInfinity;
            distance[ord[n - 1]] = double.PositiveInfinity;
            var range = max - min;
            if (range <= 0)
            {
                continue;
            }

            for (var i = 1; i < n - 1; i++)
            {
                var idx = ord[i];
                if (!double.IsPositiveInfinity(distance[idx]))
                {
                    distance[idx] += (key[i + 1] - key[i - 1]) / range;
                }
            }
        }
    }
}
