using System.Globalization;

namespace EvGrid.Optimization.Fleet;

/// <summary>Which constraint a schedule breaks.</summary>
public enum ScheduleConstraint
{
    /// <summary>Non-zero power while the EV is not plugged in.</summary>
    OutsidePlugInWindow = 0,

    /// <summary>Charging power above the rated power times the plugged-in share of the slot.</summary>
    ChargePowerLimit = 1,

    /// <summary>Discharging power above the rated V2G power times the plugged-in share of the slot.</summary>
    DischargePowerLimit = 2,

    /// <summary>Discharge by an EV whose owner does not take part in V2G.</summary>
    DischargeWithoutV2g = 3,

    /// <summary>SOC below the floor, seed 000 eq. (15) / seed 002 eq. (28).</summary>
    SocBelowMinimum = 4,

    /// <summary>SOC above the ceiling, seed 000 eqs. (15)–(16) / seed 002 eq. (28).</summary>
    SocAboveMaximum = 5,

    /// <summary>SOC at departure below the user's minimum, seed 000 eq. (16) / seed 002 eq. (29).</summary>
    DepartureSocBelowTarget = 6,

    /// <summary>A power that is not a finite number (NaN or infinite).</summary>
    NonFinitePower = 7,
}

/// <summary>One broken constraint: which EV, which slot, which bound, by how much.</summary>
/// <param name="EvIndex">Position of the EV in the fleet.</param>
/// <param name="EvId">The EV's identifier.</param>
/// <param name="Slot">Day slot (for SOC bounds: the slot at whose end the SOC is measured).</param>
/// <param name="SlotHours">Slot length (h), for the message.</param>
/// <param name="Constraint">The constraint.</param>
/// <param name="Value">The offending value (kW or SOC).</param>
/// <param name="Bound">The bound it breaks (kW or SOC).</param>
public sealed record ScheduleViolation(int EvIndex, int EvId, int Slot, double SlotHours, ScheduleConstraint Constraint, double Value, double Bound)
{
    /// <summary>A one-line description, e.g. "EV 12, slot 19 (19:00–20:00): SOC 0.0821 below the minimum 0.1000 (seed 000 eq. (15))".</summary>
    /// <returns>The message.</returns>
    public override string ToString()
    {
        var from = TimeSpan.FromHours(Slot * SlotHours);
        var to = TimeSpan.FromHours((Slot + 1) * SlotHours);
        var when = string.Create(CultureInfo.InvariantCulture, $"EV {EvId}, slot {Slot} ({from:hh\\:mm}–{(to.TotalHours >= 24 ? "24:00" : to.ToString("hh\\:mm", CultureInfo.InvariantCulture))})");
        return Constraint switch
        {
            ScheduleConstraint.OutsidePlugInWindow => string.Create(CultureInfo.InvariantCulture, $"{when}: {Value:F3} kW while not plugged in"),
            ScheduleConstraint.ChargePowerLimit => string.Create(CultureInfo.InvariantCulture, $"{when}: charging {Value:F3} kW above the limit {Bound:F3} kW"),
            ScheduleConstraint.DischargePowerLimit => string.Create(CultureInfo.InvariantCulture, $"{when}: discharging {Value:F3} kW above the limit {Bound:F3} kW"),
            ScheduleConstraint.DischargeWithoutV2g => string.Create(CultureInfo.InvariantCulture, $"{when}: discharging {Value:F3} kW although the owner is not in V2G"),
            ScheduleConstraint.SocBelowMinimum => string.Create(CultureInfo.InvariantCulture, $"{when}: SOC {Value:F4} below the minimum {Bound:F4} (seed 000 eq. (15))"),
            ScheduleConstraint.SocAboveMaximum => string.Create(CultureInfo.InvariantCulture, $"{when}: SOC {Value:F4} above the maximum {Bound:F4} (seed 000 eq. (15))"),
            ScheduleConstraint.NonFinitePower => string.Create(CultureInfo.InvariantCulture, $"{when}: power {Value} kW is not a finite number"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{when}: SOC {Value:F4} at departure below the user's minimum {Bound:F4} (seed 000 eq. (16))"),
        };
    }
}

/// <summary>The outcome of <see cref="ScheduleChecker.Check"/>.</summary>
/// <param name="Violations">The broken constraints found (at most the requested number).</param>
/// <param name="TotalViolation">Sum of every excess: kW above power limits plus kWh (SOC excess × battery) outside SOC bounds; a non-finite power counts as the EV's rated charging power.</param>
public sealed record ScheduleCheck(IReadOnlyList<ScheduleViolation> Violations, double TotalViolation)
{
    /// <summary>True when no constraint is broken.</summary>
    public bool IsFeasible => Violations.Count == 0;
}

/// <summary>
/// Checks a schedule against the power limits, plug-in windows, V2G willingness and the SOC constraints of
/// seed 000 eqs. (15)–(17) / seed 002 eqs. (28)–(29), naming each EV, slot and bound that breaks.
/// </summary>
public static class ScheduleChecker
{
    /// <summary>Relative tolerance on power and SOC comparisons.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>Checks every EV of the schedule.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="maxViolations">Largest number of violations to list (the total still counts all).</param>
    /// <returns>The violations and their total.</returns>
    public static ScheduleCheck Check(ChargeSchedule schedule, int maxViolations = 1000)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var list = new List<ScheduleViolation>();
        var total = 0.0;
        var soc = new double[schedule.SlotsPerDay + 1];
        for (var i = 0; i < schedule.EvCount; i++)
        {
            total += CheckEv(schedule, i, soc, list, maxViolations);
        }

