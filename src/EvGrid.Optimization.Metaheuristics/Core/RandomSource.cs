using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// The one pseudo-random generator of an optimisation run: xoshiro256** (Blackman &amp; Vigna 2018), seeded through
/// SplitMix64. Its sequence is part of the library's contract (unlike <see cref="System.Random"/>), and its whole
/// state can be read and restored, so a checkpointed run resumes bit-identically.
/// </summary>
/// <remarks>
/// Not thread-safe by design: an optimizer draws every random number on its own thread, and evaluation threads never
/// draw. The doubles are the top 53 bits of the 64-bit output scaled by 2⁻⁵³, i.e. uniform on [0, 1).
/// </remarks>
public sealed class RandomSource
{
    private const double DoubleUnit = 1.0 / (1UL << 53);
    private Xoshiro256StarStarCore _core;

    /// <summary>Creates a generator whose state is expanded from <paramref name="seed"/> by SplitMix64.</summary>
    /// <param name="seed">Any 64-bit seed; equal seeds give equal sequences on every platform.</param>
    public RandomSource(long seed)
    {
        var x = unchecked((ulong)seed);
        _core.S0 = SplitMix64(ref x);
        _core.S1 = SplitMix64(ref x);
        _core.S2 = SplitMix64(ref x);
        _core.S3 = SplitMix64(ref x);
    }

    /// <summary>Restores a generator from a state captured by <see cref="GetState"/>.</summary>
    /// <param name="state">A saved state; it must not be all zero.</param>
    /// <exception cref="ArgumentException">The state is all zero (xoshiro's one invalid state).</exception>
    public RandomSource(RandomSourceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if ((state.S0 | state.S1 | state.S2 | state.S3) == 0)
        {
            throw new ArgumentException("RandomSourceState must not be all zero.", nameof(state));
        }

        _core.S0 = state.S0;
        _core.S1 = state.S1;
        _core.S2 = state.S2;
        _core.S3 = state.S3;
    }

    /// <summary>Captures the whole generator state (four 64-bit words) for a checkpoint.</summary>
    /// <returns>The state; <see cref="RandomSource(RandomSourceState)"/> continues the sequence from here.</returns>
    public RandomSourceState GetState() => new(_core.S0, _core.S1, _core.S2, _core.S3);

    /// <summary>The raw generator state, for hot loops that copy it into a local (registers) and write it back with
    /// <see cref="Core"/>'s setter before anything else draws from this source.</summary>
    internal Xoshiro256StarStarCore Core
    {
        get => _core;
        set => _core = value;
    }

    /// <summary>Next raw 64-bit output of xoshiro256**.</summary>
    /// <returns>A uniformly distributed 64-bit value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64() => _core.NextUInt64();

    /// <summary>Uniform double on [0, 1).</summary>
    /// <returns>A value in [0, 1) with 53 random bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (long)(NextUInt64() >> 11) * DoubleUnit;

    /// <summary>Uniform double on [<paramref name="min"/>, <paramref name="max"/>).</summary>
    /// <param name="min">Lower end (inclusive).</param>
    /// <param name="max">Upper end (exclusive unless equal to <paramref name="min"/>).</param>
    /// <returns>A uniformly distributed value.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer on [0, <paramref name="maxExclusive"/>) without modulo bias (Lemire's method).</summary>
    /// <param name="maxExclusive">Upper end (exclusive), at least 1.</param>
    /// <returns>A uniformly distributed index.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is below 1.</exception>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxExclusive, 1);
        return _core.NextInt(maxExclusive);
    }

    /// <summary>Standard normal variate (Marsaglia polar method; consumes an even number of uniforms).</summary>
    /// <returns>A draw from N(0, 1).</returns>
    public double NextGaussian()
    {
        double u;
        double s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            var v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        return u * Math.Sqrt(-2.0 * Math.Log(s) / s);
    }

    /// <summary>Derives a well-mixed 64-bit seed for run <paramref name="index"/> of a series started from
    /// <paramref name="seed"/> (independent streams for repeated runs, stable across versions).</summary>
    /// <param name="seed">The series seed.</param>
    /// <param name="index">Run index (0-based).</param>
    /// <returns>The run's seed.</returns>
    public static long DeriveSeed(long seed, int index)
    {
        var x = unchecked((ulong)seed ^ (0xD1B54A32D192ED03UL * (ulong)(index + 1)));
        return unchecked((long)SplitMix64(ref x));
    }

    private static ulong SplitMix64(ref ulong x)
    {
        x = unchecked(x + 0x9E3779B97F4A7C15UL);
        var z = x;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}

