using System.Numerics;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>Options of the three-phase ladder solver.</summary>
public sealed record ThreePhaseSolveOptions
{
    /// <summary>Stop when no node-phase voltage changes by more than this between sweeps, pu.</summary>
    public double TolerancePu { get; init; } = 1e-9;

    /// <summary>Largest number of forward/backward sweeps per tap setting.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Run the regulators' line-drop-compensator control loop (taps move until every relay voltage is inside its band);
    /// otherwise the taps are locked at the workspace's values (the feeder data unless changed).
    /// </summary>
    public bool RegulatorControl { get; init; }

    /// <summary>With <see cref="RegulatorControl"/>: start the loop from tap 0 (neutral) rather than the current taps.</summary>
    public bool ControlStartsFromNeutral { get; init; } = true;

    /// <summary>Largest number of tap-control rounds.</summary>
    public int MaxControlIterations { get; init; } = 40;

    /// <summary>Start from the workspace's previous solution when it has one.</summary>
    public bool WarmStart { get; init; } = true;

    /// <summary>Defaults: tolerance 1e-9 pu, 100 sweeps, taps locked, warm start.</summary>
    public static ThreePhaseSolveOptions Default { get; } = new();

    internal void Validate()
    {
        if (!(TolerancePu > 0) || !double.IsFinite(TolerancePu))
        {
            throw new ArgumentOutOfRangeException(nameof(TolerancePu), TolerancePu, "tolerance must be > 0 pu");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "max iterations must be ≥ 1");
        }

        if (MaxControlIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxControlIterations), MaxControlIterations, "max control iterations must be ≥ 1");
        }
    }
}

/// <summary>Outcome of one solve into a workspace (no allocation).</summary>
/// <param name="Converged">Whether the sweep met the tolerance (and, with regulator control, the taps settled).</param>
/// <param name="Iterations">Total forward/backward sweeps.</param>
/// <param name="MaxChangePu">Largest voltage change in the last sweep, pu.</param>
/// <param name="ControlIterations">Tap-control rounds (0 with locked taps).</param>
/// <param name="TapsSettled">Whether the control loop ended with every relay voltage in band (true with locked taps).</param>
public readonly record struct ThreePhaseSolveStatus(bool Converged, int Iterations, double MaxChangePu, int ControlIterations, bool TapsSettled);

/// <summary>
/// Three-phase backward/forward sweep (ladder iteration, Kersting ch. 10) for radial unbalanced feeders with lines,
/// switches, transformers and step-voltage regulators (fixed taps or the line-drop-compensator loop).
/// </summary>
/// <remarks>
/// Each sweep computes the load and shunt currents at every bus from the present voltages (Y-PQ: I = conj(S/V);
/// Y-I: |I| fixed; Y-Z: I = V/Z; delta loads on line-to-line voltages, Kersting ch. 9), accumulates the series
/// current J of every element from the leaves up (I_from = d·J), then updates the voltages from the source down
/// (V_to = A·V_from − B·J). It stops when no voltage moves by more than the tolerance. Non-convergence is reported in
/// the status, never hidden.
/// </remarks>
public static class ThreePhaseSweepSolver
{
    /// <summary>Solves the feeder and returns a full result (allocates the result).</summary>
    /// <param name="feeder">The feeder.</param>
    /// <param name="options">Options (default when null).</param>
    /// <returns>The result.</returns>
    public static ThreePhasePowerFlowResult Solve(ThreePhaseFeeder feeder, ThreePhaseSolveOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(feeder);
        var ws = feeder.CreateWorkspace();
        var status = Solve(ws, options ?? ThreePhaseSolveOptions.Default);
        return ThreePhasePowerFlowResult.From(ws, status);
    }

