namespace EvGrid.Optimization.Fleet;

/// <summary>
/// Battery SOC along an EV's plug-in session under a schedule (seed 000 eq. (15); seed 002 eq. (28)):
/// <c>SOC_{k+1} = SOC_k + (P⁺_k·η_c − P⁻_k/η_d)·Δt / E</c>, P⁺ = max(P, 0), P⁻ = max(−P, 0), starting from the
/// SOC at arrival. Values are in session order: index 0 is at plug-in, index n at plug-out.
/// </summary>
public static class SocTrajectory
{
    /// <summary>Battery-side energy change (kWh) of one slot at grid power <paramref name="powerKw"/>.</summary>
    /// <param name="powerKw">Grid-side power (kW, + charge, − discharge).</param>
    /// <param name="etaCharge">η_c.</param>
    /// <param name="etaDischarge">η_d.</param>
    /// <param name="slotHours">Δt (h).</param>
    /// <returns>kWh added to (+) or taken from (−) the battery.</returns>
    public static double BatteryKwh(double powerKw, double etaCharge, double etaDischarge, double slotHours)
        => (powerKw >= 0 ? powerKw * etaCharge : powerKw / etaDischarge) * slotHours;

    /// <summary>
    /// Writes EV <paramref name="ev"/>'s SOC at each step boundary into <paramref name="soc"/> (length ≥ steps + 1)
    /// and returns the SOC at departure. Allocation-free; the schedule is not clipped.
    /// </summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="ev">EV index.</param>
    /// <param name="soc">Destination, at least <see cref="FleetTimeline.SlotCount"/>[ev] + 1 long.</param>
    /// <returns>SOC at plug-out.</returns>
    public static double Compute(ChargeSchedule schedule, int ev, Span<double> soc)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        var n = timeline.SlotCount[ev];
        if (soc.Length < n + 1)
        {
            throw new ArgumentException($"soc holds {soc.Length} values, EV {fleet.Ids[ev]} needs {n + 1}.", nameof(soc));
        }

        var row = schedule.Row(ev);
        var e = fleet.BatteryKwh[ev];
        var etaC = fleet.EtaCharge[ev];
        var etaD = fleet.EtaDischarge[ev];
        var dt = timeline.SlotHours;
        var s = fleet.SocArrival[ev];
        soc[0] = s;
        for (var k = 0; k < n; k++)
        {
            s += BatteryKwh(row[timeline.DaySlot(ev, k)], etaC, etaD, dt) / e;
            soc[k + 1] = s;
        }

        return s;
    }

    /// <summary>EV <paramref name="ev"/>'s SOC trajectory as a new array (steps + 1 values).</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="ev">EV index.</param>
    /// <returns>SOC at plug-in, after each step, …, at plug-out.</returns>
    public static double[] Compute(ChargeSchedule schedule, int ev)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var soc = new double[schedule.Timeline.SlotCount[ev] + 1];
        Compute(schedule, ev, soc);
        return soc;
    }

    /// <summary>SOC at plug-out of EV <paramref name="ev"/>. Allocation-free.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="ev">EV index.</param>
    /// <returns>SOC at departure.</returns>
    public static double FinalSoc(ChargeSchedule schedule, int ev)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        var row = schedule.Row(ev);
        var s = fleet.SocArrival[ev];
        for (var k = 0; k < timeline.SlotCount[ev]; k++)
        {
            s += BatteryKwh(row[timeline.DaySlot(ev, k)], fleet.EtaCharge[ev], fleet.EtaDischarge[ev], timeline.SlotHours) / fleet.BatteryKwh[ev];
        }

        return s;
    }
}
