using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Objectives;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>Options of a <see cref="SchedulingStudy"/> run (defaults: seed 000 §6.2's MOPSO settings).</summary>
public sealed record SchedulingStudyOptions
{
    /// <summary>Registered multi-objective optimizer (default <c>mopso</c>).</summary>
    public string Optimizer { get; init; } = "mopso";

    /// <summary>Swarm (population) size: 60 in seed 000 §6.2.</summary>
    public int Swarm { get; init; } = 60;

    /// <summary>Iterations: 300 in seed 000 §6.2.</summary>
    public int Iterations { get; init; } = 300;

    /// <summary>Seed of the optimizer run and of the fleet (the same seed gives the same report on any thread count).</summary>
    public long Seed { get; init; } = 1;

    /// <summary>Node voltage limits of eq. (19) (±7 % around 1 pu by default).</summary>
    public VoltageLimits VoltageLimits { get; init; } = VoltageLimits.Default;

    /// <summary>Relative optimality certificate the exact baseline must reach.</summary>
    public double ExactTolerance { get; init; } = 1e-6;

    /// <summary>EVs per region (null: the region's own count; smaller values make quick runs and tests).</summary>
    public int? EvCount { get; init; }

    /// <summary>
    /// Whether the optimizer may evaluate a swarm's candidates on several cores (default true). <see cref="SchedulingStudy.RunAll"/>
    /// sets it per region. Results are identical either way.
    /// </summary>
    public bool ParallelEvaluation { get; init; } = true;

    /// <summary>Checks the options and throws <see cref="ArgumentException"/> naming the option and value.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Optimizer))
        {
            throw new ArgumentException("Optimizer must name a registered optimizer.");
        }

        if (Swarm < 2 || Swarm > 100_000)
        {
            throw new ArgumentException($"Swarm must be in [2, 100000], got {Swarm}.");
        }

        if (Iterations < 1 || Iterations > 10_000_000)
        {
            throw new ArgumentException($"Iterations must be in [1, 10000000], got {Iterations}.");
        }

        if (EvCount is < 1 or > 1_000_000)
        {
            throw new ArgumentException($"EvCount must be in [1, 1000000], got {EvCount}.");
        }

        if (!(ExactTolerance > 0 && ExactTolerance < 1))
        {
            throw new ArgumentException($"ExactTolerance must be in (0, 1), got {ExactTolerance}.");
        }
    }
}

/// <summary>One charging mode's schedule on the region and the feeder, with the indicators of seed 000 Tables 2–4.</summary>
/// <param name="Mode"><c>disordered</c>, <c>optimized</c> or <c>exact</c>.</param>
/// <param name="Schedule">kW per EV and slot (+ charge, − discharge).</param>
/// <param name="EvKw">Regional EV load per slot, kW.</param>
/// <param name="TotalKw">Regional total load (base + EV) per slot, kW.</param>
/// <param name="Indicators">Tables 2–4 indicators (on the regional load) and the maximum voltage offset per phase (on the feeder).</param>
/// <param name="F1">f1 load variance, kW² (eq. (10)).</param>
/// <param name="F2">f2 peak–valley difference, kW (eq. (11)).</param>
/// <param name="F3">f3 voltage offset Σ|U − 1| over nodes, present phases and slots, pu (eq. (12)).</param>
/// <param name="VoltageViolationPu">Σ pu beyond the voltage limits (eq. (19)); 0 when within.</param>
/// <param name="CapacityViolationKw">kW beyond S·cos φ (eq. (20)); 0 when within.</param>
/// <param name="MaxVoltageOffsetPercentBySlot">Largest |U − 1| over the feeder's nodes per slot and phase, %, <c>[slot · 3 + phase]</c>.</param>
/// <param name="PowerFlowConverged">Whether every slot's power flow converged.</param>
public sealed record ScheduleOutcome(
    string Mode,
    ChargeSchedule Schedule,
    IReadOnlyList<double> EvKw,
    IReadOnlyList<double> TotalKw,
    GridIndicatorReport Indicators,
    double F1,
    double F2,
    double F3,
    double VoltageViolationPu,
    double CapacityViolationKw,
    IReadOnlyList<double> MaxVoltageOffsetPercentBySlot,
    bool PowerFlowConverged);

