using System.Numerics;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// A read-only per-slot starting point for <see cref="ThreePhaseGridTimeSeries"/>: the node voltages and regulator taps
/// of every slot of a base run (the feeder's own loads, no injections), built once by
/// <see cref="ThreePhaseGridTimeSeries.CreateReferenceStart"/> and shared by every worker thread.
/// </summary>
public sealed class ThreePhaseReferenceStart
{
    internal ThreePhaseReferenceStart(ThreePhaseFeeder feeder, int slots, Complex[] voltages, int[] taps)
    {
        Feeder = feeder;
        Slots = slots;
        Voltages = voltages;
        Taps = taps;
    }

    /// <summary>The feeder.</summary>
    public ThreePhaseFeeder Feeder { get; }

    /// <summary>Number of slots.</summary>
    public int Slots { get; }

    /// <summary>Node voltages per slot, V, index (slot · NodeCount + node) · 3 + phase.</summary>
    internal Complex[] Voltages { get; }

    /// <summary>Regulator taps per slot, index (slot · Regulators + regulator) · 3 + phase.</summary>
    internal int[] Taps { get; }

    /// <summary>The tap of a regulator phase in a slot of the base run.</summary>
    /// <param name="slot">Slot index.</param>
    /// <param name="regulator">Regulator index.</param>
    /// <param name="phase">Phase 0..2.</param>
    /// <returns>The tap.</returns>
    public int Tap(int slot, int regulator, int phase) => Taps[(((slot * Feeder.Regulators.Count) + regulator) * 3) + phase];
}

/// <summary>
/// <see cref="IGridTimeSeries"/> on a three-phase feeder (<see cref="ThreePhaseSweepSolver"/>): per slot, the
/// feeder's loads × the slot's base multipliers plus signed constant-power wye injections at connection points. A
/// point on several phases splits its kW and kVAr evenly over them. One instance per thread.
/// </summary>
/// <remarks>
/// <para>Starting point of each slot: without a reference start, slot 0 starts flat (no-load voltages, the feeder's
/// taps) and later slots from a secant prediction over the previous two. With a reference start
/// (<see cref="WithReferenceStart"/>) every slot starts from the reference slot's voltages and taps, which is close to
/// the answer when the injections are a modest change on the base loads and needs fewer sweeps; slots are then
/// independent of each other. Either way the start depends only on the input, so results are bit-identical whatever
/// the instance ran before and on whichever thread.</para>
/// <para>With <see cref="ThreePhaseSolveOptions.RegulatorControl"/> the control loop runs per slot from the taps
/// of the previous slot (or of the reference slot); taps that do not settle mark the slot
/// <see cref="PowerFlowStatus.TapsNotSettled"/>.</para>
/// </remarks>
public sealed class ThreePhaseGridTimeSeries : IGridTimeSeries
{
    private readonly ThreePhaseFeeder _feeder;
    private readonly ThreePhaseWorkspace _ws;
    private readonly ThreePhaseSolveOptions _options;
    private readonly ThreePhaseSolveOptions _later;
    private readonly ThreePhaseSolveOptions _fromReference;
    private readonly bool[] _present;
    private readonly double[] _groupKw;
    private readonly double _nominalKw;

    /// <summary>Creates the series of a feeder.</summary>
    /// <param name="feeder">The feeder.</param>
    /// <param name="options">Solve options (default when null: tolerance 1e-8 pu, taps locked).</param>
    public ThreePhaseGridTimeSeries(ThreePhaseFeeder feeder, ThreePhaseSolveOptions? options = null)
        : this(feeder, options, null)
    {
    }

    private ThreePhaseGridTimeSeries(ThreePhaseFeeder feeder, ThreePhaseSolveOptions? options, ThreePhaseReferenceStart? reference)
    {
        ArgumentNullException.ThrowIfNull(feeder);
        _feeder = feeder;
        _options = options ?? ThreePhaseSolveOptions.Default;
        _options.Validate();
        _later = _options.RegulatorControl && _options.ControlStartsFromNeutral ? _options with { ControlStartsFromNeutral = false } : _options;
        _fromReference = _options with { WarmStart = true, ControlStartsFromNeutral = false };
        _ws = feeder.CreateWorkspace();
        ReferenceStart = reference;
        _present = new bool[feeder.NodeCount * 3];
        for (var n = 0; n < feeder.NodeCount; n++)
        {
            for (var p = 0; p < 3; p++)
            {
                _present[(n * 3) + p] = feeder.NodePhaseArray[n].Has(p);
            }
        }

        _groupKw = new double[feeder.LoadGroupCount];
        foreach (var l in feeder.Loads)
        {
            _groupKw[l.Group] += l.RatedVa.Real / 1000.0;
        }

        foreach (var kw in _groupKw)
        {
            _nominalKw += kw;
        }
    }

