using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Fleet.Tests;

/// <summary>A random (mostly infeasible) schedule and a price per day slot (empty: no price).</summary>
public sealed record RepairCase(ChargeSchedule Schedule, double[] CostPerSlot);

/// <summary>
/// A schedule for the backward pass: whether it is repaired first, how much each entry is lowered (kW), each EV's
/// SOC deficit and two numbers per EV that pick a skipped range of slots.
/// </summary>
public sealed record BackwardPassCase(ChargeSchedule Schedule, bool RepairFirst, double[] LowerKw, double[] Deficits, int[] Skips);

/// <summary>A cluster scheduler, its variables as fractions of their ranges, and a price per day slot (empty: no price).</summary>
public sealed record DecodeCase(ClusterScheduler Scheduler, double[] Unit, double[] CostPerSlot);

/// <summary>
/// Generators of sessions, fleets and schedules shared by the fleet tests, for <c>[Property]</c>. Fleets have 1–30
/// EVs; schedules are on a 60- or 15-min grid.
/// </summary>
public static class FleetArbitraries
{
    /// <summary>A random valid session (feasible by construction).</summary>
    internal static Gen<EvSession> Session(int id) =>
        from arrival in Gen.Choose(0, 95).Select(q => q * 0.25 + 0.1)
        from stay in Gen.Choose(4, 60).Select(q => q * 0.25)
        from battery in Gen.Elements(25.0, 32.0, 60.0)
        from power in Gen.Elements(3.5, 7.0, 11.0)
        from eta in Gen.Elements(0.85, 0.9, 0.95, 1.0)
        from socArr in Gen.Choose(5, 90).Select(x => x / 100.0)
        from targetPct in Gen.Choose(0, 100)
        from v2g in Gen.Elements(true, false)
        from bus in Gen.Choose(0, 3)
        let limits = SocLimits.Seed000
        let reach = Math.Min(Math.Max(limits.Max, socArr), socArr + power * eta * stay / battery)
        let target = Math.Min(reach, Math.Max(limits.Min, socArr - 0.2) + targetPct / 100.0 * (reach - Math.Max(limits.Min, socArr - 0.2)))
        select new EvSession(id, EvKind.PrivateCar, arrival, arrival + stay, battery, socArr,
            Math.Clamp(target * (1 - 1e-9), 0, reach), power, power, eta, eta, v2g, bus, 20);

    /// <summary>A fleet of 1 to <paramref name="maxEvs"/> random valid sessions.</summary>
    internal static Gen<EvFleet> Fleet(int maxEvs) =>
        from n in Gen.Choose(1, maxEvs)
        from sessions in Session(0).ArrayOf(n)
        select new EvFleet(sessions.Select((s, i) => s with { Id = i }));

    /// <summary>A random fleet with a random (mostly infeasible) schedule on a 60- or 15-min grid.</summary>
    internal static Gen<ChargeSchedule> Schedule(int maxEvs) =>
        from fleet in Fleet(maxEvs)
        from minutes in Gen.Elements(60, 15)
        let timeline = fleet.OnSlots(minutes)
        from values in Gen.Choose(-250, 150).Select(v => v < -150 ? 0.0 : v / 10.0).ArrayOf(fleet.Count * timeline.SlotsPerDay)
        select Fill(timeline, values);

    private static ChargeSchedule Fill(FleetTimeline timeline, double[] values)
    {
        var schedule = new ChargeSchedule(timeline);
        values.CopyTo(schedule.PowerKw);
        return schedule;
    }

    /// <summary>Fleets of 1–30 EVs.</summary>
    public static Arbitrary<EvFleet> Fleets() => Arb.From(Fleet(30));

    /// <summary>Random schedules of fleets of 1–10 EVs.</summary>
    public static Arbitrary<ChargeSchedule> Schedules() => Arb.From(Schedule(10));

    /// <summary>Random schedules of fleets of 1–15 EVs, with a price in 0–100 per slot half of the time.</summary>
    public static Arbitrary<RepairCase> RepairCases() => Arb.From(
        from schedule in Schedule(15)
        from useCost in Gen.Elements(true, false)
        from cost in Gen.Choose(0, 100).Select(c => (double)c).ArrayOf(schedule.SlotsPerDay)
        select new RepairCase(schedule, useCost ? cost : []));

    /// <summary>Random schedules of fleets of 1–12 EVs with lowered entries, deficits and skipped ranges.</summary>
    public static Arbitrary<BackwardPassCase> BackwardPassCases() => Arb.From(
        from schedule in Schedule(12)
        from repairFirst in Gen.Elements(true, false)
        from lower in Gen.Choose(0, 100).Select(v => v / 10.0).ArrayOf(schedule.PowerKw.Length)
        from deficits in Gen.Choose(1, 1000).Select(v => v / 1000.0).ArrayOf(schedule.EvCount)
        from skips in Gen.Choose(-1, 40).ArrayOf(2 * schedule.EvCount)
        select new BackwardPassCase(schedule, repairFirst, lower, deficits, skips));

    /// <summary>Cluster schedulers of fleets of 1–20 EVs with variables on a 0.001 grid and a price in 0–9 half of the time.</summary>
    public static Arbitrary<DecodeCase> DecodeCases() => Arb.From(
        from fleet in Fleet(20)
        from minutes in Gen.Elements(60, 15)
        let scheduler = new ClusterScheduler(fleet.OnSlots(minutes))
        from unit in Gen.Choose(0, 1000).Select(v => v / 1000.0).ArrayOf(scheduler.VariableCount)
        from useCost in Gen.Elements(true, false)
        from cost in Gen.Choose(0, 9).Select(c => (double)c).ArrayOf(scheduler.Timeline.SlotsPerDay)
        select new DecodeCase(scheduler, unit, useCost ? cost : []));
}