/// <summary>A region's study: disordered charging, the optimizer's compromise schedule and the exact f1 optimum.</summary>
/// <param name="Region">The region.</param>
/// <param name="Timeline">The sampled fleet on its slot grid.</param>
/// <param name="Disordered">Plug-and-charge.</param>
/// <param name="Optimized">The compromise solution (fuzzy max–min) of the optimizer's Pareto front.</param>
/// <param name="Exact">The exact minimum of f1 (valley filling) for the same fleet with V2G discharge.</param>
/// <param name="ExactSolve">The exact solver's result with its optimality certificate.</param>
/// <param name="ParetoFront">The optimizer's final front (objectives f1, f2, f3; feasible points first).</param>
/// <param name="CompromiseIndex">Index of <see cref="Optimized"/> in <see cref="ParetoFront"/>.</param>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Evaluations">Objective evaluations the optimizer used.</param>
/// <param name="ExitReason">Why the optimizer stopped.</param>
/// <param name="OptimizerSeconds">Wall time of the optimizer run, s.</param>
/// <param name="CapacityKva">Transformer capacity the region has (the disordered mode's units), kVA.</param>
/// <param name="ExactChargeOnly">The exact f1 optimum without discharge (every EV charge-only), for comparison.</param>
/// <param name="Simultaneity">Simultaneity rate β of the sampled fleet under disordered charging (seed 000 eq. (2)).</param>
public sealed record RegionScheduleReport(
    SchedulingRegion Region,
    FleetTimeline Timeline,
    ScheduleOutcome Disordered,
    ScheduleOutcome Optimized,
    ScheduleOutcome Exact,
    ValleyFillingResult ExactSolve,
    IReadOnlyList<Solution> ParetoFront,
    int CompromiseIndex,
    string Optimizer,
    long Evaluations,
    ExitReason ExitReason,
    double OptimizerSeconds,
    double CapacityKva,
    ScheduleOutcome ExactChargeOnly,
    double Simultaneity)
{
    /// <summary>Peak–valley reduction of the optimized schedule relative to disordered charging (fraction).</summary>
    public double OptimizedPeakValleyReduction => 1 - (Optimized.F2 / Disordered.F2);

    /// <summary>Peak–valley reduction of the exact f1 optimum relative to disordered charging (fraction).</summary>
    public double ExactPeakValleyReduction => 1 - (Exact.F2 / Disordered.F2);

    /// <summary>
    /// Whether the optimizer found a schedule within the voltage and capacity limits with every slot's power flow
    /// converged. When it did not, <see cref="Optimized"/> is the least-violating point of its front, not a feasible
    /// schedule, and its <see cref="ScheduleOutcome.VoltageViolationPu"/> and
    /// <see cref="ScheduleOutcome.CapacityViolationKw"/> say by how much.
    /// </summary>
    public bool FoundFeasible => Optimized.PowerFlowConverged && Optimized.VoltageViolationPu <= 0 && Optimized.CapacityViolationKw <= 0;
}

/// <summary>
/// Runs seed 000's scheduling study for a region (§6): samples the fleet, evaluates disordered charging, solves the
/// <see cref="V2gSchedulingProblem"/> with any registered multi-objective optimizer and picks the compromise
/// solution, and computes the exact f1 optimum of the same fleet as the best any scheduler could do.
/// </summary>
/// <remarks>
/// Progress goes to the <see cref="IProgress{T}"/> of <see cref="Run"/> after each iteration; what a log should keep —
/// the fleet sampled, the optimizer's budget and exit reason, schedules outside the limits, power flows that did not
/// converge — goes to the <see cref="ILogger"/> given to the constructor (Microsoft.Extensions.Logging.Abstractions).
/// </remarks>
public sealed partial class SchedulingStudy
{
    private readonly IOptimizerRegistry _registry;
    private readonly ILogger _logger;

