namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// The adaptive-grid repository of Coello Coello, Pulido &amp; Lechuga (2004, §III-B): objective space, spanned by the
/// members' current minimum and maximum per objective, is divided into <see cref="Divisions"/> intervals per objective;
/// the grid adapts whenever the members change. When one member too many, a member of the most crowded hypercube
/// leaves — at random when the caller supplies the run's generator, else the lowest slot — and if the newcomer itself
/// sits in the most crowded hypercube, it is the one that leaves (it does not enter). Leaders are chosen by
/// <see cref="SelectLeader"/>: roulette over the occupied hypercubes with fitness 10 / (members in the hypercube), then a
/// uniform member of the chosen hypercube.
/// </summary>
public sealed class AdaptiveGridArchive : ParetoArchive
{
    private readonly long[] _cell;
    private readonly int[] _cellCount;
    private readonly long[] _sorted;
    private bool _gridValid;

    /// <summary>Creates an empty archive.</summary>
    /// <param name="capacity">Maximum number of members (≥ 1).</param>
    /// <param name="dimension">Decision-vector length (≥ 1).</param>
    /// <param name="objectiveCount">Number of objectives (1..12).</param>
    /// <param name="constraintCount">Number of constraint values stored with each member (≥ 0).</param>
    /// <param name="divisions">Grid intervals per objective (the 2004 paper uses 30; ≥ 1).</param>
    public AdaptiveGridArchive(int capacity, int dimension, int objectiveCount, int constraintCount = 0, int divisions = 30)
        : base(capacity, dimension, objectiveCount, constraintCount)
    {
        if (divisions < 1 || Math.Pow(divisions, objectiveCount) > long.MaxValue / 4)
        {
            throw new ArgumentOutOfRangeException(nameof(divisions), divisions,
                $"divisions must be at least 1 and divisions^objectives must fit in 64 bits ({objectiveCount} objectives).");
        }

        Divisions = divisions;
        _cell = new long[capacity + 1];
        _cellCount = new int[capacity + 1];
        _sorted = new long[capacity + 1];
    }

    /// <summary>Grid intervals per objective.</summary>
    public int Divisions { get; }

    /// <summary>Hypercube index of member <paramref name="i"/> in the current grid.</summary>
    /// <param name="i">Member index.</param>
    /// <returns>Σ_k idx_k · Divisions^k, idx_k ∈ [0, Divisions).</returns>
    public long Cell(int i)
    {
        CheckIndex(i);
        EnsureGrid();
        return _cell[i];
    }

    /// <summary>Number of members sharing member <paramref name="i"/>'s hypercube (itself included).</summary>
    /// <param name="i">Member index.</param>
    /// <returns>The hypercube's population.</returns>
    public int CellCount(int i)
    {
        CheckIndex(i);
        EnsureGrid();
        return _cellCount[i];
    }

    /// <summary>
    /// 2004 leader selection: a hypercube by roulette wheel with fitness 10 / count (fewer members, likelier), then a
    /// uniform member of it. Implemented as one roulette over members with weight 1 / count², which gives exactly those
    /// probabilities.
    /// </summary>
    /// <param name="random">The run's generator.</param>
    /// <returns>The leader's member index.</returns>
    /// <exception cref="InvalidOperationException">The archive is empty.</exception>
    public int SelectLeader(RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (Count == 0)
        {
            throw new InvalidOperationException("The archive is empty: there is no leader to select.");
        }

        EnsureGrid();
        var total = 0.0;
        for (var i = 0; i < Count; i++)
        {
            total += 1.0 / ((double)_cellCount[i] * _cellCount[i]);
        }

        var u = random.NextDouble() * total;
        for (var i = 0; i < Count; i++)
        {
            u -= 1.0 / ((double)_cellCount[i] * _cellCount[i]);
            if (u < 0)
            {
                return i;
            }
        }

        return Count - 1;
    }

    /// <inheritdoc />
    protected override int SelectVictim(int newSlot, RandomSource? random)
    {
        _gridValid = false;
        EnsureGrid();
        var crowdest = 0;
        for (var i = 1; i < Count; i++)
        {
            if (_cellCount[i] > _cellCount[crowdest])
            {
                crowdest = i;
            }
        }

        var max = _cellCount[crowdest];
        if (_cellCount[newSlot] == max)
        {
            return newSlot;
        }

        var cell = _cell[crowdest];
        var pick = random is null ? 0 : random.NextInt(max);
        for (var i = 0; i < Count; i++)
        {
            if (_cell[i] == cell && pick-- == 0)
            {
                return i;
            }
        }

        return crowdest;
    }

    /// <summary>Recomputes the grid when the members changed since the last computation.</summary>
    private void EnsureGrid()
    {
        if (_gridValid && _gridCount == Count)
        {
            return;
        }

        var m = ObjectiveCount;
        var f = AllObjectives;
        for (var i = 0; i < Count; i++)
        {
            _cell[i] = 0;
        }

        long stride = 1;
        for (var k = 0; k < m; k++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = 0; i < Count; i++)
            {
                min = Math.Min(min, f[(i * m) + k]);
                max = Math.Max(max, f[(i * m) + k]);
            }

            var width = max - min;
            for (var i = 0; i < Count; i++)
            {
                var idx = width > 0 ? (int)((f[(i * m) + k] - min) / width * Divisions) : 0;
                _cell[i] += Math.Min(idx, Divisions - 1) * stride;
            }

            stride *= Divisions;
        }

        // Hypercube populations by sorting a copy of the cell indices: O(n log n), allocation-free.
        var sorted = _sorted.AsSpan(0, Count);
        _cell.AsSpan(0, Count).CopyTo(sorted);
        sorted.Sort();
        for (var i = 0; i < Count; i++)
        {
            var lo = sorted.BinarySearch(_cell[i]);
            var hi = lo;
            while (lo > 0 && sorted[lo - 1] == _cell[i])
            {
                lo--;
            }

            while (hi + 1 < Count && sorted[hi + 1] == _cell[i])
            {
                hi++;
            }

            _cellCount[i] = hi - lo + 1;
        }

        _gridValid = true;
        _gridCount = Count;
    }

    private int _gridCount = -1;

    /// <inheritdoc />
    protected override void OnMembersChanged() => _gridValid = false;
}
