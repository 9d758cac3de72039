using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>The parts of a particle swarm's move: velocity rule, inertia schedule, bound handling and an optional
/// mutation. Every part is immutable, so one set may serve any number of runs at once.</summary>
/// <param name="Velocity">The velocity update (seed 000 eq. 25 or a variant).</param>
/// <param name="Inertia">The inertia schedule (seed 000 eq. 27, seed 002 eq. 33, …).</param>
/// <param name="Bounds">What happens at the box's walls.</param>
/// <param name="Mutation">A perturbation after each particle's move, or null for none.</param>
public sealed record SwarmComponents(
    IVelocityRule Velocity, IInertiaSchedule Inertia, IBoundHandler Bounds, IParticleMutation? Mutation = null)
{
    /// <summary>Checks that no part is missing.</summary>
    /// <exception cref="ArgumentNullException">A required part is null.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Velocity, nameof(Velocity));
        ArgumentNullException.ThrowIfNull(Inertia, nameof(Inertia));
        ArgumentNullException.ThrowIfNull(Bounds, nameof(Bounds));
    }
}

/// <summary>Who leads each particle in a move: one shared position (PSO's global best) or a row of a table per particle
/// (MOPSO's guides, picked from the archive before the move).</summary>
public readonly ref struct SwarmLeaders
{
    private readonly ReadOnlySpan<double> _table;
    private readonly ReadOnlySpan<int> _rows;
    private readonly int _dimension;

    private SwarmLeaders(ReadOnlySpan<double> table, ReadOnlySpan<int> rows, int dimension)
    {
        _table = table;
        _rows = rows;
        _dimension = dimension;
    }

    /// <summary>Every particle follows <paramref name="leader"/>.</summary>
    /// <param name="leader">The leader's position.</param>
    /// <returns>The leaders.</returns>
    public static SwarmLeaders Shared(ReadOnlySpan<double> leader) => new(leader, default, leader.Length);

    /// <summary>Particle i follows row <paramref name="rows"/>[i] of <paramref name="table"/> (row-major, rows of
    /// <paramref name="dimension"/> values).</summary>
    /// <param name="table">Candidate leader positions.</param>
    /// <param name="dimension">Values per row.</param>
    /// <param name="rows">Leader row per particle.</param>
    /// <returns>The leaders.</returns>
    public static SwarmLeaders PerParticle(ReadOnlySpan<double> table, int dimension, ReadOnlySpan<int> rows)
        => new(table, rows, dimension);

    /// <summary>Leader of particle <paramref name="i"/>.</summary>
    /// <param name="i">Particle index.</param>
    /// <returns>Its leader's position.</returns>
    public ReadOnlySpan<double> Of(int i)
        => _rows.IsEmpty ? _table : _table.Slice(_rows[i] * _dimension, _dimension);

    /// <summary>Throws unless every leader of particles 0 … <paramref name="count"/> − 1 is a whole row of n values.</summary>
    /// <param name="n">The problem's dimension.</param>
    /// <param name="count">Particles that will move.</param>
    /// <exception cref="ArgumentException">A leader of another length, or a row outside the table (names
    /// <c>leaders</c>).</exception>
    internal void Check(int n, int count)
    {
        if (_dimension != n)
        {
            throw new ArgumentException($"Leaders have {_dimension} coordinates; the problem has {n}.", "leaders");
        }

        if (_rows.IsEmpty)
        {
            return;
        }

        if (_rows.Length < count)
        {
            throw new ArgumentException($"{_rows.Length} leader rows for {count} moving particles.", "leaders");
        }

        var tableRows = _table.Length / n;
        for (var i = 0; i < count; i++)
        {
            if ((uint)_rows[i] >= (uint)tableRows)
            {
                throw new ArgumentException(
                    $"Particle {i}'s leader is row {_rows[i]} of a table of {tableRows} rows.", "leaders");
            }
        }
    }
}

