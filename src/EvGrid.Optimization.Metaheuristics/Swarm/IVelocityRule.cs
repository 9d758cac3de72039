using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>
/// The velocity update of one particle, seed 000 eq. (25) or a variant of it. The <see cref="SwarmKernel"/> calls it
/// once per moving particle, in particle order, then clamps the velocity and moves the particle (eq. 26). An
/// implementation draws its random numbers from the run's generator only, in a fixed order, and allocates nothing;
/// it is immutable, so one instance may serve any number of runs at once.
/// </summary>
public interface IVelocityRule
{
    /// <summary>Replaces <paramref name="velocity"/> by the particle's new (not yet clamped) velocity.</summary>
    /// <param name="velocity">The particle's velocity vᵢ, updated in place.</param>
    /// <param name="position">Its position xᵢ.</param>
    /// <param name="personalBest">Its personal best pᵢ.</param>
    /// <param name="leader">Its leader g (the global best, or the guide picked from an archive).</param>
    /// <param name="step">The schedule position and the inertia weight ω for this move.</param>
    /// <param name="random">The run's generator.</param>
    void Update(Span<double> velocity, ReadOnlySpan<double> position, ReadOnlySpan<double> personalBest,
        ReadOnlySpan<double> leader, in SwarmStep step, RandomSource random);
}

/// <summary>How <see cref="InertiaVelocity"/> draws the random factors r₁, r₂ ~ U[0, 1) of each dimension. The
/// choice fixes the run's random-number sequence, so each preset keeps the one it was published with.</summary>
public enum CoefficientDraws
{
    /// <summary>The particle's n 64-bit outputs are drawn first; dimension j takes r₁ from the upper and r₂ from the
    /// lower 32 bits of output j (resolution 2⁻³², ample for random coefficients). Lets the update run four
    /// dimensions at a time; PSO and I-HSPSO use it.</summary>
    PairedHalves = 0,

    /// <summary>Per dimension, r₁ then r₂, each a 53-bit <see cref="RandomSource.NextDouble()"/>; MOPSO uses it.</summary>
    TwoPerDimension = 1,
}

