using System.Diagnostics;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Registry;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>
/// A solver comparison in the shape of seed 002 Table 10: every optimizer on every function, repeated runs, the
/// best/worst/mean/median/standard deviation of the final best values and the mean seconds per run.
/// </summary>
public sealed record ComparisonRequest
{
    /// <summary>Function names (see <see cref="TestFunctions.Names"/>, or names the problem factory understands).</summary>
    public required IReadOnlyList<string> Functions { get; init; }

    /// <summary>Optimizer names as registered in the <see cref="IOptimizerRegistry"/>.</summary>
    public required IReadOnlyList<string> Optimizers { get; init; }

    /// <summary>Problem dimension n (functions of fixed dimension, such as the 2-D Schaffer F6, keep theirs).</summary>
    public int Dimension { get; init; } = 30;

    /// <summary>Population size given to every optimizer that has one (<see cref="IPopulationBasedOptimizer"/>).</summary>
    public int PopulationSize { get; init; } = 50;

    /// <summary>Iterations per run.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Independent runs per (optimizer, function).</summary>
    public int Runs { get; init; } = 100;

    /// <summary>Series seed; run r on function f uses a seed derived from (seed, f, r), the same for every optimizer.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Runs executed at once (−1 = all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Functions is null || Functions.Count == 0)
        {
            throw new ArgumentException("Comparison needs at least one function.", nameof(Functions));
        }

        if (Optimizers is null || Optimizers.Count == 0)
        {
            throw new ArgumentException("Comparison needs at least one optimizer.", nameof(Optimizers));
        }

        PsoOptions.Require(Dimension >= 1, nameof(Dimension), Dimension);
        PsoOptions.Require(PopulationSize >= 2, nameof(PopulationSize), PopulationSize);
        PsoOptions.Require(Iterations >= 1, nameof(Iterations), Iterations);
        PsoOptions.Require(Runs >= 1, nameof(Runs), Runs);
        PsoOptions.Require(MaxDegreeOfParallelism == -1 || MaxDegreeOfParallelism >= 1, nameof(MaxDegreeOfParallelism),
            MaxDegreeOfParallelism);
    }
}

/// <summary>One row of a comparison: statistics of the final best values of one optimizer on one function.</summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Function">Function name.</param>
/// <param name="Dim">Dimension actually used.</param>
/// <param name="Runs">Number of runs.</param>
/// <param name="Best">Smallest final value.</param>
/// <param name="Worst">Largest final value.</param>
/// <param name="Mean">Mean final value.</param>
/// <param name="Median">Median final value.</param>
/// <param name="Std">Sample standard deviation (n − 1) of the final values.</param>
/// <param name="MeanSecondsPerRun">Mean wall time of one run, in seconds.</param>
/// <param name="MeanEvaluations">Mean objective evaluations per run.</param>
/// <param name="Values">The final best value of each run, in run order.</param>
public sealed record ComparisonRow(
    string Optimizer, string Function, int Dim, int Runs, double Best, double Worst, double Mean, double Median,
    double Std, double MeanSecondsPerRun, double MeanEvaluations, IReadOnlyList<double> Values);

/// <summary>Runs a <see cref="ComparisonRequest"/> with optimizers taken from an <see cref="IOptimizerRegistry"/>
/// (built-in ones and plug-ins alike). Runs execute in parallel; each is reproducible on its own.</summary>
public sealed class SolverComparison
{
    private readonly IOptimizerRegistry _registry;
    private readonly Func<string, int, IProblem> _problems;

    /// <summary>Creates the runner.</summary>
    /// <param name="registry">Where optimizers are found by name.</param>
    /// <param name="problemFactory">Creates a problem from (name, dimension); null = <see cref="TestFunctions.Create"/>.</param>
    public SolverComparison(IOptimizerRegistry registry, Func<string, int, IProblem>? problemFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _problems = problemFactory ?? ((name, n) => TestFunctions.Create(name, n));
    }

