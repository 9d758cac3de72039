using System.Diagnostics;
using EvGrid.Optimization.Metaheuristics.Indicators;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;

namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>What a multi-objective comparison runs: optimizers × problems × runs at a fixed evaluation budget.</summary>
public sealed record ParetoComparisonRequest
{
    /// <summary>Problem names (see <see cref="MultiObjectiveProblems.Names"/>).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Optimizer names as registered in the <see cref="IOptimizerRegistry"/>.</summary>
    public required IReadOnlyList<string> Optimizers { get; init; }

    /// <summary>Objective evaluations per run (25 000).</summary>
    public long Evaluations { get; init; } = 25_000;

    /// <summary>Independent runs per (optimizer, problem) (30).</summary>
    public int Runs { get; init; } = 30;

    /// <summary>Series seed: run r of every optimizer on a problem uses the same seed derived from (seed, r).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Runs executed at once (−1 = all cores). Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        if (Problems is null || Problems.Count == 0)
        {
            throw new ArgumentException("A Pareto comparison needs at least one problem.", nameof(Problems));
        }

        if (Optimizers is null || Optimizers.Count == 0)
        {
            throw new ArgumentException("A Pareto comparison needs at least one optimizer.", nameof(Optimizers));
        }

        if (Evaluations < 1)
        {
            throw new ArgumentException($"Evaluations must be at least 1 (got {Evaluations}).", nameof(Evaluations));
        }

        if (Runs < 1)
        {
            throw new ArgumentException($"Runs must be at least 1 (got {Runs}).", nameof(Runs));
        }

        ComparisonRuns.RequireDistinct(Problems, nameof(Problems));
        ComparisonRuns.RequireDistinct(Optimizers, nameof(Optimizers));
        ExecutionPolicy.RequireThreads(MaxDegreeOfParallelism, nameof(ParetoComparisonRequest), nameof(MaxDegreeOfParallelism));
    }
}

/// <summary>One run of a comparison: the obtained front and its indicators.</summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Problem">Problem name.</param>
/// <param name="Run">Run index (0-based).</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="ObjectiveCount">Objectives per point.</param>
/// <param name="Front">Obtained non-dominated front, row-major objectives.</param>
/// <param name="Igd">IGD against the problem's sampled true front.</param>
/// <param name="IgdPlus">IGD+ against the same front.</param>
/// <param name="Hypervolume">Hypervolume with the problem's reference point.</param>
/// <param name="Seconds">Wall time of the optimizer run (indicators excluded).</param>
/// <param name="Evaluations">Evaluations used.</param>
public sealed record ParetoRunResult(
    string Optimizer, string Problem, int Run, long Seed, int ObjectiveCount, double[] Front, double Igd, double IgdPlus,
    double Hypervolume, double Seconds, long Evaluations);

/// <summary>Statistics of one (optimizer, problem) pair over its runs (standard deviations are sample, n − 1).</summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Problem">Problem name.</param>
/// <param name="Runs">Number of runs (those that finished, when the comparison was cancelled).</param>
/// <param name="IgdMean">Mean IGD.</param>
/// <param name="IgdStd">Standard deviation of IGD.</param>
/// <param name="HvMean">Mean hypervolume.</param>
/// <param name="HvStd">Standard deviation of the hypervolume.</param>
/// <param name="IgdPlusMean">Mean IGD+.</param>
/// <param name="MeanSecondsPerRun">Mean wall time of a run, in seconds.</param>
/// <param name="MeanEvaluations">Mean evaluations per run.</param>
/// <param name="HvReference">The hypervolume reference point used.</param>
/// <param name="TrueFrontHv">Hypervolume of the sampled true front with the same reference point (an upper bound
/// for comparison).</param>
public sealed record ParetoSummary(
    string Optimizer, string Problem, int Runs, double IgdMean, double IgdStd, double HvMean, double HvStd,
    double IgdPlusMean, double MeanSecondsPerRun, double MeanEvaluations, IReadOnlyList<double> HvReference,
    double TrueFrontHv);

/// <summary>The outcome of a comparison: one summary per (problem, optimizer) and every finished run's front.</summary>
/// <param name="Summaries">Summaries of the pairs with at least one finished run, problems in request order, then
/// optimizers in request order.</param>
/// <param name="Runs">Every finished run, in the same order, runs in index order.</param>
/// <param name="PlannedRuns">Runs the request asked for (problems × optimizers × runs).</param>
public sealed record ParetoComparisonResult(
    IReadOnlyList<ParetoSummary> Summaries, IReadOnlyList<ParetoRunResult> Runs, int PlannedRuns)
{
    /// <summary>Runs that ran to their budget (all of them unless <see cref="Cancelled"/>).</summary>
    public int FinishedRuns => Runs.Count;

    /// <summary>True when the comparison was cancelled before every planned run finished; the summaries then cover
    /// the finished runs only.</summary>
    public bool Cancelled => FinishedRuns < PlannedRuns;
}