/// <summary>The four 64-bit state words of a <see cref="RandomSource"/> (serialisable for checkpoints).</summary>
/// <param name="S0">State word 0.</param>
/// <param name="S1">State word 1.</param>
/// <param name="S2">State word 2.</param>
/// <param name="S3">State word 3.</param>
public sealed record RandomSourceState(ulong S0, ulong S1, ulong S2, ulong S3);

/// <summary>xoshiro256** state as a value type with four fields, so that a hot loop can keep it in registers.</summary>
internal struct Xoshiro256StarStarCore
{
    public ulong S0;
    public ulong S1;
    public ulong S2;
    public ulong S3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        var result = ulong.RotateLeft(S1 * 5, 7) * 9;
        var t = S1 << 17;
        S2 ^= S0;
        S3 ^= S1;
        S1 ^= S2;
        S0 ^= S3;
        S2 ^= t;
        S3 = ulong.RotateLeft(S3, 45);
        return result;
    }

    /// <summary>Uniform double on [0, 1) (top 53 bits); the signed conversion is exact below 2⁵³ and shorter than
    /// the unsigned one.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (long)(NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>The top 53 bits of the next output, k, so that <see cref="NextDouble"/> would return k·2⁻⁵³.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long NextBits53() => (long)(NextUInt64() >> 11);

    /// <summary>
    /// The integer threshold T with <c>NextBits53() &lt; T</c> exactly when <c>NextDouble() &lt; probability</c>:
    /// k·2⁻⁵³ &lt; p ⇔ k &lt; p·2⁵³ (a scaling by a power of two, exact) ⇔ k &lt; ⌈p·2⁵³⌉ for an integer k. It
    /// lets a hot loop take a Bernoulli decision without converting to floating point; the decisions, and so the
    /// draws, are the same.
    /// </summary>
    /// <param name="probability">p in [0, 1].</param>
    /// <returns>T in [0, 2⁵³].</returns>
    public static long BernoulliThreshold(double probability)
        => probability <= 0 ? 0 : (long)Math.Ceiling(Math.Min(probability, 1.0) * (1UL << 53));

    /// <summary>The rejection threshold (2⁶⁴ − b) mod b of <see cref="NextInt(int, ulong)"/> for a bound b ≥ 1.</summary>
    /// <param name="bound">b.</param>
    /// <returns>The threshold (below b).</returns>
    public static ulong RejectionThreshold(int bound) => unchecked(0UL - (ulong)bound) % (ulong)bound;

    /// <summary>
    /// <see cref="NextInt(int)"/> with its rejection threshold computed once by the caller: Lemire's method redraws
    /// while the low word is below (2⁶⁴ − b) mod b, which is below b, so skipping the "low &lt; b" pre-test draws the
    /// same numbers.
    /// </summary>
    /// <param name="bound">b ≥ 1.</param>
    /// <param name="threshold"><see cref="RejectionThreshold"/>(b).</param>
    /// <returns>A uniform integer on [0, b).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound, ulong threshold)
    {
        var b = (ulong)bound;
        var x = NextUInt64();
        var low = unchecked(x * b);
        while (low < threshold)
        {
            x = NextUInt64();
            low = unchecked(x * b);
        }

        // The high word of x·b (mulx where available: the out-parameter form goes through memory).
        return (int)(Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(x, b) : Math.BigMul(x, b, out _));
    }

    /// <summary>Uniform integer on [0, bound) without modulo bias (Lemire's multiply-and-reject); bound ≥ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextInt(int bound)
    {
        var b = (ulong)bound;
        var m = Math.BigMul(NextUInt64(), b, out var low);
        if (low < b)
        {
            var threshold = unchecked(0UL - b) % b;
            while (low < threshold)
            {
                m = Math.BigMul(NextUInt64(), b, out low);
            }
        }

        return (int)m;
    }
}
