using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Objectives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Objectives.Tests;

public class SocViolationTests
{
    private static EvSession Ev(int id, double arrival, double departure, double socArrival, double socTarget, double eta = 1.0)
        => new(id, EvKind.PrivateCar, arrival, departure, 25, socArrival, socTarget, 7, 7, eta, eta, true, 0, 20);

    [Fact]
    public void Overcharge_and_overdischarge_by_hand()
    {
        // EV 0: 18:00–21:00, 25 kWh, SOC 0.5, target 0.9, η = 1; charging 7 kW for three hours adds 0.28 per hour:
        //   0.78, 1.06, 1.34 → above 0.95 by 0.11 and 0.39 → 0.50 × 25 kWh = 12.5 kWh.
        // EV 1: 18:00–21:00, SOC 0.2, target 0.3; discharging 7 kW for one hour: 0.2 − 0.28 = −0.08, then idle:
        //   three steps 0.18 below the floor 0.1 (0.54) plus 0.38 short of the target at departure → 0.92 × 25 = 23 kWh.
        var fleet = new EvFleet([Ev(0, 18, 21, 0.5, 0.9), Ev(1, 18, 21, 0.2, 0.3)], SocLimits.Seed000);
        var schedule = new ChargeSchedule(fleet.OnSlots(60));
        schedule[0, 18] = schedule[0, 19] = schedule[0, 20] = 7;
        schedule[1, 18] = -7;
        Span<double> buffer = stackalloc double[8];
        Assert.Equal(12.5, SocViolation.Evaluate(schedule, 0, buffer), 9); // SOC sums of 0.28 steps: ~1e-15 rounding
        Assert.Equal(23.0, SocViolation.Evaluate(schedule, 1, buffer), 9);
        Assert.Equal(35.5, SocViolation.Evaluate(schedule), 9);

        // A feasible schedule: EV 0 charges 7 kW for 1.5 h-equivalent (0.5 + 0.28 + 0.14 = 0.92 ≥ 0.9), EV 1 charges 7 kW once.
        schedule.PowerKw.Clear();
        schedule[0, 18] = 7;
        schedule[0, 19] = 3.5;
        schedule[1, 19] = 7;
        Assert.Equal(0.0, SocViolation.Evaluate(schedule));
    }

    /// <summary>1–4 EVs (arrival h, stay h, SOC at arrival = target) and a 24-slot power row (kW) for each.</summary>
    public sealed record SessionsAndPowers((int Arrival, int Stay, double Soc)[] Sessions, int[] Powers);

    /// <summary>Generator of <see cref="SessionsAndPowers"/>.</summary>
    public static class Inputs
    {
        /// <summary>Arrivals 0–20 h, stays 1–6 h, SOC 0.10–0.90, powers −7…7 kW.</summary>
        public static Arbitrary<SessionsAndPowers> Cases() => Arb.From(
            from n in Gen.Choose(1, 4)
            from sessions in (
                from arrival in Gen.Choose(0, 20)
                from stay in Gen.Choose(1, 6)
                from soc in Gen.Choose(10, 90)
                select (arrival, stay, soc / 100.0)).ArrayOf(n)
            from powers in Gen.Choose(-7, 7).ArrayOf(n * 24)
            select new SessionsAndPowers(sessions, powers));
    }

    [Property(Arbitrary = new[] { typeof(Inputs) }, MaxTest = 200)]
    public bool Violation_is_zero_exactly_when_the_fleet_checker_finds_no_soc_breach(SessionsAndPowers c)
    {
        var evs = c.Sessions.Select((s, i) => Ev(i, s.Arrival, Math.Min(24, s.Arrival + s.Stay), s.Soc, s.Soc, 0.95));
        var fleet = new EvFleet(evs, SocLimits.Seed000);
        var schedule = new ChargeSchedule(fleet.OnSlots(60));
        for (var i = 0; i < c.Powers.Length; i++)
        {
            schedule.PowerKw[i] = c.Powers[i];
        }

        var checker = ScheduleChecker.Check(schedule, int.MaxValue).Violations
            .Any(v => v.Constraint is ScheduleConstraint.SocBelowMinimum or ScheduleConstraint.SocAboveMaximum or ScheduleConstraint.DepartureSocBelowTarget);
        var amount = SocViolation.Evaluate(schedule);
        return amount >= 0 && (amount == 0) == !checker;
    }
}
