using System.Diagnostics;
using System.Globalization;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Objectives.Siting;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>Options of a <see cref="SitingStudy"/> run.</summary>
public sealed record SitingStudyOptions
{
    /// <summary>Registered single-objective optimizer of the upper level (default <c>ihspso</c>, seed 002 §5).</summary>
    public string Optimizer { get; init; } = "ihspso";

    /// <summary>Swarm (population) size of the upper level. Default 16.</summary>
    public int Swarm { get; init; } = 16;

    /// <summary>Upper-level iterations. Default 20.</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>Seed of the year, typical days, fleet and optimizer.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Largest number of lower-level coordinate-descent passes. Default 3.</summary>
    public int LowerLevelPasses { get; init; } = 3;

    /// <summary>
    /// Directory for a checkpoint per scheme, written after every upper-level iteration; a run that finds a
    /// checkpoint of the same problem and seed there resumes from it (to the same answer). Null: no checkpoints.
    /// </summary>
    public string? CheckpointDirectory { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Optimizer))
        {
            throw new ArgumentException("Optimizer must name a registered optimizer.");
        }

        if (Swarm < 2 || Swarm > 10_000)
        {
            throw new ArgumentException($"Swarm must lie in [2, 10000], got {Swarm}.");
        }

        if (Iterations < 0 || Iterations > 1_000_000)
        {
            throw new ArgumentException($"Iterations must lie in [0, 1000000], got {Iterations}.");
        }

        if (LowerLevelPasses < 1 || LowerLevelPasses > 1000)
        {
            throw new ArgumentException($"LowerLevelPasses must lie in [1, 1000], got {LowerLevelPasses}.");
        }
    }
}

/// <summary>Progress of a study: the scheme being optimised and the optimizer's report.</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="Optimizer">The optimizer's progress.</param>
public sealed record SitingProgress(SitingScheme Scheme, OptimizationProgress Optimizer);

/// <summary>One scheme's optimised plan and how it was found.</summary>
/// <param name="Scheme">The scheme.</param>
/// <param name="Outcome">The best plan over the typical days.</param>
/// <param name="Index">Comprehensive evaluation index f_U (eq. (16)) with the study's weights and references.</param>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Evaluations">Upper-level evaluations.</param>
/// <param name="DistinctPlans">Plans the lower level actually solved (the rest came from the cache or broke eq. (18)).</param>
/// <param name="Iterations">Upper-level iterations completed.</param>
/// <param name="ExitReason">Why the optimizer stopped.</param>
/// <param name="Seconds">Wall time of the scheme's optimisation (s).</param>
/// <param name="Resumed">Whether the run resumed from a checkpoint.</param>
public sealed record SchemeReport(
    SitingScheme Scheme,
    PlanOutcome Outcome,
    double Index,
    string Optimizer,
    long Evaluations,
    int DistinctPlans,
    int Iterations,
    ExitReason ExitReason,
    double Seconds,
    bool Resumed);

/// <summary>A study's results.</summary>
/// <param name="Model">The planning model (case, typical days, fleet).</param>
/// <param name="References">Eq. (15) references every scheme's index uses.</param>
/// <param name="Schemes">The schemes run, in the order asked.</param>
/// <param name="ModelSeconds">Time to build the model and the references (s).</param>
public sealed record SitingStudyReport(SitingModel Model, ObjectiveReferences References, IReadOnlyList<SchemeReport> Schemes, double ModelSeconds);