    /// <summary>Creates a study over an optimizer registry.</summary>
    /// <param name="registry">The optimizer registry (any registered optimizer may be named).</param>
    /// <param name="logger">Where the study logs (Information per region, Warning when the optimizer found no
    /// schedule within the limits or a power flow did not converge); null for none.</param>
    public SchedulingStudy(IOptimizerRegistry registry, ILogger<SchedulingStudy>? logger = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Runs the study for one region.</summary>
    /// <param name="region">The region.</param>
    /// <param name="options">Options (seed 000 defaults when null).</param>
    /// <param name="progress">Receives the optimizer's progress after each iteration, or null.</param>
    /// <param name="cancellationToken">
    /// A token cancelled before the start throws <see cref="OperationCanceledException"/>. Cancelled during the run, it
    /// stops the optimizer, whose best front so far is reported (<see cref="RegionScheduleReport.ExitReason"/> =
    /// <see cref="ExitReason.Cancelled"/>); the exact baselines that follow take well under a second and always complete.
    /// </param>
    /// <returns>The report.</returns>
    public RegionScheduleReport Run(SchedulingRegion region, SchedulingStudyOptions? options = null,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(region);
        options ??= new SchedulingStudyOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var optimizer = _registry.Create(options.Optimizer);
        if (optimizer is IPopulationBasedOptimizer population)
        {
            optimizer = population.WithPopulationSize(options.Swarm);
        }

        var timeline = RegionFleets.Sample(region, unchecked((int)options.Seed), options.EvCount);
        var baseKw = region.BaseKw.ToArray();
        var disorderedSchedule = UncontrolledCharging.Schedule(timeline);
        var disorderedEv = disorderedSchedule.ToProfile(1).TotalKw.ToArray();
        var decoder = new LevelTrackingDecoder(timeline, baseKw);
        var grid = new SchedulingGrid(region, disorderedEv, decoder);
        var peak = GridIndicators.PeakKw(baseKw, disorderedEv);
        var units = TransformerSizing.UnitCount(0, peak, region.TransformerUnitKva, region.PowerFactor);
        var capacityKva = units * region.TransformerUnitKva;
        var problem = new V2gSchedulingProblem(decoder, grid, capacityKva, options.VoltageLimits) { PreferParallelEvaluation = options.ParallelEvaluation };
        var evaluator = problem.CreateEvaluator();

        var disordered = Outcome("disordered", disorderedSchedule, disorderedEv, problem, evaluator);
        LogSampled(_logger, region.Name, timeline.EvCount, disordered.F2, capacityKva);

        var watch = Stopwatch.StartNew();
        var result = optimizer.Optimize(problem, StoppingCriteria.Iterations(options.Iterations), options.Seed, progress, cancellationToken);
        watch.Stop();
        var front = result.ParetoFront.Count > 0 ? result.ParetoFront : [result.Best];
        var feasible = front.Where(s => s.IsFeasible).ToList();
        var pool = feasible.Count > 0 ? feasible : [.. front];
        var chosen = CompromiseSolution.Select(pool);
        var best = pool[chosen];
        // The full decode also leaves the candidate's EV load in the evaluator; Outcome runs its power flow once.
        var optimizedSchedule = evaluator.DecodeSchedule(best.X.ToArray());
        var optimized = Outcome("optimized", optimizedSchedule, evaluator.EvKw.ToArray(), problem, evaluator);

        var exactSolve = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = true, Tolerance = options.ExactTolerance })
            .Solve(timeline, baseKw, CancellationToken.None);
        var exact = Outcome("exact", exactSolve.Schedule, [.. exactSolve.EvKw], problem, evaluator);
        var chargeOnlySolve = new ValleyFillingSolver(new ValleyFillingOptions { AllowDischarge = false, Tolerance = options.ExactTolerance })
            .Solve(timeline, baseKw, CancellationToken.None);
        var chargeOnly = Outcome("exact-charge-only", chargeOnlySolve.Schedule, [.. chargeOnlySolve.EvKw], problem, evaluator);
        var beta = Capacity.CapacityModel.SimultaneityRate(disorderedEv, region.PileKw, timeline.EvCount);
        var report = new RegionScheduleReport(region, timeline, disordered, optimized, exact, exactSolve, pool, chosen,
            optimizer.Name, result.Evaluations, result.ExitReason, watch.Elapsed.TotalSeconds, capacityKva, chargeOnly, beta);
        LogOptimized(_logger, region.Name, optimizer.Name, result.Evaluations, watch.Elapsed.TotalSeconds, result.ExitReason,
            optimized.F2, exact.F2);
        if (!report.FoundFeasible)
        {
            LogNothingFeasible(_logger, region.Name, optimizer.Name, optimized.VoltageViolationPu, optimized.CapacityViolationKw);
        }

        foreach (var o in new[] { disordered, optimized, exact, chargeOnly }.Where(o => !o.PowerFlowConverged))
        {
            LogNotConverged(_logger, region.Name, o.Mode);
        }

