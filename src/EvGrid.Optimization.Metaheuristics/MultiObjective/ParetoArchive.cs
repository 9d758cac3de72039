namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// Bounded external archive of mutually non-dominated solutions (the external repository of Coello Coello, Pulido
/// &amp; Lechuga 2004). A candidate enters when no member dominates it (Deb's feasibility rules) and no member has the
/// same objective vector; members it dominates leave. When the archive then holds one solution more than its
/// capacity, the derived class chooses who leaves (<see cref="CrowdingArchive"/>, <see cref="AdaptiveGridArchive"/>).
/// Storage is flat and preallocated: adding never allocates.
/// </summary>
public abstract class ParetoArchive
{
    private readonly double[] _x;
    private readonly double[] _f;
    private readonly double[] _v;
    private readonly double[] _g;
    private readonly int[] _members;
    private readonly int[] _order;
    private readonly double[] _keys;
    private readonly double[] _crowding;
    private bool _crowdingValid;

    /// <summary>Creates an empty archive.</summary>
    /// <param name="capacity">Maximum number of members (≥ 1).</param>
    /// <param name="dimension">Decision-vector length (≥ 1).</param>
    /// <param name="objectiveCount">Number of objectives (≥ 1).</param>
    /// <param name="constraintCount">Number of constraint values stored with each member (≥ 0).</param>
    protected ParetoArchive(int capacity, int dimension, int objectiveCount, int constraintCount = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(constraintCount);
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "capacity must be at least 1.");
        }

        if (dimension < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be at least 1.");
        }

        if (objectiveCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(objectiveCount), objectiveCount, "objectiveCount must be at least 1.");
        }

        Capacity = capacity;
        Dimension = dimension;
        ObjectiveCount = objectiveCount;
        ConstraintCount = constraintCount;
        _g = new double[(capacity + 1) * constraintCount];
        _x = new double[(capacity + 1) * dimension];
        _f = new double[(capacity + 1) * objectiveCount];
        _v = new double[capacity + 1];
        _members = new int[capacity + 1];
        _order = new int[capacity + 1];
        _keys = new double[capacity + 1];
        _crowding = new double[capacity + 1];
        for (var i = 0; i <= capacity; i++)
        {
            _members[i] = i;
        }
    }

    /// <summary>Maximum number of members.</summary>
    public int Capacity { get; }

    /// <summary>Decision-vector length.</summary>
    public int Dimension { get; }

    /// <summary>Number of objectives.</summary>
    public int ObjectiveCount { get; }

    /// <summary>Number of constraint values stored per member.</summary>
    public int ConstraintCount { get; }

    /// <summary>Current number of members.</summary>
    public int Count { get; private set; }

    /// <summary>Decision vector of member <paramref name="i"/>.</summary>
    /// <param name="i">Member index in [0, Count).</param>
    /// <returns>A view of the stored vector.</returns>
    public ReadOnlySpan<double> Position(int i) => _x.AsSpan(CheckIndex(i) * Dimension, Dimension);

    /// <summary>Objective vector of member <paramref name="i"/>.</summary>
    /// <param name="i">Member index in [0, Count).</param>
    /// <returns>A view of the stored vector.</returns>
    public ReadOnlySpan<double> Objectives(int i) => _f.AsSpan(CheckIndex(i) * ObjectiveCount, ObjectiveCount);

    /// <summary>Constraint values g(x) of member <paramref name="i"/> (empty when none are stored).</summary>
    /// <param name="i">Member index in [0, Count).</param>
    /// <returns>A view of the stored values.</returns>
    public ReadOnlySpan<double> Constraints(int i) => _g.AsSpan(CheckIndex(i) * ConstraintCount, ConstraintCount);

    /// <summary>Total constraint violation of member <paramref name="i"/> (0 when feasible).</summary>
    /// <param name="i">Member index in [0, Count).</param>
    /// <returns>The violation.</returns>
    public double Violation(int i) => _v[CheckIndex(i)];

    /// <summary>All members' objectives, row-major (Count rows).</summary>
    public ReadOnlySpan<double> AllObjectives => _f.AsSpan(0, Count * ObjectiveCount);

    /// <summary>All members' decision vectors, row-major (Count rows).</summary>
    public ReadOnlySpan<double> AllPositions => _x.AsSpan(0, Count * Dimension);

    /// <summary>All members' total violations.</summary>
    public ReadOnlySpan<double> AllViolations => _v.AsSpan(0, Count);

    /// <summary>Crowding distance of member <paramref name="i"/> among the current members (+∞ at the extremes).</summary>
    /// <param name="i">Member index in [0, Count).</param>
    /// <returns>The crowding distance.</returns>
    public double Crowding(int i)
    {
        CheckIndex(i);
        if (!_crowdingValid)
        {
            UpdateCrowding(Count);
        }

        return _crowding[i];
    }

    /// <summary>Removes every member.</summary>
    public void Clear()
    {
        Count = 0;
        _crowdingValid = false;
        OnMembersChanged();
    }

    /// <summary>Offers a solution to the archive.</summary>
    /// <param name="position">Decision vector (length <see cref="Dimension"/>).</param>
    /// <param name="objectives">Objective vector (length <see cref="ObjectiveCount"/>).</param>
    /// <param name="violation">Total constraint violation (≥ 0; 0 when feasible).</param>
    /// <returns>True if the solution is a member after the call.</returns>
    public bool Add(ReadOnlySpan<double> position, ReadOnlySpan<double> objectives, double violation)
        => Add(position, objectives, [], violation, null);

    /// <summary>Offers a solution, with its constraint values, to the archive.</summary>
    /// <param name="position">Decision vector (length <see cref="Dimension"/>).</param>
    /// <param name="objectives">Objective vector (length <see cref="ObjectiveCount"/>).</param>
    /// <param name="constraints">Constraint values (length <see cref="ConstraintCount"/>, or empty to store zeros).</param>
    /// <param name="violation">Total constraint violation (≥ 0; 0 when feasible).</param>
    /// <param name="random">The run's generator, for archives whose truncation draws (may be null otherwise).</param>
    /// <returns>True if the solution is a member after the call.</returns>
    public bool Add(ReadOnlySpan<double> position, ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints,
        double violation, RandomSource? random = null)
    {
        if (!constraints.IsEmpty && constraints.Length != ConstraintCount)
        {
            throw new ArgumentException($"constraints has {constraints.Length} values, expected {ConstraintCount}.", nameof(constraints));
        }

        if (position.Length != Dimension)
        {
            throw new ArgumentException($"position has {position.Length} values, expected {Dimension}.", nameof(position));
        }

        if (objectives.Length != ObjectiveCount)
        {
            throw new ArgumentException($"objectives has {objectives.Length} values, expected {ObjectiveCount}.", nameof(objectives));
        }

        if (!(violation >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(violation), violation, "violation must be ≥ 0.");
        }

        var m = ObjectiveCount;
        var i = 0;
        while (i < Count)
        {
            var member = _f.AsSpan(i * m, m);
            var c = Dominance.Compare(objectives, violation, member, _v[i]);
            if (c > 0 || (c == 0 && _v[i] == violation && member.SequenceEqual(objectives)))
            {
                return false;
            }

            if (c < 0)
            {
                RemoveAt(i);
                continue;
            }

            i++;
        }

        var slot = Count;
        position.CopyTo(_x.AsSpan(slot * Dimension, Dimension));
        objectives.CopyTo(_f.AsSpan(slot * m, m));
        _v[slot] = violation;
        if (constraints.IsEmpty)
        {
            _g.AsSpan(slot * ConstraintCount, ConstraintCount).Clear();
        }
        else
        {
            constraints.CopyTo(_g.AsSpan(slot * ConstraintCount, ConstraintCount));
        }

        Count++;
        _crowdingValid = false;
        OnMembersChanged();

        if (Count <= Capacity)
        {
            return true;
        }

        var victim = SelectVictim(slot, random);
        RemoveAt(victim);
        return victim != slot;
    }

    /// <summary>Called whenever members are added, removed or loaded (derived caches go stale).</summary>
    protected virtual void OnMembersChanged()
    {
    }

    /// <summary>Chooses the member that leaves when the archive holds <see cref="Capacity"/> + 1 members.</summary>
    /// <param name="newSlot">Slot of the member just added (the last one).</param>
    /// <param name="random">The run's generator, when the caller supplied it.</param>
    /// <returns>The slot to remove.</returns>
    protected abstract int SelectVictim(int newSlot, RandomSource? random);

    /// <summary>Index of the member with the smallest crowding distance among the current members (lowest slot on ties).</summary>
    /// <returns>The slot.</returns>
    protected int MostCrowded()
    {
        UpdateCrowding(Count);
        var worst = 0;
        for (var k = 1; k < Count; k++)
        {
            if (_crowding[k] < _crowding[worst])
            {
                worst = k;
            }
        }

        return worst;
    }

    /// <summary>Copies the members into new arrays (row-major positions and objectives).</summary>
    /// <returns>Positions, objectives and violations of the members.</returns>
    public (double[] Positions, double[] Objectives, double[] Violations) Snapshot() =>
        (AllPositions.ToArray(), AllObjectives.ToArray(), AllViolations.ToArray());

    /// <summary>All members' constraint values, row-major (Count rows).</summary>
    public ReadOnlySpan<double> AllConstraints => _g.AsSpan(0, Count * ConstraintCount);

    /// <summary>Replaces the contents by members saved from an archive of the same shape, in slot order (no
    /// dominance checks: used to restore a checkpoint bit-identically).</summary>
    /// <param name="positions">Row-major positions.</param>
    /// <param name="objectives">Row-major objectives.</param>
    /// <param name="constraints">Row-major constraint values.</param>
    /// <param name="violations">Violations.</param>
    internal virtual void Load(double[] positions, double[] objectives, double[] constraints, double[] violations)
    {
        var n = violations.Length;
        if (n > Capacity || positions.Length != n * Dimension || objectives.Length != n * ObjectiveCount
            || constraints.Length != n * ConstraintCount)
        {
            throw new FormatException($"Archive state of {n} members does not match the archive's shape.");
        }

        positions.CopyTo(_x, 0);
        objectives.CopyTo(_f, 0);
        constraints.CopyTo(_g, 0);
        violations.CopyTo(_v, 0);
        Count = n;
        _crowdingValid = false;
        OnMembersChanged();
    }

    private void RemoveAt(int i)
    {
        var last = Count - 1;
        if (i != last)
        {
            _x.AsSpan(last * Dimension, Dimension).CopyTo(_x.AsSpan(i * Dimension, Dimension));
            _f.AsSpan(last * ObjectiveCount, ObjectiveCount).CopyTo(_f.AsSpan(i * ObjectiveCount, ObjectiveCount));
            _v[i] = _v[last];
            _g.AsSpan(last * ConstraintCount, ConstraintCount).CopyTo(_g.AsSpan(i * ConstraintCount, ConstraintCount));
        }

        Count--;
        _crowdingValid = false;
        OnMembersChanged();
    }

    private void UpdateCrowding(int n)
    {
        CrowdingDistance.Compute(_f.AsSpan(0, n * ObjectiveCount), ObjectiveCount, _members.AsSpan(0, n),
            _crowding, _order, _keys);
        _crowdingValid = n == Count;
    }

    /// <summary>Checks a member index.</summary>
    /// <param name="i">Index.</param>
    /// <returns>The index.</returns>
    protected int CheckIndex(int i)
    {
        if ((uint)i >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, $"member index must be in [0, {Count}).");
        }

        return i;
    }
}

/// <summary>
/// Archive truncated by crowding distance (Raquel &amp; Naval 2005; SMPSO, Nebro et al. 2009): when one member too many,
/// the member with the smallest crowding distance leaves (lowest slot on ties); the extremes (+∞) always stay.
/// </summary>
public sealed class CrowdingArchive : ParetoArchive
{
    /// <summary>Creates an empty archive.</summary>
    /// <param name="capacity">Maximum number of members (≥ 1).</param>
    /// <param name="dimension">Decision-vector length (≥ 1).</param>
    /// <param name="objectiveCount">Number of objectives (≥ 1).</param>
    /// <param name="constraintCount">Number of constraint values stored with each member (≥ 0).</param>
    public CrowdingArchive(int capacity, int dimension, int objectiveCount, int constraintCount = 0)
        : base(capacity, dimension, objectiveCount, constraintCount)
    {
    }

    /// <inheritdoc />
    protected override int SelectVictim(int newSlot, RandomSource? random) => MostCrowded();
}