    /// <summary>Runs the comparison.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="progress">Receives the fraction of runs completed, or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>One row per (function, optimizer), functions in request order, then optimizers in request order.</returns>
    public IReadOnlyList<ComparisonRow> Run(
        ComparisonRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var problems = request.Functions.Select(f => _problems(f, request.Dimension)).ToArray();
        var optimizers = request.Optimizers.Select(Resolve(request.PopulationSize)).ToArray();
        foreach (var (o, i) in optimizers.Select((o, i) => (o, i)))
        {
            _ = o ?? throw new ArgumentException($"Unknown optimizer '{request.Optimizers[i]}'.", nameof(request));
        }

        var fCount = problems.Length;
        var oCount = optimizers.Length;
        var runs = request.Runs;
        var values = new double[fCount * oCount * runs];
        var seconds = new double[values.Length];
        var evaluations = new long[values.Length];
        var stopping = StoppingCriteria.Iterations(request.Iterations);
        var done = 0;
        var options = new ParallelOptions
        {
            // −1 means one run per core: never more runs at once than cores, so that seconds per run stay meaningful.
            MaxDegreeOfParallelism = request.MaxDegreeOfParallelism == -1
                ? Environment.ProcessorCount
                : request.MaxDegreeOfParallelism,
            CancellationToken = cancellationToken,
        };

        // Job order: run-major so that every optimizer progresses together.
        Parallel.For(0, values.Length, options, job =>
        {
            var r = job / (fCount * oCount);
            var f = job / oCount % fCount;
            var o = job % oCount;
            var seed = RandomSource.DeriveSeed(RandomSource.DeriveSeed(request.Seed, StableHash(problems[f].Name)), r);
            var sw = Stopwatch.StartNew();
            var result = optimizers[o].Create().Optimize(problems[f], stopping, seed, null, cancellationToken);
            sw.Stop();
            var slot = (((f * oCount) + o) * runs) + r;
            values[slot] = result.BestValue;
            seconds[slot] = sw.Elapsed.TotalSeconds;
            evaluations[slot] = result.Evaluations;
            var d = Interlocked.Increment(ref done);
            progress?.Report((double)d / values.Length);
        });

        var rows = new List<ComparisonRow>(fCount * oCount);
        for (var f = 0; f < fCount; f++)
        {
            for (var o = 0; o < oCount; o++)
            {
                var start = ((f * oCount) + o) * runs;
                var v = values.AsSpan(start, runs).ToArray();
                rows.Add(Summarise(optimizers[o].Name, problems[f].Name, problems[f].Dimension, v,
                    seconds.AsSpan(start, runs), evaluations.AsSpan(start, runs)));
            }
        }

        return rows;
    }

    private Func<string, PreparedOptimizer> Resolve(int populationSize) => name =>
    {
        if (!_registry.TryGet(name, out var factory))
        {
            throw new ArgumentException(
                $"Unknown optimizer '{name}'. Known: {string.Join(", ", _registry.Factories.Select(x => x.Name))}.",
                nameof(name));
        }

        if (factory.Objectives == ObjectiveSupport.Multi)
        {
            throw new ArgumentException($"Optimizer '{name}' is multi-objective; this comparison is single-objective.",
                nameof(name));
        }

        return new PreparedOptimizer(factory.Name, () =>
        {
            var optimizer = factory.Create();
            return optimizer is IPopulationBasedOptimizer p ? p.WithPopulationSize(populationSize) : optimizer;
        });
    };

    private static ComparisonRow Summarise(
        string optimizer, string function, int dim, double[] v, ReadOnlySpan<double> seconds, ReadOnlySpan<long> evals)
    {
        var sorted = v.ToArray();
        Array.Sort(sorted);
        var n = sorted.Length;
        var mean = v.Average();
        var median = n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[(n / 2) - 1] + sorted[n / 2]);
        var ss = 0.0;
        foreach (var x in v)
        {
            ss += (x - mean) * (x - mean);
        }

        var std = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0.0;
        var secs = 0.0;
        foreach (var s in seconds)
        {
            secs += s;
        }

        var ev = 0.0;
        foreach (var e in evals)
        {
            ev += e;
        }

        return new ComparisonRow(optimizer, function, dim, n, sorted[0], sorted[^1], mean, median, std, secs / n, ev / n, v);
    }

    /// <summary>FNV-1a hash of a name: stable across processes and versions (unlike string.GetHashCode).</summary>
    private static int StableHash(string s)
    {
        unchecked
        {
            var h = 2166136261u;
            foreach (var c in s)
            {
                h = (h ^ c) * 16777619u;
            }

            return (int)(h & 0x7FFFFFFF);
        }
    }

    private sealed record PreparedOptimizer(string Name, Func<IOptimizer> Create);
}