        return report;
    }

    /// <summary>
    /// Runs the study for several regions at once and returns their reports in the order given. When the machine has
    /// no more cores than regions, each region runs on its own thread with sequential evaluation (no waiting on a
    /// swarm's slowest candidate, and one region's setup and exact baselines overlap another's optimizer); otherwise
    /// the regions run side by side with parallel evaluation. Each report is identical to <see cref="Run"/>'s for the
    /// same region and options, whatever the thread count.
    /// </summary>
    /// <param name="regions">The regions (at least one, no duplicate names).</param>
    /// <param name="options">Options (seed 000 defaults when null).</param>
    /// <param name="progress">Gives each region's progress sink (called once per region before it starts), or null.</param>
    /// <param name="cancellationToken">
    /// Cancelled before the start: <see cref="OperationCanceledException"/>. Cancelled during the run: every region
    /// still running stops its optimizer and reports its best front so far (<see cref="ExitReason.Cancelled"/>).
    /// </param>
    /// <returns>One report per region, in the order of <paramref name="regions"/>.</returns>
    public IReadOnlyList<RegionScheduleReport> RunAll(IReadOnlyList<SchedulingRegion> regions, SchedulingStudyOptions? options = null,
        Func<SchedulingRegion, IProgress<OptimizationProgress>?>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            throw new ArgumentException("regions must name at least one region.", nameof(regions));
        }

        var duplicate = regions.GroupBy(r => r.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"region '{duplicate.Key}' is named more than once.", nameof(regions));
        }

        options ??= new SchedulingStudyOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        if (regions.Count == 1)
        {
            return [Run(regions[0], options, progress?.Invoke(regions[0]), cancellationToken)];
        }

        var each = options with { ParallelEvaluation = options.ParallelEvaluation && Environment.ProcessorCount > regions.Count };
        var sinks = regions.Select(r => progress?.Invoke(r)).ToArray();
        var tasks = new Task<RegionScheduleReport>[regions.Count];
        for (var i = 0; i < tasks.Length; i++)
        {
            var k = i;
            tasks[k] = Task.Factory.StartNew(() => Run(regions[k], each, sinks[k], cancellationToken),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            Task.WaitAll(tasks, CancellationToken.None);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        return [.. tasks.Select(t => t.Result)];
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Region}: {EvCount} EVs sampled; plug-and-charge peak-valley {PeakValleyKw:F0} kW on {CapacityKva:F0} kVA")]
    private static partial void LogSampled(ILogger logger, string region, int evCount, double peakValleyKw, double capacityKva);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "{Region}: {Optimizer} used {Evaluations} evaluations in {Seconds:F1} s ({ExitReason}); peak-valley {OptimizedKw:F0} kW, exact optimum {ExactKw:F0} kW")]
    private static partial void LogOptimized(ILogger logger, string region, string optimizer, long evaluations, double seconds,
        ExitReason exitReason, double optimizedKw, double exactKw);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning,
        Message = "{Region}: {Optimizer} found no schedule within the limits; the least-violating one is {VoltagePu:G3} pu and {CapacityKw:G3} kW beyond them")]
    private static partial void LogNothingFeasible(ILogger logger, string region, string optimizer, double voltagePu, double capacityKw);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning,
        Message = "{Region}: the power flow of the {Mode} schedule did not converge in every slot; its voltage indicators are left out")]
    private static partial void LogNotConverged(ILogger logger, string region, string mode);

    private static ScheduleOutcome Outcome(string mode, ChargeSchedule schedule, double[] evKw, V2gSchedulingProblem problem, SchedulingEvaluator evaluator)
    {
        Span<double> f = stackalloc double[3];
        Span<double> g = stackalloc double[2];
        evaluator.EvaluateLoad(evKw, f, g);
        var region = problem.Grid.Region;
        var baseKw = problem.Decoder.BaseKw;
        var total = new double[evKw.Length];
        for (var t = 0; t < total.Length; t++)
        {
            total[t] = baseKw[t] + evKw[t];
        }

        var converged = evaluator.Result.AllConverged;
        var view = evaluator.Voltages();
        var transformers = new TransformerData(region.TransformerUnitKva, region.PowerFactor);
        var indicators = converged
            ? GridIndicators.Compute(baseKw, evKw, transformers, view)
            : GridIndicators.Compute(baseKw, evKw, transformers);
        var slots = evKw.Length;
        var bySlot = new double[slots * 3];
        if (converged)
        {
            for (var t = 0; t < slots; t++)
            {
                for (var n = 0; n < view.Points; n++)
                {
                    for (var p = 0; p < 3; p++)
                    {
                        if (view.IsPresent(n, p))
                        {
                            bySlot[t * 3 + p] = Math.Max(bySlot[t * 3 + p], 100 * Math.Abs(view[t, n, p] - 1.0));
                        }
                    }
                }
            }
        }

        return new ScheduleOutcome(mode, schedule, evKw, total, indicators, f[0], f[1], f[2], g[0], g[1], bySlot, converged);
    }
}
