using EvGrid.Optimization.Fleet;
using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Fleet.Tests;

/// <summary>Small fleets and generators shared by the tests.</summary>
internal static class TestFleets
{
    public static EvSession Ev(int id, double arrival, double departure, double socArrival, double socTarget,
        double batteryKwh = 32, double chargeKw = 7, double dischargeKw = 7, double eta = 1.0, bool v2g = true, int bus = 0)
        => new(id, EvKind.PrivateCar, arrival, departure, batteryKwh, socArrival, socTarget, chargeKw, dischargeKw,
            eta, eta, v2g, bus, 30);

    /// <summary>A random valid session (feasible by construction).</summary>
    public static Gen<EvSession> Session(int id) =>
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

    public static Gen<EvFleet> Fleet(int maxEvs) =>
        from n in Gen.Choose(1, maxEvs)
        from sessions in Session(0).ArrayOf(n)
        select new EvFleet(sessions.Select((s, i) => s with { Id = i }));

    public static void Check<T>(Gen<T> gen, Func<T, bool> property, int maxTest = 100)
        => Prop.ForAll(Arb.From(gen), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));
}
