using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>Options of the three-phase ladder solver.</summary>
public sealed record ThreePhaseSolveOptions
{
    /// <summary>Stop when no node-phase voltage changes by more than this between sweeps, pu.</summary>
    public double TolerancePu { get; init; } = 1e-8;

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

    /// <summary>Defaults: tolerance 1e-8 pu, 100 sweeps, taps locked, warm start.</summary>
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
    public static ThreePhaseSolveStatus Solve(ThreePhaseWorkspace workspace, ThreePhaseSolveOptions options) =>
        Solve(workspace, options, true);

    /// <summary>
    /// As <see cref="Solve(ThreePhaseWorkspace, ThreePhaseSolveOptions)"/>; with locked taps and
    /// <paramref name="relayVolts"/> false the relay voltages are not refreshed (a series that never reads them).
    /// </summary>
    internal static ThreePhaseSolveStatus Solve(ThreePhaseWorkspace workspace, ThreePhaseSolveOptions options, bool relayVolts)
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
            if (relayVolts)
            {
                ComputeRelayVolts(workspace);
            }

            return new ThreePhaseSolveStatus(ok, it, change, 0, true);
        }

        if (options.ControlStartsFromNeutral)
        {
            // Only controlled regulators start from neutral; regulators without LDC settings keep their taps.
            for (var r = 0; r < feeder.RegulatorArray.Length; r++)
            {
                if (feeder.RegulatorArray[r].Control is not null)
                {
                    workspace.Taps[r * 3] = workspace.Taps[(r * 3) + 1] = workspace.Taps[(r * 3) + 2] = 0;
                }
            }

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

    /// <summary>
    /// Predictor for a warm start after the loads were scaled by <paramref name="scale"/>: scales the series currents of
    /// the previous solution and runs one forward sweep, so the next solve starts near the new operating point.
    /// </summary>
    internal static void Predict(ThreePhaseWorkspace ws, double scale)
    {
        if (!ws.HasSolution || !(scale > 0) || !double.IsFinite(scale) || scale == 1.0)
        {
            return;
        }

        var j = ws.J;
        for (var i = 0; i < j.Length; i++)
        {
            j[i] *= scale;
        }

        ForwardAll(ws);
    }

    /// <summary>
    /// Secant predictor for the next slot of a series: V ← V_prev + α·(V_prev − V_prev2) with
    /// α = (m − m_prev)/(m_prev − m_prev2) from the load levels m of the last two slots (falls back to
    /// <see cref="Predict"/> when they are equal). Keeps V_prev in the workspace for the next call.
    /// </summary>
    internal static void PredictSecant(ThreePhaseWorkspace ws, double m, double mPrev, double mPrev2, bool havePrev2)
    {
        var v = ws.V;
        var history = ws.History;
        var denominator = mPrev - mPrev2;
        if (!ws.HasSolution || !havePrev2 || Math.Abs(denominator) < 1e-9 * Math.Max(1.0, Math.Abs(mPrev)))
        {
            Array.Copy(v, history, v.Length);
            Predict(ws, mPrev > 0 ? m / mPrev : 1.0);
            return;
        }

        var alpha = (m - mPrev) / denominator;
        for (var i = 0; i < v.Length; i++)
        {
            var current = v[i];
            v[i] = current + (alpha * (current - history[i]));
            history[i] = current;
        }
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

        ForwardAll(ws);
    }

    private static (bool Ok, int It, double Change) Sweep(ThreePhaseWorkspace ws, ThreePhaseSolveOptions options)
    {
        var change = double.PositiveInfinity;
        for (var it = 1; it <= options.MaxIterations; it++)
        {
            Injections(ws);
            Backward(ws);
            change = ForwardAll(ws);
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

    /// <summary>Forward sweep over every element (V_to = A·V_from − B·J); returns the largest voltage change, pu.</summary>
    internal static double ForwardAll(ThreePhaseWorkspace ws)
    {
        var f = ws.Feeder;
        ref var v = ref MemoryMarshal.GetArrayDataReference(ws.V);
        ref var j = ref MemoryMarshal.GetArrayDataReference(ws.J);
        ref var a = ref MemoryMarshal.GetArrayDataReference(f.A);
        ref var b = ref MemoryMarshal.GetArrayDataReference(f.B);
        var toArr = f.To;
        var fromArr = f.From;
        var kinds = f.Kinds;
        var regOf = f.RegulatorOfBranch;
        var taps = ws.Taps;
        var invBaseSq = f.InvBaseSq;
        var phases = f.BranchPhaseArray;
        var single = f.SinglePhaseLine;
        var worst = 0.0;
        for (var k = 0; k < kinds.Length; k++)
        {
            var fo = fromArr[k] * 3;
            var to = toArr[k] * 3;
            var jk = k * 3;
            var m = k * 9;
            var v0 = Unsafe.Add(ref v, fo);
            var v1 = Unsafe.Add(ref v, fo + 1);
            var v2 = Unsafe.Add(ref v, fo + 2);
            Complex n0, n1, n2;
            switch (kinds[k])
            {
                case ThreePhaseBranchKind.Line when single[k] >= 0:
                    {
                        // One phase carries current: the other rows of B are zero (same values as the full product).
                        n0 = Unsafe.Add(ref a, m).Real * v0;
                        n1 = Unsafe.Add(ref a, m + 4).Real * v1;
                        n2 = Unsafe.Add(ref a, m + 8).Real * v2;
                        var sp = single[k];
                        var drop = Unsafe.Add(ref b, m + (4 * sp)) * Unsafe.Add(ref j, jk + sp);
                        if (sp == 0)
                        {
                            n0 -= drop;
                        }
                        else if (sp == 1)
                        {
                            n1 -= drop;
                        }
                        else
                        {
                            n2 -= drop;
                        }

                        break;
                    }

                case ThreePhaseBranchKind.Line:
                    {
                        var j0 = Unsafe.Add(ref j, jk);
                        var j1 = Unsafe.Add(ref j, jk + 1);
                        var j2 = Unsafe.Add(ref j, jk + 2);
                        n0 = (Unsafe.Add(ref a, m).Real * v0) - ((Unsafe.Add(ref b, m) * j0) + (Unsafe.Add(ref b, m + 1) * j1) + (Unsafe.Add(ref b, m + 2) * j2));
                        n1 = (Unsafe.Add(ref a, m + 4).Real * v1) - ((Unsafe.Add(ref b, m + 3) * j0) + (Unsafe.Add(ref b, m + 4) * j1) + (Unsafe.Add(ref b, m + 5) * j2));
                        n2 = (Unsafe.Add(ref a, m + 8).Real * v2) - ((Unsafe.Add(ref b, m + 6) * j0) + (Unsafe.Add(ref b, m + 7) * j1) + (Unsafe.Add(ref b, m + 8) * j2));
                        break;
                    }

                case ThreePhaseBranchKind.Switch:
                    n0 = Unsafe.Add(ref a, m).Real * v0;
                    n1 = Unsafe.Add(ref a, m + 4).Real * v1;
                    n2 = Unsafe.Add(ref a, m + 8).Real * v2;
                    break;

                case ThreePhaseBranchKind.Regulator:
                    {
                        var r = regOf[k] * 3;
                        var ph = phases[k];
                        n0 = ph.Has(0) ? v0 * (1 + (StepVoltageRegulator.StepPu * taps[r])) : Complex.Zero;
                        n1 = ph.Has(1) ? v1 * (1 + (StepVoltageRegulator.StepPu * taps[r + 1])) : Complex.Zero;
                        n2 = ph.Has(2) ? v2 * (1 + (StepVoltageRegulator.StepPu * taps[r + 2])) : Complex.Zero;
                        break;
                    }

                default:
                    {
                        var j0 = Unsafe.Add(ref j, jk);
                        var j1 = Unsafe.Add(ref j, jk + 1);
                        var j2 = Unsafe.Add(ref j, jk + 2);
                        n0 = (Unsafe.Add(ref a, m) * v0) + (Unsafe.Add(ref a, m + 1) * v1) + (Unsafe.Add(ref a, m + 2) * v2) - ((Unsafe.Add(ref b, m) * j0) + (Unsafe.Add(ref b, m + 1) * j1) + (Unsafe.Add(ref b, m + 2) * j2));
                        n1 = (Unsafe.Add(ref a, m + 3) * v0) + (Unsafe.Add(ref a, m + 4) * v1) + (Unsafe.Add(ref a, m + 5) * v2) - ((Unsafe.Add(ref b, m + 3) * j0) + (Unsafe.Add(ref b, m + 4) * j1) + (Unsafe.Add(ref b, m + 5) * j2));
                        n2 = (Unsafe.Add(ref a, m + 6) * v0) + (Unsafe.Add(ref a, m + 7) * v1) + (Unsafe.Add(ref a, m + 8) * v2) - ((Unsafe.Add(ref b, m + 6) * j0) + (Unsafe.Add(ref b, m + 7) * j1) + (Unsafe.Add(ref b, m + 8) * j2));
                        break;
                    }
            }

            ref var t0 = ref Unsafe.Add(ref v, to);
            var c = Math.Max(Sq(n0 - t0), Math.Max(Sq(n1 - Unsafe.Add(ref t0, 1)), Sq(n2 - Unsafe.Add(ref t0, 2)))) * invBaseSq[toArr[k]];
            if (c > worst || double.IsNaN(c))
            {
                worst = c;
            }

            t0 = n0;
            Unsafe.Add(ref t0, 1) = n1;
            Unsafe.Add(ref t0, 2) = n2;
        }

        return Math.Sqrt(worst);
    }

    /// <summary>Load and shunt currents drawn at every bus at the present voltages.</summary>
    internal static void Injections(ThreePhaseWorkspace ws) => Injections(ws, ws.INode);

    /// <summary>Load and shunt currents drawn at every bus at the present voltages, written to <paramref name="target"/>.</summary>
    internal static void Injections(ThreePhaseWorkspace ws, Complex[] target)
    {
        var f = ws.Feeder;
        ref var v = ref MemoryMarshal.GetArrayDataReference(ws.V);
        ref var inj = ref MemoryMarshal.GetArrayDataReference(target);
        ref var g = ref MemoryMarshal.GetArrayDataReference(f.ShuntG);
        ref var bs = ref MemoryMarshal.GetArrayDataReference(f.ShuntB);
        var hasG = f.ShuntConductance;
        Array.Clear(target);
        foreach (var n in f.ShuntNodes)
        {
            var o = n * 3;
            var s = n * 9;
            var v0 = Unsafe.Add(ref v, o);
            var v1 = Unsafe.Add(ref v, o + 1);
            var v2 = Unsafe.Add(ref v, o + 2);

            // I = jB·V (+ G·V): j·(x + jy) = (−y + jx).
            if (!hasG[n])
            {
                for (var r = 0; r < 3; r++)
                {
                    var b0 = Unsafe.Add(ref bs, s + (r * 3));
                    var b1 = Unsafe.Add(ref bs, s + (r * 3) + 1);
                    var b2 = Unsafe.Add(ref bs, s + (r * 3) + 2);
                    var re = -((b0 * v0.Imaginary) + (b1 * v1.Imaginary) + (b2 * v2.Imaginary));
                    var im = (b0 * v0.Real) + (b1 * v1.Real) + (b2 * v2.Real);
                    Unsafe.Add(ref inj, o + r) = new Complex(re, im);
                }

                continue;
            }

            for (var r = 0; r < 3; r++)
            {
                var b0 = Unsafe.Add(ref bs, s + (r * 3));
                var b1 = Unsafe.Add(ref bs, s + (r * 3) + 1);
                var b2 = Unsafe.Add(ref bs, s + (r * 3) + 2);
                var re = -((b0 * v0.Imaginary) + (b1 * v1.Imaginary) + (b2 * v2.Imaginary));
                var im = (b0 * v0.Real) + (b1 * v1.Real) + (b2 * v2.Real);
                var g0 = Unsafe.Add(ref g, s + (r * 3));
                var g1 = Unsafe.Add(ref g, s + (r * 3) + 1);
                var g2 = Unsafe.Add(ref g, s + (r * 3) + 2);
                re += (g0 * v0.Real) + (g1 * v1.Real) + (g2 * v2.Real);
                im += (g0 * v0.Imaginary) + (g1 * v1.Imaginary) + (g2 * v2.Imaginary);
                Unsafe.Add(ref inj, o + r) = new Complex(re, im);
            }
        }

        // Loads from flat per-load arrays (same arithmetic as LoadCurrent, no struct reads or model switch on records).
        ref var first = ref MemoryMarshal.GetArrayDataReference(f.LoadFirst);
        ref var second = ref MemoryMarshal.GetArrayDataReference(f.LoadSecond);
        ref var kind = ref MemoryMarshal.GetArrayDataReference(f.LoadKind);
        ref var coef = ref MemoryMarshal.GetArrayDataReference(ws.LoadCoefficients);
        var loadCount = f.LoadFirst.Length;
        for (var i = 0; i < loadCount; i++)
        {
            var a = Unsafe.Add(ref first, i);
            var b = Unsafe.Add(ref second, i);
            var u = b < 0 ? Unsafe.Add(ref v, a) : Unsafe.Add(ref v, a) - Unsafe.Add(ref v, b);
            var c = Unsafe.Add(ref coef, i);
            var ur = u.Real;
            var ui = u.Imaginary;
            Complex current;
            var k = Unsafe.Add(ref kind, i);
            if (k == 2)
            {
                current = new Complex((c.Real * ur) - (c.Imaginary * ui), (c.Real * ui) + (c.Imaginary * ur));
            }
            else
            {
                var m2 = (ur * ur) + (ui * ui);
                if (m2 == 0)
                {
                    continue;
                }

                var inv = k == 0 ? 1.0 / m2 : 1.0 / Math.Sqrt(m2);
                current = new Complex(((c.Real * ur) - (c.Imaginary * ui)) * inv, ((c.Real * ui) + (c.Imaginary * ur)) * inv);
            }

            Unsafe.Add(ref inj, a) += current;
            if (b >= 0)
            {
                Unsafe.Add(ref inj, b) -= current;
            }
        }

        // Extra constant-PQ wye demands of any sign (EV charging, V2G, DG): I = conj(S)/conj(V).
        var extra = ws.ExtraCoefficients;
        var extraIndex = ws.ExtraIndex;
        for (var i = 0; i < ws.ExtraCount; i++)
        {
            var k = extraIndex[i];
            var u = Unsafe.Add(ref v, k);
            var m2 = (u.Real * u.Real) + (u.Imaginary * u.Imaginary);
            if (m2 == 0)
            {
                continue;
            }

            var c = extra[k];
            var inv = 1.0 / m2;
            Unsafe.Add(ref inj, k) += new Complex(((c.Real * u.Real) - (c.Imaginary * u.Imaginary)) * inv, ((c.Real * u.Imaginary) + (c.Imaginary * u.Real)) * inv);
        }
    }

    /// <summary>
    /// Current of one load component (phase current for wye, branch current p→p+1 for delta):
    /// PQ: I = conj(S)/conj(V); I: I = conj(S)/V_rated · V/|V|; Z: I = conj(S)/V_rated² · V (Kersting ch. 9.1).
    /// </summary>
    internal static Complex LoadCurrent(in CompiledLoad l, Complex c, Complex[] v, int o)
    {
        var p = l.Phase;
        var u = l.Model.Connection == LoadConnection.Delta ? v[o + p] - v[o + l.Phase2] : v[o + p];
        var ur = u.Real;
        var ui = u.Imaginary;
        var m2 = (ur * ur) + (ui * ui);
        switch (l.Model.Type)
        {
            case LoadType.ConstantPower:
                {
                    // conj(S)/conj(u) = conj(S)·u/|u|²
                    if (m2 == 0)
                    {
                        return Complex.Zero;
                    }

                    var inv = 1.0 / m2;
                    return new Complex(((c.Real * ur) - (c.Imaginary * ui)) * inv, ((c.Real * ui) + (c.Imaginary * ur)) * inv);
                }

            case LoadType.ConstantCurrent:
                {
                    if (m2 == 0)
                    {
                        return Complex.Zero;
                    }

                    var inv = 1.0 / Math.Sqrt(m2);
                    return new Complex(((c.Real * ur) - (c.Imaginary * ui)) * inv, ((c.Real * ui) + (c.Imaginary * ur)) * inv);
                }

            default:
                return new Complex((c.Real * ur) - (c.Imaginary * ui), (c.Real * ui) + (c.Imaginary * ur));
        }
    }

    /// <summary>Series currents from the leaves to the source: J_k = I_node(to) + Σ d_c·J_c over the children c.</summary>
    internal static void Backward(ThreePhaseWorkspace ws)
    {
        var f = ws.Feeder;
        ref var j = ref MemoryMarshal.GetArrayDataReference(ws.J);
        ref var inj = ref MemoryMarshal.GetArrayDataReference(ws.INode);
        ref var d = ref MemoryMarshal.GetArrayDataReference(f.D);
        var toArr = f.To;
        var fromArr = f.From;
        var parents = f.ParentBranch;
        var kinds = f.Kinds;
        var regOf = f.RegulatorOfBranch;
        var taps = ws.Taps;
        var count = kinds.Length;
        for (var k = 0; k < count; k++)
        {
            var t = toArr[k] * 3;
            Unsafe.Add(ref j, k * 3) = Unsafe.Add(ref inj, t);
            Unsafe.Add(ref j, (k * 3) + 1) = Unsafe.Add(ref inj, t + 1);
            Unsafe.Add(ref j, (k * 3) + 2) = Unsafe.Add(ref inj, t + 2);
        }

        var src = ws.SourceCurrent;
        src[0] = Unsafe.Add(ref inj, 0);
        src[1] = Unsafe.Add(ref inj, 1);
        src[2] = Unsafe.Add(ref inj, 2);
        ref var srcRef = ref MemoryMarshal.GetArrayDataReference(src);
        for (var k = count - 1; k >= 0; k--)
        {
            var parent = parents[fromArr[k]];
            ref var target = ref parent < 0 ? ref srcRef : ref Unsafe.Add(ref j, parent * 3);
            var jk = k * 3;
            var j0 = Unsafe.Add(ref j, jk);
            var j1 = Unsafe.Add(ref j, jk + 1);
            var j2 = Unsafe.Add(ref j, jk + 2);
            switch (kinds[k])
            {
                case ThreePhaseBranchKind.Line:
                case ThreePhaseBranchKind.Switch:
                    target += j0;
                    Unsafe.Add(ref target, 1) += j1;
                    Unsafe.Add(ref target, 2) += j2;
                    break;
                case ThreePhaseBranchKind.Regulator:
                    {
                        var r = regOf[k] * 3;
                        target += j0 * (1 + (StepVoltageRegulator.StepPu * taps[r]));
                        Unsafe.Add(ref target, 1) += j1 * (1 + (StepVoltageRegulator.StepPu * taps[r + 1]));
                        Unsafe.Add(ref target, 2) += j2 * (1 + (StepVoltageRegulator.StepPu * taps[r + 2]));
                        break;
                    }

                default:
                    {
                        var m = k * 9;
                        target += (Unsafe.Add(ref d, m) * j0) + (Unsafe.Add(ref d, m + 1) * j1) + (Unsafe.Add(ref d, m + 2) * j2);
                        Unsafe.Add(ref target, 1) += (Unsafe.Add(ref d, m + 3) * j0) + (Unsafe.Add(ref d, m + 4) * j1) + (Unsafe.Add(ref d, m + 5) * j2);
                        Unsafe.Add(ref target, 2) += (Unsafe.Add(ref d, m + 6) * j0) + (Unsafe.Add(ref d, m + 7) * j1) + (Unsafe.Add(ref d, m + 8) * j2);
                        break;
                    }
            }
        }
    }

    /// <summary>
    /// Largest power mismatch of a node-phase at the workspace's present voltages, VA (max of |ΔP| and |ΔQ|): at every
    /// node-phase except the source, the power V·conj(I) that the series current of the incoming element delivers must
    /// equal what the loads and shunts (capacitors, line charging) take at V plus what the outgoing elements draw
    /// (d·J at their from end). <paramref name="injections"/> and <paramref name="residual"/> are scratch arrays of
    /// 3 × <see cref="ThreePhaseFeeder.NodeCount"/> values. Returns +∞ when a value is not finite.
    /// </summary>
    internal static double MaxPowerMismatchVa(ThreePhaseWorkspace ws, Complex[] injections, Complex[] residual)
    {
        var f = ws.Feeder;
        var v = ws.V;
        var j = ws.J;
        var d = f.D;
        Injections(ws, injections);
        Array.Clear(residual);
        for (var k = 0; k < f.BranchCount; k++)
        {
            var to = f.To[k] * 3;
            var fo = f.From[k] * 3;
            var jk = k * 3;
            for (var p = 0; p < 3; p++)
            {
                residual[to + p] += j[jk + p];
            }

            switch (f.Kinds[k])
            {
                case ThreePhaseBranchKind.Line:
                case ThreePhaseBranchKind.Switch:
                    for (var p = 0; p < 3; p++)
                    {
                        residual[fo + p] -= j[jk + p];
                    }

                    break;
                case ThreePhaseBranchKind.Regulator:
                    {
                        var r = f.RegulatorOfBranch[k] * 3;
                        for (var p = 0; p < 3; p++)
                        {
                            residual[fo + p] -= j[jk + p] * (1 + (StepVoltageRegulator.StepPu * ws.Taps[r + p]));
                        }

                        break;
                    }

                default:
                    {
                        var m = k * 9;
                        for (var p = 0; p < 3; p++)
                        {
                            residual[fo + p] -= (d[m + (p * 3)] * j[jk]) + (d[m + (p * 3) + 1] * j[jk + 1]) + (d[m + (p * 3) + 2] * j[jk + 2]);
                        }

                        break;
                    }
            }
        }

        var worst = 0.0;
        for (var n = 0; n < f.NodeCount; n++)
        {
            if (f.ParentBranch[n] < 0)
            {
                continue; // the source node balances any mismatch (swing bus)
            }

            for (var p = 0; p < 3; p++)
            {
                if (!f.NodePhaseArray[n].Has(p))
                {
                    continue;
                }

                var s = v[(n * 3) + p] * Complex.Conjugate(residual[(n * 3) + p] - injections[(n * 3) + p]);
                var x = Math.Max(Math.Abs(s.Real), Math.Abs(s.Imaginary));
                if (!double.IsFinite(x))
                {
                    return double.PositiveInfinity;
                }

                worst = Math.Max(worst, x);
            }
        }

        return worst;
    }

    private static double Sq(Complex x) => (x.Real * x.Real) + (x.Imaginary * x.Imaginary);

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
                var (low, high) = c.Band(p);
                if (relay >= low && relay <= high)
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
