using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvGrid.Optimization.Network;

/// <summary>
/// The backward/forward sweep of one radial network on flat arrays in sweep (breadth-first) order, with its state
/// (bus voltages, branch currents) kept between calls for warm starts. One workspace per thread: it is not
/// thread-safe, and <see cref="Solve"/> allocates nothing.
/// </summary>
/// <remarks>
/// Branch-current summation: each iteration computes the ZIP load current of every bus from its voltage,
/// I = [(P<sub>p</sub> − jQ<sub>p</sub>)/|V|² + (P<sub>i</sub> − jQ<sub>i</sub>)/|V| + (G + jB)]·V, sums the currents
/// from the leaves to the root (backward sweep, J<sub>k</sub> = I<sub>k</sub> + Σ J<sub>children</sub>) and updates
/// V<sub>k</sub> = V<sub>parent</sub> − Z<sub>k</sub>J<sub>k</sub> from the root to the leaves (forward sweep). The forward
/// sweep also checks the largest voltage change and computes each bus's load current for the next backward sweep,
/// so an iteration is two passes over flat arrays in breadth-first order, with one division per bus.
/// Loads are <c>multiplier × nominal ZIP load + extra constant-power demand</c>; shunts and generators are fixed.
/// </remarks>
public sealed class RadialSweepWorkspace
{
    private readonly int _n;
    private readonly int[] _order;     // sweep position -> bus index
    private readonly int[] _posOf;     // bus index -> sweep position
    private readonly Node[] _nodes;    // per sweep position: parent, feeding branch, effective load coefficients
    private readonly int[] _branchAt;  // per sweep position: in-service branch feeding it (-1 at the slack)
    private readonly State[] _state;   // per sweep position: voltage and current
    private State[]? _history;         // voltages of an earlier snapshot (secant predictor)
    private bool _hasHistory;          // whether _history holds a snapshot (the array is kept for reuse)

    // Nominal load parts and fixed parts (generation, shunts, half line charging), pu, sweep order.
    private readonly Coefficients[] _coef;
    private readonly bool _hasCharging;

    private readonly double _slackV;
    private readonly bool _hasCurrentLoad;

    /// <summary>Creates the workspace of a radial network (flat start).</summary>
    /// <param name="network">A radial network.</param>
    /// <exception cref="NetworkValidationException">The network is meshed; the message names a loop branch.</exception>
    public RadialSweepWorkspace(PowerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!network.IsRadial)
        {
            throw new NetworkValidationException(network.DescribeBranch(network.LoopBranchIndex),
                "closes a loop, but the backward/forward sweep needs a radial network. " +
                "Open a tie branch or use the Newton-Raphson solver (NewtonRaphsonSolver, --solver newton) for meshed networks.");
        }

        Network = network;
        _n = network.BusCount;
        var n = _n;
        _order = new int[n];
        _nodes = new Node[n];
        _state = new State[n];
        _branchAt = new int[n];
        _branchAt[0] = -1;
        var posOf = new int[n];
        Array.Fill(posOf, -1);
        _posOf = posOf;

        // Adjacency over in-service branches.
        var head = new int[n];
        Array.Fill(head, -1);
        var m = network.BranchFrom.Length;
        var next = new int[2 * m];
        var to = new int[2 * m];
        var edge = new int[2 * m];
        for (var k = 0; k < m; k++)
        {
            int a = network.BranchFrom[k], c = network.BranchTo[k];
            to[2 * k] = c;
            edge[2 * k] = k;
            next[2 * k] = head[a];
            head[a] = 2 * k;
            to[(2 * k) + 1] = a;
            edge[(2 * k) + 1] = k;
            next[(2 * k) + 1] = head[c];
            head[c] = (2 * k) + 1;
        }

