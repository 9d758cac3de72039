using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// A read-only per-slot starting point for <see cref="ThreePhaseGridTimeSeries"/>: the node voltages and regulator taps
/// of every slot of a base run (the feeder's own loads, no injections), built once by
/// <see cref="ThreePhaseGridTimeSeries.CreateReferenceStart(ReadOnlySpan{double}, SlotInjections?)"/> and shared by every worker thread.
/// </summary>
public sealed class ThreePhaseReferenceStart
{
    internal ThreePhaseReferenceStart(ThreePhaseFeeder feeder, int slots, Complex[] voltages, int[] taps, ConnectionMap? map, double[] referenceKw, Complex[] linear, Complex[] quadratic, Complex[] mixed)
    {
        Mixed = mixed;
        Feeder = feeder;
        Slots = slots;
        Voltages = voltages;
        Taps = taps;
        Map = map;
        ReferenceKw = referenceKw;
        Linear = linear;
        Quadratic = quadratic;
    }

    /// <summary>
    /// The connection map of the reference injections, or null. Runs whose injections use this same map start from
    /// the reference voltages corrected by a per-point sensitivity to the kW difference.
    /// </summary>
    public ConnectionMap? Map { get; }

    /// <summary>kW of the reference injections, slot-major (empty without a map).</summary>
    internal double[] ReferenceKw { get; }

    /// <summary>dV/dP per slot, point and node phase, V/kW, index ((slot · points + point) · NodeCount · 3) + node·3 + phase.</summary>
    internal Complex[] Linear { get; }

    /// <summary>½·d²V/dP² per slot, point and node phase, V/kW², same layout as <see cref="Linear"/>.</summary>
    internal Complex[] Quadratic { get; }

    /// <summary>
    /// d²V/dP_i·dP_j per slot, point pair (i &lt; j in lexicographic order) and node phase, V/kW², index
    /// ((slot · pairs + pair) · NodeCount · 3) + node·3 + phase; empty above <see cref="ThreePhaseGridTimeSeries.MaxCrossTermPoints"/> points.
    /// </summary>
    internal Complex[] Mixed { get; }

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

    /// <summary>The axis along which solved voltages are tabulated, or null (Taylor start only).</summary>
    public InjectionAxis? Axis { get; internal init; }

    /// <summary>Solved voltages per slot and axis level, V, index ((slot · Levels + level) · NodeCount · 3) + node·3 + phase.</summary>
    internal Complex[] AxisVoltages { get; init; } = [];

    /// <summary>Whether every level of a slot converged (a slot with a failed level starts from the Taylor step).</summary>
    internal bool[] AxisUsable { get; init; } = [];
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
    private readonly double[] _deltas;
    private readonly double[] _squares;
    private readonly double[] _scale;
    private readonly double[] _presentMask;
    private double[] _cachedInput = [];
    private double[] _cachedMultipliers = [];
    private Complex[] _cachedCoefficients = [];
    private int _cachedPerSlot;

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
        _deltas = new double[reference?.Map?.Count ?? 0];
        _present = new bool[feeder.NodeCount * 3];
        for (var n = 0; n < feeder.NodeCount; n++)
        {
            for (var p = 0; p < 3; p++)
            {
                _present[(n * 3) + p] = feeder.NodePhaseArray[n].Has(p);
            }
        }

