namespace EvGrid.Optimization.Network;

/// <summary>
/// The backward/forward sweep of one radial network on flat arrays in sweep (breadth-first) order, with its state
/// (bus voltages, branch currents) kept between calls for warm starts. One workspace per thread: it is not
/// thread-safe, and <see cref="Solve"/> allocates nothing.
/// </summary>
/// <remarks>
/// Branch-current summation: each iteration computes the ZIP load current of every bus from its voltage,
/// I = [(P<sub>p</sub> − jQ<sub>p</sub>)/|V|² + (P<sub>i</sub> − jQ<sub>i</sub>)/|V| + (G + jB)]·V, sums the currents
/// from the leaves to the root (backward sweep) and updates V<sub>k</sub> = V<sub>parent</sub> − Z<sub>k</sub>J<sub>k</sub>
/// from the root to the leaves (forward sweep), checking the largest voltage change on the way.
/// Loads are <c>multiplier × nominal ZIP load + extra constant-power demand</c>; shunts and generators are fixed.
/// </remarks>
public sealed class RadialSweepWorkspace
{
    private readonly int _n;
    private readonly int[] _order;     // sweep position -> bus index
    private readonly int[] _posOf;     // bus index -> sweep position
    private readonly int[] _parent;    // sweep position -> sweep position of the parent (-1 for the root)
    private readonly double[] _r;      // series R of the branch feeding each position (pu)
    private readonly double[] _x;      // series X of the branch feeding each position (pu)

    // Nominal load parts (pu, sweep order).
    private readonly double[] _lpP, _lqP, _lpI, _lqI, _lg, _lb;

    // Fixed parts: generation (negative constant power), shunts and half line charging (pu, sweep order).
    private readonly double[] _fpP, _fqP, _fg, _fb;

    // Effective coefficients for the current snapshot.
    private readonly double[] _pP, _qP, _pI, _qI, _g, _b;

