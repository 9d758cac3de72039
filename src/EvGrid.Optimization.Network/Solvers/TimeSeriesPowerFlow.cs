namespace EvGrid.Optimization.Network;

/// <summary>
/// Results of a time-series power flow: per slot and bus voltage magnitudes, per slot losses, slack power, iterations
/// and convergence. Created once and reused across runs (no allocation per run). A slot that did not converge has
/// its <see cref="Status"/> set accordingly and NaN losses and slack power, so it cannot be mistaken for a solution.
/// </summary>
public sealed class TimeSeriesOutput
{
    /// <summary>Creates storage for <paramref name="slots"/> snapshots of a network of <paramref name="busCount"/> buses.</summary>
    /// <param name="slots">Number of snapshots (e.g. 24 or 96).</param>
    /// <param name="busCount">Number of buses.</param>
    public TimeSeriesOutput(int slots, int busCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(busCount, 1);
        Slots = slots;
        BusCount = busCount;
        VoltageMagnitudesPu = new double[slots * busCount];
        LossesKw = new double[slots];
        LossesKvar = new double[slots];
        SlackPKw = new double[slots];
        Iterations = new int[slots];
        Status = new PowerFlowStatus[slots];
    }

    /// <summary>Number of snapshots.</summary>
    public int Slots { get; }

    /// <summary>Number of buses.</summary>
    public int BusCount { get; }

    /// <summary>|V| in pu, row-major: slot t, bus i (in <see cref="PowerNetwork.Buses"/> order) at <c>t · BusCount + i</c>.</summary>
    public double[] VoltageMagnitudesPu { get; }

    /// <summary>Active losses per slot, kW.</summary>
    public double[] LossesKw { get; }

    /// <summary>Reactive losses per slot, kVAr.</summary>
    public double[] LossesKvar { get; }

    /// <summary>Active power supplied by the slack bus per slot, kW.</summary>
    public double[] SlackPKw { get; }

    /// <summary>Sweep iterations per slot.</summary>
    public int[] Iterations { get; }

    /// <summary>Outcome per slot.</summary>
    public PowerFlowStatus[] Status { get; }

    /// <summary>True when every slot converged.</summary>
    public bool AllConverged => Array.TrueForAll(Status, s => s == PowerFlowStatus.Converged);

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
public sealed class TimeSeriesPowerFlow
{
    private readonly double _nominalKw;
    private double _lastDemandKw;

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
    /// When true (default), each slot starts from the previous slot's voltages with the voltage drops scaled by the
    /// ratio of total active demand (<see cref="RadialSweepWorkspace.ScaleVoltageDrops"/>); when false, from the
    /// previous slot's voltages as they are. Results agree to the tolerance either way.
    /// </summary>
    public bool UsePredictor { get; set; } = true;

    /// <summary>The reusable workspace (its voltages are the warm start of the next run).</summary>
    public RadialSweepWorkspace Workspace { get; }

    /// <summary>Tolerance and iteration cap per snapshot.</summary>
    public PowerFlowOptions Options { get; }

    /// <summary>Runs one snapshot per multiplier (loads = multiplier × nominal).</summary>
    /// <param name="multipliers">Load multiplier per slot.</param>
    /// <param name="output">Storage for <c>multipliers.Length</c> slots.</param>
    public void Run(ReadOnlySpan<double> multipliers, TimeSeriesOutput output) => Run(multipliers, [], [], output);

    /// <summary>
    /// Runs one snapshot per slot with loads = <c>multipliers[t]</c> × nominal + extra demand of slot t
    /// (<paramref name="extraPKw"/>, <paramref name="extraQKvar"/>: row-major slot × bus, kW/kVAr; empty for none).
    /// To give the complete demand of every bus and slot, pass multipliers of 0 and the demand as extra.
    /// </summary>
    /// <param name="multipliers">Load multiplier per slot.</param>
    /// <param name="extraPKw">Extra active demand, T × n values, or empty.</param>
    /// <param name="extraQKvar">Extra reactive demand, T × n values, or empty.</param>
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

        var hasExtra = !extraPKw.IsEmpty || !extraQKvar.IsEmpty;
        if (hasExtra && (extraPKw.Length != t * n || extraQKvar.Length != t * n))
        {
            throw new ArgumentException($"extra demand needs {t} x {n} = {t * n} values, got {extraPKw.Length} (P) and {extraQKvar.Length} (Q).", nameof(extraPKw));
        }

        var ws = Workspace;
        for (var s = 0; s < t; s++)
        {
            double demand;
            if (hasExtra)
            {
                ws.SetLoads(multipliers[s], extraPKw.Slice(s * n, n), extraQKvar.Slice(s * n, n));
                demand = (multipliers[s] * _nominalKw) + Sum(extraPKw.Slice(s * n, n));
            }
            else
            {
                ws.SetLoadMultiplier(multipliers[s]);
                demand = multipliers[s] * _nominalKw;
            }

            // Warm start from the previous slot, with its voltage drops scaled to the new demand.
            var ratio = demand / _lastDemandKw;
            if (UsePredictor && _lastDemandKw > 0 && ratio is > 0.25 and < 4.0)
            {
                ws.ScaleVoltageDrops(ratio);
            }

            if (!ws.Solve(Options.TolerancePu, Options.MaxIterations))
            {
                // Do not carry a failed state into the next slot.
                RecordFailure(output, s);
                ws.SetFlatStart();
                _lastDemandKw = 0;
                continue;
            }

            _lastDemandKw = demand;

            ws.CopyVoltageMagnitudes(output.VoltageMagnitudesPu.AsSpan(s * n, n));
            output.LossesKw[s] = ws.ComputeLosses(out var q);
            output.LossesKvar[s] = q;
            output.SlackPKw[s] = ws.SlackPowerKw();
            output.Iterations[s] = ws.LastIterations;
            output.Status[s] = ws.LastStatus;
        }
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
        output.Iterations[s] = Workspace.LastIterations;
        output.Status[s] = Workspace.LastStatus;
    }
}