        // Breadth-first order from the slack bus.
        _order[0] = network.SlackIndex;
        posOf[network.SlackIndex] = 0;
        _nodes[0].Parent = -1;
        var count = 1;
        for (var q = 0; q < count; q++)
        {
            var bus = _order[q];
            for (var e = head[bus]; e >= 0; e = next[e])
            {
                var nb = to[e];
                if (posOf[nb] >= 0)
                {
                    continue;
                }

                posOf[nb] = count;
                _order[count] = nb;
                _nodes[count].Parent = q;
                _nodes[count].R = network.BranchR[edge[e]];
                _nodes[count].X = network.BranchX[edge[e]];
                _branchAt[count] = edge[e];
                count++;
            }
        }

        _coef = new Coefficients[n];
        foreach (var load in network.Loads)
        {
            var k = posOf[network.IndexOf(load.Bus)];
            var p = load.PKw / network.BaseKva;
            var q = load.QKvar / network.BaseKva;
            var ps = load.EffectivePShares;
            var qs = load.EffectiveQShares;
            _coef[k].LoadPP += p * ps.ConstantPower;
            _coef[k].LoadPI += p * ps.ConstantCurrent;
            _coef[k].LoadG += p * ps.ConstantImpedance;
            _coef[k].LoadQP += q * qs.ConstantPower;
            _coef[k].LoadQI += q * qs.ConstantCurrent;
            _coef[k].LoadB -= q * qs.ConstantImpedance;
        }

        foreach (var s in network.Shunts)
        {
            var k = posOf[network.IndexOf(s.Bus)];
            _coef[k].FixedG += s.PKw / network.BaseKva;
            _coef[k].FixedB += s.QKvar / network.BaseKva;
        }

        foreach (var dg in network.Generators)
        {
            var k = posOf[network.IndexOf(dg.Bus)];
            _coef[k].FixedPP -= dg.PKw / network.BaseKva;
            _coef[k].FixedQP -= dg.QKvar / network.BaseKva;
        }

        for (var k = 0; k < m; k++)
        {
            var hb = network.BranchB[k] / 2;
            _coef[posOf[network.BranchFrom[k]]].FixedB += hb;
            _coef[posOf[network.BranchTo[k]]].FixedB += hb;
        }

