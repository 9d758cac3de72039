using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>What happens to a coordinate that leaves its bounds.</summary>
public enum BoundHandling
{
    /// <summary>Replace it by the violated bound (seed 000 §5.3: "the boundary value is used instead of the
    /// out-of-bounds value"); the velocity is kept. A NaN coordinate goes to the lower bound with zero velocity (as
    /// <see cref="Swarm.ClampToBounds"/> does).</summary>
    Clamp = 0,

    /// <summary>Mirror it back into the box at the violated bound (folding repeatedly for large excursions) and
    /// reverse that velocity component.</summary>
    Reflect = 1,

    /// <summary>Redraw it uniformly inside its bounds (with the run's generator) and zero that velocity component.</summary>
    RandomReinitialize = 2,
}

/// <summary>Bound handling and velocity clamping on flat vectors (no allocation).</summary>
public static class BoundHandler
{
    /// <summary>Brings every coordinate of <paramref name="x"/> back inside <paramref name="bounds"/>.</summary>
    /// <param name="x">Position, modified in place.</param>
    /// <param name="velocity">Matching velocity (modified per the mode), or empty when there is none.</param>
    /// <param name="bounds">The box.</param>
    /// <param name="mode">The rule to apply.</param>
    /// <param name="random">The run's generator (drawn from only by <see cref="BoundHandling.RandomReinitialize"/>).</param>
    public static void Apply(Span<double> x, Span<double> velocity, Bounds bounds, BoundHandling mode, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(random);
        var lower = bounds.Lower;
        var upper = bounds.Upper;
        var hasVelocity = velocity.Length == x.Length;
        for (var j = 0; j < x.Length; j++)
        {
            var v = x[j];
            var lo = lower[j];
            var hi = upper[j];
            if (v >= lo && v <= hi)
            {
                continue;
            }

            switch (mode)
            {
                case BoundHandling.Clamp:
                    ClampCoordinate(x, velocity, j, lo, hi, hasVelocity, 1.0);
                    break;
                case BoundHandling.Reflect:
                    x[j] = Reflect(v, lo, hi);
                    if (hasVelocity)
                    {
                        velocity[j] = -velocity[j];
                    }

                    break;
                case BoundHandling.RandomReinitialize:
                    x[j] = random.NextDouble(lo, hi);
                    if (hasVelocity)
                    {
                        velocity[j] = 0;
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown bound handling.");
            }
        }
    }

    /// <summary>
    /// The one clamp rule (<see cref="BoundHandling.Clamp"/>, <see cref="Swarm.ClampToBounds"/>): a coordinate below
    /// or above its bounds is set to the violated bound and its velocity multiplied by
    /// <paramref name="velocityFactor"/>; a NaN coordinate goes to the lower bound with zero velocity.
    /// </summary>
    /// <param name="x">Position, modified in place.</param>
    /// <param name="velocity">Matching velocity, or empty when there is none.</param>
    /// <param name="bounds">The box.</param>
    /// <param name="velocityFactor">Factor in [−1, 1] for the velocity of a clamped coordinate (1 keeps it).</param>
    /// <exception cref="ArgumentException">The position is not as long as the bounds, the velocity neither empty nor
    /// as long as the position, or the factor outside [−1, 1] (NaN included).</exception>
    public static void Clamp(Span<double> x, Span<double> velocity, Bounds bounds, double velocityFactor)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (x.Length != bounds.Dimension || (velocity.Length != 0 && velocity.Length != x.Length)
            || velocityFactor is not (>= -1 and <= 1))
        {
            ThrowBadClamp(x.Length, velocity.Length, bounds.Dimension, velocityFactor); // out of line: Clamp stays small
        }

        var lower = bounds.Lower;
        var upper = bounds.Upper;
        var hasVelocity = velocity.Length == x.Length;
        var j0 = Avx.IsSupported ? ClampVectors(x, velocity, lower, upper, hasVelocity, velocityFactor) : 0;
        for (var j = j0; j < x.Length; j++)
        {
            ClampCoordinate(x, velocity, j, lower[j], upper[j], hasVelocity, velocityFactor);
        }
    }