/// <summary>
/// The one swarm move shared by PSO, I-HSPSO and MOPSO (seed 000 eqs. (25)–(26)): for each moving particle in order,
/// the velocity rule updates vᵢ (eq. 25, with ω from the inertia schedule), the kernel clamps |vᵢⱼ| ≤ vmaxⱼ and moves
/// xᵢ ← xᵢ + vᵢ (eq. 26), the bound handler brings a particle that left the box back, and the mutation, if any,
/// perturbs it. Random numbers are drawn only by the components, in that order, so a preset's sequence is fixed by its
/// components. Flat row-major arrays (particle i at [i·n, (i+1)·n)); nothing is allocated.
/// </summary>
public sealed class SwarmKernel
{
    private readonly SwarmComponents _parts;

    /// <summary>Creates the kernel.</summary>
    /// <param name="components">The parts.</param>
    public SwarmKernel(SwarmComponents components)
    {
        ArgumentNullException.ThrowIfNull(components);
        components.Validate();
        _parts = components;
    }

    /// <summary>The parts.</summary>
    public SwarmComponents Components => _parts;

    /// <summary>The step of a move at <paramref name="clock"/> (ω from the inertia schedule).</summary>
    /// <param name="clock">The schedule position.</param>
    /// <returns>The step.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The clock's horizon is below 1, its iteration outside [0, T] or
    /// its fraction outside [0, 1] (a <c>default</c> clock, for one).</exception>
    public SwarmStep StepAt(SwarmClock clock) => new(SwarmClock.Check(clock, nameof(clock)), _parts.Inertia.Weight(clock));

    /// <summary>Moves particles 0 … <paramref name="count"/> − 1.</summary>
    /// <param name="positions">Positions x (N × n), updated.</param>
    /// <param name="velocities">Velocities v (N × n), updated.</param>
    /// <param name="personalBests">Personal bests p (N × n).</param>
    /// <param name="leaders">Leader of each particle.</param>
    /// <param name="count">Particles to move (the first ones).</param>
    /// <param name="step">The schedule position and ω (see <see cref="StepAt"/>).</param>
    /// <param name="bounds">The box (n = its dimension).</param>
    /// <param name="maxVelocity">vmaxⱼ per dimension (+∞ for no clamp).</param>
    /// <param name="random">The run's generator.</param>
    /// <exception cref="ArgumentException">A buffer is smaller than <paramref name="count"/> × n, or a leader is not a
    /// whole row of n values.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A vmax is negative, −0 or NaN.</exception>
    public void Move(Span<double> positions, Span<double> velocities, ReadOnlySpan<double> personalBests,
        SwarmLeaders leaders, int count, in SwarmStep step, Bounds bounds, ReadOnlySpan<double> maxVelocity,
        RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(random);
        var n = bounds.Dimension;
        if (maxVelocity.Length < n || positions.Length < count * n || velocities.Length < count * n
            || personalBests.Length < count * n)
        {
            throw new ArgumentException("Swarm buffers are smaller than particles × dimension.", nameof(positions));
        }

        leaders.Check(n, count);
        for (var j = 0; j < n; j++)
        {
            var m = maxVelocity[j];
            if (!(m >= 0) || double.IsNegative(m))
            {
                throw new ArgumentOutOfRangeException(nameof(maxVelocity), m,
                    $"vmax[{j}] must be +0, positive or +∞ (not negative, −0 or NaN).");
            }
        }

        var velocity = _parts.Velocity;
        var handler = _parts.Bounds;
        var mutation = _parts.Mutation;
        for (var i = 0; i < count; i++)
        {
            var x = positions.Slice(i * n, n);
            var v = velocities.Slice(i * n, n);
            velocity.Update(v, x, personalBests.Slice(i * n, n), leaders.Of(i), step, random);
            if (ClampAndMove(x, v, maxVelocity, bounds.Lower, bounds.Upper))
            {
                handler.Apply(x, v, bounds, random);
            }

            mutation?.Mutate(i, x, step, bounds, random);
        }
    }