/// <summary>
/// seed 000 eq. (25): vᵢⱼ ← ω vᵢⱼ + c₁ r₁ (pᵢⱼ − xᵢⱼ) + c₂ r₂ (gⱼ − xᵢⱼ), with r₁, r₂ fresh per particle and dimension
/// and c₁, c₂ varying linearly over the schedule, seed 002 eq. (34): c = c_start + (t/T)(c_end − c_start) (constant
/// when start = end).
/// </summary>
/// <param name="C1Start">Cognitive coefficient c₁ at t = 0.</param>
/// <param name="C1End">c₁ at t = T.</param>
/// <param name="C2Start">Social coefficient c₂ at t = 0.</param>
/// <param name="C2End">c₂ at t = T.</param>
/// <param name="Draws">How r₁ and r₂ are drawn.</param>
public sealed record InertiaVelocity(double C1Start, double C1End, double C2Start, double C2End,
    CoefficientDraws Draws = CoefficientDraws.PairedHalves) : IVelocityRule
{
    /// <summary>c₁ at t = 0 (finite).</summary>
    public double C1Start { get; init => field = ComponentArguments.Finite(value, nameof(InertiaVelocity), nameof(C1Start)); }
        = ComponentArguments.Finite(C1Start, nameof(InertiaVelocity), nameof(C1Start));

    /// <summary>c₁ at t = T (finite).</summary>
    public double C1End { get; init => field = ComponentArguments.Finite(value, nameof(InertiaVelocity), nameof(C1End)); }
        = ComponentArguments.Finite(C1End, nameof(InertiaVelocity), nameof(C1End));

    /// <summary>c₂ at t = 0 (finite).</summary>
    public double C2Start { get; init => field = ComponentArguments.Finite(value, nameof(InertiaVelocity), nameof(C2Start)); }
        = ComponentArguments.Finite(C2Start, nameof(InertiaVelocity), nameof(C2Start));

    /// <summary>c₂ at t = T (finite).</summary>
    public double C2End { get; init => field = ComponentArguments.Finite(value, nameof(InertiaVelocity), nameof(C2End)); }
        = ComponentArguments.Finite(C2End, nameof(InertiaVelocity), nameof(C2End));

    /// <summary>How r₁ and r₂ are drawn.</summary>
    public CoefficientDraws Draws { get; init => field = ComponentArguments.Defined(value, nameof(InertiaVelocity), nameof(Draws)); }
        = ComponentArguments.Defined(Draws, nameof(InertiaVelocity), nameof(Draws));

    private const double Unit32 = 1.0 / 4294967296.0;

    /// <summary>Constant coefficients c₁, c₂.</summary>
    /// <param name="c1">c₁.</param>
    /// <param name="c2">c₂.</param>
    /// <param name="draws">How r₁ and r₂ are drawn.</param>
    /// <returns>The rule.</returns>
    public static InertiaVelocity Constant(double c1, double c2, CoefficientDraws draws = CoefficientDraws.PairedHalves)
        => new(c1, c1, c2, c2, draws);

    /// <summary>(c₁, c₂) at schedule fraction t/T, seed 002 eq. (34).</summary>
    /// <param name="fraction">t/T.</param>
    /// <returns>The coefficients.</returns>
    public (double C1, double C2) Coefficients(double fraction)
        => (C1Start + (fraction * (C1End - C1Start)), C2Start + (fraction * (C2End - C2Start)));

    /// <inheritdoc />
    public void Update(Span<double> velocity, ReadOnlySpan<double> position, ReadOnlySpan<double> personalBest,
        ReadOnlySpan<double> leader, in SwarmStep step, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var n = velocity.Length;
        if (position.Length != n || personalBest.Length != n || leader.Length != n)
        {
            throw new ArgumentException("Velocity, position, personal best and leader must have the same length.",
                nameof(position));
        }

        var (c1, c2) = Coefficients(step.Clock.Fraction);
        var w = step.Inertia;
        if (Draws == CoefficientDraws.TwoPerDimension)
        {
            for (var j = 0; j < n; j++)
            {
                var r1 = random.NextDouble();
                var r2 = random.NextDouble();
                velocity[j] = (w * velocity[j]) + (c1 * r1 * (personalBest[j] - position[j]))
                              + (c2 * r2 * (leader[j] - position[j]));
            }

            return;
        }

        PairedUpdate(velocity, position, personalBest, leader, random, w, c1, c2);
    }

    /// <summary>The arithmetic of eq. (25) four dimensions at a time, with exactly the scalar operations and order, so
    /// results do not depend on the vector width; output j of the generator serves dimension j.
    /// Left to tiered compilation (dynamic PGO) rather than AggressiveOptimization, which measured slower here
    /// (docs/benchmarks.md).</summary>
    private static void PairedUpdate(Span<double> velocity, ReadOnlySpan<double> position,
        ReadOnlySpan<double> personalBest, ReadOnlySpan<double> leader, RandomSource random, double w,
        double c1, double c2)
    {
        var n = velocity.Length;
        var rng = random.Core; // local copy: the generator state stays in registers
        ref var v0 = ref MemoryMarshal.GetReference(velocity);
        ref var x0 = ref MemoryMarshal.GetReference(position);
        ref var p0 = ref MemoryMarshal.GetReference(personalBest);
        ref var g0 = ref MemoryMarshal.GetReference(leader);
        var j0 = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vectorEnd = n - (n % Vector256<double>.Count);
            var vw = Vector256.Create(w);
            var vc1 = Vector256.Create(c1);
            var vc2 = Vector256.Create(c2);
            var low32 = Vector256.Create(0xFFFFFFFFUL);
            var magic = Vector256.Create(0x4330000000000000UL); // 2^52: exact uint32 -> double
            var two52 = Vector256.Create(4503599627370496.0);
            var unit = Vector256.Create(Unit32);
            for (; j0 < vectorEnd; j0 += Vector256<double>.Count)
            {
                // Four outputs in dimension order (C# evaluates arguments left to right).
                var b = Vector256.Create(rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64(), rng.NextUInt64());
                var r1 = ((magic | (b >> 32)).AsDouble() - two52) * unit;
                var r2 = ((magic | (b & low32)).AsDouble() - two52) * unit;
                var xv = Vector256.LoadUnsafe(ref Unsafe.Add(ref x0, j0));
                var pv = Vector256.LoadUnsafe(ref Unsafe.Add(ref p0, j0));
                var gv = Vector256.LoadUnsafe(ref Unsafe.Add(ref g0, j0));
                var vv = Vector256.LoadUnsafe(ref Unsafe.Add(ref v0, j0));
                var nv = (vw * vv) + (vc1 * r1 * (pv - xv)) + (vc2 * r2 * (gv - xv));
                nv.StoreUnsafe(ref Unsafe.Add(ref v0, j0));
            }
        }

        for (var j = j0; j < n; j++)
        {
            var b = rng.NextUInt64();
            var r1 = (uint)(b >> 32) * Unit32;
            var r2 = (uint)b * Unit32;
            var xij = Unsafe.Add(ref x0, j);
            Unsafe.Add(ref v0, j) = (w * Unsafe.Add(ref v0, j)) + (c1 * r1 * (Unsafe.Add(ref p0, j) - xij))
                                    + (c2 * r2 * (Unsafe.Add(ref g0, j) - xij));
        }

        random.Core = rng;
    }
}

