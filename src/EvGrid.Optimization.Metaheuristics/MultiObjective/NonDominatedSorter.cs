namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// Fast non-dominated sorting (Deb, Pratap, Agarwal &amp; Meyarivan 2002, §III-A) with Deb's feasibility rules:
/// rank 0 is the non-dominated set, rank 1 the set non-dominated once rank 0 is removed, and so on. O(M N²).
/// An instance keeps its work buffers, so repeated sorts of populations up to the same size do not allocate.
/// </summary>
public sealed class NonDominatedSorter
{
    private int[] _dominatedCount = [];
    private int[] _dominatesStart = [];
    private int[] _dominatesList = [];
    private int[] _dominatesLength = [];
    private int[] _current = [];
    private int[] _next = [];

    /// <summary>Ranks the solutions.</summary>
    /// <param name="objectives">Row-major objectives of n solutions, <paramref name="objectiveCount"/> per row.</param>
    /// <param name="objectiveCount">Number of objectives M.</param>
    /// <param name="violations">Total constraint violation per solution (length n), or empty when unconstrained.</param>
    /// <param name="rank">Receives the front index (0 = best) of each solution (length ≥ n).</param>
    /// <returns>The number of fronts.</returns>
    public int Sort(ReadOnlySpan<double> objectives, int objectiveCount, ReadOnlySpan<double> violations, Span<int> rank)
    {
        if (objectiveCount < 1 || objectives.Length % objectiveCount != 0)
        {
            throw new ArgumentException(
                $"objectives has {objectives.Length} values, not a whole number of rows of {objectiveCount}.", nameof(objectives));
        }

        var n = objectives.Length / objectiveCount;
        if (!violations.IsEmpty && violations.Length != n)
        {
            throw new ArgumentException($"violations has {violations.Length} values for {n} solutions.", nameof(violations));
        }

        if (rank.Length < n)
        {
            throw new ArgumentException($"rank has room for {rank.Length} values but there are {n} solutions.", nameof(rank));
        }

        Ensure(n);
        for (var i = 0; i < n; i++)
        {
            _dominatedCount[i] = 0;
            _dominatesLength[i] = 0;
            _dominatesStart[i] = i * n;
        }

        for (var i = 0; i < n; i++)
        {
            var fi = objectives.Slice(i * objectiveCount, objectiveCount);
            var vi = violations.IsEmpty ? 0.0 : violations[i];
            for (var j = i + 1; j < n; j++)
            {
                var c = Dominance.Compare(fi, vi, objectives.Slice(j * objectiveCount, objectiveCount),
                    violations.IsEmpty ? 0.0 : violations[j]);
                if (c < 0)
                {
                    _dominatesList[_dominatesStart[i] + _dominatesLength[i]++] = j;
                    _dominatedCount[j]++;
                }
                else if (c > 0)
                {
                    _dominatesList[_dominatesStart[j] + _dominatesLength[j]++] = i;
                    _dominatedCount[i]++;
                }
            }
        }

        var currentCount = 0;
        for (var i = 0; i < n; i++)
        {
            if (_dominatedCount[i] == 0)
            {
                rank[i] = 0;
                _current[currentCount++] = i;
            }
        }

        var front = 0;
        while (currentCount > 0)
        {
            var nextCount = 0;
            for (var c = 0; c < currentCount; c++)
            {
                var p = _current[c];
                for (var s = 0; s < _dominatesLength[p]; s++)
                {
                    var q = _dominatesList[_dominatesStart[p] + s];
                    if (--_dominatedCount[q] == 0)
                    {
                        rank[q] = front + 1;
                        _next[nextCount++] = q;
                    }
                }
            }

            front++;
            (_current, _next) = (_next, _current);
            currentCount = nextCount;
        }

        return front;
    }

    private void Ensure(int n)
    {
        if (_dominatedCount.Length >= n)
        {
            return;
        }

        _dominatedCount = new int[n];
        _dominatesStart = new int[n];
        _dominatesLength = new int[n];
        _dominatesList = new int[n * n];
        _current = new int[n];
        _next = new int[n];
    }
}
