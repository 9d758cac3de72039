using EvGrid.Optimization.Fleet;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class ScheduleTests
{
    [Property(Arbitrary = new[] { typeof(FleetArbitraries) }, MaxTest = 100)]
    public bool Soc_trajectory_conserves_energy(ChargeSchedule schedule)
    {
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        for (var i = 0; i < fleet.Count; i++)
        {
            var soc = SocTrajectory.Compute(schedule, i);
            var battery = 0.0;
            for (var k = 0; k < timeline.SlotCount[i]; k++)
            {
                var p = schedule[i, timeline.DaySlot(i, k)];
                battery += (p > 0 ? p * fleet.EtaCharge[i] : p / fleet.EtaDischarge[i]) * timeline.SlotHours;
            }

            if (Math.Abs((soc[^1] - soc[0]) * fleet.BatteryKwh[i] - battery) > 1e-9 * (1 + Math.Abs(battery))
                || soc[0] != fleet.SocArrival[i]
                || Math.Abs(SocTrajectory.FinalSoc(schedule, i) - soc[^1]) > 1e-12)
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Checker_names_ev_slot_and_bound()
    {
        // EV 0: arrives 18:00 at SOC 0.15, discharges 7 kW for an hour (η = 1): SOC 0.15 − 7/32 < 0.1.
        // EV 1: charges 10 kW on a 7 kW charger, and 2 kW at 12:00 while away; EV 2 discharges without V2G.
        var fleet = new EvFleet(
        [
            TestFleets.Ev(0, 18, 31, 0.15, 0.5),
            TestFleets.Ev(1, 18, 31, 0.5, 0.6),
            TestFleets.Ev(2, 18, 31, 0.5, 0.5, v2g: false),
        ]);
        var schedule = new ChargeSchedule(fleet.OnSlots(60));
        schedule[0, 18] = -7;
        schedule[1, 19] = 10;
        schedule[1, 12] = 2;
        schedule[2, 20] = -3;
        var check = ScheduleChecker.Check(schedule);
        Assert.False(check.IsFeasible);
        var texts = check.Violations.Select(v => v.ToString()).ToList();
        Assert.Contains("EV 0, slot 18 (18:00–19:00): SOC -0.0688 below the minimum 0.1000 (seed 000 eq. (15))", texts);
        Assert.Contains(texts, t => t.StartsWith("EV 0, slot 6 (06:00–07:00): SOC -0.0688 at departure below the user's minimum 0.5000", StringComparison.Ordinal));
        Assert.Contains("EV 1, slot 19 (19:00–20:00): charging 10.000 kW above the limit 7.000 kW", texts);
        Assert.Contains("EV 1, slot 12 (12:00–13:00): 2.000 kW while not plugged in", texts);
        Assert.Contains("EV 2, slot 20 (20:00–21:00): discharging 3.000 kW although the owner is not in V2G", texts);
        Assert.Equal(ScheduleConstraint.SocBelowMinimum, check.Violations.First(v => v.EvId == 0).Constraint);
    }

    [Fact]
    public void Plug_and_charge_is_feasible_and_partial_slots_limit_power()
    {
        var fleet = new EvFleet([TestFleets.Ev(0, 18.5, 20.5, 0.2, 0.6375)]);
        var schedule = UncontrolledCharging.Schedule(fleet.OnSlots(60));
        Assert.True(ScheduleChecker.Check(schedule).IsFeasible);
        schedule[0, 18] = 7; // only half the slot is plugged in: limit 3.5 kW
        var v = Assert.Single(ScheduleChecker.Check(schedule).Violations, x => x.Constraint == ScheduleConstraint.ChargePowerLimit);
        Assert.Equal(3.5, v.Bound, 12);
    }

    [Property(Arbitrary = new[] { typeof(FleetArbitraries) }, MaxTest = 200)]
    public bool Repair_always_yields_a_feasible_schedule_never_worse_and_is_idempotent(RepairCase x)
    {
        var before = ScheduleChecker.Check(x.Schedule).TotalViolation;
        var ws = new ScheduleRepairWorkspace(x.Schedule.SlotsPerDay);
        ScheduleRepairer.Repair(x.Schedule, x.CostPerSlot, ws);
        var after = ScheduleChecker.Check(x.Schedule);
        var once = x.Schedule.PowerKw.ToArray();
        var again = ScheduleRepairer.Repair(x.Schedule, x.CostPerSlot, ws);
        if (!after.IsFeasible)
        {
            throw new InvalidOperationException("infeasible after repair: " + string.Join("; ", after.Violations.Take(3)));
        }

        if (again.EvsChanged != 0)
        {
            throw new InvalidOperationException($"second repair changed {again.EvsChanged} EVs by {again.AbsoluteChangeKw} kW");
        }

        return after.TotalViolation <= before && once.SequenceEqual(x.Schedule.PowerKw.ToArray());
    }

    [Fact]
    public void Non_finite_powers_are_flagged_and_repaired_never_propagated()
    {
        var fleet = new EvFleet([TestFleets.Ev(0, 18, 31, 0.2, 0.6375)]);
        var schedule = new ChargeSchedule(fleet.OnSlots(60));
        schedule[0, 19] = double.NaN;
        schedule[0, 12] = double.NaN;
        schedule[0, 20] = double.PositiveInfinity;
        var check = ScheduleChecker.Check(schedule);
        Assert.Equal(2, check.Violations.Count(v => v.Constraint == ScheduleConstraint.NonFinitePower && double.IsNaN(v.Value)));
        Assert.Contains(check.Violations, v => v.ToString() == "EV 0, slot 12 (12:00–13:00): power NaN kW is not a finite number");
        Assert.True(double.IsFinite(check.TotalViolation));

        var result = ScheduleRepairer.Repair(schedule, [], new ScheduleRepairWorkspace(24));
        Assert.True(ScheduleChecker.Check(schedule).IsFeasible);
        Assert.True(double.IsFinite(result.AbsoluteChangeKw));
        Assert.Equal(1, result.EvsChanged);
        Assert.Equal(0.0, schedule[0, 12]);
        Assert.All(schedule.PowerKw.ToArray(), p => Assert.True(double.IsFinite(p)));
    }

    [Fact]
    public void Repair_fills_the_cheapest_slots_with_exactly_the_shortfall()
    {
        // 14 kWh at 7 kW, η = 1, plugged 18:00–07:00; valley price at 02:00 and 03:00.
        var fleet = new EvFleet([TestFleets.Ev(0, 18, 31, 0.2, 0.6375)]);
        var schedule = new ChargeSchedule(fleet.OnSlots(60));
        var cost = Enumerable.Repeat(1.0, 24).ToArray();
        cost[2] = cost[3] = 0.3;
        var result = ScheduleRepairer.Repair(schedule, cost, new ScheduleRepairWorkspace(24));
        Assert.Equal(7.0, schedule[0, 2], 9);
        Assert.Equal(7.0, schedule[0, 3], 9);
        Assert.Equal(14.0, schedule.PowerKw.ToArray().Sum(), 9);
        Assert.Equal(1, result.EvsChanged);
        Assert.Equal(0, result.Fallbacks);
    }

    [Fact]
    public void Repair_cuts_only_the_excess_over_the_ceiling_and_the_floor()
    {
        // SOC 0.8 + 7 kW·1 h/32 kWh = 1.019 > 0.95: the charge is cut to (0.95 − 0.8)·32 = 4.8 kW.
        var fleet = new EvFleet([TestFleets.Ev(0, 18, 31, 0.8, 0.8), TestFleets.Ev(1, 18, 31, 0.2, 0.1)]);
        var schedule = new ChargeSchedule(fleet.OnSlots(60));
        schedule[0, 18] = 7;
        schedule[1, 20] = -7; // SOC 0.2 − 0.21875 < 0.1: the discharge is cut to 0.1·32 = 3.2 kW
        ScheduleRepairer.Repair(schedule, [], new ScheduleRepairWorkspace(24));
        Assert.Equal(4.8, schedule[0, 18], 9);
        Assert.Equal(-3.2, schedule[1, 20], 9);
        Assert.True(ScheduleChecker.Check(schedule).IsFeasible);
    }
}
