using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace EvGrid.Optimization.Metaheuristics.Problems;

/// <summary>
/// An unconstrained single-objective benchmark function f(x) with global minimum 0. Stateless and thread-safe.
/// </summary>
public abstract class TestFunction : ProblemBase
{
    /// <summary>Initialises the function.</summary>
    /// <param name="name">Registry name.</param>
    /// <param name="bounds">Search box.</param>
    protected TestFunction(string name, Bounds bounds) : base(name, bounds)
    {
    }

    /// <summary>Coordinate of the global minimum when it is the same in every dimension (0, or 1 for Rosenbrock);
    /// NaN for a <see cref="ShiftedRotatedFunction"/>, whose minimiser is <see cref="Minimizer"/>.</summary>
    public virtual double OptimumCoordinate => 0.0;

    /// <summary>Location of the global minimum x* (f(x*) = 0).</summary>
    /// <returns>A new vector of length <see cref="ProblemBase.Dimension"/>.</returns>
    public virtual double[] Minimizer() => Enumerable.Repeat(OptimumCoordinate, Dimension).ToArray();

    /// <summary>f(x).</summary>
    /// <param name="x">Decision vector of length <see cref="ProblemBase.Dimension"/>.</param>
    /// <returns>The function value.</returns>
    public abstract double Value(ReadOnlySpan<double> x);

    /// <inheritdoc />
    public sealed override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
        => objectives[0] = Value(x);
}

/// <summary>Sphere, seed 002 eq. (35): f₁(x) = Σ xᵢ², on [−100, 100]ⁿ.</summary>
public sealed class SphereFunction : TestFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="dimension">n.</param>
    public SphereFunction(int dimension) : base("sphere", Bounds.Uniform(dimension, -100, 100))
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        foreach (var v in x)
        {
            s += v * v;
        }

        return s;
    }
}

/// <summary>Schwefel 2.22, seed 002 eq. (36): f₂(x) = Σ |xᵢ| + Π |xᵢ|, on [−10, 10]ⁿ.</summary>
public sealed class Schwefel222Function : TestFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="dimension">n.</param>
    public Schwefel222Function(int dimension) : base("schwefel222", Bounds.Uniform(dimension, -10, 10))
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        var p = 1.0;
        foreach (var v in x)
        {
            var a = Math.Abs(v);
            s += a;
            p *= a;
        }

        return s + p;
    }
}

/// <summary>
/// Schaffer F6 in two dimensions, seed 002 eq. (37):
/// f₃(x) = 0.5 + (sin²√(x₁² + x₂²) − 0.5) / [1 + 0.001 (x₁² + x₂²)]², on [−100, 100]². Always 2-D.
/// </summary>
public sealed class SchafferF6Function : TestFunction
{
    /// <summary>Creates the (2-D) function.</summary>
    public SchafferF6Function() : base("schaffer6", Bounds.Uniform(2, -100, 100))
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var r2 = (x[0] * x[0]) + (x[1] * x[1]);
        var s = Math.Sin(Math.Sqrt(r2));
        var d = 1.0 + (0.001 * r2);
        return 0.5 + (((s * s) - 0.5) / (d * d));
    }
}

/// <summary>Rastrigin, seed 002 eq. (38): f₄(x) = Σ [xᵢ² − 10 cos(2π xᵢ) + 10], on [−5.12, 5.12]ⁿ.</summary>
public sealed class RastriginFunction : TestFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="dimension">n.</param>
    public RastriginFunction(int dimension) : base("rastrigin", Bounds.Uniform(dimension, -5.12, 5.12))
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        // Same terms and summation order as Σ (xᵢ² − 10·cos(2πxᵢ) + 10) with Math.Cos: the cosines come from
        // CosineKernel, which returns the same bits, and each term is added as it comes.
        var sum = new RastriginTerms();
        CosineKernel.Run(x, 2.0 * Math.PI, ref sum);
        return sum.Total;
    }

    /// <summary>Adds xᵢ² − 10·cos(2πxᵢ) + 10 in order (the term computed four lanes at a time, same operations).</summary>
    private struct RastriginTerms : ICosineSink
    {
        /// <summary>The sum so far.</summary>
        public double Total;

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Accept(int start, int count, Vector256<double> input, Vector256<double> cosine)
        {
            var term = (input * input) - (Vector256.Create(10.0) * cosine) + Vector256.Create(10.0);
            if (count == 4)
            {
                // In order, with constant lanes (a variable lane index goes through memory).
                Total = Total + term.GetElement(0) + term.GetElement(1) + term.GetElement(2) + term.GetElement(3);
                return;
            }

            for (var lane = 0; lane < count; lane++)
            {
                Total += term.GetElement(lane);
            }
        }
    }
}

/// <summary>Rosenbrock: f(x) = Σ [100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)²], on [−30, 30]ⁿ; minimum 0 at x = (1, …, 1); n ≥ 2.</summary>
public sealed class RosenbrockFunction : TestFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="dimension">n (at least 2).</param>
    public RosenbrockFunction(int dimension) : base("rosenbrock", Bounds.Uniform(Check2(dimension), -30, 30))
    {
    }

    /// <inheritdoc />
    public override double OptimumCoordinate => 1.0;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        for (var i = 0; i + 1 < x.Length; i++)
        {
            var a = x[i + 1] - (x[i] * x[i]);
            var b = 1.0 - x[i];
            s += (100.0 * a * a) + (b * b);
        }

        return s;
    }

    private static int Check2(int dimension)
    {
        if (dimension < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Rosenbrock needs dimension >= 2.");
        }

        return dimension;
    }
}