    /// <summary>Solves into a workspace (warm start, no allocation).</summary>
    /// <param name="workspace">The workspace (holds taps, multipliers and the previous solution).</param>
    /// <param name="options">Options.</param>
    /// <returns>The status.</returns>
    public static ThreePhaseSolveStatus Solve(ThreePhaseWorkspace workspace, ThreePhaseSolveOptions options)
    {
        ArgumentNullException.ThrowIfNull(workspace);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var feeder = workspace.Feeder;
        if (!options.WarmStart || !workspace.HasSolution)
        {
            FlatStart(workspace);
        }

        if (!options.RegulatorControl || feeder.RegulatorArray.Length == 0)
        {
            var (ok, it, change) = Sweep(workspace, options);
            workspace.HasSolution = ok;
            ComputeRelayVolts(workspace);
            return new ThreePhaseSolveStatus(ok, it, change, 0, true);
        }

        if (options.ControlStartsFromNeutral)
        {
            Array.Clear(workspace.Taps);
            FlatStart(workspace);
        }

        var total = 0;
        var last = (Ok: false, It: 0, Change: double.NaN);
        for (var round = 1; round <= options.MaxControlIterations; round++)
        {
            last = Sweep(workspace, options);
            total += last.It;
            if (!last.Ok)
            {
                workspace.HasSolution = false;
                return new ThreePhaseSolveStatus(false, total, last.Change, round, false);
            }

            ComputeRelayVolts(workspace);
            if (!AdjustTaps(workspace, out var inBand))
            {
                workspace.HasSolution = true;
                return new ThreePhaseSolveStatus(true, total, last.Change, round, inBand);
            }
        }

        workspace.HasSolution = true;
        return new ThreePhaseSolveStatus(false, total, last.Change, options.MaxControlIterations, false);
    }

    /// <summary>No-load voltages: the source pushed through every element's A matrix (taps and ratios included).</summary>
    internal static void FlatStart(ThreePhaseWorkspace ws)
    {
        var f = ws.Feeder;
        var v = ws.V;
        Array.Clear(v);
        Array.Clear(ws.J);
        for (var p = 0; p < 3; p++)
        {
            v[p] = f.SourceVolts[p];
        }

        for (var k = 0; k < f.Kinds.Length; k++)
        {
            Forward(ws, k);
        }
    }

    private static (bool Ok, int It, double Change) Sweep(ThreePhaseWorkspace ws, ThreePhaseSolveOptions options)
    {
        var f = ws.Feeder;
        var change = double.PositiveInfinity;
        for (var it = 1; it <= options.MaxIterations; it++)
        {
            Injections(ws);
            Backward(ws);
            change = 0;
            for (var k = 0; k < f.Kinds.Length; k++)
            {
                var c = Forward(ws, k);
                if (c > change)
                {
                    change = c;
                }
            }

            if (!double.IsFinite(change))
            {
                return (false, it, change);
            }

            if (change < options.TolerancePu)
            {
                return (true, it, change);
            }
        }

        return (false, options.MaxIterations, change);
    }

    /// <summary>Load and shunt currents drawn at every bus at the present voltages.</summary>
    private static void Injections(ThreePhaseWorkspace ws)
    {
        var f = ws.Feeder;
        var v = ws.V;
        var inj = ws.INode;
        var shunt = f.NodeShunt;
        for (var n = 0; n < f.NodeIdArray.Length; n++)
        {
            var o = n * 3;
            if (!f.HasShunt[n])
            {
                inj[o] = inj[o + 1] = inj[o + 2] = Complex.Zero;
                continue;
            }

            var s = n * 9;
            inj[o] = shunt[s] * v[o] + shunt[s + 1] * v[o + 1] + shunt[s + 2] * v[o + 2];
            inj[o + 1] = shunt[s + 3] * v[o] + shunt[s + 4] * v[o + 1] + shunt[s + 5] * v[o + 2];
            inj[o + 2] = shunt[s + 6] * v[o] + shunt[s + 7] * v[o + 1] + shunt[s + 8] * v[o + 2];
        }

        var loads = f.Loads;
        var coef = ws.LoadCoefficients;
        for (var i = 0; i < loads.Length; i++)
        {
            var l = loads[i];
            var o = l.Node * 3;
            var p = l.Phase;
            var current = LoadCurrent(l, coef[i], v, o);
            inj[o + p] += current;
            if (l.Model.Connection == LoadConnection.Delta)
            {
                inj[o + (p + 1) % 3] -= current;
            }
        }
    }

    /// <summary>
    /// Current of one load component (phase current for wye, branch current p→p+1 for delta):
    /// PQ: I = conj(S)/conj(V); I: I = conj(S)/V_rated · V/|V|; Z: I = conj(S)/V_rated² · V (Kersting ch. 9.1).
    /// </summary>
    internal static Complex LoadCurrent(in CompiledLoad l, Complex c, Complex[] v, int o)
    {
        var p = l.Phase;
        var u = l.Model.Connection == LoadConnection.Delta ? v[o + p] - v[o + (p + 1) % 3] : v[o + p];
        switch (l.Model.Type)
        {
            case LoadType.ConstantPower:
                return u == Complex.Zero ? Complex.Zero : c / Complex.Conjugate(u);
            case LoadType.ConstantCurrent:
                var m = u.Magnitude;
                return m == 0 ? Complex.Zero : c * u / m;
            default:
                return c * u;
        }
    }