    private readonly double[] _vr, _vi, _jr, _ji;
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
        _parent = new int[n];
        _r = new double[n];
        _x = new double[n];
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
        _parent[0] = -1;
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
                _parent[count] = q;
                _r[count] = network.BranchR[edge[e]];
                _x[count] = network.BranchX[edge[e]];
                count++;
            }
        }

        _lpP = new double[n];
        _lqP = new double[n];
        _lpI = new double[n];
        _lqI = new double[n];
        _lg = new double[n];
        _lb = new double[n];
        _fpP = new double[n];
        _fqP = new double[n];
        _fg = new double[n];
        _fb = new double[n];
        foreach (var load in network.Loads)
        {
            var k = posOf[network.IndexOf(load.Bus)];
            var p = load.PKw / network.BaseKva;
            var q = load.QKvar / network.BaseKva;
            var ps = load.EffectivePShares;
            var qs = load.EffectiveQShares;
            _lpP[k] += p * ps.ConstantPower;
            _lpI[k] += p * ps.ConstantCurrent;
            _lg[k] += p * ps.ConstantImpedance;
            _lqP[k] += q * qs.ConstantPower;
            _lqI[k] += q * qs.ConstantCurrent;
            _lb[k] -= q * qs.ConstantImpedance;
        }

        foreach (var s in network.Shunts)
        {
            var k = posOf[network.IndexOf(s.Bus)];
            _fg[k] += s.PKw / network.BaseKva;
            _fb[k] += s.QKvar / network.BaseKva;
        }

        foreach (var dg in network.Generators)
        {
            var k = posOf[network.IndexOf(dg.Bus)];
            _fpP[k] -= dg.PKw / network.BaseKva;
            _fqP[k] -= dg.QKvar / network.BaseKva;
        }

        for (var k = 0; k < m; k++)
        {
            var hb = network.BranchB[k] / 2;
            _fb[posOf[network.BranchFrom[k]]] += hb;
            _fb[posOf[network.BranchTo[k]]] += hb;
        }

        _pP = new double[n];
        _qP = new double[n];
        _pI = new double[n];
        _qI = new double[n];
        _g = new double[n];
        _b = new double[n];
        _vr = new double[n];
        _vi = new double[n];
        _jr = new double[n];
        _ji = new double[n];
        _hasCurrentLoad = network.HasConstantCurrentLoad;
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

    /// <summary>Largest voltage change (pu) of the last sweep of the last <see cref="Solve"/>.</summary>
    public double LastMaxChangePu { get; private set; }

    /// <summary>Status of the last <see cref="Solve"/>.</summary>
    public PowerFlowStatus LastStatus { get; private set; } = PowerFlowStatus.MaxIterationsReached;

    /// <summary>Sets every bus voltage to the slack setpoint at 0° (flat start).</summary>
    public void SetFlatStart()
    {
        Array.Fill(_vr, _slackV);
        Array.Clear(_vi);
    }

    /// <summary>Loads = <paramref name="multiplier"/> × nominal ZIP loads (no extra demand).</summary>
    /// <param name="multiplier">Load multiplier (1 = nominal); finite.</param>
    public void SetLoadMultiplier(double multiplier)
    {
        CheckFinite(multiplier, nameof(multiplier));
        for (var k = 0; k < _n; k++)
        {
            _pP[k] = _fpP[k] + (multiplier * _lpP[k]);
            _qP[k] = _fqP[k] + (multiplier * _lqP[k]);
            _pI[k] = multiplier * _lpI[k];
            _qI[k] = multiplier * _lqI[k];
            _g[k] = _fg[k] + (multiplier * _lg[k]);
            _b[k] = _fb[k] + (multiplier * _lb[k]);
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

            _pP[k] += p * inv;
            _qP[k] += q * inv;
        }
    }

    /// <summary>
    /// Runs the sweep from the current voltages (warm start) until the largest voltage change is at most
    /// <paramref name="tolerancePu"/> or <paramref name="maxIterations"/> sweeps are done. Allocates nothing.
    /// </summary>
    /// <param name="tolerancePu">Tolerance on the voltage change in pu.</param>
    /// <param name="maxIterations">Iteration cap.</param>
    /// <returns>True when converged.</returns>
    public bool Solve(double tolerancePu, int maxIterations)
    {
        var n = _n;
        var parent = _parent;
        var r = _r;
        var x = _x;
        var vr = _vr;
        var vi = _vi;
        var jr = _jr;
        var ji = _ji;
        var pP = _pP;
        var qP = _qP;
        var g = _g;
        var b = _b;
        vr[0] = _slackV;
        vi[0] = 0;
        var maxChange = double.PositiveInfinity;
        for (var it = 1; it <= maxIterations; it++)
        {
            // Backward sweep: bus load currents, summed from the leaves to the root.
            Array.Clear(jr);
            Array.Clear(ji);
            if (_hasCurrentLoad)
            {
                for (var k = n - 1; k > 0; k--)
                {
                    double a = vr[k], c = vi[k];
                    var inv2 = 1.0 / ((a * a) + (c * c));
                    var invm = Math.Sqrt(inv2);
                    var cr = (pP[k] * inv2) + (_pI[k] * invm) + g[k];
                    var ci = b[k] - (qP[k] * inv2) - (_qI[k] * invm);
                    var sr = jr[k] + ((cr * a) - (ci * c));
                    var si = ji[k] + ((cr * c) + (ci * a));
                    jr[k] = sr;
                    ji[k] = si;
                    var p = parent[k];
                    jr[p] += sr;
                    ji[p] += si;
                }
            }
            else
            {
                for (var k = n - 1; k > 0; k--)
                {
                    double a = vr[k], c = vi[k];
                    var inv2 = 1.0 / ((a * a) + (c * c));
                    var cr = (pP[k] * inv2) + g[k];
                    var ci = b[k] - (qP[k] * inv2);
                    var sr = jr[k] + ((cr * a) - (ci * c));
                    var si = ji[k] + ((cr * c) + (ci * a));
                    jr[k] = sr;
                    ji[k] = si;
                    var p = parent[k];
                    jr[p] += sr;
                    ji[p] += si;
                }
            }

            // Forward sweep: V_k = V_parent - Z_k J_k, with the convergence check folded in.
            maxChange = 0;
            for (var k = 1; k < n; k++)
            {
                var p = parent[k];
                double rk = r[k], xk = x[k], a = jr[k], c = ji[k];
                var nr = vr[p] - ((rk * a) - (xk * c));
                var ni = vi[p] - ((rk * c) + (xk * a));
                var d = Math.Max(Math.Abs(nr - vr[k]), Math.Abs(ni - vi[k]));
                if (d > maxChange)
                {
                    maxChange = d;
                }

                vr[k] = nr;
                vi[k] = ni;
            }

            if (maxChange <= tolerancePu)
            {
                return Finish(PowerFlowStatus.Converged, it, maxChange);
            }

            if (!(maxChange < 10.0))
            {
                // NaN, infinity or a jump of more than 10 pu: voltage collapse.
                return Finish(PowerFlowStatus.Diverged, it, double.IsNaN(maxChange) ? double.PositiveInfinity : maxChange);
            }
        }

        return Finish(PowerFlowStatus.MaxIterationsReached, maxIterations, maxChange);
    }

    /// <summary>Writes the bus voltage magnitudes (pu) in <see cref="PowerNetwork.Buses"/> order.</summary>
    /// <param name="destination">At least <see cref="BusCount"/> values.</param>
    public void CopyVoltageMagnitudes(Span<double> destination)
    {
        for (var k = 0; k < _n; k++)
        {
            destination[_order[k]] = Math.Sqrt((_vr[k] * _vr[k]) + (_vi[k] * _vi[k]));
        }
    }

    /// <summary>Writes the bus voltages (real and imaginary parts, pu) in <see cref="PowerNetwork.Buses"/> order.</summary>
    /// <param name="real">Real parts.</param>
    /// <param name="imaginary">Imaginary parts.</param>
    public void CopyVoltages(Span<double> real, Span<double> imaginary)
    {
        for (var k = 0; k < _n; k++)
        {
            real[_order[k]] = _vr[k];
            imaginary[_order[k]] = _vi[k];
        }
    }

    /// <summary>Sets the bus voltages (pu, <see cref="PowerNetwork.Buses"/> order) as the next starting point.</summary>
    /// <param name="real">Real parts.</param>
    /// <param name="imaginary">Imaginary parts.</param>
    public void SetVoltages(ReadOnlySpan<double> real, ReadOnlySpan<double> imaginary)
    {
        for (var k = 0; k < _n; k++)
        {
            _vr[k] = real[_order[k]];
            _vi[k] = imaginary[_order[k]];
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
        for (var k = 1; k < _n; k++)
        {
            var i2 = (_jr[k] * _jr[k]) + (_ji[k] * _ji[k]);
            p += _r[k] * i2;
            q += _x[k] * i2;
        }

        var net = Network;
        for (var k = 0; k < net.BranchB.Length; k++)
        {
            if (net.BranchB[k] != 0)
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
        var v2 = (_vr[0] * _vr[0]) + (_vi[0] * _vi[0]);
        var own = _pP[0] + (_pI[0] * Math.Sqrt(v2)) + (_g[0] * v2);
        return ((_vr[0] * _jr[0]) + (_vi[0] * _ji[0]) + own) * Network.BaseKva;
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
        return (_vr[k] * _vr[k]) + (_vi[k] * _vi[k]);
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
