using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Network.ThreePhase;
using EvGrid.Optimization.Objectives;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>
/// Seed 000's charge/discharge scheduling problem (§5, eqs. (10)–(20)) for one region as an <see cref="IProblem"/>
/// any registered optimizer solves: decision vector → feasible V2G schedule (<see cref="LevelTrackingDecoder"/>) →
/// 24-slot three-phase power flow on the modified IEEE 34 feeder (<see cref="SchedulingGrid"/>) → objectives and
/// violations.
/// </summary>
/// <remarks>
/// <para>Objectives (minimised): f1 load variance Σ_t (P_t − P̄)² of the regional load (eq. (10), kW²), f2 its
/// peak–valley difference (eq. (11), kW), f3 the feeder's voltage offset Σ |U − 1| over nodes, present phases and
/// slots (eq. (12), pu).</para>
/// <para>Constraints g ≤ 0: g1 the node-voltage violation (eq. (19), Σ pu beyond the limits, ±7 % by default);
/// g2 the distribution-capacity violation (eq. (20), kW of (max P^EV + max P^Base)·γ above S·cos φ with S the
/// capacity the region has, <see cref="CapacityKva"/>). The SOC constraints (eqs. (15)–(17)) hold by construction of
/// the decoder. A slot whose power flow does not converge makes g1 = +∞ with finite objectives, so
/// feasibility-first ranking drops the candidate and no optimizer aborts.</para>
/// <para>Every evaluation is a pure function of x: one evaluator per thread, identical results on any thread count.</para>
/// </remarks>
public sealed class V2gSchedulingProblem : IProblem
{
    private static readonly ObjectiveDescriptor[] Descriptors =
    [
        new("f1 load variance", "kW²", ObjectiveSense.Minimize),
        new("f2 peak-valley difference", "kW", ObjectiveSense.Minimize),
        new("f3 voltage offset", "pu", ObjectiveSense.Minimize),
    ];

    /// <summary>Creates the problem.</summary>
    /// <param name="decoder">The decoder of the region's fleet.</param>
    /// <param name="grid">The feeder side of the region's study.</param>
    /// <param name="capacityKva">Transformer capacity the region has, kVA (S of eq. (20)).</param>
    /// <param name="voltageLimits">Node voltage limits (eq. (19)); ±7 % around 1 pu when null.</param>
    public V2gSchedulingProblem(LevelTrackingDecoder decoder, SchedulingGrid grid, double capacityKva, VoltageLimits? voltageLimits = null)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(grid);
        if (decoder.Timeline.SlotsPerDay != grid.Slots)
        {
            throw new ArgumentException($"the decoder has {decoder.Timeline.SlotsPerDay} slots per day, the grid {grid.Slots}.", nameof(grid));
        }

        if (!(capacityKva > 0) || double.IsInfinity(capacityKva))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityKva), capacityKva, "the transformer capacity must be finite and > 0 kVA.");
        }

        Decoder = decoder;
        Grid = grid;
        CapacityKva = capacityKva;
        VoltageLimits = voltageLimits ?? VoltageLimits.Default;
        Bounds = new Bounds(decoder.LowerBounds(), decoder.UpperBounds());
    }

    /// <inheritdoc/>
    public string Name => "seed000-" + Grid.Region.Name;

    /// <inheritdoc/>
    public int Dimension => Decoder.Dimension;

    /// <inheritdoc/>
    public Bounds Bounds { get; }

    /// <inheritdoc/>
    public int ObjectiveCount => 3;

    /// <inheritdoc/>
    public int ConstraintCount => 2;

    /// <summary>
    /// Whether optimizers should spread a population's evaluations over the cores (true by default). A caller that
    /// runs several regions at once turns it off so each region evaluates on its own thread; results are identical
    /// either way.
    /// </summary>
    public bool PreferParallelEvaluation { get; init; } = true;

    /// <inheritdoc/>
    public IReadOnlyList<ObjectiveDescriptor> Objectives => Descriptors;

    /// <summary>The decoder (fleet, base curve, encoding).</summary>
    public LevelTrackingDecoder Decoder { get; }

    /// <summary>The feeder side.</summary>
    public SchedulingGrid Grid { get; }

    /// <summary>Transformer capacity of the region, kVA (eq. (20)).</summary>
    public double CapacityKva { get; }

    /// <summary>Node voltage limits (eq. (19)).</summary>
    public VoltageLimits VoltageLimits { get; }

    /// <inheritdoc/>
    IProblemEvaluator IProblem.CreateEvaluator() => CreateEvaluator();

    /// <summary>Creates an evaluator for one thread.</summary>
    /// <returns>The evaluator.</returns>
    public SchedulingEvaluator CreateEvaluator() => new(this);
}