    /// <summary>Series currents from the leaves to the source: J_k = I_node(to) + Σ d_c·J_c over the children c.</summary>
    private static void Backward(ThreePhaseWorkspace ws)
    {
        var f = ws.Feeder;
        var j = ws.J;
        var inj = ws.INode;
        var count = f.Kinds.Length;
        for (var k = 0; k < count; k++)
        {
            var t = f.To[k] * 3;
            j[k * 3] = inj[t];
            j[k * 3 + 1] = inj[t + 1];
            j[k * 3 + 2] = inj[t + 2];
        }

        var src = ws.SourceCurrent;
        src[0] = inj[0];
        src[1] = inj[1];
        src[2] = inj[2];
        for (var k = count - 1; k >= 0; k--)
        {
            var parent = f.ParentBranch[f.From[k]];
            var target = parent < 0 ? src : j;
            var o = parent < 0 ? 0 : parent * 3;
            var jk = k * 3;
            switch (f.Kinds[k])
            {
                case ThreePhaseBranchKind.Line:
                case ThreePhaseBranchKind.Switch:
                    target[o] += j[jk];
                    target[o + 1] += j[jk + 1];
                    target[o + 2] += j[jk + 2];
                    break;
                case ThreePhaseBranchKind.Regulator:
                    {
                        var r = RegulatorIndex(f, k);
                        var taps = ws.Taps;
                        target[o] += j[jk] * (1 + StepVoltageRegulator.StepPu * taps[r * 3]);
                        target[o + 1] += j[jk + 1] * (1 + StepVoltageRegulator.StepPu * taps[r * 3 + 1]);
                        target[o + 2] += j[jk + 2] * (1 + StepVoltageRegulator.StepPu * taps[r * 3 + 2]);
                        break;
                    }

                default:
                    {
                        var d = f.D;
                        var m = k * 9;
                        var j0 = j[jk];
                        var j1 = j[jk + 1];
                        var j2 = j[jk + 2];
                        target[o] += d[m] * j0 + d[m + 1] * j1 + d[m + 2] * j2;
                        target[o + 1] += d[m + 3] * j0 + d[m + 4] * j1 + d[m + 5] * j2;
                        target[o + 2] += d[m + 6] * j0 + d[m + 7] * j1 + d[m + 8] * j2;
                        break;
                    }
            }
        }
    }

    /// <summary>V_to = A·V_from − B·J for element k; returns the largest change, pu.</summary>
    private static double Forward(ThreePhaseWorkspace ws, int k)
    {
        var f = ws.Feeder;
        var v = ws.V;
        var j = ws.J;
        var fo = f.From[k] * 3;
        var to = f.To[k] * 3;
        var jk = k * 3;
        var m = k * 9;
        Complex n0, n1, n2;
        switch (f.Kinds[k])
        {
            case ThreePhaseBranchKind.Line:
                {
                    var b = f.B;
                    var a = f.A;
                    var j0 = j[jk];
                    var j1 = j[jk + 1];
                    var j2 = j[jk + 2];
                    n0 = a[m] * v[fo] - (b[m] * j0 + b[m + 1] * j1 + b[m + 2] * j2);
                    n1 = a[m + 4] * v[fo + 1] - (b[m + 3] * j0 + b[m + 4] * j1 + b[m + 5] * j2);
                    n2 = a[m + 8] * v[fo + 2] - (b[m + 6] * j0 + b[m + 7] * j1 + b[m + 8] * j2);
                    break;
                }

            case ThreePhaseBranchKind.Switch:
                {
                    var a = f.A;
                    n0 = a[m] * v[fo];
                    n1 = a[m + 4] * v[fo + 1];
                    n2 = a[m + 8] * v[fo + 2];
                    break;
                }

            case ThreePhaseBranchKind.Regulator:
                {
                    var r = RegulatorIndex(f, k);
                    var taps = ws.Taps;
                    var ph = f.BranchPhaseArray[k];
                    n0 = ph.Has(0) ? v[fo] * (1 + StepVoltageRegulator.StepPu * taps[r * 3]) : Complex.Zero;
                    n1 = ph.Has(1) ? v[fo + 1] * (1 + StepVoltageRegulator.StepPu * taps[r * 3 + 1]) : Complex.Zero;
                    n2 = ph.Has(2) ? v[fo + 2] * (1 + StepVoltageRegulator.StepPu * taps[r * 3 + 2]) : Complex.Zero;
                    break;
                }

            default:
                {
                    var a = f.A;
                    var b = f.B;
                    var j0 = j[jk];
                    var j1 = j[jk + 1];
                    var j2 = j[jk + 2];
                    var v0 = v[fo];
                    var v1 = v[fo + 1];
                    var v2 = v[fo + 2];
                    n0 = a[m] * v0 + a[m + 1] * v1 + a[m + 2] * v2 - (b[m] * j0 + b[m + 1] * j1 + b[m + 2] * j2);
                    n1 = a[m + 3] * v0 + a[m + 4] * v1 + a[m + 5] * v2 - (b[m + 3] * j0 + b[m + 4] * j1 + b[m + 5] * j2);
                    n2 = a[m + 6] * v0 + a[m + 7] * v1 + a[m + 8] * v2 - (b[m + 6] * j0 + b[m + 7] * j1 + b[m + 8] * j2);
                    break;
                }
        }

        var baseV = f.BaseLn[f.To[k]];
        var c = Math.Max((n0 - v[to]).Magnitude, Math.Max((n1 - v[to + 1]).Magnitude, (n2 - v[to + 2]).Magnitude)) / baseV;
        v[to] = n0;
        v[to + 1] = n1;
        v[to + 2] = n2;
        return c;
    }

