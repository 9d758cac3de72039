using EvGrid.Optimization.Network;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

public sealed class SolverAgreementTests
{
    public static TheoryData<string> Feeders => new() { "ieee33", "pge69" };

    [Theory]
    [MemberData(nameof(Feeders))]
    public void Sweep_and_Newton_agree_to_1e_6_pu_on_every_bus(string feeder)
    {
        var net = FeederCatalog.Get(feeder);
        var s = new BackwardForwardSweepSolver().Solve(net);
        var n = new NewtonRaphsonSolver().Solve(net);
        Assert.True(s.Converged && n.Converged);
        for (var i = 0; i < net.BusCount; i++)
        {
            Assert.Equal(n.VoltageMagnitudesPu[i], s.VoltageMagnitudesPu[i], 1e-6);
            Assert.Equal(n.VoltageAnglesDeg[i] * Math.PI / 180, s.VoltageAnglesDeg[i] * Math.PI / 180, 1e-6);
        }

        Assert.Equal(n.LossesKw, s.LossesKw, 1e-3);
    }

    [Theory]
    [MemberData(nameof(Feeders))]
    public void Every_bus_balances_power_to_1e_6_pu(string feeder)
    {
        foreach (IPowerFlowSolver solver in new IPowerFlowSolver[] { new BackwardForwardSweepSolver(), new NewtonRaphsonSolver() })
        {
            var r = solver.Solve(FeederCatalog.Get(feeder));
            var (p, q) = TestNetworks.BusMismatchPu(r);
            var slack = r.Network.SlackIndex;
            for (var i = 0; i < p.Length; i++)
            {
                if (i != slack)
                {
                    Assert.True(Math.Abs(p[i]) < 1e-6 && Math.Abs(q[i]) < 1e-6, $"{solver.Name}: bus {r.Network.Buses[i].Id} mismatch {p[i]:E2}, {q[i]:E2} pu");
                }
            }

            Assert.Equal(r.LoadPKw + r.LossesKw, r.SlackPKw, 1e-6 * r.Network.BaseKva);
            Assert.Equal(r.LoadQKvar + r.LossesKvar, r.SlackQKvar, 1e-6 * r.Network.BaseKva);
        }
    }

    [Fact]
    public void Meshed_ieee33_with_the_five_ties_closed_is_solved_by_Newton_with_power_balance()
    {
        var meshed = FeederCatalog.Ieee33().WithAllBranchesClosed();
        Assert.False(meshed.IsRadial);
        Assert.Equal(37, meshed.Branches.Count(b => b.InService));
        var r = new NewtonRaphsonSolver().Solve(meshed);
        Assert.True(r.Converged);
        Assert.True(r.MaxMismatchPu <= 1e-8);
        Assert.Equal(37, r.Branches.Count);

        // Slack injection = loads + losses, to 1e-6 pu.
        Assert.Equal(r.LoadPKw + r.LossesKw, r.SlackPKw, 1e-6 * meshed.BaseKva);
        Assert.Equal(r.LoadQKvar + r.LossesKvar, r.SlackQKvar, 1e-6 * meshed.BaseKva);
        var (p, q) = TestNetworks.BusMismatchPu(r);
        for (var i = 1; i < p.Length; i++)
        {
            Assert.True(Math.Abs(p[i]) < 1e-6 && Math.Abs(q[i]) < 1e-6);
        }

        // Closing the ties gives parallel paths: lower losses and a higher minimum voltage than the radial feeder.
        var radial = new NewtonRaphsonSolver().Solve(FeederCatalog.Ieee33());
        Assert.True(r.LossesKw < radial.LossesKw);
        Assert.True(r.MinVoltagePu > radial.MinVoltagePu);
    }