    /// <summary>
    /// max(−m, min(m, v)) with the IEEE 754-2019 minimum and maximum of <see cref="Math.Min(double, double)"/>. For
    /// m ≥ +0 (not −0, not NaN; <see cref="Move"/> checks it) x86's minpd/maxpd, which return their second operand
    /// for a NaN or two zeros, give the same bits: min(m, v) is v for a NaN v and for two zeros takes v's sign, as
    /// the IEEE minimum does when m = +0; likewise for the maximum with −m. They are two instructions where the IEEE
    /// forms take eight each. Written as an <c>if</c> and called under <see cref="Avx.IsSupported"/>: as a conditional
    /// expression under <see cref="Vector256.IsHardwareAccelerated"/>, the tier-1 code of <see cref="Move"/> carried
    /// the eight-instruction forms (JIT disassembly, 28 Nov 2026). The IEEE form below serves direct calls (tests)
    /// on machines without AVX; <see cref="Move"/> takes its scalar loop there.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<double> ClampVelocity(Vector256<double> m, Vector256<double> v)
    {
        if (Avx.IsSupported)
        {
            return Avx.Max(Avx.Xor(m, Vector256.Create(-0.0)), Avx.Min(m, v));
        }

        return Vector256.Max(-m, Vector256.Min(m, v));
    }

    /// <summary>vⱼ ← max(−vmaxⱼ, min(vmaxⱼ, vⱼ)), xⱼ ← xⱼ + vⱼ (eq. 26), four dimensions at a time with exactly the
    /// scalar operations; returns whether a coordinate left [lowerⱼ, upperⱼ] (or is NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool ClampAndMove(Span<double> x, Span<double> v, ReadOnlySpan<double> vmax,
        ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        var n = x.Length;
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var v0 = ref MemoryMarshal.GetReference(v);
        ref var m0 = ref MemoryMarshal.GetReference(vmax);
        ref var lo0 = ref MemoryMarshal.GetReference(lower);
        ref var hi0 = ref MemoryMarshal.GetReference(upper);
        var j0 = 0;
        var outside = false;
        if (Avx.IsSupported)
        {
            var vectorEnd = n - (n % Vector256<double>.Count);
            var inside = Vector256<double>.AllBitsSet;
            for (; j0 < vectorEnd; j0 += Vector256<double>.Count)
            {
                var mv = Vector256.LoadUnsafe(ref Unsafe.Add(ref m0, j0));
                var nv = ClampVelocity(mv, Vector256.LoadUnsafe(ref Unsafe.Add(ref v0, j0)));
                nv.StoreUnsafe(ref Unsafe.Add(ref v0, j0));
                var xv = Vector256.LoadUnsafe(ref Unsafe.Add(ref x0, j0)) + nv;
                xv.StoreUnsafe(ref Unsafe.Add(ref x0, j0));
                inside &= Vector256.GreaterThanOrEqual(xv, Vector256.LoadUnsafe(ref Unsafe.Add(ref lo0, j0)))
                          & Vector256.LessThanOrEqual(xv, Vector256.LoadUnsafe(ref Unsafe.Add(ref hi0, j0)));
            }

            outside = inside != Vector256<double>.AllBitsSet;
        }

        for (var j = j0; j < n; j++)
        {
            var m = Unsafe.Add(ref m0, j);
            var vij = Math.Max(-m, Math.Min(m, Unsafe.Add(ref v0, j))); // branch-free velocity clamp
            Unsafe.Add(ref v0, j) = vij;
            var xij = Unsafe.Add(ref x0, j) + vij;
            Unsafe.Add(ref x0, j) = xij;
            outside |= !((xij >= Unsafe.Add(ref lo0, j)) & (xij <= Unsafe.Add(ref hi0, j)));
        }

        return outside;
    }
}