    /// <summary>The feeder.</summary>
    public ThreePhaseFeeder Feeder => _feeder;

    /// <summary>The solve options.</summary>
    public ThreePhaseSolveOptions Options => _options;

    /// <summary>The reference start in use, or null (flat start for slot 0, secant prediction after).</summary>
    public ThreePhaseReferenceStart? ReferenceStart { get; }

    /// <inheritdoc/>
    public int PhaseCount => 3;

    /// <inheritdoc/>
    public int VoltagePointCount => _feeder.NodeCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> VoltagePointIds => _feeder.NodeIds;

    /// <inheritdoc/>
    public int LoadGroupCount => _feeder.LoadGroupCount;

    /// <inheritdoc/>
    public ConnectionMap Connect(IReadOnlyList<ConnectionPoint> points) => ConnectionMap.ForFeeder(_feeder, points);

    /// <inheritdoc/>
    public GridSeriesResult CreateResult(int slots) => new(_feeder, slots, _feeder.NodeCount, 3, _present);

    /// <summary>
    /// A new series on the same feeder and options (its own workspace) that starts every slot from
    /// <paramref name="reference"/>. Create the reference once, then one such series per worker thread.
    /// </summary>
    /// <param name="reference">A reference start of this feeder.</param>
    /// <returns>The new series.</returns>
    public ThreePhaseGridTimeSeries WithReferenceStart(ThreePhaseReferenceStart reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (!ReferenceEquals(reference.Feeder, _feeder))
        {
            throw new ArgumentException($"the reference start belongs to feeder '{reference.Feeder.Name}', not to this series' feeder '{_feeder.Name}'", nameof(reference));
        }

        return new ThreePhaseGridTimeSeries(_feeder, _options, reference);
    }

    /// <summary>
    /// Runs the base case (no injections, <paramref name="baseLoadMultipliers"/> one per slot) from a flat start and
    /// keeps every slot's voltages and taps as a shared read-only <see cref="ThreePhaseReferenceStart"/>.
    /// </summary>
    /// <param name="baseLoadMultipliers">Multiplier per slot.</param>
    /// <returns>The reference start.</returns>
    /// <exception cref="InvalidOperationException">A slot of the base run did not converge.</exception>
    public ThreePhaseReferenceStart CreateReferenceStart(ReadOnlySpan<double> baseLoadMultipliers) => CreateReference(baseLoadMultipliers, 1);

