using EvGrid.Optimization.Network;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

public sealed class ValidationTests
{
    private static NetworkBuilder ThreeBus(double baseKva = 1000) => new NetworkBuilder("t", baseKva)
        .AddBus(new Bus(1, 12.66, BusKind.Slack))
        .AddBus(new Bus(2, 12.66))
        .AddBus(new Bus(3, 12.66))
        .AddBranchPu(1, 2, 0.01, 0.02)
        .AddBranchPu(2, 3, 0.01, 0.02)
        .AddLoad(new Load(3, 100, 50));

    private static NetworkValidationException Fails(Func<PowerNetwork> build, params string[] mentions)
    {
        var ex = Assert.Throws<NetworkValidationException>(() => build());
        foreach (var m in mentions)
        {
            Assert.Contains(m, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    [Fact]
    public void A_valid_network_builds() => Assert.Equal(3, ThreeBus().Build().BusCount);

    [Fact]
    public void Unknown_bus_id_names_the_branch_and_the_id() =>
        Fails(() => ThreeBus().AddBranchPu(3, 42, 0.01, 0.01).Build(), "branch 3 (3->42)", "42");

    [Fact]
    public void Load_at_an_unknown_bus_names_the_load() =>
        Fails(() => ThreeBus().AddLoad(new Load(7, 10, 0)).Build(), "load 2 at bus 7", "7");

    [Fact]
    public void Island_names_the_islanded_bus() =>
        Fails(() => ThreeBus().AddBus(new Bus(4, 12.66)).AddBus(new Bus(5, 12.66)).AddBranchPu(4, 5, 0.1, 0.1).Build(), "bus 4", "islanded");

    [Fact]
    public void An_open_branch_can_island_a_bus() =>
        Fails(() => ThreeBus().SetBranchInService(1, false).Build(), "bus 3", "not connected");

    [Fact]
    public void No_slack_bus_is_rejected() =>
        Fails(() => new NetworkBuilder("t", 1000).AddBus(new Bus(1, 11)).AddBus(new Bus(2, 11)).AddBranchPu(1, 2, 0.1, 0.1).Build(), "no slack bus");

    [Fact]
    public void Two_slack_buses_are_rejected_naming_both() =>
        Fails(() => ThreeBus().AddBus(new Bus(4, 12.66, BusKind.Slack)).AddBranchPu(3, 4, 0.1, 0.1).Build(), "2 slack buses", "1, 4");

    [Theory]
    [InlineData(double.NaN, 0.02, "resistance", "NaN")]
    [InlineData(-0.5, 0.02, "resistance", "-0.5")]
    [InlineData(0.01, double.PositiveInfinity, "reactance", "Infinity")]
    [InlineData(0.0, 0.0, "impedance is zero", "R = X = 0")]
    public void Bad_impedance_names_the_branch_and_value(double r, double x, string field, string value) =>
        Fails(() => ThreeBus().AddBranchPu(1, 3, r, x).Build(), "branch 3 (1->3)", field, value);

    [Fact]
    public void Zero_base_kva_is_rejected() => Fails(() => ThreeBus(0).Build(), "base kVA", "0");

    [Fact]
    public void Zero_base_kv_is_rejected() =>
        Fails(() => ThreeBus().AddBus(new Bus(9, 0)).AddBranchPu(3, 9, 0.1, 0.1).Build(), "bus 9", "base kV", "0");

    [Fact]
    public void Duplicate_bus_id_is_rejected() => Fails(() => ThreeBus().AddBus(new Bus(2, 12.66)).Build(), "bus 2", "more than one");

    [Fact]
    public void Non_finite_load_is_rejected() =>
        Fails(() => ThreeBus().AddLoad(new Load(2, double.NaN, 0)).Build(), "load 2 at bus 2", "P (kW)", "NaN");

    [Fact]
    public void Zip_shares_must_sum_to_one() =>
        Fails(() => ThreeBus().AddLoad(new Load(2, 10, 0, new ZipShares(0.5, 0.2, 0.2))).Build(), "load 2 at bus 2", "ZIP", "0.2");

    [Fact]
    public void Ohmic_branch_uses_the_from_bus_base()
    {
        var net = new NetworkBuilder("t", 10_000).AddBus(new Bus(1, 12.66, BusKind.Slack)).AddBus(new Bus(2, 12.66))
            .AddBranchOhm(1, 2, 0.0922, 0.0470).Build();
        var zb = 12.66 * 12.66 * 1000 / 10_000;
        Assert.Equal(0.0922 / zb, net.Branches[0].ResistancePu, 1e-15);
        Assert.Equal(0.0470 / zb, net.Branches[0].ReactancePu, 1e-15);
    }

    [Fact]
    public void Sweep_rejects_a_meshed_network_naming_a_loop_branch_and_pointing_to_Newton()
    {
        var meshed = FeederCatalog.Ieee33().WithAllBranchesClosed();
        var ex = Assert.Throws<NetworkValidationException>(() => new BackwardForwardSweepSolver().Solve(meshed));
        Assert.Contains("branch 33 (21->8)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("closes a loop", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Newton", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parallel_branches_form_a_loop_for_the_sweep()
    {
        var net = ThreeBus().AddBranchPu(2, 3, 0.02, 0.02).Build();
        Assert.False(net.IsRadial);
        Assert.Equal(2, net.LoopBranchIndex);
        Assert.True(new NewtonRaphsonSolver().Solve(net).Converged);
    }

    public static TheoryData<string> SolverNames => new() { "sweep", "newton" };

    [Theory]
    [MemberData(nameof(SolverNames))]
    public void An_absurd_overload_is_reported_as_not_converged(string solver)
    {
        var overloaded = TestNetworks.Scaled(FeederCatalog.Ieee33(), 40);
        var r = FeederCatalog.Solver(solver).Solve(overloaded);
        Assert.False(r.Converged);
        Assert.NotEqual(PowerFlowStatus.Converged, r.Status);
    }

    [Fact]
    public void The_iteration_cap_is_reported()
    {
        var r = new BackwardForwardSweepSolver().Solve(FeederCatalog.Ieee33(), new PowerFlowOptions(1e-8, 2));
        Assert.Equal(PowerFlowStatus.MaxIterationsReached, r.Status);
        Assert.Equal(2, r.Iterations);
        Assert.True(r.MaxMismatchPu > 1e-8);
    }

    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(double.NaN, 10)]
    [InlineData(1e-8, 0)]
    public void Bad_options_throw(double tol, int iterations) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new NewtonRaphsonSolver().Solve(FeederCatalog.Ieee33(), new PowerFlowOptions(tol, iterations)));
}
