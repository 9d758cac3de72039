using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>Immutable box bounds of a decision vector: a finite lower and upper limit per dimension.</summary>
public sealed class Bounds
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <summary>Creates bounds from per-dimension limits (copied).</summary>
    /// <param name="lower">Lower limit per dimension.</param>
    /// <param name="upper">Upper limit per dimension, each at least the lower one.</param>
    /// <exception cref="ArgumentException">Lengths differ, are zero, a limit is not finite, or lower &gt; upper.</exception>
    public Bounds(ReadOnlySpan<double> lower, ReadOnlySpan<double> upper)
    {
        if (lower.Length == 0)
        {
            throw new ArgumentException("Bounds need at least one dimension (lower.Length = 0).", nameof(lower));
        }

        if (lower.Length != upper.Length)
        {
            throw new ArgumentException(
                $"Bounds lower and upper lengths differ ({lower.Length} vs {upper.Length}).", nameof(upper));
        }

        for (var j = 0; j < lower.Length; j++)
        {
            if (!double.IsFinite(lower[j]) || !double.IsFinite(upper[j]) || lower[j] > upper[j])
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Bounds dimension {j} is invalid: lower = {lower[j]}, upper = {upper[j]} (need finite lower <= upper)."),
                    nameof(lower));
            }
        }

        _lower = lower.ToArray();
        _upper = upper.ToArray();
    }

    /// <summary>The same interval [<paramref name="lower"/>, <paramref name="upper"/>] in every dimension.</summary>
    /// <param name="dimension">Number of dimensions (at least 1).</param>
    /// <param name="lower">Lower limit.</param>
    /// <param name="upper">Upper limit.</param>
    /// <returns>The bounds.</returns>
    public static Bounds Uniform(int dimension, double lower, double upper)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var lo = new double[dimension];
        var hi = new double[dimension];
        Array.Fill(lo, lower);
        Array.Fill(hi, upper);
        return new Bounds(lo, hi);
    }

    /// <summary>Number of dimensions.</summary>
    public int Dimension => _lower.Length;

    /// <summary>Lower limits.</summary>
    public ReadOnlySpan<double> Lower => _lower;

    /// <summary>Upper limits.</summary>
    public ReadOnlySpan<double> Upper => _upper;

    /// <summary>Whether <paramref name="x"/> lies inside the box (limits included).</summary>
    /// <param name="x">A decision vector of length <see cref="Dimension"/>.</param>
    /// <returns><see langword="true"/> when every component is within its limits.</returns>
    public bool Contains(ReadOnlySpan<double> x)
    {
        if (x.Length != _lower.Length)
        {
            return false;
        }

        for (var j = 0; j < x.Length; j++)
        {
            if (!(x[j] >= _lower[j] && x[j] <= _upper[j]))
            {
                return false;
            }
        }

        return true;
    }
}
