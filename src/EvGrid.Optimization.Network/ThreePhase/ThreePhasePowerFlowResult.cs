using System.Numerics;

namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>Voltage of one bus phase.</summary>
/// <param name="Bus">Bus id (IEEE node name).</param>
/// <param name="Phase">"A", "B" or "C".</param>
/// <param name="VmPu">Magnitude, pu of the bus's line-to-neutral base.</param>
/// <param name="VaDeg">Angle, degrees.</param>
/// <param name="Volts">Phasor, V line-to-neutral.</param>
/// <param name="IsInternal">Whether the bus is an internal node created for a distributed load.</param>
public sealed record NodePhaseVoltage(string Bus, string Phase, double VmPu, double VaDeg, Complex Volts, bool IsInternal);

/// <summary>Current and loss of one element phase.</summary>
/// <param name="Element">Element name (e.g. "632-671", a regulator or transformer name).</param>
/// <param name="Kind">Element kind.</param>
/// <param name="From">From (source side) bus.</param>
/// <param name="To">To bus.</param>
/// <param name="Phase">"A", "B" or "C".</param>
/// <param name="CurrentInAmps">Current entering at the from end, A (magnitude).</param>
/// <param name="CurrentInDeg">Its angle, degrees.</param>
/// <param name="CurrentOutAmps">Current leaving at the to end, A.</param>
/// <param name="CurrentOutDeg">Its angle, degrees.</param>
/// <param name="LossKw">Loss of this phase, kW (S_in − S_out; can be negative on coupled lines).</param>
/// <param name="LossKvar">Reactive loss of this phase, kVAr (line charging makes it lower).</param>
public sealed record BranchPhaseFlow(string Element, ThreePhaseBranchKind Kind, string From, string To, string Phase, double CurrentInAmps, double CurrentInDeg, double CurrentOutAmps, double CurrentOutDeg, double LossKw, double LossKvar);

/// <summary>Tap, relay voltage and control band of one regulator phase.</summary>
/// <param name="Regulator">Regulator name.</param>
/// <param name="Phase">"A", "B" or "C".</param>
/// <param name="Tap">Tap position (−16..16).</param>
/// <param name="RelayVolts">Compensator relay voltage on the 120 V base (NaN without LDC settings): the voltage the
/// line-drop compensator controls, V_out/PT − (R′ + jX′)·J/CT (Kersting ch. 7.3).</param>
/// <param name="BandLowVolts">Lower edge of the control band, voltage level − bandwidth/2, V on the 120 V base (NaN
/// without LDC settings).</param>
/// <param name="BandHighVolts">Upper edge of the control band, voltage level + bandwidth/2, V on the 120 V base (NaN
/// without LDC settings).</param>
public sealed record RegulatorTap(string Regulator, string Phase, int Tap, double RelayVolts, double BandLowVolts, double BandHighVolts)
{
    /// <summary>Whether this phase has LDC settings, and so a control band.</summary>
    public bool IsControlled => !double.IsNaN(BandLowVolts);

    /// <summary>
    /// Whether the relay voltage lies in [<see cref="BandLowVolts"/>, <see cref="BandHighVolts"/>], the condition the
    /// control loop (<see cref="ThreePhaseSolveOptions.RegulatorControl"/>) holds; false without LDC settings.
    /// </summary>
    public bool InBand => RelayVolts >= BandLowVolts && RelayVolts <= BandHighVolts;
}

/// <summary>The answer of a three-phase power flow.</summary>
public sealed class ThreePhasePowerFlowResult
{
    private ThreePhasePowerFlowResult(
        string feeder,
        ThreePhaseSolveStatus status,
        NodePhaseVoltage[] voltages,
        BranchPhaseFlow[] branches,
        RegulatorTap[] taps,
        double[] inputKw,
        double[] inputKvar,
        double[] lossKw,
        double[] lossKvar,
        double[] capacitorKvar,
        double[] loadKw,
        double[] loadKvar,
        double maxPowerMismatchPu)
    {
        MaxPowerMismatchPu = maxPowerMismatchPu;
        LoadKwPerPhase = loadKw;
        LoadKvarPerPhase = loadKvar;
        Feeder = feeder;
        Status = status;
        Voltages = voltages;
        Branches = branches;
        RegulatorTaps = taps;
        InputKwPerPhase = inputKw;
        InputKvarPerPhase = inputKvar;
        LossKwPerPhase = lossKw;
        LossKvarPerPhase = lossKvar;
        CapacitorKvarPerPhase = capacitorKvar;
    }

    /// <summary>Feeder name.</summary>
    public string Feeder { get; }

    /// <summary>Convergence, iterations, control rounds.</summary>
    public ThreePhaseSolveStatus Status { get; }

    /// <summary>Whether the sweep converged (and the taps settled when the control loop ran).</summary>
    public bool Converged => Status.Converged && Status.TapsSettled;

    /// <summary>Total forward/backward sweeps.</summary>
    public int Iterations => Status.Iterations;

    /// <summary>Power base of <see cref="MaxPowerMismatchPu"/>: 1000 kVA (1 MVA, three-phase).</summary>
    public const double MismatchBaseKva = 1000.0;