/// <summary>Ackley: f(x) = −20 exp(−0.2 √(Σxᵢ²/n)) − exp(Σ cos(2πxᵢ)/n) + 20 + e, on [−32, 32]ⁿ.</summary>
public sealed class AckleyFunction : TestFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="dimension">n.</param>
    public AckleyFunction(int dimension) : base("ackley", Bounds.Uniform(dimension, -32, 32))
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var sums = new AckleySums();
        CosineKernel.Run(x, 2.0 * Math.PI, ref sums); // the same bits as Math.Cos(2π·xᵢ), see CosineKernel
        var sq = sums.Squares;
        var cs = sums.Cosines;
        var n = x.Length;
        var f = (-20.0 * Math.Exp(-0.2 * Math.Sqrt(sq / n))) - Math.Exp(cs / n) + 20.0 + Math.E;
        return Math.Max(f, 0.0);
    }

    /// <summary>Σ xᵢ² and Σ cos(2πxᵢ), each in order.</summary>
    private struct AckleySums : ICosineSink
    {
        /// <summary>Σ xᵢ² so far.</summary>
        public double Squares;

        /// <summary>Σ cos(2πxᵢ) so far.</summary>
        public double Cosines;

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Accept(int start, int count, Vector256<double> input, Vector256<double> cosine)
        {
            var square = input * input;
            if (count == 4)
            {
                // In order, with constant lanes, as Rastrigin's sink does.
                Squares = Squares + square.GetElement(0) + square.GetElement(1) + square.GetElement(2) + square.GetElement(3);
                Cosines = Cosines + cosine.GetElement(0) + cosine.GetElement(1) + cosine.GetElement(2) + cosine.GetElement(3);
                return;
            }

            for (var lane = 0; lane < count; lane++)
            {
                Squares += square.GetElement(lane);
                Cosines += cosine.GetElement(lane);
            }
        }
    }
}

/// <summary>Griewank: f(x) = 1 + Σ xᵢ²/4000 − Π cos(xᵢ/√i), on [−600, 600]ⁿ.</summary>
public sealed class GriewankFunction : TestFunction
{
    /// <summary>Creates the function.</summary>
    /// <param name="dimension">n.</param>
    public GriewankFunction(int dimension) : base("griewank", Bounds.Uniform(dimension, -600, 600))
    {
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override double Value(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        var p = 1.0;
        for (var i = 0; i < x.Length; i++)
        {
            s += x[i] * x[i];
            p *= Math.Cos(x[i] / Math.Sqrt(i + 1));
        }

        return Math.Max(1.0 + (s / 4000.0) - p, 0.0);
    }
}

/// <summary>The single-objective test functions by name.</summary>
public static class TestFunctions
{
    /// <summary>Names understood by <see cref="Create(string, int)"/>: the four of seed 002 Table 10, then three classics.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["sphere", "schwefel222", "schaffer6", "rastrigin", "rosenbrock", "ackley", "griewank"];

    /// <summary>
    /// Creates a test function by name and, when asked, its shifted and/or rotated variant
    /// (<see cref="ShiftedRotatedFunction"/>) whose shift and rotation are drawn from <paramref name="seed"/>.
    /// </summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <param name="dimension">n.</param>
    /// <param name="shift">Move the minimiser away from the centre of the box.</param>
    /// <param name="rotate">Turn the coordinates by a random orthogonal matrix.</param>
    /// <param name="seed">Seed of the shift and rotation (the same seed gives the same variant).</param>
    /// <returns>The function (the plain one when neither <paramref name="shift"/> nor <paramref name="rotate"/>).</returns>
    public static TestFunction Create(string name, int dimension, bool shift, bool rotate, long seed)
    {
        var plain = Create(name, dimension);
        return shift || rotate ? new ShiftedRotatedFunction(plain, shift, rotate, seed) : plain;
    }

    /// <summary>Creates a test function by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/> (aliases f1–f4 for the seed 002 functions).</param>
    /// <param name="dimension">n (ignored by <c>schaffer6</c>, which is 2-D).</param>
    /// <returns>The function.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Dimension below 1 (below 2 for Rosenbrock).</exception>
    public static TestFunction Create(string name, int dimension)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        return name.Trim().ToLowerInvariant() switch
        {
            "sphere" or "f1" => new SphereFunction(dimension),
            "schwefel222" or "schwefel2.22" or "f2" => new Schwefel222Function(dimension),
            "schaffer6" or "schafferf6" or "f3" => new SchafferF6Function(),
            "rastrigin" or "f4" => new RastriginFunction(dimension),
            "rosenbrock" => new RosenbrockFunction(dimension),
            "ackley" => new AckleyFunction(dimension),
            "griewank" => new GriewankFunction(dimension),
            _ => throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Unknown test function '{name}'. Known: {string.Join(", ", Names)}."), nameof(name)),
        };
    }
}
