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
        if (distance.Length < n || order.Length < n)
        {
            throw new ArgumentException($"distance and order need room for {n} values.", nameof(distance));
        }

        if (n <= 2)
        {
            distance[..n].Fill(double.PositiveInfinity);
            return;
        }

        distance[..n].Clear();
        var ord = order[..n];
        for (var k = 0; k < objectiveCount; k++)
        {
            for (var i = 0; i < n; i++)
            {
                ord[i] = i;
            }

            // Insertion sort by objective k (ties by position): stable, deterministic and allocation-free; the
            // sets here are archives and populations of a few hundred members.
            for (var i = 1; i < n; i++)
            {
                var item = ord[i];
                var key = objectives[(members[item] * objectiveCount) + k];
                var j = i - 1;
                while (j >= 0 && objectives[(members[ord[j]] * objectiveCount) + k] > key)
                {
                    ord[j + 1] = ord[j];
                    j--;
                }

                ord[j + 1] = item;
            }

            var min = objectives[(members[ord[0]] * objectiveCount) + k];
            var max = objectives[(members[ord[n - 1]] * objectiveCount) + k];
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
                if (double.IsPositiveInfinity(distance[idx]))
                {
                    continue;
                }

                var gap = objectives[(members[ord[i + 1]] * objectiveCount) + k] -
                          objectives[(members[ord[i - 1]] * objectiveCount) + k];
                distance[idx] += gap / range;
            }
        }
    }
}
