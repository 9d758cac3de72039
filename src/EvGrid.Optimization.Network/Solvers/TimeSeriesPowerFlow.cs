namespace EvGrid.Optimization.Network;

/// <summary>
/// Results of a time-series power flow: per slot and bus voltage magnitudes, per slot losses, slack power, iterations
/// and convergence. Created once and reused across runs (no allocation per run).
/// </summary>
/// <remarks>
/// Non-converged slots never throw: the run goes on, and a failed slot is marked by its <see cref="Status"/> (not
/// <see cref="PowerFlowStatus.Converged"/>) and by the sentinel <see cref="double.NaN"/> in <see cref="LossesKw"/>,
/// <see cref="LossesKvar"/>, <see cref="SlackPKw"/> and <see cref="SlackQKvar"/>; its
/// <see cref="VoltageMagnitudesPu"/> are the last iterate (not a solution). Check <see cref="AllConverged"/> or
/// <see cref="FirstFailedSlot"/> before using the figures.
/// </remarks>
public sealed class TimeSeriesOutput
{
    /// <summary>Creates storage for <paramref name="slots"/> snapshots of a network of <paramref name="busCount"/> buses.</summary>
    /// <param name="slots">Number of snapshots (e.g. 24 or 96).</param>
    /// <param name="busCount">Number of buses.</param>
    public TimeSeriesOutput(int slots, int busCount)
        : this(slots, busCount, 0)
    {
    }

    /// <summary>
    /// Creates storage for <paramref name="slots"/> snapshots of a network of <paramref name="busCount"/> buses that
    /// also keeps the series current of each of its <paramref name="branchCount"/> in-service branches per slot
    /// (<see cref="BranchCurrentsPu"/>; 0 keeps none, at no cost to a run).
    /// </summary>
    /// <param name="slots">Number of snapshots.</param>
    /// <param name="busCount">Number of buses.</param>
    /// <param name="branchCount">Number of in-service branches of the network, or 0.</param>
    public TimeSeriesOutput(int slots, int busCount, int branchCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(busCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(branchCount);
        Slots = slots;
        BusCount = busCount;
        BranchCount = branchCount;
        BranchCurrentsPu = new double[slots * branchCount];
        VoltageMagnitudesPu = new double[slots * busCount];
        LossesKw = new double[slots];
        LossesKvar = new double[slots];
        SlackPKw = new double[slots];
        SlackQKvar = new double[slots];
        Iterations = new int[slots];
        Status = new PowerFlowStatus[slots];
    }

    /// <summary>Number of snapshots.</summary>
    public int Slots { get; }

    /// <summary>Number of buses.</summary>
    public int BusCount { get; }

    /// <summary>Number of in-service branches whose currents are kept (0: none).</summary>
    public int BranchCount { get; }

    /// <summary>
    /// |I| of the series current of each in-service branch in pu (network kVA base, from bus kV base), row-major:
    /// slot t, branch k (in-service order of <see cref="PowerNetwork.Branches"/>) at <c>t · BranchCount + k</c>;
    /// <see cref="double.NaN"/> for a slot that did not converge. Empty when <see cref="BranchCount"/> is 0.
    /// </summary>
    public double[] BranchCurrentsPu { get; }

    /// <summary>|V| in pu, row-major: slot t, bus i (in <see cref="PowerNetwork.Buses"/> order) at <c>t · BusCount + i</c>.</summary>
    public double[] VoltageMagnitudesPu { get; }

    /// <summary>Active losses per slot, kW; <see cref="double.NaN"/> for a slot that did not converge.</summary>
    public double[] LossesKw { get; }

    /// <summary>Reactive losses per slot, kVAr; <see cref="double.NaN"/> for a slot that did not converge.</summary>
    public double[] LossesKvar { get; }

    /// <summary>Active power supplied by the slack bus per slot, kW; <see cref="double.NaN"/> for a slot that did not converge.</summary>
    public double[] SlackPKw { get; }

    /// <summary>Reactive power supplied by the slack bus per slot, kVAr; <see cref="double.NaN"/> for a slot that did not converge.</summary>
    public double[] SlackQKvar { get; }

    /// <summary>Sweep iterations per slot.</summary>
    public int[] Iterations { get; }

    /// <summary>Outcome per slot.</summary>
    public PowerFlowStatus[] Status { get; }

    /// <summary>True when every slot converged.</summary>
    public bool AllConverged => FirstFailedSlot < 0;

    /// <summary>Index of the first slot that did not converge, or −1 when every slot converged.</summary>
    public int FirstFailedSlot
    {
        get
        {
            for (var s = 0; s < Status.Length; s++)
            {
                if (Status[s] != PowerFlowStatus.Converged)
                {
                    return s;
                }
            }

            return -1;
        }
    }

    /// <summary>The voltages of slot <paramref name="slot"/>.</summary>
    /// <param name="slot">Slot index.</param>
    /// <returns>|V| in pu per bus.</returns>
    public ReadOnlySpan<double> VoltagesOfSlot(int slot) => VoltageMagnitudesPu.AsSpan(slot * BusCount, BusCount);
}

/// <summary>
/// Time-series power flow on a radial network: T snapshots (24 or 96), each warm-started from the previous slot, on a
/// reusable <see cref="RadialSweepWorkspace"/>, with no allocation per snapshot. Loads per slot are
/// <c>multiplier[t] × nominal ZIP loads + extra constant-power demand[t, bus]</c> (e.g. EV charging in kW, negative
/// for V2G). Use one instance per thread.
/// </summary>
/// <remarks>
/// Every <c>Run</c> starts from the same state: a flat start for the first slot and an empty predictor history, so
/// the same input gives bit-identical output whatever the instance solved before (an optimizer's result does not
/// depend on which thread's instance evaluated which candidate). Warm starts apply only within a run, from slot to
/// slot.
/// </remarks>
public sealed class TimeSeriesPowerFlow
{
    private readonly double _nominalKw;
    private double[]? _zeroQ;
    private double _lastDemandKw;
    private double _previousDemandKw;
    private bool _haveLast;
    private bool _haveTwo;

