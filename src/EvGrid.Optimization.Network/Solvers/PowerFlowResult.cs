using System.Collections.ObjectModel;

namespace EvGrid.Optimization.Network;

/// <summary>Flow on one in-service branch, at the sending (from) and receiving (to) ends.</summary>
/// <param name="BranchIndex">Index in <see cref="PowerNetwork.Branches"/>.</param>
/// <param name="FromBus">Sending-end bus id.</param>
/// <param name="ToBus">Receiving-end bus id.</param>
/// <param name="CurrentPu">Magnitude of the series current in pu.</param>
/// <param name="CurrentA">Magnitude of the series current in A (current base of the from bus).</param>
/// <param name="PFromKw">Active power entering the branch at the from end, kW.</param>
/// <param name="QFromKvar">Reactive power entering the branch at the from end, kVAr.</param>
/// <param name="PToKw">Active power entering the branch at the to end, kW (negative when power flows from → to).</param>
/// <param name="QToKvar">Reactive power entering the branch at the to end, kVAr.</param>
public sealed record BranchFlow(
    int BranchIndex,
    int FromBus,
    int ToBus,
    double CurrentPu,
    double CurrentA,
    double PFromKw,
    double QFromKvar,
    double PToKw,
    double QToKvar)
{
    /// <summary>Active loss in the branch, kW.</summary>
    public double LossKw => PFromKw + PToKw;

    /// <summary>Reactive loss in the branch, kVAr (series I²X minus charging).</summary>
    public double LossKvar => QFromKvar + QToKvar;
}

/// <summary>
/// The outcome of a power flow: status, bus voltages (in <see cref="PowerNetwork.Buses"/> order), branch flows and
/// totals. A result that did not converge says so (<see cref="Converged"/> is false) and its values must not be used
/// as a solution.
/// </summary>
public sealed class PowerFlowResult
{
    internal PowerFlowResult(
        PowerNetwork network,
        string solver,
        PowerFlowStatus status,
        int iterations,
        double maxMismatchPu,
        double[] vmPu,
        double[] vaDeg,
        BranchFlow[] branches,
        double slackPKw,
        double slackQKvar,
        double loadPKw,
        double loadQKvar)
    {
        Network = network;
        Solver = solver;
        Status = status;
        Iterations = iterations;
        MaxMismatchPu = maxMismatchPu;
        VoltageMagnitudesPu = new ReadOnlyCollection<double>(vmPu);
        VoltageAnglesDeg = new ReadOnlyCollection<double>(vaDeg);
        Branches = new ReadOnlyCollection<BranchFlow>(branches);
        LossesKw = branches.Sum(b => b.LossKw);
        LossesKvar = branches.Sum(b => b.LossKvar);
        SlackPKw = slackPKw;
        SlackQKvar = slackQKvar;
        LoadPKw = loadPKw;
        LoadQKvar = loadQKvar;
        var min = 0;
        for (var i = 1; i < vmPu.Length; i++)
        {
            if (vmPu[i] < vmPu[min])
            {
                min = i;
            }
        }

        MinVoltagePu = vmPu[min];
        MinVoltageBusId = network.Buses[min].Id;
    }

    /// <summary>The network solved.</summary>
    public PowerNetwork Network { get; }

    /// <summary>Name of the solver (<c>sweep</c>, <c>newton</c>).</summary>
    public string Solver { get; }

    /// <summary>How the run ended.</summary>
    public PowerFlowStatus Status { get; }

    /// <summary>True when the tolerance was met.</summary>
    public bool Converged => Status == PowerFlowStatus.Converged;

    /// <summary>Iterations performed (sweeps, or Newton linear solves).</summary>
    public int Iterations { get; }

    /// <summary>
    /// Largest mismatch at the end in pu: the largest bus power mismatch for Newton–Raphson, the largest voltage change
    /// of the last sweep for the backward/forward sweep.
    /// </summary>
    public double MaxMismatchPu { get; }

    /// <summary>Bus voltage magnitudes in pu, in <see cref="PowerNetwork.Buses"/> order.</summary>
    public IReadOnlyList<double> VoltageMagnitudesPu { get; }

    /// <summary>Bus voltage angles in degrees (slack at 0°), in <see cref="PowerNetwork.Buses"/> order.</summary>
    public IReadOnlyList<double> VoltageAnglesDeg { get; }

    /// <summary>Flows of the in-service branches, in <see cref="PowerNetwork.Branches"/> order.</summary>
    public IReadOnlyList<BranchFlow> Branches { get; }

    /// <summary>Total active losses in kW (sum of branch losses).</summary>
    public double LossesKw { get; }

    /// <summary>Total reactive losses in kVAr (series I²X minus line charging).</summary>
    public double LossesKvar { get; }

    /// <summary>Active power supplied by the slack bus, kW.</summary>
    public double SlackPKw { get; }

