using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>A random radial feeder of 3–80 buses whose loads are all constant power.</summary>
public sealed record ConstantPowerFeeder(PowerNetwork Network);

/// <summary>A seed in [0, 1 000 000] for the random feeders and renumberings the tests build from it.</summary>
public sealed record Seed(int Value);

/// <summary>Generators of feeders and seeds shared by the network tests, for <c>[Property]</c>.</summary>
public static class NetworkArbitraries
{
    /// <summary>A random feeder of 2–200 buses: seed, ZIP mix, far-end voltage drop 1–10 %, optional generation.</summary>
    public static Arbitrary<PowerNetwork> Feeders() => Arb.From(
        from n in Gen.Choose(2, 200)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from zip in Gen.Elements(ZipShares.ConstantPowerOnly, new ZipShares(0.3, 0.3, 0.4), ZipShares.ConstantCurrentOnly)
        from dropPct in Gen.Choose(1, 10)
        from withDg in Gen.Elements(false, true)
        select WithGeneration(
            SyntheticFeederGenerator.Generate(n, seed, new SyntheticFeederOptions(TargetVoltageDropPu: dropPct / 100.0, LoadShares: zip)),
            withDg, seed));

    /// <summary>A random feeder of 3–80 buses with constant-power loads and a 5 % far-end voltage drop.</summary>
    public static Arbitrary<ConstantPowerFeeder> ConstantPowerFeeders() => Arb.From(
        from n in Gen.Choose(3, 80)
        from seed in Gen.Choose(0, 1_000_000)
        select new ConstantPowerFeeder(SyntheticFeederGenerator.Generate(n, seed,
            new SyntheticFeederOptions(TargetVoltageDropPu: 0.05, LoadShares: ZipShares.ConstantPowerOnly))));

    /// <summary>Seeds in [0, 1 000 000].</summary>
    public static Arbitrary<Seed> Seeds() => Arb.From(Gen.Choose(0, 1_000_000).Select(s => new Seed(s)));

    private static PowerNetwork WithGeneration(PowerNetwork net, bool withDg, int seed)
    {
        if (!withDg || net.BusCount < 3)
        {
            return net;
        }

        // A PV unit of half the load of the last bus and a capacitor at the middle bus.
        var last = net.Loads[^1];
        var mid = net.Buses[net.BusCount / 2].Id;
        return net.ToBuilder()
            .AddGenerator(new DistributedGenerator(last.Bus, 0.5 * last.PKw, 0))
            .AddShunt(new ShuntElement(mid, 50 + (seed % 100)))
            .Build();
    }
}
