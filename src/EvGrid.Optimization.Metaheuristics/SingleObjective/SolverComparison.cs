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

    /// <summary>Iterations per run (seed 002's protocol); ignored when <see cref="Evaluations"/> is set.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>
    /// Objective evaluations per run (the fair budget), or null to stop at <see cref="Iterations"/>. Every built-in
    /// optimizer then ends at exactly this many evaluations whatever it evaluates per iteration (see
    /// <see cref="StoppingCriteria.MaxEvaluations"/>); it must be at least <see cref="PopulationSize"/>, since the
    /// initial population is evaluated whole.
    /// </summary>
    public long? Evaluations { get; init; }

    /// <summary>Use the shifted variant of every function (<see cref="ShiftedRotatedFunction"/>), drawn from
    /// <see cref="Seed"/>.</summary>
    public bool Shift { get; init; }

    /// <summary>Use the rotated variant of every function (<see cref="ShiftedRotatedFunction"/>), drawn from
    /// <see cref="Seed"/>.</summary>
    public bool Rotate { get; init; }

    /// <summary>Keep every run's convergence history in <see cref="ComparisonRow.Histories"/> (for curves).</summary>
    public bool RecordHistories { get; init; }

    /// <summary>The stopping criteria of one run.</summary>
    public StoppingCriteria Stopping => Evaluations is { } e
        ? StoppingCriteria.Evaluations(e)
        : StoppingCriteria.Iterations(Iterations);

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
        PsoOptions.Require(Evaluations is null || Evaluations >= PopulationSize, nameof(Evaluations), Evaluations ?? 0);
        PsoOptions.Require(Runs >= 1, nameof(Runs), Runs);
        ComparisonRuns.RequireDistinct(Functions, nameof(Functions));
        ComparisonRuns.RequireDistinct(Optimizers, nameof(Optimizers));
        ExecutionPolicy.RequireThreads(MaxDegreeOfParallelism, nameof(ComparisonRequest), nameof(MaxDegreeOfParallelism));
    }
}

/// <summary>One row of a comparison: statistics of the final best values of one optimizer on one function.</summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Function">Function name.</param>
/// <param name="Dim">Dimension actually used.</param>
/// <param name="Runs">Number of runs (those that finished, when the comparison was cancelled).</param>
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
    double Std, double MeanSecondsPerRun, double MeanEvaluations, IReadOnlyList<double> Values)
{
    /// <summary>The objective evaluations each run used, in run order.</summary>
    public IReadOnlyList<long> RunEvaluations { get; init; } = [];

    /// <summary>Each run's convergence history, in run order (empty unless
    /// <see cref="ComparisonRequest.RecordHistories"/>).</summary>
    public IReadOnlyList<RunHistory> Histories { get; init; } = [];
}

/// <summary>The outcome of a <see cref="SolverComparison"/>: its rows, and whether every planned run finished.</summary>
/// <param name="Rows">One row per (function, optimizer) with at least one finished run; functions in request order,
/// then optimizers in request order. A row's <see cref="ComparisonRow.Runs"/> counts its finished runs.</param>
/// <param name="PlannedRuns">Runs the request asked for (functions × optimizers × runs).</param>
public sealed record ComparisonResult(IReadOnlyList<ComparisonRow> Rows, int PlannedRuns)
{
    /// <summary>Runs that ran to their budget (all of them unless <see cref="Cancelled"/>).</summary>
    public int FinishedRuns => Rows.Sum(r => r.Runs);

    /// <summary>True when the comparison was cancelled before every planned run finished; the rows then hold the
    /// statistics of the finished runs only.</summary>
    public bool Cancelled => FinishedRuns < PlannedRuns;
}

/// <summary>The best-so-far value of one run after each iteration (iteration 0 = the initial population).</summary>
/// <param name="Evaluations">Evaluations used up to each point.</param>
/// <param name="BestValues">Best value found up to each point.</param>
public sealed record RunHistory(IReadOnlyList<long> Evaluations, IReadOnlyList<double> BestValues)
{
    /// <summary>Copies a result's history.</summary>
    /// <param name="history">The convergence points.</param>
    /// <returns>The compact history.</returns>
    public static RunHistory From(IReadOnlyList<ConvergencePoint> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var e = new long[history.Count];
        var v = new double[history.Count];
        for (var i = 0; i < e.Length; i++)
        {
            e[i] = history[i].Evaluations;
            v[i] = history[i].BestValue;
        }

        return new RunHistory(e, v);
    }

    /// <summary>The best value after <paramref name="evaluations"/> evaluations: that of the last point recorded at
    /// or before it (+∞ before the first point).</summary>
    /// <param name="evaluations">Evaluations.</param>
    /// <returns>Best-so-far value.</returns>
    public double ValueAt(long evaluations)
    {
        var lo = 0;
        var hi = Evaluations.Count - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (Evaluations[mid] <= evaluations)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? double.PositiveInfinity : BestValues[found];
    }
}

/// <summary>Runs a <see cref="ComparisonRequest"/> with optimizers taken from an <see cref="IOptimizerRegistry"/>
/// (built-in ones and plug-ins alike). Runs execute in parallel; each is reproducible on its own.</summary>
public sealed class SolverComparison
{
    private readonly IOptimizerRegistry _registry;
    private readonly Func<string, int, IProblem> _problems;