        _hasCurrentLoad = network.HasConstantCurrentLoad;
        _hasCharging = Array.Exists(network.BranchB, v => v != 0);
        _slackV = network.Buses[network.SlackIndex].VoltageSetpointPu;
        SetLoadMultiplier(1.0);
        SetFlatStart();
    }

    /// <summary>The network.</summary>
    public PowerNetwork Network { get; }

    /// <summary>Number of buses.</summary>
    public int BusCount => _n;

    /// <summary>Iterations of the last <see cref="Solve"/>.</summary>
    public int LastIterations { get; private set; }

    /// <summary>Largest change of a bus voltage phasor, |ΔV| in pu, in the last sweep of the last <see cref="Solve"/>.</summary>
    public double LastMaxChangePu { get; private set; }

    /// <summary>Status of the last <see cref="Solve"/>.</summary>
    public PowerFlowStatus LastStatus { get; private set; } = PowerFlowStatus.MaxIterationsReached;

    /// <summary>Sets every bus voltage to the slack setpoint at 0° (flat start).</summary>
    public void SetFlatStart()
    {
        for (var k = 0; k < _n; k++)
        {
            _state[k].Vr = _slackV;
            _state[k].Vi = 0;
        }
    }

    /// <summary>
    /// First-order predictor for a warm start after the loads changed: scales every voltage drop
    /// V<sub>slack</sub> − V<sub>k</sub> by <paramref name="factor"/> (the ratio of new to old demand), since drops are
    /// nearly linear in the load. The sweep then iterates to the same tolerance as from any other start.
    /// </summary>
    /// <param name="factor">Ratio of the new demand to the demand of the current voltages; finite and positive.</param>
    public void ScaleVoltageDrops(double factor)
    {
        if (!double.IsFinite(factor) || factor <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, $"factor must be finite and positive, got {factor}.");
        }

        var v0r = _slackV;
        var state = _state.AsSpan();
        for (var k = 1; k < state.Length; k++)
        {
            ref var sk = ref state[k];
            sk.Vr = v0r + ((sk.Vr - v0r) * factor);
            sk.Vi *= factor;
        }
    }

    /// <summary>
    /// Second-order (secant) predictor for a warm start: with the current voltages V₁ (previous snapshot) and the
    /// remembered voltages V₀ (the snapshot before), sets V ← V₁ + (V₁ − V₀)·<paramref name="factor"/>, where factor is
    /// (D₂ − D₁)/(D₁ − D₀) for demands D; then remembers V₁. Without a remembered snapshot it only remembers.
    /// </summary>
    /// <param name="factor">Extrapolation factor; finite.</param>
    /// <returns>True when the voltages were extrapolated.</returns>
    internal bool ExtrapolateAndRemember(double factor)
    {
        var had = _hasHistory;
        _history ??= new State[_n];
        _hasHistory = true;
        var state = _state.AsSpan();
        var history = _history.AsSpan(0, state.Length);
        var f = had && double.IsFinite(factor) ? factor : 0.0;
        for (var k = 1; k < state.Length; k++)
        {
            ref var sk = ref state[k];
            ref var hk = ref history[k];
            double vr = sk.Vr, vi = sk.Vi;
            sk.Vr = vr + ((vr - hk.Vr) * f);
            sk.Vi = vi + ((vi - hk.Vi) * f);
            hk.Vr = vr;
            hk.Vi = vi;
        }

        return had;
    }

    /// <summary>Forgets the remembered snapshot of <see cref="ExtrapolateAndRemember"/>.</summary>
    internal void ForgetHistory() => _hasHistory = false;

    /// <summary>Loads = <paramref name="multiplier"/> × nominal ZIP loads (no extra demand).</summary>
    /// <param name="multiplier">Load multiplier (1 = nominal); finite.</param>
    public void SetLoadMultiplier(double multiplier)
    {
        CheckFinite(multiplier, nameof(multiplier));
        var nodes = _nodes.AsSpan();
        var coef = _coef.AsSpan(0, nodes.Length);
        for (var k = 0; k < nodes.Length; k++)
        {
            ref var nd = ref nodes[k];
            ref readonly var c = ref coef[k];
            nd.PP = c.FixedPP + (multiplier * c.LoadPP);
            nd.QP = c.FixedQP + (multiplier * c.LoadQP);
            nd.PI = multiplier * c.LoadPI;
            nd.QI = multiplier * c.LoadQI;
            nd.G = c.FixedG + (multiplier * c.LoadG);
            nd.B = c.FixedB + (multiplier * c.LoadB);
        }
    }

    /// <summary>
    /// Loads = <paramref name="multiplier"/> × nominal ZIP loads + an extra constant-power demand per bus
    /// (kW / kVAr in <see cref="PowerNetwork.Buses"/> order; negative values are injections, e.g. V2G).
    /// </summary>
    /// <param name="multiplier">Load multiplier; finite.</param>
    /// <param name="extraPKw">Extra active demand per bus, kW.</param>
    /// <param name="extraQKvar">Extra reactive demand per bus, kVAr.</param>
    public void SetLoads(double multiplier, ReadOnlySpan<double> extraPKw, ReadOnlySpan<double> extraQKvar)
    {
        if (extraPKw.Length != _n || extraQKvar.Length != _n)
        {
            throw new ArgumentException($"extra demand needs {_n} values per bus, got {extraPKw.Length} (P) and {extraQKvar.Length} (Q).", nameof(extraPKw));
        }

        SetLoadMultiplier(multiplier);
        var inv = 1.0 / Network.BaseKva;
        for (var k = 0; k < _n; k++)
        {
            var bus = _order[k];
            double p = extraPKw[bus], q = extraQKvar[bus];
            if (!double.IsFinite(p) || !double.IsFinite(q))
            {
                throw new ArgumentException($"extra demand at bus {Network.Buses[bus].Id} must be finite, got P={p} kW, Q={q} kVAr.", nameof(extraPKw));
            }

            _nodes[k].PP += p * inv;
            _nodes[k].QP += q * inv;
        }
    }

    /// <summary>
    /// Runs the sweep from the current voltages (warm start) until the largest change of a bus voltage phasor
    /// |V<sub>k</sub><sup>(i)</sup> − V<sub>k</sub><sup>(i−1)</sup>| is at most
    /// <paramref name="tolerancePu"/> or <paramref name="maxIterations"/> sweeps are done. Allocates nothing.
    /// </summary>
    /// <param name="tolerancePu">Tolerance on the voltage change |ΔV| in pu.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <returns>True when converged.</returns>
    public bool Solve(double tolerancePu, int maxIterations)
    {
        var n = _n;
        ref var node = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var st = ref MemoryMarshal.GetArrayDataReference(_state);
        var hasCurrent = _hasCurrentLoad;
        st.Vr = _slackV;
        st.Vi = 0;

        // Load currents of the starting voltages.
        for (var k = 1; k < n; k++)
        {
            ref var sk = ref Unsafe.Add(ref st, k);
            LoadCurrent(ref Unsafe.Add(ref node, k), ref sk, sk.Vr, sk.Vi, hasCurrent);
        }

        var maxChange = double.PositiveInfinity;
        var status = PowerFlowStatus.MaxIterationsReached;
        var it = 0;
        while (it < maxIterations)
        {
            it++;
            Backward(ref node, ref st, n);

            // Forward sweep: V_k = V_parent - Z_k J_k, with the convergence check and the load current of the new
            // voltage (for the next backward sweep) folded in.
            maxChange = 0;
            for (var k = 1; k < n; k++)
            {
                ref var nk = ref Unsafe.Add(ref node, k);
                ref var sk = ref Unsafe.Add(ref st, k);
                ref var sp = ref Unsafe.Add(ref st, nk.Parent);
                double a = sk.Jr, c = sk.Ji;
                var nr = sp.Vr - ((nk.R * a) - (nk.X * c));
                var ni = sp.Vi - ((nk.R * c) + (nk.X * a));
                double dr = nr - sk.Vr, di = ni - sk.Vi;
                var d2 = (dr * dr) + (di * di);
                maxChange = d2 > maxChange ? d2 : maxChange;
                sk.Vr = nr;
                sk.Vi = ni;
                LoadCurrent(ref nk, ref sk, nr, ni, hasCurrent);
            }

            maxChange = Math.Sqrt(maxChange);
            ref var last = ref Unsafe.Add(ref st, n - 1);
            if (!(maxChange < 10.0) || !double.IsFinite(last.Vr + last.Vi))
            {
                // NaN, infinity or a jump of more than 10 pu: voltage collapse. A NaN reaches every bus within one
                // sweep (all voltages depend on the root current), so checking the last bus is enough.
                status = PowerFlowStatus.Diverged;
                maxChange = double.PositiveInfinity;
                break;
            }

            if (maxChange <= tolerancePu)
            {
                status = PowerFlowStatus.Converged;
                break;
            }
        }

        // Leave the branch currents of the final voltages in J (losses and slack power use them).
        Backward(ref node, ref st, n);
        return Finish(status, it, maxChange);
    }

    /// <summary>Backward sweep: J_k = I_k + Σ J_children; children follow their parent in sweep order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Backward(ref Node node, ref State st, int n)
    {
        st.Jr = 0;
        st.Ji = 0;
        for (var k = n - 1; k > 0; k--)
        {
            ref var sk = ref Unsafe.Add(ref st, k);
            ref var sp = ref Unsafe.Add(ref st, Unsafe.Add(ref node, k).Parent);
            sp.Jr += sk.Jr;
            sp.Ji += sk.Ji;
        }
    }

    /// <summary>ZIP load current at voltage (a + jc): I = [(P - jQ)/|V|² + (P_i - jQ_i)/|V| + (G + jB)]·V.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LoadCurrent(ref Node nk, ref State sk, double a, double c, bool hasCurrent)
    {
        var inv2 = 1.0 / ((a * a) + (c * c));
        var cr = (nk.PP * inv2) + nk.G;
        var ci = nk.B - (nk.QP * inv2);
        if (hasCurrent)
        {
            var invm = Math.Sqrt(inv2);
            cr += nk.PI * invm;
            ci -= nk.QI * invm;
        }

        sk.Jr = (cr * a) - (ci * c);
        sk.Ji = (cr * c) + (ci * a);
    }

    /// <summary>Constant data of a sweep position (parent, feeding branch) and its effective load coefficients (pu).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Node
    {
        public double R, X, PP, QP, G, B, PI, QI;
        public int Parent;
    }

    /// <summary>Nominal load parts (scaled by the multiplier) and fixed parts of a position's coefficients (pu).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Coefficients
    {
        public double LoadPP, LoadQP, LoadPI, LoadQI, LoadG, LoadB, FixedPP, FixedQP, FixedG, FixedB;
    }

    /// <summary>State of a sweep position: voltage and current (pu, rectangular).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct State
    {
        public double Vr, Vi, Jr, Ji;
    }

    /// <summary>Writes the bus voltage magnitudes (pu) in <see cref="PowerNetwork.Buses"/> order.</summary>
    /// <param name="destination">At least <see cref="BusCount"/> values.</param>
    public void CopyVoltageMagnitudes(Span<double> destination)
    {
        for (var k = 0; k < _n; k++)
        {
            destination[_order[k]] = Math.Sqrt((_state[k].Vr * _state[k].Vr) + (_state[k].Vi * _state[k].Vi));
        }
    }

    /// <summary>
    /// Writes the magnitude of the series current of every in-service branch (pu on the network's kVA base and the
    /// from bus's kV base) for the current state, in the order of the in-service branches of
    /// <see cref="PowerNetwork.Branches"/> (the order of <see cref="PowerFlowResult.Branches"/>). After
    /// <see cref="Solve"/> these are the currents of the final voltages (the sweep's J). Allocates nothing.
    /// </summary>
    /// <param name="destination">At least as many values as there are in-service branches (<see cref="BranchCount"/>).</param>
    public void CopyBranchCurrentMagnitudes(Span<double> destination)
    {
        if (destination.Length < BranchCount)
        {
            throw new ArgumentException($"the destination holds {destination.Length} values, the network has {BranchCount} in-service branches.", nameof(destination));
        }

        var state = _state.AsSpan();
        var branchAt = _branchAt.AsSpan(0, state.Length);
        for (var k = 1; k < state.Length; k++)
        {
            ref readonly var sk = ref state[k];
            destination[branchAt[k]] = Math.Sqrt((sk.Jr * sk.Jr) + (sk.Ji * sk.Ji));
        }
    }

    /// <summary>Number of in-service branches (bus count − 1 on a connected radial network).</summary>
    public int BranchCount => Network.BranchFrom.Length;

    /// <summary>Writes the bus voltages (real and imaginary parts, pu) in <see cref="PowerNetwork.Buses"/> order.</summary>
    /// <param name="real">Real parts.</param>
    /// <param name="imaginary">Imaginary parts.</param>
    public void CopyVoltages(Span<double> real, Span<double> imaginary)
    {
        for (var k = 0; k < _n; k++)
        {
            real[_order[k]] = _state[k].Vr;
            imaginary[_order[k]] = _state[k].Vi;
        }
    }

    /// <summary>Sets the bus voltages (pu, <see cref="PowerNetwork.Buses"/> order) as the next starting point.</summary>
    /// <param name="real">Real parts.</param>
    /// <param name="imaginary">Imaginary parts.</param>
    public void SetVoltages(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary)
    {
        for (var k = 0; k < _n; k++)
        {
            _state[k].Vr = real[_order[k]];
            _state[k].Vi = imaginary[_order[k]];
        }
    }

    /// <summary>
    /// Active and reactive losses (kW, kVAr) of the current state: Σ R|J|², Σ X|J|² less the line-charging
    /// generation at the bus voltages.
    /// </summary>
    /// <param name="lossesKvar">Reactive losses in kVAr.</param>
    /// <returns>Active losses in kW.</returns>
    public double ComputeLosses(out double lossesKvar)
    {
        double p = 0, q = 0;
        var nodes = _nodes.AsSpan();
        var state = _state.AsSpan(0, nodes.Length);
        for (var k = 1; k < nodes.Length; k++)
        {
            ref readonly var sk = ref state[k];
            var i2 = (sk.Jr * sk.Jr) + (sk.Ji * sk.Ji);
            p += nodes[k].R * i2;
            q += nodes[k].X * i2;
        }

        var net = Network;
        if (_hasCharging)
        {
            for (var k = 0; k < net.BranchB.Length; k++)
            {
                q -= net.BranchB[k] / 2 * (VoltageSquared(net.BranchFrom[k]) + VoltageSquared(net.BranchTo[k]));
            }
        }

        lossesKvar = q * net.BaseKva;
        return p * net.BaseKva;
    }

    /// <summary>
    /// Active power supplied by the slack bus in kW for the current state: Re(V₀ J₀*) plus the slack bus's own load.
    /// </summary>
    /// <returns>Slack active power, kW.</returns>
    public double SlackPowerKw()
    {
        var v2 = (_state[0].Vr * _state[0].Vr) + (_state[0].Vi * _state[0].Vi);
        var own = _nodes[0].PP + (_nodes[0].PI * Math.Sqrt(v2)) + (_nodes[0].G * v2);
        return ((_state[0].Vr * _state[0].Jr) + (_state[0].Vi * _state[0].Ji) + own) * Network.BaseKva;
    }

    /// <summary>
    /// Reactive power supplied by the slack bus in kVAr for the current state: Im(V₀ J₀*) plus the slack bus's own
    /// reactive load (shunt susceptance counted as generation).
    /// </summary>
    /// <returns>Slack reactive power, kVAr.</returns>
    public double SlackPowerKvar()
    {
        var v2 = (_state[0].Vr * _state[0].Vr) + (_state[0].Vi * _state[0].Vi);
        var own = _nodes[0].QP + (_nodes[0].QI * Math.Sqrt(v2)) - (_nodes[0].B * v2);
        return ((_state[0].Vi * _state[0].Jr) - (_state[0].Vr * _state[0].Ji) + own) * Network.BaseKva;
    }

    /// <summary>Builds a full <see cref="PowerFlowResult"/> from the current state (allocates).</summary>
    /// <returns>The result.</returns>
    public PowerFlowResult ToResult()
    {
        var vr = new double[_n];
        var vi = new double[_n];
        CopyVoltages(vr, vi);
        return PowerFlowResult.FromVoltages(Network, BackwardForwardSweepSolver.SolverName, LastStatus, LastIterations, LastMaxChangePu, vr, vi);
    }

    private double VoltageSquared(int busIndex)
    {
        var k = _posOf[busIndex];
        return (_state[k].Vr * _state[k].Vr) + (_state[k].Vi * _state[k].Vi);
    }

    private bool Finish(PowerFlowStatus status, int iterations, double maxChange)
    {
        LastStatus = status;
        LastIterations = iterations;
        LastMaxChangePu = maxChange;
        return status == PowerFlowStatus.Converged;
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite, got {value}.");
        }
    }
}