/// <summary>
/// Evaluates <see cref="V2gSchedulingProblem"/> on one thread: owns the decoder workspace, the power-flow series,
/// the injections and the result buffers; allocates nothing per evaluation.
/// </summary>
public sealed class SchedulingEvaluator : IProblemEvaluator
{
    private readonly V2gSchedulingProblem _problem;
    private readonly LevelTrackingWorkspace _workspace;
    private readonly ThreePhaseGridTimeSeries _series;
    private readonly SlotInjections _injections;
    private readonly double[] _baseKw;

    internal SchedulingEvaluator(V2gSchedulingProblem problem)
    {
        _problem = problem;
        _workspace = problem.Decoder.CreateWorkspace();
        _series = problem.Grid.CreateSeries();
        _injections = new SlotInjections(problem.Grid.Map, problem.Grid.Slots);
        Result = _series.CreateResult(problem.Grid.Slots);
        _baseKw = problem.Decoder.BaseKw.ToArray();
    }

    /// <summary>The power-flow result of the last evaluation.</summary>
    public GridSeriesResult Result { get; }

    /// <summary>The EV load of the last <see cref="Evaluate"/>, kW per slot.</summary>
    public ReadOnlySpan<double> EvKw => _workspace.EvKw;

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        _problem.Decoder.DecodeLoad(x, _workspace);
        EvaluateLoad(_workspace.EvKw, objectives, constraints);
    }

    /// <summary>Decodes <paramref name="x"/> into its per-EV schedule (a new object; the evaluator keeps no reference).</summary>
    /// <param name="x">Decision vector.</param>
    /// <returns>The schedule, kW per EV and slot.</returns>
    public ChargeSchedule DecodeSchedule(ReadOnlySpan<double> x)
    {
        _problem.Decoder.Decode(x, _workspace);
        return _workspace.Schedule.Clone();
    }

    /// <summary>
    /// Evaluates a given EV load (kW per slot, e.g. of the disordered or the exact schedule): the feeder power flow,
    /// f1–f3 and the violations, exactly as for a decoded candidate. Allocation-free.
    /// </summary>
    /// <param name="evKw">Regional EV load per slot, kW.</param>
    /// <param name="objectives">Receives f1, f2, f3.</param>
    /// <param name="constraints">Receives g1 (voltage, pu) and g2 (capacity, kW).</param>
    public void EvaluateLoad(ReadOnlySpan<double> evKw, Span<double> objectives, Span<double> constraints)
    {
        if (evKw.Length != _baseKw.Length)
        {
            throw new ArgumentException($"evKw holds {evKw.Length} values, expected {_baseKw.Length}.", nameof(evKw));
        }

        objectives[0] = LoadVariance.Evaluate(_baseKw, evKw);
        objectives[1] = PeakValley.Evaluate(_baseKw, evKw);
        _problem.Grid.Distribute(evKw, _injections);
        _series.RunGrouped(_problem.Grid.GroupMultipliers, _injections, Result);
        if (!Result.AllConverged)
        {
            objectives[2] = double.MaxValue;
            constraints[0] = double.PositiveInfinity;
        }
        else
        {
            (objectives[2], constraints[0]) = VoltageMetrics.Evaluate(Voltages(), _problem.VoltageLimits);
        }

        var region = _problem.Grid.Region;
        constraints[1] = CapacityViolation.Evaluate(_baseKw, evKw, _problem.CapacityKva, region.PowerFactor);
    }

    /// <summary>The voltage view of the last evaluation.</summary>
    /// <returns>Voltages (pu) per slot, node and phase with the phase mask.</returns>
    public VoltageView Voltages() => new(Result.Slots, Result.VoltagePoints, Result.Phases, Result.VoltagesPu, Result.PhasePresent);
}
