namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>Outcome of a time series of three-phase solves.</summary>
/// <param name="AllConverged">Whether every slot converged (and settled its taps under control).</param>
/// <param name="FirstFailedSlot">First slot that did not converge, or −1.</param>
/// <param name="TotalIterations">Sweeps over all slots.</param>
public readonly record struct ThreePhaseSeriesStatus(bool AllConverged, int FirstFailedSlot, int TotalIterations);

/// <summary>
/// Quasi-static time series on a three-phase feeder: one solve per slot with per-slot load multipliers, each slot
/// warm-started from the previous one in the same workspace. Writes into caller buffers; after the first slot
/// nothing is allocated.
/// </summary>
/// <remarks>
/// Each run starts slot 0 from the no-load (flat) voltages whatever the workspace solved before, so the same input
/// on a reused workspace gives bit-identical output; warm starts act only from slot to slot within a run. The taps
/// at the start are the workspace's (<see cref="ThreePhaseWorkspace.SetTap"/>), or neutral for controlled regulators
/// under <see cref="ThreePhaseSolveOptions.RegulatorControl"/> with <see cref="ThreePhaseSolveOptions.ControlStartsFromNeutral"/>.
/// </remarks>
public static class ThreePhaseTimeSeries
{
    /// <summary>
    /// Runs T slots with one multiplier per slot applied to every load. Outputs: <paramref name="vmPu"/> holds
    /// |V| in pu for slot t, node n, phase p at index (t·NodeCount + n)·3 + p (0 where a phase is absent);
    /// <paramref name="lossKw"/> holds the total loss of each slot, kW.
    /// </summary>
    /// <param name="workspace">Workspace (under regulator control the taps carry over from slot to slot; only the first slot may start from neutral).</param>
    /// <param name="slotMultipliers">Multiplier per slot, length T.</param>
    /// <param name="options">Solve options (warm start is used between slots).</param>
    /// <param name="vmPu">Output, length T·NodeCount·3.</param>
    /// <param name="lossKw">Output, length T.</param>
    /// <returns>The series status.</returns>
    public static ThreePhaseSeriesStatus Run(ThreePhaseWorkspace workspace, ReadOnlySpan<double> slotMultipliers, ThreePhaseSolveOptions options, Span<double> vmPu, Span<double> lossKw)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        var slots = slotMultipliers.Length;
        Check(workspace, slots, vmPu, lossKw);
        workspace.Invalidate(); // slot 0 starts flat: the result does not depend on earlier runs
        var later = Continuation(options);
        var all = true;
        var first = -1;
        var total = 0;
        var previous = double.NaN;
        var previous2 = double.NaN;
        for (var t = 0; t < slots; t++)
        {
            var m = slotMultipliers[t];
            workspace.SetLoadMultiplier(m);
            if (options.WarmStart && t > 0)
            {
                ThreePhaseSweepSolver.PredictSecant(workspace, m, previous, previous2, t > 1);
            }

            previous2 = previous;
            previous = m;
            var s = ThreePhaseSweepSolver.Solve(workspace, t == 0 ? options : later);
            Record(workspace, s, t, vmPu, lossKw, ref all, ref first, ref total);
        }