    private static int RegulatorIndex(ThreePhaseFeeder f, int branch) => f.RegulatorOfBranch[branch];

    /// <summary>
    /// Relay voltage of each regulator phase on the 120 V base: V_relay = V_out/PT − (R + jX)·J/CT, with the
    /// compensator settings in volts on a 1 A CT secondary (Kersting ch. 7.3 line-drop compensator).
    /// </summary>
    internal static void ComputeRelayVolts(ThreePhaseWorkspace ws)
    {
        var f = ws.Feeder;
        for (var r = 0; r < f.RegulatorArray.Length; r++)
        {
            var reg = f.RegulatorArray[r];
            var k = f.RegulatorBranches[r];
            var to = f.To[k] * 3;
            for (var p = 0; p < 3; p++)
            {
                if (reg.Control is not { } c || !reg.Phases.Has(p))
                {
                    ws.RelayVolts[r * 3 + p] = double.NaN;
                    continue;
                }

                var zc = new Complex(c.RVolts[p], c.XVolts[p]);
                var relay = ws.V[to + p] / c.PtRatio - zc * (ws.J[k * 3 + p] / c.CtPrimaryAmps);
                ws.RelayVolts[r * 3 + p] = relay.Magnitude;
            }
        }
    }

    /// <summary>Moves every out-of-band tap towards the band centre (0.75 V per step on the 120 V base); true if any moved.</summary>
    private static bool AdjustTaps(ThreePhaseWorkspace ws, out bool allInBand)
    {
        var f = ws.Feeder;
        var moved = false;
        allInBand = true;
        for (var r = 0; r < f.RegulatorArray.Length; r++)
        {
            var reg = f.RegulatorArray[r];
            if (reg.Control is not { } c)
            {
                continue;
            }

            for (var p = 0; p < 3; p++)
            {
                if (!reg.Phases.Has(p))
                {
                    continue;
                }

                var relay = ws.RelayVolts[r * 3 + p];
                var level = c.VoltageLevel[p];
                var half = c.BandwidthVolts / 2;
                if (relay >= level - half && relay <= level + half)
                {
                    continue;
                }

                allInBand = false;
                var stepVolts = StepVoltageRegulator.StepPu * 120.0;
                var steps = (int)Math.Round((level - relay) / stepVolts, MidpointRounding.AwayFromZero);
                if (steps == 0)
                {
                    steps = relay < level ? 1 : -1;
                }

                var old = ws.Taps[r * 3 + p];
                var next = Math.Clamp(old + steps, -StepVoltageRegulator.MaxTap, StepVoltageRegulator.MaxTap);
                if (next != old)
                {
                    ws.Taps[r * 3 + p] = next;
                    moved = true;
                }
            }
        }

        return moved;
    }
}
