using System.Globalization;

namespace EvGrid.Optimization.Fleet;

/// <summary>The three kinds of EV cluster of seed 002 §3.</summary>
public enum EvClusterKind
{
    /// <summary>Owners unwilling to take part in V2G (and types not scheduled in V2G): plug-and-charge.</summary>
    Unwilling = 0,

    /// <summary>Willing, but T_f ≥ T_lim: no room to shift or discharge, so plug-and-charge.</summary>
    Inflexible = 1,

    /// <summary>Willing and flexible: scheduled by the cluster's timing variables.</summary>
    Willing = 2,
}

/// <summary>
/// A group of EVs scheduled alike. Willing clusters share the key (T_start, T_e, T_end) in whole bins (1 h by
/// default): plug-in hour bin, required-charging-time bin ⌊T_f / bin⌋ and plug-out hour bin (seed 002 §3, step 3:
/// "connected 18:00–19:00, charging three to four hours, off grid at 7:00").
/// </summary>
/// <param name="Index">Position in <see cref="ClusterScheduler.Clusters"/>.</param>
/// <param name="Kind">Cluster kind.</param>
/// <param name="StartBin">Plug-in time bin ⌊arrival / bin⌋ (−1 for the unwilling and inflexible clusters).</param>
/// <param name="ChargeBin">Required charging time bin ⌊T_f / bin⌋ (−1 for the unwilling and inflexible clusters).</param>
/// <param name="EndBin">Plug-out time bin ⌊(departure mod 24) / bin⌋ (−1 for the unwilling and inflexible clusters).</param>
/// <param name="Members">Fleet indices of the member EVs.</param>
/// <param name="MaxPlugInHours">Longest T_total among the members (h): the upper bound of each timing variable.</param>
public sealed record EvCluster(int Index, EvClusterKind Kind, int StartBin, int ChargeBin, int EndBin, IReadOnlyList<int> Members, double MaxPlugInHours);

/// <summary>
/// Seed 002 Figure 2 timing of one cluster (h, measured from each member's own plug-in): wait
/// <see cref="DelayHours"/>, charge for <see cref="ChargeHours"/>, wait <see cref="Delay2Hours"/>, discharge for
/// <see cref="DischargeHours"/>, wait <see cref="Delay3Hours"/>, charge again for <see cref="Charge2Hours"/>.
/// </summary>
/// <param name="DelayHours">T_delay: delay before the first charge.</param>
/// <param name="ChargeHours">T_e: first charging time.</param>
/// <param name="Delay2Hours">T_delay2: delay between the first charge and the discharge.</param>
/// <param name="DischargeHours">T_e2: discharging time.</param>
/// <param name="Delay3Hours">T_delay3: delay between the discharge and the second charge.</param>
/// <param name="Charge2Hours">T_e3: second charging time.</param>
public readonly record struct ClusterTiming(double DelayHours, double ChargeHours, double Delay2Hours, double DischargeHours, double Delay3Hours, double Charge2Hours)
{
    /// <summary>Decision variables per cluster.</summary>
    public const int VariableCount = 6;

    /// <summary>Left side of seed 002 eq. (30): T_delay + T_e + T_delay2 + T_e2 + T_delay3 + T_e3 (h).</summary>
    public double TotalHours => DelayHours + ChargeHours + Delay2Hours + DischargeHours + Delay3Hours + Charge2Hours;

    /// <summary>Reads six variables in the order T_delay, T_e, T_delay2, T_e2, T_delay3, T_e3.</summary>
    /// <param name="x">At least six values (h).</param>
    /// <returns>The timing.</returns>
    public static ClusterTiming From(ReadOnlySpan<double> x)
    {
        if (x.Length < VariableCount)
        {
            throw new ArgumentException($"A cluster timing needs {VariableCount} values, got {x.Length}.", nameof(x));
        }

        return new ClusterTiming(x[0], x[1], x[2], x[3], x[4], x[5]);
    }

    /// <summary>
    /// Enforces seed 002 eq. (30) for a session of <paramref name="totalHours"/>: negative values become 0 and the
    /// phases are cut, last first, where the running sum passes T_total.
    /// </summary>
    /// <param name="totalHours">T_total (h).</param>
    /// <returns>A timing whose <see cref="TotalHours"/> ≤ T_total.</returns>
    public ClusterTiming Clamp(double totalHours)
    {
        var left = Math.Max(0, totalHours);
        double Take(double v)
        {
            var x = Math.Min(Math.Max(0, double.IsFinite(v) ? v : 0), left);
            left -= x;
            return x;
        }

        var a = Take(DelayHours);
        var b = Take(ChargeHours);
        var c = Take(Delay2Hours);
        var d = Take(DischargeHours);
        var e = Take(Delay3Hours);
        var f = Take(Charge2Hours);
        return new ClusterTiming(a, b, c, d, e, f);
    }
}

