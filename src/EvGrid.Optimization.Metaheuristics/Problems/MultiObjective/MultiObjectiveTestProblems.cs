namespace EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;

/// <summary>
/// A multi-objective benchmark problem with a known Pareto front: a sampled reference front for IGD/GD and a
/// reference point for the hypervolume.
/// </summary>
public abstract class MultiObjectiveTestProblem : ProblemBase
{
    private readonly Lazy<double[]> _front;

    /// <summary>Initialises the problem.</summary>
    /// <param name="name">Problem name (lower case, e.g. <c>zdt1</c>).</param>
    /// <param name="bounds">Box bounds.</param>
    /// <param name="objectiveCount">Number of objectives.</param>
    /// <param name="hypervolumeReference">Reference point for the hypervolume.</param>
    protected MultiObjectiveTestProblem(string name, Bounds bounds, int objectiveCount, double[] hypervolumeReference)
        : base(name, bounds, objectiveCount)
    {
        ArgumentNullException.ThrowIfNull(hypervolumeReference);
        HypervolumeReference = hypervolumeReference;
        _front = new Lazy<double[]>(SampleFront);
    }

    /// <summary>Reference point used for this problem's hypervolume (ZDT: (1.1, 1.1); DTLZ1: 0.55 per objective;
    /// DTLZ2: 1.1 per objective — 1.1 × the front's nadir point).</summary>
    public IReadOnlyList<double> HypervolumeReference { get; }

    /// <summary>The sampled true Pareto front (row-major; see <see cref="ParetoFronts"/>), computed once.</summary>
    public ReadOnlySpan<double> TrueFront => _front.Value;

    /// <summary>Samples the true front.</summary>
    /// <returns>Row-major objective vectors.</returns>
    protected abstract double[] SampleFront();
}

/// <summary>Shared part of the ZDT problems (Zitzler, Deb &amp; Thiele 2000): f1 = f1(x1), f2 = g(x2..n) h(f1, g).</summary>
public abstract class ZdtProblem : MultiObjectiveTestProblem
{
    /// <summary>Initialises a ZDT problem.</summary>
    /// <param name="name">Name.</param>
    /// <param name="bounds">Bounds.</param>
    protected ZdtProblem(string name, Bounds bounds)
        : base(name, bounds, 2, [1.1, 1.1])
    {
    }

    /// <summary>Rejects dimensions below 2.</summary>
    /// <param name="dimension">Requested dimension.</param>
    /// <returns>The dimension.</returns>
    protected static int CheckDimension(int dimension) =>
        dimension >= 2 ? dimension : throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "ZDT problems need at least 2 variables.");
}

/// <summary>ZDT1: n = 30, x ∈ [0, 1]ⁿ, g = 1 + 9 Σ_{i≥2} xᵢ/(n − 1), h = 1 − √(f1/g); convex front f2 = 1 − √f1.</summary>
public sealed class Zdt1 : ZdtProblem
{
    /// <summary>Creates ZDT1.</summary>
    /// <param name="dimension">Number of variables (30 in the original).</param>
    public Zdt1(int dimension = 30) : base("zdt1", Bounds.Uniform(CheckDimension(dimension), 0, 1))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var g = LinearG(x);
        objectives[0] = x[0];
        objectives[1] = g * (1 - Math.Sqrt(x[0] / g));
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Zdt1();

    internal static double LinearG(ReadOnlySpan<double> x)
    {
        var s = 0.0;
        for (var i = 1; i < x.Length; i++)
        {
            s += x[i];
        }

        return 1 + (9 * s / (x.Length - 1));
    }
}

/// <summary>ZDT2: as ZDT1 with h = 1 − (f1/g)²; non-convex front f2 = 1 − f1².</summary>
public sealed class Zdt2 : ZdtProblem
{
    /// <summary>Creates ZDT2.</summary>
    /// <param name="dimension">Number of variables (30 in the original).</param>
    public Zdt2(int dimension = 30) : base("zdt2", Bounds.Uniform(CheckDimension(dimension), 0, 1))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var g = Zdt1.LinearG(x);
        var r = x[0] / g;
        objectives[0] = x[0];
        objectives[1] = g * (1 - (r * r));
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Zdt2();
}