    /// <summary>As <see cref="CreateReferenceStart"/> with one multiplier per slot and load group (index slot · groups + group).</summary>
    /// <param name="groupMultipliers">Multipliers, length slots · <see cref="LoadGroupCount"/>.</param>
    /// <returns>The reference start.</returns>
    public ThreePhaseReferenceStart CreateReferenceStartGrouped(ReadOnlySpan<double> groupMultipliers) => CreateReference(groupMultipliers, _feeder.LoadGroupCount);

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<double> baseLoadMultipliers, SlotInjections injections, GridSeriesResult result) =>
        RunCore(baseLoadMultipliers, 1, injections, result);

    /// <inheritdoc/>
    public void RunGrouped(ReadOnlySpan<double> groupMultipliers, SlotInjections injections, GridSeriesResult result) =>
        RunCore(groupMultipliers, _feeder.LoadGroupCount, injections, result);

    private ThreePhaseReferenceStart CreateReference(ReadOnlySpan<double> multipliers, int perSlot)
    {
        if (multipliers.Length == 0 || multipliers.Length % perSlot != 0)
        {
            throw new ArgumentException($"expected slots × {perSlot} base load multipliers, got {multipliers.Length}", nameof(multipliers));
        }

        var slots = multipliers.Length / perSlot;
        var plain = ReferenceStart is null ? this : new ThreePhaseGridTimeSeries(_feeder, _options, null);
        var map = plain.Connect([]);
        var injections = new SlotInjections(map, slots);
        var result = plain.CreateResult(slots);
        var n3 = _feeder.NodeCount * 3;
        var r3 = _feeder.RegulatorArray.Length * 3;
        var voltages = new Complex[slots * n3];
        var taps = new int[slots * r3];
        plain.RunCore(multipliers, perSlot, injections, result, (t, ws) =>
        {
            Array.Copy(ws.V, 0, voltages, t * n3, n3);
            Array.Copy(ws.Taps, 0, taps, t * r3, r3);
        });
        if (!result.AllConverged)
        {
            throw new InvalidOperationException($"the base run of feeder '{_feeder.Name}' did not converge at slot {result.FirstFailedSlot} ({result.Status[result.FirstFailedSlot]}); no reference start");
        }

        return new ThreePhaseReferenceStart(_feeder, slots, voltages, taps);
    }

    private void RunCore(ReadOnlySpan<double> multipliers, int perSlot, SlotInjections injections, GridSeriesResult result, Action<int, ThreePhaseWorkspace>? onSlot = null)
    {
        GridSeriesResult.CheckRun(_feeder, injections, result, multipliers.Length, perSlot);
        var slots = injections.Slots;
        var reference = ReferenceStart;
        if (reference is not null && reference.Slots != slots)
        {
            throw new ArgumentException($"the reference start has {reference.Slots} slots, the injections {slots}", nameof(injections));
        }

        var ws = _ws;
        var n3 = _feeder.NodeCount * 3;
        var r3 = _feeder.RegulatorArray.Length * 3;
        ws.ClearExtraDemand();
        ws.ResetTaps();
        ws.Invalidate();
        var previous = double.NaN;
        var previous2 = double.NaN;
        for (var t = 0; t < slots; t++)
        {
            double demand;
            if (perSlot == 1)
            {
                ws.SetLoadMultiplier(multipliers[t]);
                demand = multipliers[t] * _nominalKw;
            }
            else
            {
                var slice = multipliers.Slice(t * perSlot, perSlot);
                ws.SetLoadMultipliers(slice);
                demand = 0;
                for (var g = 0; g < perSlot; g++)
                {
                    demand += slice[g] * _groupKw[g];
                }
            }

            demand += ApplyInjections(injections, t);
            ThreePhaseSolveOptions options;
            if (reference is not null)
            {
                Array.Copy(reference.Voltages, t * n3, ws.V, 0, n3);
                Array.Copy(reference.Taps, t * r3, ws.Taps, 0, r3);
                ws.HasSolution = true;
                options = _fromReference;
            }
            else
            {
                if (_options.WarmStart && t > 0)
                {
                    ThreePhaseSweepSolver.PredictSecant(ws, demand, previous, previous2, t > 1);
                }

                options = t == 0 ? _options : _later;
            }

            previous2 = previous;
            previous = demand;
            var status = ThreePhaseSweepSolver.Solve(ws, options);
            Record(ws, status, t, result);
            onSlot?.Invoke(t, ws);
        }
    }

    /// <summary>Sets the extra demand of slot <paramref name="t"/>; returns its total kW.</summary>
    private double ApplyInjections(SlotInjections injections, int t)
    {
        var ws = _ws;
        ws.ClearExtraDemand();
        var map = injections.Map;
        var total = 0.0;
        for (var i = 0; i < injections.Points; i++)
        {
            injections.Power(t, i, out var kw, out var kvar);
            if (kw == 0 && kvar == 0)
            {
                continue;
            }

            total += kw;
            var share = 1000.0 / map.PhaseCounts[i];
            var node = map.VoltagePointIndices[i] * 3;
            var phases = map.PhaseMasks[i];
            for (var p = 0; p < 3; p++)
            {
                if (phases.Has(p))
                {
                    ws.AddExtraUnchecked(node + p, kw * share, kvar * share);
                }
            }
        }

        return total;
    }

    private void Record(ThreePhaseWorkspace ws, ThreePhaseSolveStatus s, int t, GridSeriesResult result)
    {
        var f = _feeder;
        var v = ws.V;
        var baseLn = f.BaseLn;
        var vm = result.VoltageArray;
        var o = t * f.NodeCount * 3;
        for (var n = 0; n < f.NodeCount; n++)
        {
            var inv = 1.0 / baseLn[n];
            for (var p = 0; p < 3; p++)
            {
                var k = (n * 3) + p;
                vm[o + k] = _present[k] ? v[k].Magnitude * inv : double.NaN;
            }
        }

        result.IterationsArray[t] = s.Iterations;
        PowerFlowStatus status;
        if (s.Converged && s.TapsSettled)
        {
            status = PowerFlowStatus.Converged;
        }
        else if (!double.IsFinite(s.MaxChangePu))
        {
            status = PowerFlowStatus.Diverged;
        }
        else if (s.MaxChangePu < _options.TolerancePu)
        {
            status = PowerFlowStatus.TapsNotSettled;
        }
        else
        {
            status = PowerFlowStatus.MaxIterationsReached;
        }

        result.StatusArray[t] = status;
        if (status != PowerFlowStatus.Converged)
        {
            result.LossesKwArray[t] = double.NaN;
            result.SubstationKwArray[t] = double.NaN;
            result.SubstationKvaArray[t] = double.NaN;
            return;
        }

        result.LossesKwArray[t] = ThreePhaseTimeSeries.TotalLossKw(ws);
        var src = ws.SourceCurrent;
        var sub = Complex.Zero;
        for (var p = 0; p < 3; p++)
        {
            sub += v[p] * Complex.Conjugate(src[p]);
        }

        result.SubstationKwArray[t] = sub.Real / 1000.0;
        result.SubstationKvaArray[t] = sub.Magnitude / 1000.0;
    }
}