/// <summary>
/// Seed 002 EV cluster scheduling: divides the fleet into unwilling, willing-but-inflexible and willing clusters and
/// decodes per-cluster timing variables (Figure 2) into per-EV charge/discharge schedules.
/// </summary>
/// <remarks>
/// <para>Decoding, per member EV with session of n steps on the slot grid: each timing variable is clamped to
/// eq. (30) for the EV's own T_total (<see cref="ClusterTiming.Clamp"/>) and rounded to whole slots; the six phases
/// then occupy consecutive steps from plug-in (so no phase leaves the session). First charge: rated power times the
/// plugged-in share, stopping at the SOC ceiling. Discharge (only when the first charge phase holds at least one
/// step, so never before the first charge, and at most one block a day): rated V2G power, stopping at
/// max(SOC floor, SOC_ex − what full-power charging after the discharge block can still add), so eqs. (28)–(29)
/// stay reachable. Second charge: rated power, stopping at the ceiling. If the SOC at plug-out is still below the
/// departure target (eq. (29), read as SOC_end ≥ SOC_ex), the shortfall is charged in the cheapest slots outside
/// the discharge block (the repair operator's fill), which keeps a single discharge block.</para>
/// <para>Unwilling and inflexible EVs charge plug-and-charge (<see cref="UncontrolledCharging"/>).</para>
/// </remarks>
public sealed class ClusterScheduler
{
    private readonly int[] _clusterOf;
    private readonly List<EvCluster> _clusters;
    private readonly EvCluster[] _willing;

    /// <summary>Divides the fleet into clusters.</summary>
    /// <param name="timeline">Fleet on its slot grid.</param>
    /// <param name="binHours">Width of the T_start / T_e / T_end bins (h). Default 1 h.</param>
    public ClusterScheduler(FleetTimeline timeline, double binHours = 1.0)
    {
        Timeline = timeline ?? throw new ArgumentNullException(nameof(timeline));
        if (!(binHours > 0 && binHours <= 24))
        {
            throw new ArgumentException($"binHours must lie in (0, 24], got {binHours}.", nameof(binHours));
        }

        BinHours = binHours;
        var fleet = timeline.Fleet;
        _clusterOf = new int[fleet.Count];
        var unwilling = new List<int>();
        var inflexible = new List<int>();
        var willing = new SortedDictionary<(int, int, int), List<int>>();
        for (var i = 0; i < fleet.Count; i++)
        {
            var ev = fleet[i];
            if (!ev.V2g || ev.DischargeKw <= 0)
            {
                unwilling.Add(i);
            }
            else if (ev.ChargingHours >= ev.PlugInHours)
            {
                inflexible.Add(i);
            }
            else
            {
                var key = ((int)Math.Floor(ev.ArrivalHour / binHours), (int)Math.Floor(ev.ChargingHours / binHours),
                    (int)Math.Floor(ev.DepartureHour % 24.0 / binHours));
                if (!willing.TryGetValue(key, out var members))
                {
                    willing[key] = members = [];
                }

                members.Add(i);
            }
        }

        _clusters = [];
        double MaxHours(List<int> members) => members.Count == 0 ? 0 : members.Max(m => fleet[m].PlugInHours);
        void AddCluster(EvClusterKind kind, (int, int, int) key, List<int> members)
        {
            var c = new EvCluster(_clusters.Count, kind, key.Item1, key.Item2, key.Item3, members, MaxHours(members));
            foreach (var m in members)
            {
                _clusterOf[m] = c.Index;
            }

            _clusters.Add(c);
        }

        AddCluster(EvClusterKind.Unwilling, (-1, -1, -1), unwilling);
        AddCluster(EvClusterKind.Inflexible, (-1, -1, -1), inflexible);
        foreach (var (key, members) in willing)
        {
            AddCluster(EvClusterKind.Willing, key, members);
        }

        _willing = [.. _clusters.Where(c => c.Kind == EvClusterKind.Willing)];
    }

    /// <summary>The fleet on its slot grid.</summary>
    public FleetTimeline Timeline { get; }

    /// <summary>Bin width of the cluster keys (h).</summary>
    public double BinHours { get; }

    /// <summary>All clusters: index 0 unwilling, 1 inflexible, then the willing clusters by key.</summary>
    public IReadOnlyList<EvCluster> Clusters => _clusters;

    /// <summary>The willing clusters, in decision-vector order.</summary>
    public IReadOnlyList<EvCluster> WillingClusters => _willing;

    /// <summary>Length of the decision vector: six timing variables per willing cluster.</summary>
    public int VariableCount => _willing.Length * ClusterTiming.VariableCount;