/// <summary>
/// Seed 002's bi-level DG / charging-station planning (§5.2, Figure 4): the upper-level optimizer (I-HSPSO by default,
/// any registered single-objective optimizer) proposes plans, each plan's lower level runs per typical day and the
/// result feeds the upper objective; schemes 1–3 of §6.2.
/// </summary>
/// <remarks>
/// <para>Normalisation (eq. (15)): the references are the best F1, F2, F4 and the smallest F3 over a fixed set of
/// anchor plans (no DG / the eq. (18) maximum spread over the candidates, stations at their smallest / largest /
/// middle capacity), each evaluated with V2G and with plug-and-charge. They are fixed before any optimisation so that
/// the upper objective is stationary and every scheme's index is computed on the same scale; an optimised plan may
/// exceed a reference, so an f_i* above 1 is possible.</para>
/// <para>Determinism: the optimizer draws all random numbers on one thread; the lower level is deterministic; the
/// final plan's typical days run in parallel and are combined in a fixed order. Same seed, same report, on any
/// thread count.</para>
/// </remarks>
/// <param name="registry">The optimizer registry.</param>
public sealed class SitingStudy(IOptimizerRegistry registry)
{
    private readonly IOptimizerRegistry _registry = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Runs the schemes on a case.</summary>
    /// <param name="siting">The case.</param>
    /// <param name="schemes">Schemes to run, in order.</param>
    /// <param name="options">Options (defaults when null).</param>
    /// <param name="progress">Receives the optimizer's progress after each iteration, or null.</param>
    /// <param name="cancellationToken">Cancelled before the first scheme starts (while the model is built, say):
    /// <see cref="OperationCanceledException"/>. During a run: the current scheme stops with its best plan so far (its
    /// checkpoint kept), later schemes are skipped.</param>
    /// <returns>The report.</returns>
    public SitingStudyReport Run(SitingCase siting, IReadOnlyList<SitingScheme> schemes, SitingStudyOptions? options = null,
        IProgress<SitingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(siting);
        ArgumentNullException.ThrowIfNull(schemes);
        options ??= new SitingStudyOptions();
        options.Validate();
        if (schemes.Count == 0)
        {
            throw new ArgumentException("At least one scheme must be given.", nameof(schemes));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var model = SitingModel.Build(siting, new SitingModelOptions { Seed = unchecked((int)options.Seed), LowerLevelPasses = options.LowerLevelPasses });
        var references = References(model);
        var modelSeconds = watch.Elapsed.TotalSeconds;
        cancellationToken.ThrowIfCancellationRequested(); // no scheme has started: nothing to report
        var reports = new List<SchemeReport>();
        foreach (var scheme in schemes)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            reports.Add(RunScheme(model, scheme, references, options, progress, cancellationToken));
        }

        return new SitingStudyReport(model, references, reports, modelSeconds);
    }

    /// <summary>Optimises one scheme on a built model.</summary>
    /// <param name="model">The model.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="references">Eq. (15) references.</param>
    /// <param name="options">Options.</param>
    /// <param name="progress">Progress sink or null.</param>
    /// <param name="cancellationToken">Cancellation (the best plan so far is reported).</param>
    /// <returns>The scheme's report.</returns>
    public SchemeReport RunScheme(SitingModel model, SitingScheme scheme, ObjectiveReferences references, SitingStudyOptions options,
        IProgress<SitingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var optimizer = _registry.Create(options.Optimizer);
        if (optimizer is IPopulationBasedOptimizer population)
        {
            optimizer = population.WithPopulationSize(options.Swarm);
        }

        var problem = new SitingProblem(model, scheme, references);
        var stopping = StoppingCriteria.Iterations(options.Iterations);
        var watch = Stopwatch.StartNew();
        OptimizationResult result;
        var resumed = false;
        if (optimizer is IResumableOptimizer resumable)
        {
            var path = options.CheckpointDirectory is { Length: > 0 } dir
                ? Path.Combine(dir, $"{problem.Name}.checkpoint.json")
                : null;
            OptimizationCheckpoint? checkpoint = null;
            if (path is not null && File.Exists(path))
            {
                var saved = OptimizationCheckpoint.FromJson(File.ReadAllText(path));
                if (saved.Problem == problem.Name && saved.Optimizer == optimizer.Name && saved.Seed == options.Seed
                    && saved.Dimension == problem.Dimension && saved.Stopping == stopping)
                {
                    checkpoint = saved;
                }
            }

            using var run = checkpoint is null ? resumable.Start(problem, stopping, options.Seed) : resumable.Resume(problem, checkpoint);
            resumed = checkpoint is not null;
            while (run.Step(cancellationToken))
            {
                Save(path, run);
                Report(progress, scheme, run, watch);
            }

            // A cancelled run keeps the checkpoint of its last whole iteration (cancelled inside one, its population
            // is half-moved and cannot be saved).
            if (run.ExitReason != ExitReason.Cancelled)
            {
                Save(path, run);
            }

            Report(progress, scheme, run, watch);
            result = run.GetResult();
        }
        else
        {
            var sink = progress is null ? null : new Progress<OptimizationProgress>(p => progress.Report(new SitingProgress(scheme, p)));
            result = optimizer.Optimize(problem, stopping, options.Seed, sink, cancellationToken);
        }

        watch.Stop();
        var plan = SitingPlan.Decode(model.Case, result.Best.X.ToArray());
        var outcome = EvaluateParallel(model, plan, scheme);
        var index = model.Case.Weights.Index(references, outcome.Objectives);
        return new SchemeReport(scheme, outcome, index, optimizer.Name, result.Evaluations, problem.DistinctPlans, result.Iterations,
            result.ExitReason, watch.Elapsed.TotalSeconds, resumed);
    }