    /// <summary>Creates the runner.</summary>
    /// <param name="registry">Where optimizers are found by name.</param>
    /// <param name="problemFactory">Creates a problem from (name, dimension); null = <see cref="TestFunctions.Create(string, int)"/>.</param>
    public SolverComparison(IOptimizerRegistry registry, Func<string, int, IProblem>? problemFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _problems = problemFactory ?? ((name, n) => TestFunctions.Create(name, n));
    }

    /// <summary>Runs the comparison.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="progress">Receives the fraction of runs finished, or null.</param>
    /// <param name="cancellationToken">
    /// Cancellation, by the library's convention (see <see cref="IOptimizer"/>): cancelled before any run has finished,
    /// the call throws <see cref="OperationCanceledException"/>; cancelled later, no further run starts, the runs under
    /// way stop at their next evaluation and are left out, and the result holds the statistics of the runs that
    /// finished (<see cref="ComparisonResult.Cancelled"/>, <see cref="ComparisonResult.FinishedRuns"/>).
    /// </param>
    /// <returns>One row per (function, optimizer) with at least one finished run, functions in request order, then
    /// optimizers in request order.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before any run finished.</exception>
    public ComparisonResult Run(
        ComparisonRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var problems = request.Functions.Select(f => Variant(_problems(f, request.Dimension), request)).ToArray();
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
        var stopping = request.Stopping;
        var histories = request.RecordHistories ? new RunHistory[values.Length] : null;

        // Job order: run-major so that every optimizer progresses together (and a cancelled comparison keeps about
        // as many runs of each).
        // −1 means one run per core (ComparisonRuns): never more runs at once than cores, so seconds per run stay meaningful.
        var finished = ComparisonRuns.Execute(values.Length, request.MaxDegreeOfParallelism, (job, token) =>
        {
            var r = job / (fCount * oCount);
            var f = job / oCount % fCount;
            var o = job % oCount;
            var seed = RandomSource.DeriveSeed(RandomSource.DeriveSeed(request.Seed, StableHash(BaseName(problems[f]))), r);
            var sw = Stopwatch.StartNew();
            var result = optimizers[o].Create().Optimize(problems[f], stopping, seed, null, token);
            sw.Stop();
            if (result.ExitReason == ExitReason.Cancelled)
            {
                return false;
            }

            var slot = (((f * oCount) + o) * runs) + r;
            values[slot] = result.BestValue;
            seconds[slot] = sw.Elapsed.TotalSeconds;
            evaluations[slot] = result.Evaluations;
            if (histories is not null)
            {
                histories[slot] = RunHistory.From(result.History);
            }

            return true;
        }, progress, cancellationToken);

        var rows = new List<ComparisonRow>(fCount * oCount);
        for (var f = 0; f < fCount; f++)
        {
            for (var o = 0; o < oCount; o++)
            {
                var start = ((f * oCount) + o) * runs;
                var kept = Enumerable.Range(0, runs).Where(r => finished[(r * fCount * oCount) + (f * oCount) + o])
                    .Select(r => start + r).ToArray();
                if (kept.Length == 0)
                {
                    continue;
                }

                var keptEvaluations = kept.Select(slot => evaluations[slot]).ToArray();
                rows.Add(Summarise(optimizers[o].Name, problems[f].Name, problems[f].Dimension,
                    kept.Select(slot => values[slot]).ToArray(), kept.Select(slot => seconds[slot]).ToArray(),
                    keptEvaluations) with
                {
                    RunEvaluations = keptEvaluations,
                    Histories = histories is null ? [] : kept.Select(slot => histories[slot]).ToArray(),
                });
            }
        }

        return new ComparisonResult(rows, values.Length);
    }

    /// <summary>The shifted/rotated variant asked for, its shift and rotation drawn from (series seed, base name).</summary>
    private static IProblem Variant(IProblem problem, ComparisonRequest request)
    {
        if (!request.Shift && !request.Rotate)
        {
            return problem;
        }

        if (problem is not TestFunction function)
        {
            throw new ArgumentException(
                $"Problem '{problem.Name}' is not a test function; only test functions have shifted/rotated variants.",
                nameof(request));
        }

        var seed = RandomSource.DeriveSeed(RandomSource.DeriveSeed(request.Seed, StableHash(function.Name)), VariantStream);
        return new ShiftedRotatedFunction(function, request.Shift, request.Rotate, seed);
    }

    /// <summary>Runs on a variant use the plain function's run seeds, so variant and plain differ only by the transform.</summary>
    private static string BaseName(IProblem problem) => problem is ShiftedRotatedFunction v ? v.BaseFunction.Name : problem.Name;

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
        string optimizer, string function, int dim, double[] v, double[] seconds, long[] evals)
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

    /// <summary>Stream index of the shift/rotation draw (run seeds use indices 0 … runs − 1).</summary>
    private const int VariantStream = int.MaxValue - 1;

    private sealed record PreparedOptimizer(string Name, Func<IOptimizer> Create);
}