        return new ScheduleCheck(list, total);
    }

    /// <summary>Total violation of one EV (kW + kWh, see <see cref="ScheduleCheck.TotalViolation"/>). Allocation-free.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="ev">EV index.</param>
    /// <param name="socBuffer">Scratch space of at least T + 1 values.</param>
    /// <returns>0 when the EV's row is feasible.</returns>
    public static double Violation(ChargeSchedule schedule, int ev, Span<double> socBuffer)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return CheckEv(schedule, ev, socBuffer, null, 0);
    }

    private static double CheckEv(ChargeSchedule schedule, int ev, Span<double> soc, List<ScheduleViolation>? list, int max)
    {
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        var t = timeline.SlotsPerDay;
        var dt = timeline.SlotHours;
        var row = schedule.Row(ev);
        var n = timeline.SlotCount[ev];
        var total = 0.0;
        var id = fleet.Ids[ev];

        void Add(int slot, ScheduleConstraint c, double value, double bound)
        {
            if (list is not null && list.Count < max)
            {
                list.Add(new ScheduleViolation(ev, id, slot, dt, c, value, bound));
            }
        }

        var pc = fleet.ChargeKw[ev];
        for (var j = n; j < t; j++)
        {
            var s = timeline.DaySlot(ev, j);
            if (!double.IsFinite(row[s]))
            {
                total += pc;
                Add(s, ScheduleConstraint.NonFinitePower, row[s], 0);
            }
            else if (row[s] != 0)
            {
                total += Math.Abs(row[s]);
                Add(s, ScheduleConstraint.OutsidePlugInWindow, row[s], 0);
            }
        }

        var pd = fleet.DischargeKw[ev];
        var v2g = fleet.V2g[ev];
        for (var k = 0; k < n; k++)
        {
            var s = timeline.DaySlot(ev, k);
            var p = row[s];
            var f = timeline.Fraction(ev, k);
            if (!double.IsFinite(p))
            {
                total += pc;
                Add(s, ScheduleConstraint.NonFinitePower, p, 0);
            }
            else if (p > 0 && p > pc * f * (1 + Tolerance) + Tolerance)
            {
                total += p - pc * f;
                Add(s, ScheduleConstraint.ChargePowerLimit, p, pc * f);
            }
            else if (p < 0 && !v2g)
            {
                total += -p;
                Add(s, ScheduleConstraint.DischargeWithoutV2g, -p, 0);
            }
            else if (p < 0 && -p > pd * f * (1 + Tolerance) + Tolerance)
            {
                total += -p - pd * f;
                Add(s, ScheduleConstraint.DischargePowerLimit, -p, pd * f);
            }
        }

        SocTrajectory.Compute(schedule, ev, soc);
        var floor = fleet.SocFloor(ev);
        var ceiling = fleet.SocCeiling(ev);
        var e = fleet.BatteryKwh[ev];
        for (var k = 1; k <= n; k++)
        {
            if (!double.IsFinite(soc[k]))
            {
                return total; // a non-finite power, already flagged, makes the rest of the trajectory meaningless
            }

            if (soc[k] < floor - Tolerance)
            {
                total += (floor - soc[k]) * e;
                Add(timeline.DaySlot(ev, k - 1), ScheduleConstraint.SocBelowMinimum, soc[k], floor);
            }
            else if (soc[k] > ceiling + Tolerance)
            {
                total += (soc[k] - ceiling) * e;
                Add(timeline.DaySlot(ev, k - 1), ScheduleConstraint.SocAboveMaximum, soc[k], ceiling);
            }
        }

        var target = fleet.SocDepartureMin[ev];
        if (soc[n] < target - Tolerance)
        {
            total += (target - soc[n]) * e;
            Add(timeline.DaySlot(ev, n - 1), ScheduleConstraint.DepartureSocBelowTarget, soc[n], target);
        }

        return total;
    }
}