    /// <summary>
    /// Largest active or reactive power mismatch of a node-phase at the returned voltages, in pu on
    /// <see cref="MismatchBaseKva"/> (1 MVA): max over every node-phase except the source of |ΔP| and |ΔQ|, where
    /// ΔS = V·conj(I_in − I_out − I_shunt) compares the power delivered by the incoming element's series current with
    /// what the loads, the shunts (capacitors, line charging) and the outgoing elements take at the same voltage.
    /// Small (≈ 1e-9 pu on IEEE 13 and 34 at 1e-8 tolerance) for a converged sweep; large after a sweep stopped early;
    /// +∞ when a value is not finite. This is the analogue of <see cref="PowerFlowResult.MaxMismatchPu"/>, whereas
    /// <see cref="ThreePhaseSolveStatus.MaxChangePu"/> is the voltage change of the last sweep.
    /// </summary>
    public double MaxPowerMismatchPu { get; }

    /// <summary>One entry per bus and present phase, in sweep order.</summary>
    public IReadOnlyList<NodePhaseVoltage> Voltages { get; }

    /// <summary>One entry per element and phase, in sweep order.</summary>
    public IReadOnlyList<BranchPhaseFlow> Branches { get; }

    /// <summary>Regulator taps, relay voltages and control bands per phase (every present phase of every regulator).</summary>
    public IReadOnlyList<RegulatorTap> RegulatorTaps { get; }

    /// <summary>Power entering at the source per phase a, b, c, kW.</summary>
    public IReadOnlyList<double> InputKwPerPhase { get; }

    /// <summary>Reactive power entering at the source per phase, kVAr.</summary>
    public IReadOnlyList<double> InputKvarPerPhase { get; }

    /// <summary>Element losses per phase, kW (sum over lines, switches, transformers and regulators).</summary>
    public IReadOnlyList<double> LossKwPerPhase { get; }

    /// <summary>Element reactive losses per phase, kVAr (line charging included).</summary>
    public IReadOnlyList<double> LossKvarPerPhase { get; }

    /// <summary>Reactive power delivered by shunt capacitors per phase at the solved voltage, kVAr.</summary>
    public IReadOnlyList<double> CapacitorKvarPerPhase { get; }

    /// <summary>Power drawn by the loads per phase at the solved voltages, kW (delta loads counted by line current).</summary>
    public IReadOnlyList<double> LoadKwPerPhase { get; }

    /// <summary>Reactive power drawn by the loads per phase, kVAr.</summary>
    public IReadOnlyList<double> LoadKvarPerPhase { get; }

    /// <summary>Total load, kW.</summary>
    public double TotalLoadKw => LoadKwPerPhase.Sum();

    /// <summary>Total input, kW.</summary>
    public double TotalInputKw => InputKwPerPhase.Sum();

    /// <summary>Total input, kVAr.</summary>
    public double TotalInputKvar => InputKvarPerPhase.Sum();

    /// <summary>Total losses, kW.</summary>
    public double TotalLossKw => LossKwPerPhase.Sum();

    /// <summary>Total reactive losses, kVAr.</summary>
    public double TotalLossKvar => LossKvarPerPhase.Sum();