    /// <summary>
    /// <see cref="ClampCoordinate"/> four coordinates at a time with masks instead of branches (whether a coordinate
    /// is out of bounds is as good as random inside a swarm, so the branches mispredicted): the same outcome per
    /// coordinate, bit for bit (below → lower, else above → upper, else NaN → lower with +0 velocity; the velocity of a
    /// clamped coordinate is multiplied by the factor, the others are untouched). Returns the first coordinate left.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int ClampVectors(Span<double> x, Span<double> velocity, ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper, bool hasVelocity, double velocityFactor)
    {
        ref var x0 = ref MemoryMarshal.GetReference(x);
        ref var v0 = ref MemoryMarshal.GetReference(velocity);
        ref var lo0 = ref MemoryMarshal.GetReference(lower);
        ref var hi0 = ref MemoryMarshal.GetReference(upper);
        var factor = Vector256.Create(velocityFactor);
        var end = x.Length - (x.Length % Vector256<double>.Count);
        for (var j = 0; j < end; j += Vector256<double>.Count)
        {
            var xv = Vector256.LoadUnsafe(ref x0, (nuint)j);
            var lo = Vector256.LoadUnsafe(ref lo0, (nuint)j);
            var hi = Vector256.LoadUnsafe(ref hi0, (nuint)j);
            var below = Avx.Compare(xv, lo, FloatComparisonMode.OrderedLessThanNonSignaling);
            var above = Avx.Compare(xv, hi, FloatComparisonMode.OrderedGreaterThanNonSignaling);
            var nan = Avx.Compare(xv, xv, FloatComparisonMode.UnorderedNonSignaling);
            var clamped = Avx.BlendVariable(Avx.BlendVariable(xv, hi, above), lo, Avx.Or(below, nan));
            clamped.StoreUnsafe(ref x0, (nuint)j);
            if (hasVelocity)
            {
                var vv = Vector256.LoadUnsafe(ref v0, (nuint)j);
                var scaled = Avx.BlendVariable(vv, Avx.Multiply(vv, factor), Avx.Or(below, above));
                Avx.AndNot(nan, scaled).StoreUnsafe(ref v0, (nuint)j);
            }
        }

        return end;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowBadClamp(int length, int velocityLength, int dimension, double velocityFactor)
    {
        if (length != dimension)
        {
            throw new ArgumentException($"The position has {length} coordinates; the bounds have {dimension}.", "x");
        }

        if (velocityLength != 0 && velocityLength != length)
        {
            throw new ArgumentException(
                $"The velocity has {velocityLength} coordinates; the position has {length} (pass an empty span for none).", "velocity");
        }

        throw new ArgumentOutOfRangeException(nameof(velocityFactor), velocityFactor, "The velocity factor must be in [−1, 1].");
    }

    private static void ClampCoordinate(Span<double> x, Span<double> velocity, int j, double lo, double hi,
        bool hasVelocity, double velocityFactor)
    {
        var v = x[j];
        if (v < lo)
        {
            x[j] = lo;
        }
        else if (v > hi)
        {
            x[j] = hi;
        }
        else if (double.IsNaN(v))
        {
            x[j] = lo;
            if (hasVelocity)
            {
                velocity[j] = 0;
            }

            return;
        }
        else
        {
            return;
        }

        if (hasVelocity)
        {
            velocity[j] *= velocityFactor;
        }
    }

    /// <summary>Clamps each velocity component to [−vmaxⱼ, vmaxⱼ].</summary>
    /// <param name="velocity">Velocity, modified in place.</param>
    /// <param name="maxVelocity">Positive limit per dimension.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ClampVelocity(Span<double> velocity, ReadOnlySpan<double> maxVelocity)
    {
        for (var j = 0; j < velocity.Length; j++)
        {
            var m = maxVelocity[j];
            velocity[j] = Math.Clamp(velocity[j], -m, m);
        }
    }

    /// <summary>Velocity limits vmaxⱼ = <paramref name="fraction"/> · (upperⱼ − lowerⱼ).</summary>
    /// <param name="bounds">The box.</param>
    /// <param name="fraction">Fraction of the range (positive; ∞ disables clamping).</param>
    /// <returns>The limits per dimension.</returns>
    public static double[] MaxVelocity(Bounds bounds, double fraction)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        if (!(fraction > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Velocity clamp fraction must be > 0.");
        }

        var result = new double[bounds.Dimension];
        for (var j = 0; j < result.Length; j++)
        {
            result[j] = fraction * (bounds.Upper[j] - bounds.Lower[j]);
        }

        return result;
    }

    private static double Reflect(double v, double lo, double hi)
    {
        var width = hi - lo;
        if (width <= 0 || !double.IsFinite(v))
        {
            return double.IsNaN(v) ? lo : Math.Clamp(v, lo, hi);
        }

        // Fold onto a period of 2·width: [lo, hi] then back.
        var t = (v - lo) % (2 * width);
        if (t < 0)
        {
            t += 2 * width;
        }

        var r = t <= width ? lo + t : hi - (t - width);
        return Math.Clamp(r, lo, hi);
    }
}