/// <summary>
/// Runs multi-objective optimizers from an <see cref="IOptimizerRegistry"/> (built-in ones and plug-ins alike) on the
/// ZDT/DTLZ problems at a fixed evaluation budget and scores every final front with IGD, IGD+ and hypervolume
/// (<see cref="MultiObjectiveTestProblem.TrueFront"/>, <see cref="MultiObjectiveTestProblem.HypervolumeReference"/>).
/// Runs execute in parallel; each run is reproducible on its own, so the result does not depend on the thread count.
/// </summary>
public sealed class ParetoComparison
{
    private readonly IOptimizerRegistry _registry;

    /// <summary>Creates the runner.</summary>
    /// <param name="registry">Where optimizers are found by name.</param>
    public ParetoComparison(IOptimizerRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
    }

    /// <summary>Runs the comparison.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="progress">Receives the fraction of runs finished, or null.</param>
    /// <param name="cancellationToken">
    /// Cancellation, by the library's convention (see <see cref="IOptimizer"/>): cancelled before any run has finished,
    /// the call throws <see cref="OperationCanceledException"/>; cancelled later, no further run starts, the runs under
    /// way stop at their next evaluation and are left out, and the result holds the finished runs
    /// (<see cref="ParetoComparisonResult.Cancelled"/>, <see cref="ParetoComparisonResult.FinishedRuns"/>).
    /// </param>
    /// <returns>Summaries and per-run fronts.</returns>
    /// <exception cref="ArgumentException">Bad request, unknown problem or optimizer.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before any run finished.</exception>
    public ParetoComparisonResult Run(
        ParetoComparisonRequest request, IProgress<double>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var problems = request.Problems.Select(MultiObjectiveProblems.Create).ToArray();
        var factories = request.Optimizers.Select(name => _registry.TryGet(name, out var f)
            ? f
            : throw new ArgumentException(
                $"Unknown optimizer '{name}'. Known: {string.Join(", ", _registry.Factories.Select(x => x.Name))}.",
                nameof(request))).ToArray();
        foreach (var f in factories)
        {
            if (f.Objectives == ObjectiveSupport.Single)
            {
                throw new ArgumentException($"Optimizer '{f.Name}' handles a single objective only.", nameof(request));
            }
        }

        var pCount = problems.Length;
        var oCount = factories.Length;
        var runs = request.Runs;
        var results = new ParetoRunResult?[pCount * oCount * runs];
        var stopping = StoppingCriteria.Evaluations(request.Evaluations);
        ComparisonRuns.Execute(results.Length, request.MaxDegreeOfParallelism, (job, token) =>
        {
            var r = job / (pCount * oCount);
            var p = job / oCount % pCount;
            var o = job % oCount;
            var problem = problems[p];
            var seed = RandomSource.DeriveSeed(request.Seed, r);
            var sw = Stopwatch.StartNew();
            var result = factories[o].Create().Optimize(problem, stopping, seed, null, token);
            sw.Stop();
            if (result.ExitReason == ExitReason.Cancelled)
            {
                return false;
            }

            var m = problem.ObjectiveCount;
            var front = new double[result.ParetoFront.Count * m];
            for (var i = 0; i < result.ParetoFront.Count; i++)
            {
                for (var k = 0; k < m; k++)
                {
                    front[(i * m) + k] = result.ParetoFront[i].Objectives[k];
                }
            }

            var reference = problem.HypervolumeReference.ToArray();
            results[(((p * oCount) + o) * runs) + r] = new ParetoRunResult(
                factories[o].Name, problem.Name, r, seed, m, front,
                Igd.Compute(front, problem.TrueFront, m), IgdPlus.Compute(front, problem.TrueFront, m),
                Hypervolume.Compute(front, m, reference), sw.Elapsed.TotalSeconds, result.Evaluations);
            return true;
        }, progress, cancellationToken);

        var summaries = new List<ParetoSummary>(pCount * oCount);
        for (var p = 0; p < pCount; p++)
        {
            var reference = problems[p].HypervolumeReference.ToArray();
            var trueHv = Hypervolume.Compute(problems[p].TrueFront, problems[p].ObjectiveCount, reference);
            for (var o = 0; o < oCount; o++)
            {
                var slice = results.AsSpan(((p * oCount) + o) * runs, runs).ToArray().OfType<ParetoRunResult>().ToArray();
                if (slice.Length == 0)
                {
                    continue;
                }

                var igd = slice.Select(s => s.Igd).ToArray();
                var hv = slice.Select(s => s.Hypervolume).ToArray();
                summaries.Add(new ParetoSummary(factories[o].Name, problems[p].Name, slice.Length, igd.Average(), SampleStd(igd),
                    hv.Average(), SampleStd(hv), slice.Average(s => s.IgdPlus), slice.Average(s => s.Seconds),
                    slice.Average(s => (double)s.Evaluations), reference, trueHv));
            }
        }

        return new ParetoComparisonResult(summaries, [.. results.OfType<ParetoRunResult>()], results.Length);
    }

    /// <summary>Sample standard deviation (n − 1; 0 for a single value).</summary>
    internal static double SampleStd(IReadOnlyList<double> values)
    {
        if (values.Count < 2)
        {
            return 0.0;
        }

        var mean = values.Average();
        var ss = 0.0;
        foreach (var v in values)
        {
            ss += (v - mean) * (v - mean);
        }

        return Math.Sqrt(ss / (values.Count - 1));
    }
}