/// <summary>
/// SMPSO's constricted velocity (Nebro et al. 2009): per particle r₁, r₂ ~ U[0, 1), then c₁ ~ U[<see cref="C1"/>],
/// c₂ ~ U[<see cref="C2"/>] (drawn in that order), and v ← χ (w v + c₁ r₁ (p − x) + c₂ r₂ (g − x)) with the
/// constriction χ of <see cref="Constriction"/> for φ = c₁ + c₂ and the fixed inertia <see cref="Inertia"/> (the
/// schedule's ω is not used).
/// </summary>
/// <param name="C1">Range of c₁ (SMPSO: [1.5, 2.5]).</param>
/// <param name="C2">Range of c₂ (SMPSO: [1.5, 2.5]).</param>
/// <param name="Inertia">w (SMPSO: 0.1).</param>
/// <param name="Signed">Whether χ keeps its sign as SMPSO prints it (χ &lt; 0 for φ &gt; 4), or takes Clerc &amp;
/// Kennedy's absolute value.</param>
public sealed record ConstrictedVelocity((double Min, double Max) C1, (double Min, double Max) C2, double Inertia,
    bool Signed = true) : IVelocityRule
{
    /// <summary>Range of c₁ (finite, Min ≤ Max).</summary>
    public (double Min, double Max) C1 { get; init => field = ComponentArguments.Range(value, nameof(ConstrictedVelocity), nameof(C1)); }
        = ComponentArguments.Range(C1, nameof(ConstrictedVelocity), nameof(C1));

    /// <summary>Range of c₂ (finite, Min ≤ Max).</summary>
    public (double Min, double Max) C2 { get; init => field = ComponentArguments.Range(value, nameof(ConstrictedVelocity), nameof(C2)); }
        = ComponentArguments.Range(C2, nameof(ConstrictedVelocity), nameof(C2));

    /// <summary>w (finite).</summary>
    public double Inertia { get; init => field = ComponentArguments.Finite(value, nameof(ConstrictedVelocity), nameof(Inertia)); }
        = ComponentArguments.Finite(Inertia, nameof(ConstrictedVelocity), nameof(Inertia));

    /// <summary>
    /// Constriction coefficient of SMPSO (Nebro et al. 2009, eq. 3): χ = 2 / (2 − φ − √(φ² − 4φ)) for φ &gt; 4, else 1.
    /// As printed (signed), χ ∈ (−1, 0) for φ &gt; 4, so those steps reverse; Clerc &amp; Kennedy's (2002) form takes
    /// the absolute value of the denominator.
    /// </summary>
    /// <param name="phi">φ = c₁ + c₂.</param>
    /// <param name="signed">Keep the sign of the denominator.</param>
    /// <returns>χ.</returns>
    public static double Constriction(double phi, bool signed)
    {
        if (phi <= 4)
        {
            return 1.0;
        }

        var denominator = 2.0 - phi - Math.Sqrt((phi * phi) - (4.0 * phi));
        return 2.0 / (signed ? denominator : Math.Abs(denominator));
    }

    /// <inheritdoc />
    public void Update(Span<double> velocity, ReadOnlySpan<double> position, ReadOnlySpan<double> personalBest,
        ReadOnlySpan<double> leader, in SwarmStep step, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var r1 = random.NextDouble();
        var r2 = random.NextDouble();
        var c1 = random.NextDouble(C1.Min, C1.Max);
        var c2 = random.NextDouble(C2.Min, C2.Max);
        var chi = Constriction(c1 + c2, Signed);
        var w = Inertia;
        for (var j = 0; j < velocity.Length; j++)
        {
            velocity[j] = chi * ((w * velocity[j]) + (c1 * r1 * (personalBest[j] - position[j]))
                                 + (c2 * r2 * (leader[j] - position[j])));
        }
    }
}
