using System.Buffers;
using System.Runtime.CompilerServices;

namespace EvGrid.Optimization.Metaheuristics.Problems;

/// <summary>
/// A test function moved and turned as in the CEC benchmark suites, so that search drifting to the centre of the box
/// (or along the coordinate axes) gains nothing: f′(x) = f(M (x − o) + x*), where x* is the base function's minimiser,
/// o a shift drawn uniformly in the central 80 % of each range (o = x* without shifting) and M a random orthogonal
/// matrix (Gram–Schmidt on a Gaussian matrix; the identity without rotation). f′(o) = f(x*) = 0: the optimum value is
/// unchanged and the minimiser is o. The box is the base function's; with rotation, points of the box may map outside
/// it, which these functions accept (they are defined everywhere). The name is the base name with <c>-shifted</c>
/// and/or <c>-rotated</c>. A rotated evaluation costs n² multiplications more.
/// </summary>
public sealed class ShiftedRotatedFunction : TestFunction
{
    private const int StackLimit = 512;
    private readonly TestFunction _base;
    private readonly double[] _origin;
    private readonly double[] _target;
    private readonly double[]? _rotation;

    /// <summary>Creates the variant.</summary>
    /// <param name="function">The plain function.</param>
    /// <param name="shift">Whether to shift the minimiser.</param>
    /// <param name="rotate">Whether to rotate the coordinates.</param>
    /// <param name="seed">Seed of the shift and rotation.</param>
    /// <exception cref="ArgumentException">Neither shift nor rotation was asked for.</exception>
    public ShiftedRotatedFunction(TestFunction function, bool shift, bool rotate, long seed)
        : base(VariantName(function, shift, rotate), function.Bounds)
    {
        _base = function;
        var n = function.Dimension;
        _target = function.Minimizer();
        var random = new RandomSource(seed);
        _origin = new double[n];
        for (var j = 0; j < n; j++)
        {
            var lo = function.Bounds.Lower[j];
            var range = function.Bounds.Upper[j] - lo;
            _origin[j] = shift ? lo + (range * (0.1 + (0.8 * random.NextDouble()))) : _target[j];
        }

        _rotation = rotate ? RandomRotation(n, random) : null;
        IsShifted = shift;
        IsRotated = rotate;
    }

    /// <summary>The plain function.</summary>
    public TestFunction BaseFunction => _base;

    /// <summary>Whether the minimiser is shifted.</summary>
    public bool IsShifted { get; }

    /// <summary>Whether the coordinates are rotated.</summary>
    public bool IsRotated { get; }

    /// <summary>The rotation M, row-major n × n (a copy), or null when not rotated.</summary>
    public double[]? Rotation => _rotation?.ToArray();

    /// <inheritdoc />
    public override double OptimumCoordinate => double.NaN;

    /// <inheritdoc />
    public override double[] Minimizer() => _origin.ToArray();

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var n = _origin.Length;
        double[]? rented = null;
        var z = n <= StackLimit ? stackalloc double[n] : (rented = ArrayPool<double>.Shared.Rent(n)).AsSpan(0, n);
        if (_rotation is null)
        {
            for (var j = 0; j < n; j++)
            {
                z[j] = x[j] - _origin[j] + _target[j];
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                var row = _rotation.AsSpan(i * n, n);
                var s = 0.0;
                for (var j = 0; j < n; j++)
                {
                    s += row[j] * (x[j] - _origin[j]);
                }

                z[i] = s + _target[i];
            }
        }

        var value = _base.Value(z);
        if (rented is not null)
        {
            ArrayPool<double>.Shared.Return(rented);
        }

        return value;
    }

    private static string VariantName(TestFunction function, bool shift, bool rotate)
    {
        ArgumentNullException.ThrowIfNull(function);
        if (!shift && !rotate)
        {
            throw new ArgumentException("A shifted/rotated variant needs shift, rotate or both.", nameof(shift));
        }

        return function.Name + (shift ? "-shifted" : string.Empty) + (rotate ? "-rotated" : string.Empty);
    }

    /// <summary>A random orthogonal matrix: modified Gram–Schmidt on rows of independent N(0, 1) draws (uniform
    /// over rotations and reflections).</summary>
    private static double[] RandomRotation(int n, RandomSource random)
    {
        var m = new double[n * n];
        for (var i = 0; i < m.Length; i++)
        {
            m[i] = random.NextGaussian();
        }

        for (var i = 0; i < n; i++)
        {
            var row = m.AsSpan(i * n, n);
            for (var k = 0; k < i; k++)
            {
                var prev = m.AsSpan(k * n, n);
                var dot = 0.0;
                for (var j = 0; j < n; j++)
                {
                    dot += row[j] * prev[j];
                }

                for (var j = 0; j < n; j++)
                {
                    row[j] -= dot * prev[j];
                }
            }

            var norm = 0.0;
            foreach (var v in row)
            {
                norm += v * v;
            }

            norm = Math.Sqrt(norm);
            for (var j = 0; j < n; j++)
            {
                row[j] /= norm;
            }
        }

        return m;
    }
}