        return new ThreePhaseSeriesStatus(all, first, total);
    }

    /// <summary>
    /// Runs T slots with one multiplier per load group and slot: <paramref name="multipliers"/>[t·G + g] scales input
    /// load g (spot loads first, then distributed loads) in slot t, G = <see cref="ThreePhaseFeeder.LoadGroupCount"/>.
    /// </summary>
    /// <param name="workspace">Workspace.</param>
    /// <param name="slots">Number of slots T.</param>
    /// <param name="multipliers">Multipliers, length T·G.</param>
    /// <param name="options">Solve options.</param>
    /// <param name="vmPu">Output, length T·NodeCount·3.</param>
    /// <param name="lossKw">Output, length T.</param>
    /// <returns>The series status.</returns>
    public static ThreePhaseSeriesStatus Run(ThreePhaseWorkspace workspace, int slots, ReadOnlySpan<double> multipliers, ThreePhaseSolveOptions options, Span<double> vmPu, Span<double> lossKw)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        var groups = workspace.Feeder.LoadGroupCount;
        if (slots < 0 || multipliers.Length != slots * groups)
        {
            throw new ArgumentException($"expected {slots} × {groups} load multipliers, got {multipliers.Length}", nameof(multipliers));
        }

        Check(workspace, slots, vmPu, lossKw);
        workspace.Invalidate(); // slot 0 starts flat: the result does not depend on earlier runs
        var later = Continuation(options);
        var all = true;
        var first = -1;
        var sweeps = 0;
        var weights = workspace.Feeder.GroupWeights;
        var previous = double.NaN;
        var previous2 = double.NaN;
        for (var t = 0; t < slots; t++)
        {
            var slice = multipliers.Slice(t * groups, groups);
            workspace.SetLoadMultipliers(slice);
            var total = 0.0;
            for (var g = 0; g < groups; g++)
            {
                total += slice[g] * weights[g];
            }

            if (options.WarmStart && t > 0)
            {
                ThreePhaseSweepSolver.PredictSecant(workspace, total, previous, previous2, t > 1);
            }

            previous2 = previous;
            previous = total;
            var s = ThreePhaseSweepSolver.Solve(workspace, t == 0 ? options : later);
            Record(workspace, s, t, vmPu, lossKw, ref all, ref first, ref sweeps);
        }

        return new ThreePhaseSeriesStatus(all, first, sweeps);
    }

    /// <summary>Total element loss of the present solution, kW (no allocation).</summary>
    /// <param name="workspace">A solved workspace.</param>
    /// <returns>Loss, kW.</returns>
    public static double TotalLossKw(ThreePhaseWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        var f = workspace.Feeder;
        var v = workspace.V;
        Span<System.Numerics.Complex> iin = stackalloc System.Numerics.Complex[3];
        Span<System.Numerics.Complex> iout = stackalloc System.Numerics.Complex[3];
        var loss = 0.0;
        for (var k = 0; k < f.BranchCount; k++)
        {
            ThreePhasePowerFlowResult.BranchCurrents(workspace, k, iin, iout);
            var fo = f.From[k] * 3;
            var to = f.To[k] * 3;
            for (var p = 0; p < 3; p++)
            {
                loss += (v[fo + p] * System.Numerics.Complex.Conjugate(iin[p])).Real - (v[to + p] * System.Numerics.Complex.Conjugate(iout[p])).Real;
            }
        }

        return loss / 1000.0;
    }

    /// <summary>Options for the slots after the first: a control loop continues from the previous slot's taps.</summary>
    private static ThreePhaseSolveOptions Continuation(ThreePhaseSolveOptions options) =>
        options.RegulatorControl && options.ControlStartsFromNeutral ? options with { ControlStartsFromNeutral = false } : options;

    private static void Check(ThreePhaseWorkspace ws, int slots, Span<double> vmPu, Span<double> lossKw)
    {
        var need = slots * ws.Feeder.NodeCount * 3;
        if (vmPu.Length < need)
        {
            throw new ArgumentException($"voltage buffer needs {need} entries (slots × nodes × 3), has {vmPu.Length}", nameof(vmPu));
        }

        if (lossKw.Length < slots)
        {
            throw new ArgumentException($"loss buffer needs {slots} entries, has {lossKw.Length}", nameof(lossKw));
        }
    }

    private static void Record(ThreePhaseWorkspace ws, ThreePhaseSolveStatus s, int t, Span<double> vmPu, Span<double> lossKw, ref bool all, ref int first, ref int total)
    {
        total += s.Iterations;
        if (!(s.Converged && s.TapsSettled))
        {
            if (all)
            {
                first = t;
            }

            all = false;
        }

        var f = ws.Feeder;
        var o = t * f.NodeCount * 3;
        for (var n = 0; n < f.NodeCount; n++)
        {
            var b = f.BaseLn[n];
            for (var p = 0; p < 3; p++)
            {
                vmPu[o + n * 3 + p] = ws.V[n * 3 + p].Magnitude / b;
            }
        }

        lossKw[t] = TotalLossKw(ws);
    }
}