/// <summary>ZDT3: as ZDT1 with h = 1 − √(f1/g) − (f1/g) sin(10π f1); front of five disconnected pieces.</summary>
public sealed class Zdt3 : ZdtProblem
{
    /// <summary>Creates ZDT3.</summary>
    /// <param name="dimension">Number of variables (30 in the original).</param>
    public Zdt3(int dimension = 30) : base("zdt3", Bounds.Uniform(CheckDimension(dimension), 0, 1))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var g = Zdt1.LinearG(x);
        var r = x[0] / g;
        objectives[0] = x[0];
        objectives[1] = g * (1 - Math.Sqrt(r) - (r * Math.Sin(10 * Math.PI * x[0])));
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Zdt3();
}

/// <summary>ZDT4: n = 10, x1 ∈ [0, 1], x2..n ∈ [−5, 5], g = 1 + 10(n − 1) + Σ_{i≥2} (xᵢ² − 10 cos 4πxᵢ) (21⁹
/// local fronts), h = 1 − √(f1/g); front as ZDT1.</summary>
public sealed class Zdt4 : ZdtProblem
{
    /// <summary>Creates ZDT4.</summary>
    /// <param name="dimension">Number of variables (10 in the original).</param>
    public Zdt4(int dimension = 10) : base("zdt4", MakeBounds(CheckDimension(dimension)))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var g = 1.0 + (10.0 * (x.Length - 1));
        for (var i = 1; i < x.Length; i++)
        {
            g += (x[i] * x[i]) - (10 * Math.Cos(4 * Math.PI * x[i]));
        }

        objectives[0] = x[0];
        objectives[1] = g * (1 - Math.Sqrt(x[0] / g));
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Zdt4();

    private static Bounds MakeBounds(int n)
    {
        var lo = new double[n];
        var hi = new double[n];
        Array.Fill(lo, -5.0);
        Array.Fill(hi, 5.0);
        lo[0] = 0;
        hi[0] = 1;
        return new Bounds(lo, hi);
    }
}

/// <summary>ZDT6: n = 10, x ∈ [0, 1]ⁿ, f1 = 1 − e^(−4x1) sin⁶(6πx1), g = 1 + 9 (Σ_{i≥2} xᵢ/(n − 1))^0.25,
/// h = 1 − (f1/g)²; non-convex front with non-uniform density, f1 ∈ [0.2808, 1].</summary>
public sealed class Zdt6 : ZdtProblem
{
    /// <summary>Creates ZDT6.</summary>
    /// <param name="dimension">Number of variables (10 in the original).</param>
    public Zdt6(int dimension = 10) : base("zdt6", Bounds.Uniform(CheckDimension(dimension), 0, 1))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var s = 0.0;
        for (var i = 1; i < x.Length; i++)
        {
            s += x[i];
        }

        var g = 1 + (9 * Math.Pow(s / (x.Length - 1), 0.25));
        var sin = Math.Sin(6 * Math.PI * x[0]);
        var sin2 = sin * sin;
        var f1 = 1 - (Math.Exp(-4 * x[0]) * sin2 * sin2 * sin2);
        var r = f1 / g;
        objectives[0] = f1;
        objectives[1] = g * (1 - (r * r));
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Zdt6();
}

/// <summary>DTLZ1 (Deb et al. 2002): M objectives, n = M + k − 1 (k = 5), x ∈ [0, 1]ⁿ,
/// g = 100 [k + Σ_{xᵢ∈x_M} ((xᵢ − 0.5)² − cos 20π(xᵢ − 0.5))]; linear front Σ f = 0.5 (11ᵏ − 1 local fronts).</summary>
public sealed class Dtlz1 : MultiObjectiveTestProblem
{
    /// <summary>Creates DTLZ1.</summary>
    /// <param name="objectives">Number of objectives M (≥ 2, default 3).</param>
    /// <param name="k">Size of the distance part x_M (default 5).</param>
    public Dtlz1(int objectives = 3, int k = 5)
        : base("dtlz1", Bounds.Uniform(DtlzDimension(objectives, k), 0, 1), objectives, Repeat(0.55, objectives))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var m = ObjectiveCount;
        var g = 0.0;
        for (var i = m - 1; i < x.Length; i++)
        {
            var d = x[i] - 0.5;
            g += (d * d) - Math.Cos(20 * Math.PI * d);
        }

