using EvGrid.Optimization.Network;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>FsCheck properties on random radial feeders of 2–200 buses with feasible loads.</summary>
public sealed class PropertyTests
{
    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 40)]
    public bool Sweep_equals_Newton(PowerNetwork net)
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
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 60)]
    public bool Slack_power_equals_loads_plus_losses(PowerNetwork net)
    {
        var r = new BackwardForwardSweepSolver().Solve(net);
        var (p, q) = TestNetworks.BusMismatchPu(r);
        var busesBalance = p.Where((_, i) => i != net.SlackIndex).All(v => Math.Abs(v) < 1e-6)
                           && q.Where((_, i) => i != net.SlackIndex).All(v => Math.Abs(v) < 1e-6);
        return r.Converged && busesBalance
               && Math.Abs(r.SlackPKw - r.LoadPKw - r.LossesKw) < 1e-6 * net.BaseKva
               && Math.Abs(r.SlackQKvar - r.LoadQKvar - r.LossesKvar) < 1e-6 * net.BaseKva
               && r.LossesKw > 0;
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 30)]
    public bool Zero_load_gives_1_pu_everywhere_and_no_losses(PowerNetwork net)
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
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries) }, MaxTest = 30)]
    public bool Renumbering_the_buses_changes_no_result(PowerNetwork net, Seed seed)
    {
        var (renumbered, map) = TestNetworks.Renumbered(net, seed.Value);
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
    }
}