    /// <summary>Cluster index of EV <paramref name="ev"/>.</summary>
    /// <param name="ev">EV index.</param>
    /// <returns>Index into <see cref="Clusters"/>.</returns>
    public int ClusterOf(int ev) => _clusterOf[ev];

    /// <summary>Bounds of the decision vector: every timing variable in [0, the cluster's longest T_total] (h).</summary>
    /// <param name="lower">Lower bounds (length <see cref="VariableCount"/>).</param>
    /// <param name="upper">Upper bounds (length <see cref="VariableCount"/>).</param>
    public void Bounds(Span<double> lower, Span<double> upper)
    {
        if (lower.Length != VariableCount || upper.Length != VariableCount)
        {
            throw new ArgumentException($"Bounds need {VariableCount} values each, got {lower.Length} and {upper.Length}.");
        }

        for (var c = 0; c < _willing.Length; c++)
        {
            for (var v = 0; v < ClusterTiming.VariableCount; v++)
            {
                lower[c * ClusterTiming.VariableCount + v] = 0;
                upper[c * ClusterTiming.VariableCount + v] = _willing[c].MaxPlugInHours;
            }
        }
    }

    /// <summary>
    /// A decision vector close to plug-and-charge for every willing cluster: (0, T_e, 0, 0, 0, 0) with T_e the upper
    /// edge of the cluster's charging-time bin (charge at once, no discharge) — a warm start for an optimizer.
    /// </summary>
    /// <param name="variables">Destination (length <see cref="VariableCount"/>).</param>
    public void PlugAndChargeTiming(Span<double> variables)
    {
        if (variables.Length != VariableCount)
        {
            throw new ArgumentException($"The decision vector needs {VariableCount} values, got {variables.Length}.", nameof(variables));
        }

        variables.Clear();
        for (var c = 0; c < _willing.Length; c++)
        {
            variables[c * ClusterTiming.VariableCount + 1] = Math.Min((_willing[c].ChargeBin + 1) * BinHours, _willing[c].MaxPlugInHours);
        }
    }

    /// <summary>
    /// Decodes a decision vector (six timing variables per willing cluster, in <see cref="WillingClusters"/>
    /// order) into <paramref name="schedule"/>. Allocation-free; every row of the schedule is overwritten.
    /// </summary>
    /// <param name="variables">T_delay, T_e, T_delay2, T_e2, T_delay3, T_e3 per willing cluster (h).</param>
    /// <param name="schedule">Destination schedule on this scheduler's timeline.</param>
    /// <param name="slotCost">Cost per day slot for the shortfall fill (cheapest first), or empty for session order.</param>
    /// <param name="workspace">Scratch space for this thread.</param>
    public void Decode(ReadOnlySpan<double> variables, ChargeSchedule schedule, ReadOnlySpan<double> slotCost, ScheduleRepairWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(workspace);
        if (!ReferenceEquals(schedule.Timeline, Timeline))
        {
            throw new ArgumentException("The schedule belongs to a different fleet timeline.", nameof(schedule));
        }

        if (variables.Length != VariableCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The decision vector holds {variables.Length} values, expected {VariableCount} (6 per willing cluster × {_willing.Length})."), nameof(variables));
        }

        if (workspace.SlotsPerDay != Timeline.SlotsPerDay)
        {
            throw new ArgumentException($"Workspace serves {workspace.SlotsPerDay} slots per day, the schedule has {Timeline.SlotsPerDay}.", nameof(workspace));
        }

        workspace.PrepareOrder(slotCost);
        for (var c = 0; c < _clusters.Count; c++)
        {
            var cluster = _clusters[c];
            if (cluster.Kind != EvClusterKind.Willing)
            {
                var members = cluster.Members;
                for (var m = 0; m < members.Count; m++)
                {
                    UncontrolledCharging.FillRow(Timeline, members[m], schedule.Row(members[m]));
                }
            }
        }

        for (var w = 0; w < _willing.Length; w++)
        {
            var timing = ClusterTiming.From(variables.Slice(w * ClusterTiming.VariableCount, ClusterTiming.VariableCount));
            var members = _willing[w].Members;
            for (var m = 0; m < members.Count; m++)
            {
                DecodeEv(timing, schedule, members[m], workspace);
            }
        }
    }