    /// <summary>Creates the series solver of a radial network.</summary>
    /// <param name="network">A radial network.</param>
    /// <param name="options">Tolerance and iteration cap per snapshot.</param>
    public TimeSeriesPowerFlow(PowerNetwork network, PowerFlowOptions? options = null)
    {
        Options = options ?? PowerFlowOptions.Default;
        Options.Validate();
        Workspace = new RadialSweepWorkspace(network);
        _nominalKw = network.TotalLoadKw;
    }

    /// <summary>
    /// When true (default), each slot starts from a prediction: the secant extrapolation
    /// V₁ + (V₁ − V₀)·(D₂ − D₁)/(D₁ − D₀) over the last two converged slots (D = total active demand), or, when their
    /// demands are too close or the factor exceeds 2, the previous voltages with their drops scaled by D₂/D₁
    /// (<see cref="RadialSweepWorkspace.ScaleVoltageDrops"/>). When false, each slot starts from the previous slot's
    /// voltages as they are. Results agree to the tolerance either way; only the number of sweeps changes.
    /// </summary>
    public bool UsePredictor { get; set; } = true;

    /// <summary>The reusable workspace (each run resets its voltages to a flat start).</summary>
    public RadialSweepWorkspace Workspace { get; }

    /// <summary>Tolerance and iteration cap per snapshot.</summary>
    public PowerFlowOptions Options { get; }

    /// <summary>Runs one snapshot per multiplier (loads = multiplier × nominal).</summary>
    /// <param name="multipliers">Load multiplier per slot.</param>
    /// <param name="output">Storage for <c>multipliers.Length</c> slots.</param>
    public void Run(ReadOnlySpan<double> multipliers, TimeSeriesOutput output) => Run(multipliers, [], [], output);

