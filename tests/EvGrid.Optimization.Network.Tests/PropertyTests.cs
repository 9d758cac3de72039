using EvGrid.Optimization.Network;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>FsCheck properties on random radial feeders of 2–200 buses with feasible loads.</summary>
public sealed class PropertyTests
{
    /// <summary>A random feeder: size, seed, ZIP mix, far-end voltage drop, optional generation.</summary>
    private static readonly Gen<PowerNetwork> Feeders =
        from n in Gen.Choose(2, 200)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        from zip in Gen.Elements(ZipShares.ConstantPowerOnly, new ZipShares(0.3, 0.3, 0.4), ZipShares.ConstantCurrentOnly)
        from dropPct in Gen.Choose(1, 10)
        from withDg in Gen.Elements(false, true)
        select WithGeneration(
            SyntheticFeederGenerator.Generate(n, seed, new SyntheticFeederOptions(TargetVoltageDropPu: dropPct / 100.0, LoadShares: zip)),
            withDg, seed);

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

    private static void Check(Func<PowerNetwork, bool> property, int maxTest = 60) =>
        Prop.ForAll(Arb.From(Feeders), property).Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    [Fact]
    public void Sweep_equals_Newton() => Check(net =>
    {
        var s = new BackwardForwardSweepSolver().Solve(net);
        var n = new NewtonRaphsonSolver().Solve(net);
        if (!s.Converged || !n.Converged)
        {
            return false;
        }

        for (var i = 0; i < net.BusCount; i++)
        {
            if (Math.Abs(s.VoltageMagnitudesPu[i] - n.VoltageMagnitudesPu[i]) > 1e-6
                || Math.Abs(s.VoltageAnglesDeg[i] - n.VoltageAnglesDeg[i]) * Math.PI / 180 > 1e-6)
            {
                return false;
            }
        }

        return Math.Abs(s.LossesKw - n.LossesKw) <= 1e-6 * net.BaseKva;
    }, maxTest: 40);

    [Fact]
    public void Slack_power_equals_loads_plus_losses() => Check(net =>
    {
        var r = new BackwardForwardSweepSolver().Solve(net);
        var (p, q) = TestNetworks.BusMismatchPu(r);
        var busesBalance = p.Where((_, i) => i != net.SlackIndex).All(v => Math.Abs(v) < 1e-6)
                           && q.Where((_, i) => i != net.SlackIndex).All(v => Math.Abs(v) < 1e-6);
        return r.Converged && busesBalance
               && Math.Abs(r.SlackPKw - r.LoadPKw - r.LossesKw) < 1e-6 * net.BaseKva
               && Math.Abs(r.SlackQKvar - r.LoadQKvar - r.LossesKvar) < 1e-6 * net.BaseKva
               && r.LossesKw > 0;
    });

    [Fact]
    public void Zero_load_gives_1_pu_everywhere_and_no_losses() => Check(net =>
    {
        var empty = TestNetworks.Scaled(net, 0);
        return new IPowerFlowSolver[] { new BackwardForwardSweepSolver(), new NewtonRaphsonSolver() }.All(solver =>
        {
            var r = solver.Solve(empty);
            return r.Converged
                   && r.VoltageMagnitudesPu.All(v => Math.Abs(v - 1.0) < 1e-12)
                   && r.VoltageAnglesDeg.All(a => Math.Abs(a) < 1e-10)
                   && Math.Abs(r.LossesKw) < 1e-9 && Math.Abs(r.LossesKvar) < 1e-9;
        });
    }, maxTest: 30);

    [Fact]
    public void Renumbering_the_buses_changes_no_result()
    {
        var gen = from net in Feeders from seed in Gen.Choose(0, 1_000_000) select (net, seed);
        Prop.ForAll(Arb.From(gen), t =>
        {
            var (net, seed) = t;
            var (renumbered, map) = TestNetworks.Renumbered(net, seed);
            return new IPowerFlowSolver[] { new BackwardForwardSweepSolver(), new NewtonRaphsonSolver() }.All(solver =>
            {
                var a = solver.Solve(net);
                var b = solver.Solve(renumbered);
                return a.Converged && b.Converged
                       && Math.Abs(a.LossesKw - b.LossesKw) < 1e-9 * net.BaseKva
                       && Math.Abs(a.LossesKvar - b.LossesKvar) < 1e-9 * net.BaseKva
                       && map[a.MinVoltageBusId] == b.MinVoltageBusId
                       && net.Buses.All(bus =>
                           Math.Abs(a.VoltageMagnitudePu(bus.Id) - b.VoltageMagnitudePu(map[bus.Id])) < 1e-9
                           && Math.Abs(a.VoltageAngleDeg(bus.Id) - b.VoltageAngleDeg(map[bus.Id])) < 1e-7);
            });
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(30));
    }
}