    /// <summary>Reactive power supplied by the slack bus, kVAr.</summary>
    public double SlackQKvar { get; }

    /// <summary>Active power drawn by loads and shunts at the solved voltages, less generation, kW.</summary>
    public double LoadPKw { get; }

    /// <summary>Reactive power drawn by loads and shunts at the solved voltages, less generation, kVAr.</summary>
    public double LoadQKvar { get; }

    /// <summary>Lowest bus voltage magnitude, pu.</summary>
    public double MinVoltagePu { get; }

    /// <summary>Id of the bus with the lowest voltage.</summary>
    public int MinVoltageBusId { get; }

    /// <summary>Voltage magnitude in pu at the bus with this id.</summary>
    /// <param name="busId">A bus id.</param>
    /// <returns>|V| in pu.</returns>
    public double VoltageMagnitudePu(int busId) => VoltageMagnitudesPu[Network.IndexOf(busId)];

    /// <summary>Voltage angle in degrees at the bus with this id.</summary>
    /// <param name="busId">A bus id.</param>
    /// <returns>Angle in degrees.</returns>
    public double VoltageAngleDeg(int busId) => VoltageAnglesDeg[Network.IndexOf(busId)];

    /// <summary>Computes the full result from the bus voltages (rectangular, pu, bus order).</summary>
    internal static PowerFlowResult FromVoltages(
        PowerNetwork network, string solver, PowerFlowStatus status, int iterations, double maxMismatchPu,
        ReadOnlySpan<double> vr, ReadOnlySpan<double> vi)
    {
        var n = network.BusCount;
        var vm = new double[n];
        var va = new double[n];
        for (var i = 0; i < n; i++)
        {
            vm[i] = Math.Sqrt((vr[i] * vr[i]) + (vi[i] * vi[i]));
            va[i] = Math.Atan2(vi[i], vr[i]) * 180.0 / Math.PI;
        }

        var sb = network.BaseKva;
        var m = network.BranchFrom.Length;
        var flows = new BranchFlow[m];

        // Net injection of every bus = sum of flows leaving it (series + charging) + its own shunt draw.
        var injP = new double[n];
        var injQ = new double[n];
        for (var k = 0; k < m; k++)
        {
            int f = network.BranchFrom[k], t = network.BranchTo[k];
            double r = network.BranchR[k], x = network.BranchX[k], hb = network.BranchB[k] / 2;
            var d = (r * r) + (x * x);
            double dr = vr[f] - vr[t], di = vi[f] - vi[t];

            // I = (Vf - Vt) / (r + jx) = (Vf - Vt)(r - jx) / d
            var ir = ((dr * r) + (di * x)) / d;
            var ii = ((di * r) - (dr * x)) / d;

            // Currents leaving each end including half the charging: If = I + j hb Vf, It = -I + j hb Vt.
            double ifr = ir - (hb * vi[f]), ifi = ii + (hb * vr[f]);
            double itr = -ir - (hb * vi[t]), iti = -ii + (hb * vr[t]);
            double pf = (vr[f] * ifr) + (vi[f] * ifi), qf = (vi[f] * ifr) - (vr[f] * ifi);
            double pt = (vr[t] * itr) + (vi[t] * iti), qt = (vi[t] * itr) - (vr[t] * iti);
            injP[f] += pf;
            injQ[f] += qf;
            injP[t] += pt;
            injQ[t] += qt;
            var src = network.BranchSource[k];
            var br = network.Branches[src];
            var imag = Math.Sqrt((ir * ir) + (ii * ii));
            var ibase = PerUnit.CurrentBaseA(network.Buses[f].BaseKv, sb);
            flows[k] = new BranchFlow(src, br.FromBus, br.ToBus, imag, imag * ibase, pf * sb, qf * sb, pt * sb, qt * sb);
        }

        double loadP = 0, loadQ = 0;
        for (var i = 0; i < n; i++)
        {
            var v2 = vm[i] * vm[i];
            loadP += network.PConstantPower[i] + (network.PConstantCurrent[i] * vm[i]) + (network.ShuntG[i] * v2);
            loadQ += network.QConstantPower[i] + (network.QConstantCurrent[i] * vm[i]) - (network.ShuntB[i] * v2);
        }

        var s = network.SlackIndex;
        var v2s = vm[s] * vm[s];
        var slackP = injP[s] + network.PConstantPower[s] + (network.PConstantCurrent[s] * vm[s]) + (network.ShuntG[s] * v2s);
        var slackQ = injQ[s] + network.QConstantPower[s] + (network.QConstantCurrent[s] * vm[s]) - (network.ShuntB[s] * v2s);
        return new PowerFlowResult(network, solver, status, iterations, maxMismatchPu, vm, va, flows,
            slackP * sb, slackQ * sb, loadP * sb, loadQ * sb);
    }
}