    /// <summary>The voltage of a bus phase.</summary>
    /// <param name="bus">Bus id.</param>
    /// <param name="phase">"A", "B" or "C".</param>
    /// <returns>The entry.</returns>
    /// <exception cref="ArgumentException">No such bus phase.</exception>
    public NodePhaseVoltage Voltage(string bus, string phase) =>
        Voltages.FirstOrDefault(v => v.Bus == bus && string.Equals(v.Phase, phase, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"bus '{bus}' phase '{phase}' is not in the result", nameof(bus));

    /// <summary>Builds a result from a solved workspace.</summary>
    /// <param name="ws">The workspace.</param>
    /// <param name="status">The status of the solve.</param>
    /// <returns>The result.</returns>
    public static ThreePhasePowerFlowResult From(ThreePhaseWorkspace ws, ThreePhaseSolveStatus status)
    {
        ArgumentNullException.ThrowIfNull(ws);
        var f = ws.Feeder;
        var v = ws.V;
        var voltages = new List<NodePhaseVoltage>();
        for (var n = 0; n < f.NodeCount; n++)
        {
            for (var p = 0; p < 3; p++)
            {
                if (!f.NodePhaseArray[n].Has(p))
                {
                    continue;
                }

                var x = v[n * 3 + p];
                voltages.Add(new NodePhaseVoltage(f.NodeIdArray[n], PhaseSets.Letter(p), x.Magnitude / f.BaseLn[n], x.Phase * 180.0 / Math.PI, x, f.NodeInternal[n]));
            }
        }

        var branches = new List<BranchPhaseFlow>();
        var lossKw = new double[3];
        var lossKvar = new double[3];
        Span<Complex> iin = stackalloc Complex[3];
        Span<Complex> iout = stackalloc Complex[3];
        for (var k = 0; k < f.BranchCount; k++)
        {
            BranchCurrents(ws, k, iin, iout);
            var fo = f.From[k] * 3;
            var to = f.To[k] * 3;
            for (var p = 0; p < 3; p++)
            {
                if (!f.BranchPhaseArray[k].Has(p))
                {
                    continue;
                }

                var loss = (v[fo + p] * Complex.Conjugate(iin[p]) - v[to + p] * Complex.Conjugate(iout[p])) / 1000.0;
                lossKw[p] += loss.Real;
                lossKvar[p] += loss.Imaginary;
                branches.Add(new BranchPhaseFlow(
                    f.BranchNames[k], f.Kinds[k], f.NodeIdArray[f.From[k]], f.NodeIdArray[f.To[k]], PhaseSets.Letter(p),
                    iin[p].Magnitude, Deg(iin[p]), iout[p].Magnitude, Deg(iout[p]), loss.Real, loss.Imaginary));
            }
        }

        var inputKw = new double[3];
        var inputKvar = new double[3];
        for (var p = 0; p < 3; p++)
        {
            var s = v[p] * Complex.Conjugate(ws.SourceCurrent[p]) / 1000.0;
            inputKw[p] = s.Real;
            inputKvar[p] = s.Imaginary;
        }

        var capKvar = new double[3];
        for (var i = 0; i < f.CapNode.Length; i++)
        {
            var x = v[f.CapNode[i] * 3 + f.CapPhase[i]];
            capKvar[f.CapPhase[i]] += x.Magnitude * x.Magnitude * f.CapSiemens[i] / 1000.0;
        }

        var loadKw = new double[3];
        var loadKvar = new double[3];
        for (var i = 0; i < f.Loads.Length; i++)
        {
            var l = f.Loads[i];
            var o = l.Node * 3;
            var current = ThreePhaseSweepSolver.LoadCurrent(l, ws.LoadCoefficients[i], v, o);
            var s1 = v[o + l.Phase] * Complex.Conjugate(current) / 1000.0;
            loadKw[l.Phase] += s1.Real;
            loadKvar[l.Phase] += s1.Imaginary;
            if (l.Model.Connection == LoadConnection.Delta)
            {
                var q = (l.Phase + 1) % 3;
                var s2 = -v[o + q] * Complex.Conjugate(current) / 1000.0;
                loadKw[q] += s2.Real;
                loadKvar[q] += s2.Imaginary;
            }
        }

        var taps = new List<RegulatorTap>();
        for (var r = 0; r < f.RegulatorArray.Length; r++)
        {
            for (var p = 0; p < 3; p++)
            {
                var reg = f.RegulatorArray[r];
                if (reg.Phases.Has(p))
                {
                    var (low, high) = reg.Control is { } c ? c.Band(p) : (double.NaN, double.NaN);
                    taps.Add(new RegulatorTap(reg.Name, PhaseSets.Letter(p), ws.Taps[r * 3 + p], ws.RelayVolts[r * 3 + p], low, high));
                }
            }
        }

        var mismatchVa = ThreePhaseSweepSolver.MaxPowerMismatchVa(ws, new Complex[f.NodeCount * 3], new Complex[f.NodeCount * 3]);
        var mismatchPu = mismatchVa / (MismatchBaseKva * 1000.0);
        return new ThreePhasePowerFlowResult(f.Name, status, [.. voltages], [.. branches], [.. taps], inputKw, inputKvar, lossKw, lossKvar, capKvar, loadKw, loadKvar, mismatchPu);
    }

    private static double Deg(Complex x) => x == Complex.Zero ? 0.0 : x.Phase * 180.0 / Math.PI;

    /// <summary>Terminal currents of element k: I_in = d·J + Y/2·V_from, I_out = J − Y/2·V_to.</summary>
    internal static void BranchCurrents(ThreePhaseWorkspace ws, int k, Span<Complex> iin, Span<Complex> iout)
    {
        var f = ws.Feeder;
        var v = ws.V;
        var j = ws.J;
        var fo = f.From[k] * 3;
        var to = f.To[k] * 3;
        var m = k * 9;
        for (var p = 0; p < 3; p++)
        {
            Complex dj;
            if (f.Kinds[k] == ThreePhaseBranchKind.Regulator)
            {
                var r = f.RegulatorOfBranch[k];
                dj = j[k * 3 + p] * (1 + StepVoltageRegulator.StepPu * ws.Taps[r * 3 + p]);
            }
            else
            {
                dj = f.D[m + p * 3] * j[k * 3] + f.D[m + p * 3 + 1] * j[k * 3 + 1] + f.D[m + p * 3 + 2] * j[k * 3 + 2];
            }

            var y = f.YHalf;
            var ysFrom = y[m + p * 3] * v[fo] + y[m + p * 3 + 1] * v[fo + 1] + y[m + p * 3 + 2] * v[fo + 2];
            var ysTo = y[m + p * 3] * v[to] + y[m + p * 3 + 1] * v[to + 1] + y[m + p * 3 + 2] * v[to + 2];
            iin[p] = dj + ysFrom;
            iout[p] = j[k * 3 + p] - ysTo;
        }
    }
}
