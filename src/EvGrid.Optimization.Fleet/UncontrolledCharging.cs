namespace EvGrid.Optimization.Fleet;

/// <summary>
/// Uncontrolled ("disordered", plug-and-charge) charging: every EV charges at its rated power from plug-in until it
/// reaches its departure target, i.e. for T_cd = min(T_f, T_lim) (seed 002 §3; seed 000's disordered mode).
/// </summary>
public static class UncontrolledCharging
{
    /// <summary>
    /// Writes the plug-and-charge schedule of EV <paramref name="ev"/> into <paramref name="row"/>
    /// (kW per day slot; slots outside the session are set to 0). Allocation-free.
    /// </summary>
    /// <param name="timeline">Fleet on its slot grid.</param>
    /// <param name="ev">EV index.</param>
    /// <param name="row">The EV's row of T kW values.</param>
    public static void FillRow(FleetTimeline timeline, int ev, Span<double> row)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        row.Clear();
        var fleet = timeline.Fleet;
        var dt = timeline.SlotHours;
        var remaining = fleet.EnergyNeedKwh(ev) / fleet.EtaCharge[ev];
        var p = fleet.ChargeKw[ev];
        var n = timeline.SlotCount[ev];
        for (var k = 0; k < n && remaining > 1e-12; k++)
        {
            var e = Math.Min(p * timeline.Fraction(ev, k) * dt, remaining);
            row[timeline.DaySlot(ev, k)] = e / dt;
            remaining -= e;
        }
    }

    /// <summary>The plug-and-charge schedule of the whole fleet.</summary>
    /// <param name="timeline">Fleet on its slot grid.</param>
    /// <returns>A schedule with every EV charging as soon as it plugs in.</returns>
    public static ChargeSchedule Schedule(FleetTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var schedule = new ChargeSchedule(timeline);
        var t = timeline.SlotsPerDay;
        var kw = schedule.PowerKw;
        for (var i = 0; i < timeline.EvCount; i++)
        {
            FillRow(timeline, i, kw.Slice(i * t, t));
        }

        return schedule;
    }

    /// <summary>
    /// The uncontrolled load per bus and slot (kW, slot averages) without building a schedule: O(Σ T_cd/Δt).
    /// </summary>
    /// <param name="timeline">Fleet on its slot grid.</param>
    /// <param name="busCount">Number of buses (≥ the fleet's <see cref="EvFleet.BusCount"/>); null for the fleet's.</param>
    /// <returns>kW per bus and slot.</returns>
    public static LoadProfile Profile(FleetTimeline timeline, int? busCount = null)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var fleet = timeline.Fleet;
        var buses = busCount ?? fleet.BusCount;
        if (buses < fleet.BusCount)
        {
            throw new ArgumentException($"busCount {buses} is below the fleet's {fleet.BusCount} buses.", nameof(busCount));
        }

        var t = timeline.SlotsPerDay;
        var kw = new double[buses * t];
        AddProfile(timeline, kw);
        return new LoadProfile(buses, t, timeline.SlotHours, kw);
    }

    /// <summary>Adds the uncontrolled load into a caller-owned flat <c>[bus · T + slot]</c> array (kW). Allocation-free.</summary>
    /// <param name="timeline">Fleet on its slot grid.</param>
    /// <param name="kwByBusSlot">Destination; length ≥ BusCount · T.</param>
    public static void AddProfile(FleetTimeline timeline, Span<double> kwByBusSlot)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var fleet = timeline.Fleet;
        var t = timeline.SlotsPerDay;
        if (kwByBusSlot.Length < fleet.BusCount * t)
        {
            throw new ArgumentException($"Destination holds {kwByBusSlot.Length} values, expected at least {fleet.BusCount * t}.", nameof(kwByBusSlot));
        }

        var dt = timeline.SlotHours;
        var buses = fleet.Buses;
        var chargeKw = fleet.ChargeKw;
        var etaC = fleet.EtaCharge;
        for (var i = 0; i < fleet.Count; i++)
        {
            var remaining = fleet.EnergyNeedKwh(i) / etaC[i];
            var p = chargeKw[i];
            var n = timeline.SlotCount[i];
            var offset = buses[i] * t;
            for (var k = 0; k < n && remaining > 1e-12; k++)
            {
                var e = Math.Min(p * timeline.Fraction(i, k) * dt, remaining);
                kwByBusSlot[offset + timeline.DaySlot(i, k)] += e / dt;
                remaining -= e;
            }
        }
    }

    /// <summary>
    /// Simultaneity rate of the EV charging load, seed 000 eq. (2): β = max_t P_t^EV / (P_EV · N_EV). With a mix of
    /// charger ratings, P_EV · N_EV generalises to Σ_i P_i over the fleet's EVs.
    /// </summary>
    /// <param name="profile">EV load profile (kW).</param>
    /// <param name="fleet">The fleet that produced it.</param>
    /// <returns>β in [0, 1] (0 for an empty fleet).</returns>
    public static double SimultaneityRate(LoadProfile profile, EvFleet fleet)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(fleet);
        var rated = 0.0;
        foreach (var p in fleet.ChargeKw)
        {
            rated += p;
        }

        return rated == 0 ? 0 : profile.PeakKw / rated;
    }
}