    /// <summary>
    /// Decodes the members of one willing cluster from a timing, writing only their rows of
    /// <paramref name="schedule"/> (the other rows are left as they are). Allocation-free. Lets a caller tabulate each
    /// cluster's load for a set of candidate timings once and combine the tables afterwards (seed 002 §4.2).
    /// </summary>
    /// <param name="willingIndex">Index into <see cref="WillingClusters"/>.</param>
    /// <param name="timing">The cluster's timing (h).</param>
    /// <param name="schedule">Destination schedule on this scheduler's timeline.</param>
    /// <param name="slotCost">Cost per day slot for the shortfall fill (cheapest first), or empty for session order.</param>
    /// <param name="workspace">Scratch space for this thread.</param>
    public void DecodeCluster(int willingIndex, ClusterTiming timing, ChargeSchedule schedule, ReadOnlySpan<double> slotCost, ScheduleRepairWorkspace workspace)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(workspace);
        if ((uint)willingIndex >= (uint)_willing.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(willingIndex), willingIndex, $"there are {_willing.Length} willing clusters.");
        }

        if (!ReferenceEquals(schedule.Timeline, Timeline))
        {
            throw new ArgumentException("The schedule belongs to a different fleet timeline.", nameof(schedule));
        }

        if (workspace.SlotsPerDay != Timeline.SlotsPerDay)
        {
            throw new ArgumentException($"Workspace serves {workspace.SlotsPerDay} slots per day, the schedule has {Timeline.SlotsPerDay}.", nameof(workspace));
        }

        workspace.PrepareOrder(slotCost);
        var members = _willing[willingIndex].Members;
        for (var m = 0; m < members.Count; m++)
        {
            DecodeEv(timing, schedule, members[m], workspace);
        }
    }

    /// <summary>Decodes one EV's row from a cluster timing (see the class remarks).</summary>
    internal void DecodeEv(ClusterTiming timing, ChargeSchedule schedule, int ev, ScheduleRepairWorkspace ws)
    {
        var timeline = Timeline;
        var fleet = timeline.Fleet;
        var dt = timeline.SlotHours;
        var n = timeline.SlotCount[ev];
        var row = schedule.Row(ev);
        row.Clear();
        var x = timing.Clamp(fleet.DepartureHours[ev] - fleet.ArrivalHours[ev]);
        var a0 = Math.Min(n, Steps(x.DelayHours, dt));
        var a1 = Math.Min(n, a0 + Steps(x.ChargeHours, dt));
        var a2 = Math.Min(n, a1 + Steps(x.Delay2Hours, dt));
        var a3 = Math.Min(n, a2 + Steps(x.DischargeHours, dt));
        var a4 = Math.Min(n, a3 + Steps(x.Delay3Hours, dt));
        var a5 = Math.Min(n, a4 + Steps(x.Charge2Hours, dt));
        if (a1 == a0)
        {
            a3 = a2; // no discharge before a first charge
        }

        var e = fleet.BatteryKwh[ev];
        var pc = fleet.ChargeKw[ev];
        var pd = fleet.DischargeKw[ev];
        var chargeGain = fleet.EtaCharge[ev] * dt / e;
        var dischargeLoss = dt / (fleet.EtaDischarge[ev] * e);
        var floor = fleet.SocFloor(ev);
        var ceiling = fleet.SocCeiling(ev);
        var target = fleet.SocDepartureMin[ev];

        // What full-power charging after the discharge block can still add (SOC).
        var reachable = 0.0;
        for (var k = a3; k < n; k++)
        {
            reachable += pc * timeline.Fraction(ev, k) * chargeGain;
        }

        var dischargeFloor = Math.Max(floor, target - reachable);
        var soc = ws.Soc;
        var s = fleet.SocArrival[ev];
        soc[0] = s;
        var firstDischarge = -1;
        var lastDischarge = -2;
        for (var k = 0; k < n; k++)
        {
            var p = 0.0;
            if ((k >= a0 && k < a1) || (k >= a4 && k < a5))
            {
                p = Math.Max(0, Math.Min(pc * timeline.Fraction(ev, k), (ceiling - s) / chargeGain));
            }
            else if (k >= a2 && k < a3 && s > dischargeFloor)
            {
                p = -Math.Min(pd * timeline.Fraction(ev, k), (s - dischargeFloor) / dischargeLoss);
                if (firstDischarge < 0)
                {
                    firstDischarge = k;
                }

                lastDischarge = k;
            }

            row[timeline.DaySlot(ev, k)] = p;
            s += p >= 0 ? p * chargeGain : p * dischargeLoss;
            soc[k + 1] = s;
        }

        var deficit = target - s;
        if (deficit <= 1e-12)
        {
            return;
        }

        var change = 0.0;
        deficit = ScheduleRepairer.FillDeficit(row, timeline, ev, n, deficit, ws, firstDischarge < 0 ? -1 : firstDischarge, lastDischarge, ceiling, ref change);
        if (deficit > 1e-10)
        {
            UncontrolledCharging.FillRow(timeline, ev, row);
        }
    }

    private static int Steps(double hours, double slotHours) => (int)Math.Round(hours / slotHours, MidpointRounding.AwayFromZero);
}
