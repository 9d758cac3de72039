using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Planning.Tests;

/// <summary>A small fleet, a base load per hour (kW), whether V2G is allowed and a seed for a random schedule.</summary>
public sealed record ValleyCase(EvFleet Fleet, double[] Base, bool Discharge, int Seed);

/// <summary>Generators of small fleets shared by the planning tests, for <c>[Property]</c>.</summary>
public static class PlanningArbitraries
{
    private static Gen<EvSession> Session(int id) =>
        from arrival in Gen.Choose(0, 95).Select(q => q * 0.25)
        from stay in Gen.Choose(2, 80).Select(q => q * 0.25)
        from battery in Gen.Elements(25.0, 40.0, 60.0)
        from power in Gen.Elements(3.5, 7.0, 11.0)
        from eta in Gen.Elements(0.9, 1.0)
        from socArr in Gen.Choose(10, 90).Select(x => x / 100.0)
        from share in Gen.Choose(0, 100).Select(x => x / 100.0)
        from v2g in Gen.Elements(true, false)
        let reach = Math.Min(Math.Max(0.95, socArr), socArr + (power * eta * stay / battery))
        let target = Math.Max(0, socArr - 0.2 + (share * (reach - socArr + 0.2)))
        select new EvSession(id, EvKind.PrivateCar, arrival, arrival + stay, battery, socArr,
            Math.Min(target, reach) * (1 - 1e-9), power, power, eta, eta, v2g, 0, 20);

    /// <summary>Fleets of 1–6 EVs on a 24-slot base load of 0–30 kW, with or without V2G, and a seed for a random schedule.</summary>
    public static Arbitrary<ValleyCase> ValleyCases() => Arb.From(
        from n in Gen.Choose(1, 6)
        from sessions in Session(0).ArrayOf(n)
        from baseKw in Gen.Choose(0, 300).Select(x => x / 10.0).ArrayOf(24)
        from discharge in Gen.Elements(true, false)
        from seed in Gen.Choose(0, 10000)
        select new ValleyCase(new EvFleet(sessions.Select((s, i) => s with { Id = i })), baseKw, discharge, seed));
}