    [Fact]
    public void Two_bus_constant_power_load_matches_the_closed_form_solution()
    {
        // |V2|^4 + (2(RP + XQ) - V1^2)|V2|^2 + (R^2 + X^2)(P^2 + Q^2) = 0, high-voltage root.
        const double r = 0.02, x = 0.04, p = 0.8, q = 0.3;
        var net = new NetworkBuilder("two-bus", 1000)
            .AddBus(new Bus(1, 10, BusKind.Slack))
            .AddBus(new Bus(2, 10))
            .AddBranchPu(1, 2, r, x)
            .AddLoad(new Load(2, p * 1000, q * 1000))
            .Build();
        var b = (2 * ((r * p) + (x * q))) - 1;
        var c = ((r * r) + (x * x)) * ((p * p) + (q * q));
        var v2 = Math.Sqrt((-b + Math.Sqrt((b * b) - (4 * c))) / 2);
        var lossKw = r * (p * p + q * q) / (v2 * v2) * 1000;
        foreach (IPowerFlowSolver solver in new IPowerFlowSolver[] { new BackwardForwardSweepSolver(), new NewtonRaphsonSolver() })
        {
            var res = solver.Solve(net, new PowerFlowOptions(1e-12, 100));
            Assert.True(res.Converged);
            Assert.Equal(v2, res.VoltageMagnitudePu(2), 1e-10);
            Assert.Equal(lossKw, res.LossesKw, 1e-7);
        }
    }

    [Fact]
    public void Two_bus_constant_impedance_load_is_a_voltage_divider()
    {
        // Z-load of P + jQ at 1 pu is the admittance P - jQ: V2 = V1 · Zload / (Zline + Zload).
        var net = new NetworkBuilder("two-bus-z", 1000)
            .AddBus(new Bus(1, 10, BusKind.Slack, 1.02))
            .AddBus(new Bus(2, 10))
            .AddBranchPu(1, 2, 0.03, 0.05)
            .AddLoad(new Load(2, 600, 200, ZipShares.ConstantImpedanceOnly))
            .Build();
        var zLoad = 1 / new System.Numerics.Complex(0.6, -0.2);
        var v2 = 1.02 * zLoad / (new System.Numerics.Complex(0.03, 0.05) + zLoad);
        foreach (IPowerFlowSolver solver in new IPowerFlowSolver[] { new BackwardForwardSweepSolver(), new NewtonRaphsonSolver() })
        {
            var res = solver.Solve(net, new PowerFlowOptions(1e-12, 100));
            Assert.True(res.Converged);
            Assert.Equal(v2.Magnitude, res.VoltageMagnitudePu(2), 1e-10);
            Assert.Equal(v2.Phase * 180 / Math.PI, res.VoltageAngleDeg(2), 1e-8);
        }
    }

    [Fact]
    public void Constant_current_load_draws_power_proportional_to_voltage()
    {
        var net = new NetworkBuilder("two-bus-i", 1000)
            .AddBus(new Bus(1, 10, BusKind.Slack))
            .AddBus(new Bus(2, 10))
            .AddBranchPu(1, 2, 0.05, 0.05)
            .AddLoad(new Load(2, 500, 300, ZipShares.ConstantCurrentOnly))
            .Build();
        var s = new BackwardForwardSweepSolver().Solve(net, new PowerFlowOptions(1e-12, 100));
        var n = new NewtonRaphsonSolver().Solve(net, new PowerFlowOptions(1e-12, 100));
        var v = s.VoltageMagnitudePu(2);
        Assert.Equal(n.VoltageMagnitudePu(2), v, 1e-10);
        Assert.Equal(500 * v, s.LoadPKw, 1e-6);
        Assert.Equal(300 * v, s.LoadQKvar, 1e-6);
    }

    [Fact]
    public void Shunt_capacitor_and_generator_raise_the_voltage_and_cut_losses()
    {
        var baseNet = FeederCatalog.Ieee33();
        var withDer = baseNet.ToBuilder()
            .AddShunt(new ShuntElement(30, 900))
            .AddGenerator(new DistributedGenerator(18, 400, 0))
            .Build();
        foreach (IPowerFlowSolver solver in new IPowerFlowSolver[] { new BackwardForwardSweepSolver(), new NewtonRaphsonSolver() })
        {
            var a = solver.Solve(baseNet);
            var b = solver.Solve(withDer);
            Assert.True(b.MinVoltagePu > a.MinVoltagePu);
            Assert.True(b.LossesKw < a.LossesKw);
            Assert.Equal(b.LoadPKw + b.LossesKw, b.SlackPKw, 1e-2);
        }

        var sw = new BackwardForwardSweepSolver().Solve(withDer);
        var nr = new NewtonRaphsonSolver().Solve(withDer);
        for (var i = 0; i < withDer.BusCount; i++)
        {
            Assert.Equal(nr.VoltageMagnitudesPu[i], sw.VoltageMagnitudesPu[i], 1e-6);
        }
    }
}