    /// <summary>
    /// Runs one snapshot per slot with loads = <c>multipliers[t]</c> × nominal + extra demand of slot t
    /// (<paramref name="extraPKw"/>, <paramref name="extraQKvar"/>: SLOT-major, index <c>t · n + bus</c>, kW/kVAr, bus in
    /// <see cref="PowerNetwork.Buses"/> order; positive = demand, negative = injection such as V2G or DG). Q may be
    /// empty while P is given: the extra demand is then purely active (Q = 0). Both empty: no extra demand. To give
    /// the complete demand of every bus and slot, pass multipliers of 0 and the demand as extra. For typed,
    /// per-connection-point input use <see cref="Grid.BalancedGridTimeSeries"/>. A slot that does not converge is
    /// marked in <paramref name="output"/> (see <see cref="TimeSeriesOutput"/>); the run never throws for it.
    /// </summary>
    /// <param name="multipliers">Load multiplier per slot.</param>
    /// <param name="extraPKw">Extra active demand, T × n values, or empty.</param>
    /// <param name="extraQKvar">Extra reactive demand, T × n values, or empty (Q = 0).</param>
    /// <param name="output">Storage for T slots.</param>
    public void Run(ReadOnlySpan<double> multipliers, ReadOnlySpan<double> extraPKw, ReadOnlySpan<double> extraQKvar, TimeSeriesOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var t = multipliers.Length;
        var n = Workspace.BusCount;
        if (output.Slots != t || output.BusCount != n)
        {
            throw new ArgumentException($"output holds {output.Slots} slots x {output.BusCount} buses, the run needs {t} x {n}.", nameof(output));
        }

        if (output.BranchCount != 0 && output.BranchCount != Workspace.BranchCount)
        {
            throw new ArgumentException($"output keeps the currents of {output.BranchCount} branches, the network has {Workspace.BranchCount} in service.", nameof(output));
        }

        var hasExtra = !extraPKw.IsEmpty || !extraQKvar.IsEmpty;
        var hasQ = !extraQKvar.IsEmpty;
        if (hasExtra && (extraPKw.Length != t * n || (hasQ && extraQKvar.Length != t * n)))
        {
            throw new ArgumentException($"extra demand needs {t} x {n} = {t * n} values (Q may be empty), got {extraPKw.Length} (P) and {extraQKvar.Length} (Q).", nameof(extraPKw));
        }

        if (hasExtra && !hasQ && (_zeroQ is null || _zeroQ.Length != n))
        {
            _zeroQ = new double[n];
        }

        var ws = Workspace;
        ResetStart();
        for (var s = 0; s < t; s++)
        {
            double demand;
            if (hasExtra)
            {
                ws.SetLoads(multipliers[s], extraPKw.Slice(s * n, n), hasQ ? extraQKvar.Slice(s * n, n) : _zeroQ);
                demand = (multipliers[s] * _nominalKw) + Sum(extraPKw.Slice(s * n, n));
            }
            else
            {
                ws.SetLoadMultiplier(multipliers[s]);
                demand = multipliers[s] * _nominalKw;
            }

            // Warm start from the previous slot: secant extrapolation over the last two converged slots when their
            // demands differ enough, otherwise the previous voltage drops scaled to the new demand. Demands may be
            // zero or negative (net export by DG or V2G): the tests are on magnitudes.
            if (UsePredictor && _haveLast)
            {
                var step = _lastDemandKw - _previousDemandKw;
                var factor = (demand - _lastDemandKw) / step;
                if (_haveTwo && Math.Abs(step) > 1e-3 * Math.Max(Math.Abs(_lastDemandKw), Math.Abs(_previousDemandKw)) && Math.Abs(factor) <= 2.0)
                {
                    ws.ExtrapolateAndRemember(factor);
                }
                else
                {
                    ws.ExtrapolateAndRemember(0.0);
                    var ratio = demand / _lastDemandKw;
                    if (double.IsFinite(ratio) && ratio is > 0.25 and < 4.0)
                    {
                        ws.ScaleVoltageDrops(ratio);
                    }
                }

                _haveTwo = true;
            }

            if (!ws.Solve(Options.TolerancePu, Options.MaxIterations))
            {
                RecordFailure(output, s);

                // Do not carry a failed state into the next slot.
                ResetStart();
                continue;
            }

            _previousDemandKw = _lastDemandKw;
            _lastDemandKw = demand;
            _haveLast = true;

            ws.CopyVoltageMagnitudes(output.VoltageMagnitudesPu.AsSpan(s * n, n));
            output.LossesKw[s] = ws.ComputeLosses(out var q);
            output.LossesKvar[s] = q;
            output.SlackPKw[s] = ws.SlackPowerKw();
            output.SlackQKvar[s] = ws.SlackPowerKvar();
            if (output.BranchCount > 0)
            {
                ws.CopyBranchCurrentMagnitudes(output.BranchCurrentsPu.AsSpan(s * output.BranchCount, output.BranchCount));
            }

            output.Iterations[s] = ws.LastIterations;
            output.Status[s] = ws.LastStatus;
        }
    }

    /// <summary>Flat start and an empty predictor history: the fixed state every run starts from.</summary>
    private void ResetStart()
    {
        Workspace.SetFlatStart();
        Workspace.ForgetHistory();
        _lastDemandKw = 0;
        _previousDemandKw = 0;
        _haveLast = false;
        _haveTwo = false;
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var s = 0.0;
        foreach (var v in values)
        {
            s += v;
        }

        return s;
    }

    private void RecordFailure(TimeSeriesOutput output, int s)
    {
        var n = Workspace.BusCount;
        Workspace.CopyVoltageMagnitudes(output.VoltageMagnitudesPu.AsSpan(s * n, n));
        output.LossesKw[s] = double.NaN;
        output.LossesKvar[s] = double.NaN;
        output.SlackPKw[s] = double.NaN;
        output.SlackQKvar[s] = double.NaN;
        output.BranchCurrentsPu.AsSpan(s * output.BranchCount, output.BranchCount).Fill(double.NaN);
        output.Iterations[s] = Workspace.LastIterations;
        output.Status[s] = Workspace.LastStatus;
    }
}