        g = 100 * (x.Length - m + 1 + g);
        for (var j = 0; j < m; j++)
        {
            var f = 0.5 * (1 + g);
            for (var i = 0; i < m - 1 - j; i++)
            {
                f *= x[i];
            }

            if (j > 0)
            {
                f *= 1 - x[m - 1 - j];
            }

            objectives[j] = f;
        }
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Dtlz1(ObjectiveCount);

    internal static int DtlzDimension(int objectives, int k)
    {
        if (objectives < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(objectives), objectives, "DTLZ problems need at least 2 objectives.");
        }

        if (k < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1.");
        }

        return objectives + k - 1;
    }

    internal static double[] Repeat(double value, int count)
    {
        var r = new double[Math.Max(count, 0)];
        Array.Fill(r, value);
        return r;
    }
}

/// <summary>DTLZ2 (Deb et al. 2002): M objectives, n = M + k − 1 (k = 10), x ∈ [0, 1]ⁿ, g = Σ_{xᵢ∈x_M} (xᵢ − 0.5)²,
/// f_j = (1 + g) Π cos(xᵢπ/2) · sin(x_{M−j}π/2); spherical front Σ f² = 1.</summary>
public sealed class Dtlz2 : MultiObjectiveTestProblem
{
    /// <summary>Creates DTLZ2.</summary>
    /// <param name="objectives">Number of objectives M (≥ 2, default 3).</param>
    /// <param name="k">Size of the distance part x_M (default 10).</param>
    public Dtlz2(int objectives = 3, int k = 10)
        : base("dtlz2", Bounds.Uniform(Dtlz1.DtlzDimension(objectives, k), 0, 1), objectives, Dtlz1.Repeat(1.1, objectives))
    {
    }

    /// <inheritdoc />
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        var m = ObjectiveCount;
        var g = 0.0;
        for (var i = m - 1; i < x.Length; i++)
        {
            var d = x[i] - 0.5;
            g += d * d;
        }

        for (var j = 0; j < m; j++)
        {
            var f = 1 + g;
            for (var i = 0; i < m - 1 - j; i++)
            {
                f *= Math.Cos(x[i] * Math.PI / 2);
            }

            if (j > 0)
            {
                f *= Math.Sin(x[m - 1 - j] * Math.PI / 2);
            }

            objectives[j] = f;
        }
    }

    /// <inheritdoc />
    protected override double[] SampleFront() => ParetoFronts.Dtlz2(ObjectiveCount);
}

/// <summary>The multi-objective test problems by name (for command lines and comparisons).</summary>
public static class MultiObjectiveProblems
{
    /// <summary>Names accepted by <see cref="Create"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["zdt1", "zdt2", "zdt3", "zdt4", "zdt6", "dtlz1", "dtlz2"];

    /// <summary>Creates a problem with its standard sizes (ZDT1–3: 30 variables; ZDT4, ZDT6: 10; DTLZ: 3 objectives).</summary>
    /// <param name="name">Problem name (case-insensitive).</param>
    /// <returns>The problem.</returns>
    /// <exception cref="ArgumentException">Unknown name (the message lists the known ones).</exception>
    public static MultiObjectiveTestProblem Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "zdt1" => new Zdt1(),
            "zdt2" => new Zdt2(),
            "zdt3" => new Zdt3(),
            "zdt4" => new Zdt4(),
            "zdt6" => new Zdt6(),
            "dtlz1" => new Dtlz1(),
            "dtlz2" => new Dtlz2(),
            _ => throw new ArgumentException(
                $"Unknown problem '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
        };
    }
}