        _squares = new double[feeder.NodeCount * 3];
        _scale = new double[feeder.NodeCount * 3];
        _presentMask = new double[feeder.NodeCount * 3];
        for (var n = 0; n < feeder.NodeCount; n++)
        {
            var inv = 1.0 / feeder.BaseLn[n];
            for (var p = 0; p < 3; p++)
            {
                _scale[(n * 3) + p] = inv;
                _presentMask[(n * 3) + p] = feeder.NodePhaseArray[n].Has(p) ? BitConverter.Int64BitsToDouble(-1L) : 0.0;
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
    public int BranchCount => _feeder.BranchCount;

    /// <inheritdoc/>
    public IReadOnlyList<string> BranchIds => _feeder.BranchNameList;

    /// <inheritdoc/>
    public GridSeriesResult CreateResult(int slots) => new(_feeder, slots, _feeder.NodeCount, 3, _present);

    /// <inheritdoc/>
    public GridSeriesResult CreateResult(int slots, bool withBranchCurrents)
    {
        if (!withBranchCurrents)
        {
            return CreateResult(slots);
        }

        var present = new bool[_feeder.BranchCount * 3];
        for (var k = 0; k < _feeder.BranchCount; k++)
        {
            for (var p = 0; p < 3; p++)
            {
                present[(k * 3) + p] = _feeder.BranchPhaseArray[k].Has(p);
            }
        }

        return new(_feeder, slots, _feeder.NodeCount, 3, _present, present);
    }

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
    /// Runs a reference case (<paramref name="baseLoadMultipliers"/>, one per slot, plus
    /// <paramref name="referenceInjections"/> when given, e.g. a typical charging schedule) from a flat start and keeps
    /// every slot's voltages and taps as a shared read-only <see cref="ThreePhaseReferenceStart"/>. With reference
    /// injections it also measures, per slot and connection point, the voltage response to ±<see cref="SensitivityStepKw"/>
    /// (2 × points extra series, done once), so a run on the same map starts from
    /// V_ref + Σ_i (dV/dP_i·ΔP_i + ½·d²V/dP_i²·ΔP_i²) + Σ_(i&lt;j) d²V/dP_i·dP_j·ΔP_i·ΔP_j with ΔP_i the kW
    /// difference to the reference (mixed terms up to <see cref="MaxCrossTermPoints"/> points, one more series per
    /// pair): close to the answer, fewer sweeps. Only the starting point changes; results agree with a flat start to the tolerance.
    /// </summary>
    /// <param name="baseLoadMultipliers">Multiplier per slot.</param>
    /// <param name="referenceInjections">Reference injections on a map of this feeder, or null (base loads only).</param>
    /// <returns>The reference start.</returns>
    /// <exception cref="InvalidOperationException">A slot of the reference run did not converge.</exception>
    public ThreePhaseReferenceStart CreateReferenceStart(ReadOnlySpan<double> baseLoadMultipliers, SlotInjections? referenceInjections = null) =>
        CreateReference(baseLoadMultipliers, 1, referenceInjections);

    /// <summary>As <see cref="CreateReferenceStart(ReadOnlySpan{double}, SlotInjections?)"/> with one multiplier per slot and load group (index slot · groups + group).</summary>
    /// <param name="groupMultipliers">Multipliers, length slots · <see cref="LoadGroupCount"/>.</param>
    /// <param name="referenceInjections">Reference injections on a map of this feeder, or null.</param>
    /// <returns>The reference start.</returns>
    public ThreePhaseReferenceStart CreateReferenceStartGrouped(ReadOnlySpan<double> groupMultipliers, SlotInjections? referenceInjections = null) =>
        CreateReference(groupMultipliers, _feeder.LoadGroupCount, referenceInjections);

    /// <summary>
    /// As <see cref="CreateReferenceStartGrouped(ReadOnlySpan{double}, SlotInjections?)"/>, and also tabulates every
    /// slot's solved voltages (taps locked at the reference's, tolerance 1e-12 pu) at <see cref="InjectionAxis.Levels"/>
    /// totals along <paramref name="axis"/> (one more series per level, done once). A run whose injections lie on the
    /// axis (each point's kW = its weight × the slot's total, within 1e-9 relative, no explicit kVAr, the total within
    /// the slot's range) starts from the cubic Lagrange interpolation of the four nearest levels; any other run starts
    /// from the Taylor step. Only the starting point changes; results agree with a flat start to the tolerance.
    /// </summary>
    /// <param name="groupMultipliers">Multipliers, length slots · <see cref="LoadGroupCount"/>.</param>
    /// <param name="referenceInjections">Reference injections on the axis' map.</param>
    /// <param name="axis">The axis (same map and slot count as <paramref name="referenceInjections"/>).</param>
    /// <returns>The reference start.</returns>
    /// <exception cref="ArgumentException">The axis does not match the reference injections.</exception>
    /// <exception cref="InvalidOperationException">A slot of the reference run did not converge.</exception>
    public ThreePhaseReferenceStart CreateReferenceStartGrouped(ReadOnlySpan<double> groupMultipliers, SlotInjections referenceInjections, InjectionAxis axis) =>
        CreateTabulated(groupMultipliers, _feeder.LoadGroupCount, referenceInjections, axis);

    /// <summary>
    /// As <see cref="CreateReferenceStart(ReadOnlySpan{double}, SlotInjections?)"/> with voltages tabulated along
    /// <paramref name="axis"/> (see <see cref="CreateReferenceStartGrouped(ReadOnlySpan{double}, SlotInjections, InjectionAxis)"/>).
    /// </summary>
    /// <param name="baseLoadMultipliers">Multiplier per slot.</param>
    /// <param name="referenceInjections">Reference injections on the axis' map.</param>
    /// <param name="axis">The axis.</param>
    /// <returns>The reference start.</returns>
    public ThreePhaseReferenceStart CreateReferenceStart(ReadOnlySpan<double> baseLoadMultipliers, SlotInjections referenceInjections, InjectionAxis axis) =>
        CreateTabulated(baseLoadMultipliers, 1, referenceInjections, axis);

    private ThreePhaseReferenceStart CreateTabulated(ReadOnlySpan<double> multipliers, int perSlot, SlotInjections referenceInjections, InjectionAxis axis)
    {
        ArgumentNullException.ThrowIfNull(referenceInjections);
        ArgumentNullException.ThrowIfNull(axis);
        if (!ReferenceEquals(axis.Map, referenceInjections.Map))
        {
            throw new ArgumentException("the axis must use the same connection map as the reference injections.", nameof(axis));
        }

        if (axis.Slots != referenceInjections.Slots)
        {
            throw new ArgumentException($"the axis has {axis.Slots} slots, the reference injections {referenceInjections.Slots}.", nameof(axis));
        }

        var reference = CreateReference(multipliers, perSlot, referenceInjections);
        return Tabulate(reference, multipliers, perSlot, axis);
    }

    private ThreePhaseReferenceStart Tabulate(ThreePhaseReferenceStart reference, ReadOnlySpan<double> multipliers, int perSlot, InjectionAxis axis)
    {
        var slots = reference.Slots;
        var n3 = _feeder.NodeCount * 3;
        var levels = axis.Levels;
        var table = new Complex[slots * levels * n3];
        var usable = new bool[slots];
        Array.Fill(usable, true);
        // The table only has to be far more accurate than the runs it starts: a thousandth of their tolerance, at most 1e-10 pu.
        var tight = _options with { TolerancePu = Math.Min(_options.TolerancePu * 1e-3, 1e-10), MaxIterations = Math.Max(_options.MaxIterations, 200), RegulatorControl = false };
        var probe = new ThreePhaseGridTimeSeries(_feeder, tight, reference);
        var map = axis.Map;
        var points = map.Count;
        var injections = new SlotInjections(map, slots);
        var result = probe.CreateResult(slots);
        var weights = axis.WeightArray;
        for (var k = 0; k < levels; k++)
        {
            var kw = injections.Kw;
            for (var t = 0; t < slots; t++)
            {
                var total = axis.LevelKw(t, k);
                for (var i = 0; i < points; i++)
                {
                    kw[(t * points) + i] = weights[i] * total;
                }
            }

            var level = k;
            probe.RunCore(multipliers, perSlot, injections, result, (t, ws) => Array.Copy(ws.V, 0, table, ((t * levels) + level) * n3, n3));
            for (var t = 0; t < slots; t++)
            {
                usable[t] &= result.Status[t] == PowerFlowStatus.Converged;
            }
        }

        return new ThreePhaseReferenceStart(_feeder, slots, reference.Voltages, reference.Taps, reference.Map, reference.ReferenceKw,
            reference.Linear, reference.Quadratic, reference.Mixed)
        {
            Axis = axis,
            AxisVoltages = table,
            AxisUsable = usable,
        };
    }

    /// <summary>The kW step of the finite differences that measure a reference start's voltage sensitivities.</summary>
    public const double SensitivityStepKw = 20.0;

    /// <summary>
    /// Up to this many connection points a reference start also measures the mixed second derivatives of every pair
    /// of points (one more series per pair); above it only each point's own first and second derivatives.
    /// </summary>
    public const int MaxCrossTermPoints = 12;

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<double> baseLoadMultipliers, SlotInjections injections, GridSeriesResult result) =>
        RunCore(baseLoadMultipliers, 1, injections, result);

    /// <inheritdoc/>
    public void RunGrouped(ReadOnlySpan<double> groupMultipliers, SlotInjections injections, GridSeriesResult result) =>
        RunCore(groupMultipliers, _feeder.LoadGroupCount, injections, result);

    private ThreePhaseReferenceStart CreateReference(ReadOnlySpan<double> multipliers, int perSlot, SlotInjections? referenceInjections)
    {
        if (multipliers.Length == 0 || multipliers.Length % perSlot != 0)
        {
            throw new ArgumentException($"expected slots × {perSlot} base load multipliers, got {multipliers.Length}", nameof(multipliers));
        }

        var slots = multipliers.Length / perSlot;
        var plain = ReferenceStart is null ? this : new ThreePhaseGridTimeSeries(_feeder, _options, null);
        var injections = referenceInjections ?? new SlotInjections(plain.Connect([]), slots);
        var map = injections.Map;
        var points = map.Count;
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
            throw new InvalidOperationException($"the reference run of feeder '{_feeder.Name}' did not converge at slot {result.FirstFailedSlot} ({result.Status[result.FirstFailedSlot]}); no reference start");
        }

        if (referenceInjections is null || points == 0)
        {
            return new ThreePhaseReferenceStart(_feeder, slots, voltages, taps, null, [], [], [], []);
        }

        // Central differences ±h per point, each series started from the reference voltages and taps.
        var referenceKw = new double[slots * points];
        injections.CopyToSlotMajor(referenceKw);
        var linear = new Complex[slots * points * n3];
        var quadratic = new Complex[slots * points * n3];
        var plainReference = new ThreePhaseReferenceStart(_feeder, slots, voltages, taps, null, [], [], [], []);
        var tight = _options with { TolerancePu = Math.Min(_options.TolerancePu, 1e-12), MaxIterations = Math.Max(_options.MaxIterations, 200) };
        var probe = new ThreePhaseGridTimeSeries(_feeder, tight, plainReference);
        var shifted = new SlotInjections(map, slots);
        var up = new Complex[points * slots * n3];
        var h = SensitivityStepKw;
        for (var i = 0; i < points; i++)
        {
            for (var sign = 1; sign >= -1; sign -= 2)
            {
                shifted.CopyFromSlotMajor(referenceKw);
                if (injections.HasKvar)
                {
                    injections.Kvar.CopyTo(shifted.UseKvar());
                }

                for (var t = 0; t < slots; t++)
                {
                    shifted[t, i] = referenceKw[(t * points) + i] + (sign * h);
                    if (injections.HasKvar)
                    {
                        shifted.Kvar[(t * points) + i] += sign * h * map.TanPhi[i];
                    }
                }

                var current = sign;
                probe.RunCore(multipliers, perSlot, shifted, result, (t, ws) =>
                {
                    var o = ((t * points) + i) * n3;
                    for (var k = 0; k < n3; k++)
                    {
                        var dv = ws.V[k] - voltages[(t * n3) + k];
                        var u = (((i * slots) + t) * n3) + k;
                        if (current > 0)
                        {
                            up[u] = dv;
                        }
                        else
                        {
                            linear[o + k] = (up[u] - dv) / (2 * h);
                            quadratic[o + k] = (up[u] + dv) / (2 * h * h);
                        }
                    }
                });
                if (!result.AllConverged)
                {
                    throw new InvalidOperationException($"the sensitivity run of point {i} ({map.Points[i]}) did not converge at slot {result.FirstFailedSlot}; no reference start");
                }
            }
        }

        // Mixed derivatives: (ΔV(+h·e_i + h·e_j) − ΔV(+h·e_i) − ΔV(+h·e_j)) / h² for every pair i < j.
        var pairs = points <= MaxCrossTermPoints ? points * (points - 1) / 2 : 0;
        var mixed = new Complex[slots * pairs * n3];
        var pair = 0;
        for (var i = 0; i < points && pairs > 0; i++)
        {
            for (var j = i + 1; j < points; j++, pair++)
            {
                shifted.CopyFromSlotMajor(referenceKw);
                if (injections.HasKvar)
                {
                    injections.Kvar.CopyTo(shifted.UseKvar());
                }

                for (var t = 0; t < slots; t++)
                {
                    shifted[t, i] = referenceKw[(t * points) + i] + h;
                    shifted[t, j] = referenceKw[(t * points) + j] + h;
                    if (injections.HasKvar)
                    {
                        shifted.Kvar[(t * points) + i] += h * map.TanPhi[i];
                        shifted.Kvar[(t * points) + j] += h * map.TanPhi[j];
                    }
                }

                var (pi, pj, pp) = (i, j, pair);
                probe.RunCore(multipliers, perSlot, shifted, result, (t, ws) =>
                {
                    var o = ((t * pairs) + pp) * n3;
                    for (var k = 0; k < n3; k++)
                    {
                        var dv = ws.V[k] - voltages[(t * n3) + k];
                        mixed[o + k] = (dv - up[(((pi * slots) + t) * n3) + k] - up[(((pj * slots) + t) * n3) + k]) / (h * h);
                    }
                });
                if (!result.AllConverged)
                {
                    throw new InvalidOperationException($"the sensitivity run of points {i} and {j} did not converge at slot {result.FirstFailedSlot}; no reference start");
                }
            }
        }

        return new ThreePhaseReferenceStart(_feeder, slots, voltages, taps, map, referenceKw, linear, quadratic, mixed);
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
        CacheLoadCoefficients(multipliers, perSlot, slots);
        var groups = _feeder.LoadGroupCount;
        var loads = _feeder.Loads.Length;
        var relayVolts = onSlot is not null || _options.RegulatorControl;
        var previous = double.NaN;
        var previous2 = double.NaN;
        for (var t = 0; t < slots; t++)
        {
            ws.CopyLoadState(_cachedMultipliers.AsSpan(t * groups, groups), _cachedCoefficients.AsSpan(t * loads, loads));
            var extraKw = ApplyInjections(injections, t);
            var demand = 0.0;
            if (reference is null)
            {
                // Total demand drives the secant predictor only.
                if (perSlot == 1)
                {
                    demand = multipliers[t] * _nominalKw;
                }
                else
                {
                    var slice = multipliers.Slice(t * perSlot, perSlot);
                    for (var g = 0; g < perSlot; g++)
                    {
                        demand += slice[g] * _groupKw[g];
                    }
                }

                demand += extraKw;
            }

            ThreePhaseSolveOptions options;
            if (reference is not null)
            {
                Array.Copy(reference.Taps, t * r3, ws.Taps, 0, r3);
                if (ReferenceEquals(reference.Map, injections.Map))
                {
                    if (!PredictFromAxis(reference, injections, t))
                    {
                        PredictFromReference(reference, injections, t);
                    }
                }
                else
                {
                    Array.Copy(reference.Voltages, t * n3, ws.V, 0, n3);
                }

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
            var status = ThreePhaseSweepSolver.Solve(ws, options, relayVolts);
            Record(ws, status, t, result);
            onSlot?.Invoke(t, ws);
        }
    }

    /// <summary>
    /// Keeps the multipliers and load coefficients of every slot of <paramref name="multipliers"/> (as
    /// <see cref="ThreePhaseWorkspace.SetLoadMultipliers"/> computes them, so bit-identical); a run with the same
    /// multipliers as the last one (the usual case: one base-load day, many injection schedules) only compares them.
    /// Reallocates only when the number of slots changes.
    /// </summary>
    private void CacheLoadCoefficients(ReadOnlySpan<double> multipliers, int perSlot, int slots)
    {
        // Bitwise comparison, so that even −0 and +0 multipliers never share coefficients.
        if (perSlot == _cachedPerSlot && MemoryMarshal.Cast<double, long>(multipliers).SequenceEqual(MemoryMarshal.Cast<double, long>(_cachedInput.AsSpan())))
        {
            return;
        }

        var groups = _feeder.LoadGroupCount;
        var loads = _feeder.Loads.Length;
        _cachedPerSlot = 0;
        if (_cachedInput.Length != multipliers.Length)
        {
            _cachedInput = new double[multipliers.Length];
        }

        if (_cachedMultipliers.Length != slots * groups)
        {
            _cachedMultipliers = new double[slots * groups];
            _cachedCoefficients = new Complex[slots * loads];
        }

        var ws = _ws;
        for (var t = 0; t < slots; t++)
        {
            if (perSlot == 1)
            {
                ws.SetLoadMultiplier(multipliers[t]);
            }
            else
            {
                ws.SetLoadMultipliers(multipliers.Slice(t * perSlot, perSlot));
            }

            ws.LoadMultipliers.CopyTo(_cachedMultipliers, t * groups);
            ws.LoadCoefficients.CopyTo(_cachedCoefficients, t * loads);
        }

        multipliers.CopyTo(_cachedInput);
        _cachedPerSlot = perSlot;
    }

    /// <summary>
    /// Adds Σ_i (dV/dP_i·ΔP_i + ½·d²V/dP_i²·ΔP_i²) + Σ_(i&lt;j) d²V/dP_i·dP_j·ΔP_i·ΔP_j to the reference voltages of
    /// slot t in the workspace (a second-order Taylor step from the reference).
    /// </summary>
    private void PredictFromReference(ThreePhaseReferenceStart reference, SlotInjections injections, int t)
    {
        var v = _ws.V;
        var n3 = v.Length;
        var points = injections.Points;
        var kw = injections.Kw;
        var deltas = _deltas;
        for (var i = 0; i < points; i++)
        {
            deltas[i] = kw[(t * points) + i] - reference.ReferenceKw[(t * points) + i];
        }

        // Complex × real scales both parts, so every step below works on the interleaved doubles (same operations,
        // same order as on the complex values: bit-identical).
        var vd = MemoryMarshal.Cast<Complex, double>(v.AsSpan());
        var start = MemoryMarshal.Cast<Complex, double>(reference.Voltages.AsSpan(t * n3, n3));
        var pairs = reference.Mixed.Length / (reference.Slots * n3);
        if (points == 1 && deltas[0] != 0)
        {
            // One point (the usual case): V = V_ref + (dV/dP·ΔP + ½·d²V/dP²·ΔP²) in one pass.
            var d = deltas[0];
            var lin = MemoryMarshal.Cast<Complex, double>(reference.Linear.AsSpan(t * n3, n3));
            var quad = MemoryMarshal.Cast<Complex, double>(reference.Quadratic.AsSpan(t * n3, n3));
            Taylor(vd, start, lin, d, quad, d * d);
            return;
        }

        start.CopyTo(vd);
        var pair = 0;
        for (var i = 0; i < points && pairs > 0; i++)
        {
            for (var j = i + 1; j < points; j++, pair++)
            {
                var dij = deltas[i] * deltas[j];
                if (dij == 0)
                {
                    continue;
                }

                var mix = MemoryMarshal.Cast<Complex, double>(reference.Mixed.AsSpan(((t * pairs) + pair) * n3, n3));
                for (var k = 0; k < vd.Length; k++)
                {
                    vd[k] += mix[k] * dij;
                }
            }
        }

        for (var i = 0; i < points; i++)
        {
            var d = deltas[i];
            if (d == 0)
            {
                continue;
            }

            var lin = MemoryMarshal.Cast<Complex, double>(reference.Linear.AsSpan(((t * points) + i) * n3, n3));
            var quad = MemoryMarshal.Cast<Complex, double>(reference.Quadratic.AsSpan(((t * points) + i) * n3, n3));
            Taylor(vd, vd, lin, d, quad, d * d);
        }
    }

    /// <summary>
    /// Writes the cubic Lagrange interpolation of the axis table at the slot's total into the workspace when the slot's
    /// injections lie on the reference's axis; returns false (nothing written) otherwise.
    /// </summary>
    private bool PredictFromAxis(ThreePhaseReferenceStart reference, SlotInjections injections, int t)
    {
        var axis = reference.Axis;
        if (axis is null || injections.HasKvar || !reference.AxisUsable[t])
        {
            return false;
        }

        var points = injections.Points;
        var kw = injections.Kw.Slice(t * points, points);
        var weights = axis.WeightArray;
        var total = 0.0;
        for (var i = 0; i < points; i++)
        {
            total += kw[i];
        }

        var slack = 1e-9 * (1 + Math.Abs(total));
        for (var i = 0; i < points; i++)
        {
            if (Math.Abs(kw[i] - (weights[i] * total)) > slack)
            {
                return false;
            }
        }

        var lo = axis.MinTotalKw[t];
        var span = axis.MaxTotalKw[t] - lo;
        var levels = axis.Levels;
        var u = span > 0 ? (total - lo) / span * (levels - 1) : 0.0;
        if (!(u >= -0.5 && u <= levels - 0.5))
        {
            return false;
        }

        var k0 = Math.Clamp((int)Math.Floor(u) - 1, 0, levels - 4);
        var x = u - k0;
        var w0 = -(x - 1) * (x - 2) * (x - 3) / 6;
        var w1 = x * (x - 2) * (x - 3) / 2;
        var w2 = -x * (x - 1) * (x - 3) / 2;
        var w3 = x * (x - 1) * (x - 2) / 6;
        var n3 = _ws.V.Length;
        var rows = MemoryMarshal.Cast<Complex, double>(reference.AxisVoltages.AsSpan(((t * levels) + k0) * n3, 4 * n3));
        Cubic(MemoryMarshal.Cast<Complex, double>(_ws.V.AsSpan()), rows, 2 * n3, w0, w1, w2, w3);
        return true;
    }

    /// <summary>target[k] = w0·r[k] + w1·r[m + k] + w2·r[2m + k] + w3·r[3m + k] over four consecutive rows of length m.</summary>
    private static void Cubic(Span<double> target, ReadOnlySpan<double> rows, int m, double w0, double w1, double w2, double w3)
    {
        ref var tr = ref MemoryMarshal.GetReference(target);
        ref var r0 = ref MemoryMarshal.GetReference(rows);
        ref var r1 = ref Unsafe.Add(ref r0, m);
        ref var r2 = ref Unsafe.Add(ref r1, m);
        ref var r3 = ref Unsafe.Add(ref r2, m);
        var a = Vector256.Create(w0);
        var b = Vector256.Create(w1);
        var c = Vector256.Create(w2);
        var d = Vector256.Create(w3);
        var k = 0;
        for (; k <= m - 4; k += 4)
        {
            var x = (Vector256.LoadUnsafe(ref r0, (nuint)k) * a) + (Vector256.LoadUnsafe(ref r1, (nuint)k) * b)
                + (Vector256.LoadUnsafe(ref r2, (nuint)k) * c) + (Vector256.LoadUnsafe(ref r3, (nuint)k) * d);
            x.StoreUnsafe(ref tr, (nuint)k);
        }

        for (; k < m; k++)
        {
            Unsafe.Add(ref tr, k) = (Unsafe.Add(ref r0, k) * w0) + (Unsafe.Add(ref r1, k) * w1) + (Unsafe.Add(ref r2, k) * w2) + (Unsafe.Add(ref r3, k) * w3);
        }
    }

    /// <summary>target[k] = start[k] + ((lin[k]·d) + (quad[k]·d2)), four lanes at a time (no fused multiply-add).</summary>
    private static void Taylor(Span<double> target, ReadOnlySpan<double> start, ReadOnlySpan<double> lin, double d, ReadOnlySpan<double> quad, double d2)
    {
        ref var tr = ref MemoryMarshal.GetReference(target);
        ref var sr = ref MemoryMarshal.GetReference(start);
        ref var lr = ref MemoryMarshal.GetReference(lin);
        ref var qr = ref MemoryMarshal.GetReference(quad);
        var n = target.Length;
        var dv = Vector256.Create(d);
        var d2v = Vector256.Create(d2);
        var k = 0;
        for (; k <= n - 4; k += 4)
        {
            var x = Vector256.LoadUnsafe(ref sr, (nuint)k) + ((Vector256.LoadUnsafe(ref lr, (nuint)k) * dv) + (Vector256.LoadUnsafe(ref qr, (nuint)k) * d2v));
            x.StoreUnsafe(ref tr, (nuint)k);
        }

        for (; k < n; k++)
        {
            Unsafe.Add(ref tr, k) = Unsafe.Add(ref sr, k) + ((Unsafe.Add(ref lr, k) * d) + (Unsafe.Add(ref qr, k) * d2));
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
        var n3 = v.Length;
        var vm = result.VoltageArray;
        var o = t * n3;

        // |V| / V_base per node phase (NaN where absent): squares summed per phase, then sqrt and scale four at a time
        // (IEEE sqrt and products are exact-rounded, so this equals the scalar formula bit for bit).
        ref var vd = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetArrayDataReference(v));
        ref var m2 = ref MemoryMarshal.GetArrayDataReference(_squares);
        for (var k = 0; k < n3; k++)
        {
            var re = Unsafe.Add(ref vd, 2 * k);
            var im = Unsafe.Add(ref vd, (2 * k) + 1);
            Unsafe.Add(ref m2, k) = (re * re) + (im * im);
        }

        ref var scale = ref MemoryMarshal.GetArrayDataReference(_scale);
        ref var mask = ref MemoryMarshal.GetArrayDataReference(_presentMask);
        ref var dst = ref MemoryMarshal.GetArrayDataReference(vm);
        var nan = Vector256.Create(double.NaN);
        var i = 0;
        for (; i <= n3 - 4; i += 4)
        {
            var x = Vector256.Sqrt(Vector256.LoadUnsafe(ref m2, (nuint)i)) * Vector256.LoadUnsafe(ref scale, (nuint)i);
            Vector256.ConditionalSelect(Vector256.LoadUnsafe(ref mask, (nuint)i), x, nan).StoreUnsafe(ref dst, (nuint)(o + i));
        }

        for (; i < n3; i++)
        {
            Unsafe.Add(ref dst, o + i) = _present[i] ? Math.Sqrt(Unsafe.Add(ref m2, i)) * Unsafe.Add(ref scale, i) : double.NaN;
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
            if (result.HasBranchCurrents)
            {
                result.BranchCurrentArray.AsSpan(t * f.BranchCount * 3, f.BranchCount * 3).Fill(double.NaN);
            }

            return;
        }

        if (result.HasBranchCurrents)
        {
            RecordBranchCurrents(ws, t, result);
        }

        // Substation power S = Σ V_src·conj(I_src); losses = Re(S) − Σ Re(V·conj(I_node)) over every node phase (loads,
        // extra demand, shunts), by power balance: one pass over the node currents of the last sweep instead of the
        // element-by-element sum of ThreePhaseTimeSeries.TotalLossKw (they agree to the sweep tolerance).
        var src = ws.SourceCurrent;
        var sub = Complex.Zero;
        for (var p = 0; p < 3; p++)
        {
            sub += v[p] * Complex.Conjugate(src[p]);
        }

        // Σ Re(V·conj(I)) = Σ over the interleaved doubles of V·I, four lanes then the lanes in a fixed order.
        ref var id = ref Unsafe.As<Complex, double>(ref MemoryMarshal.GetArrayDataReference(ws.INode));
        var doubles = 2 * n3;
        var acc = Vector256<double>.Zero;
        var d = 0;
        for (; d <= doubles - 4; d += 4)
        {
            acc += Vector256.LoadUnsafe(ref vd, (nuint)d) * Vector256.LoadUnsafe(ref id, (nuint)d);
        }

        var consumed = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        for (; d < doubles; d++)
        {
            consumed += Unsafe.Add(ref vd, d) * Unsafe.Add(ref id, d);
        }

        result.LossesKwArray[t] = (sub.Real - consumed) / 1000.0;

        result.SubstationKwArray[t] = sub.Real / 1000.0;
        result.SubstationKvaArray[t] = sub.Magnitude / 1000.0;
    }

    /// <summary>|I| entering each element at its from end, per phase (A; NaN where the element lacks the phase).</summary>
    private static void RecordBranchCurrents(ThreePhaseWorkspace ws, int t, GridSeriesResult result)
    {
        var f = ws.Feeder;
        var amps = result.BranchCurrentArray;
        var present = result.BranchPhasePresent;
        Span<Complex> iin = stackalloc Complex[3];
        Span<Complex> iout = stackalloc Complex[3];
        var o = t * f.BranchCount * 3;
        for (var k = 0; k < f.BranchCount; k++)
        {
            ThreePhasePowerFlowResult.BranchCurrents(ws, k, iin, iout);
            for (var p = 0; p < 3; p++)
            {
                amps[o + (k * 3) + p] = present[(k * 3) + p] ? iin[p].Magnitude : double.NaN;
            }
        }
    }
}