    /// <summary>Evaluates a plan with its typical days in parallel (one evaluator per day; combined in day order).</summary>
    /// <param name="model">The model.</param>
    /// <param name="plan">The plan.</param>
    /// <param name="scheme">The scheme whose lower level schedules the EVs.</param>
    /// <returns>The outcome (identical to <see cref="PlanEvaluator.Evaluate"/>).</returns>
    public static PlanOutcome EvaluateParallel(SitingModel model, SitingPlan plan, SitingScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(model);
        var days = new DayOutcome[model.Probabilities.Count];
        Parallel.For(0, days.Length, l => days[l] = model.CreateEvaluator().EvaluateDay(plan, scheme, l));
        return PlanEvaluator.Combine(model, plan, scheme, days);
    }

    /// <summary>
    /// Eq. (15) references: the best of each objective over the anchor plans (see the class remarks), each
    /// evaluated with V2G (scheme 1's lower level) and with plug-and-charge. When no anchor has a positive F2
    /// (voltage limits tighter than the feeder's own voltage drop), F2's reference is its ideal value
    /// <see cref="VoltageQuality.UpperBound"/> instead.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <returns>The references.</returns>
    public static ObjectiveReferences References(SitingModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var anchors = AnchorPlans(model.Case);
        var jobs = anchors.SelectMany(p => new[] { (p, SitingScheme.V2gMultiObjective), (p, SitingScheme.PlugAndChargeMultiObjective) }).ToArray();
        var outcomes = new PlanOutcome[jobs.Length];
        Parallel.For(0, jobs.Length, () => model.CreateEvaluator(), (i, _, evaluator) =>
        {
            outcomes[i] = evaluator.Evaluate(jobs[i].p, jobs[i].Item2);
            return evaluator;
        }, _ => { });
        var usable = outcomes.Where(o => o.Days.All(d => d.Converged)).Select(o => o.Objectives).ToList();
        if (usable.Count == 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"No anchor plan of case '{model.Case.Name}' has a converged power flow on every typical day; the eq. (15) references cannot be set."));
        }

        var f1 = usable.Max(o => o.F1);
        if (!(f1 > 0))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"No anchor plan of case '{model.Case.Name}' makes a profit (best F1 = {f1} CNY/year), so eq. (15) has no positive F1 reference; check the case's Economics and Tariff."));
        }

        // With voltage limits tighter than the feeder's own drop every anchor can have most of its weighted node
        // voltages outside the limits, and eq. (22) is then negative (the product of eq. (11) changes sign beyond a
        // limit): the best anchor's F2 is no usable scale for eq. (15). The ideal F2 (every node mid-band) takes its
        // place, so the study still runs and reports, scheme by scheme, whether any plan meets the limits.
        return ObjectiveReferences.Best(usable, VoltageQuality.UpperBound(model.Case.VoltageLimits));
    }

    /// <summary>The anchor plans of the references.</summary>
    /// <param name="c">The case.</param>
    /// <returns>Five plans.</returns>
    public static IReadOnlyList<SitingPlan> AnchorPlans(SitingCase c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var nodes = c.WindNodes.Count + c.PvNodes.Count;
        SitingPlan Plan(int totalUnits, double stationKw)
        {
            var units = new int[nodes];
            var left = Math.Min(totalUnits, nodes * c.MaxUnitsPerNode);
            for (var i = 0; left > 0; i = (i + 1) % nodes)
            {
                if (units[i] < c.MaxUnitsPerNode)
                {
                    units[i]++;
                    left--;
                }
            }

            return new SitingPlan(units[..c.WindNodes.Count], units[c.WindNodes.Count..], [.. Enumerable.Repeat(stationKw, c.StationNodes.Count)]);
        }

        var max = (int)Math.Floor(c.MaxTotalDgKw / c.DgUnitKw + 1e-9);
        var mid = Math.Round((c.StationMinKw + c.StationMaxKw) / 2);
        return
        [
            Plan(0, Math.Floor(c.StationMaxKw)),
            Plan(0, Math.Ceiling(c.StationMinKw)),
            Plan(max, Math.Floor(c.StationMaxKw)),
            Plan(max, Math.Ceiling(c.StationMinKw)),
            Plan(max / 2, mid),
        ];
    }

    private static void Save(string? path, IOptimizationRun run)
    {
        if (path is null)
        {
            return;
        }

        var tmp = path + ".tmp";
        File.WriteAllText(tmp, run.CreateCheckpoint().ToJson());
        File.Move(tmp, path, overwrite: true);
    }

    private static void Report(IProgress<SitingProgress>? progress, SitingScheme scheme, IOptimizationRun run, Stopwatch watch)
    {
        if (progress is null)
        {
            return;
        }

        var s = run.Status;
        progress.Report(new SitingProgress(scheme, new OptimizationProgress(run.Optimizer, s.Iteration, s.Evaluations, run.Progress, run.BestValue, watch.Elapsed)));
    }
}
