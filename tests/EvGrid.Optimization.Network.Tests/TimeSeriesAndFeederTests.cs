using EvGrid.Optimization.Network.DependencyInjection;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

public sealed class TimeSeriesAndFeederTests
{
    private static readonly double[] Profile24 =
    [
        0.55, 0.50, 0.48, 0.47, 0.48, 0.55, 0.68, 0.82, 0.90, 0.92, 0.93, 0.95,
        0.93, 0.90, 0.88, 0.90, 0.95, 1.00, 1.05, 1.08, 1.02, 0.92, 0.78, 0.64,
    ];

    [Fact]
    public void Each_slot_of_a_series_equals_an_independent_solve()
    {
        var net = FeederCatalog.Ieee33();
        var series = new TimeSeriesPowerFlow(net, new PowerFlowOptions(1e-10, 100));
        var output = new TimeSeriesOutput(Profile24.Length, net.BusCount);
        series.Run(Profile24, output);
        Assert.True(output.AllConverged);
        for (var t = 0; t < Profile24.Length; t++)
        {
            var single = new NewtonRaphsonSolver().Solve(TestNetworks.Scaled(net, Profile24[t]), new PowerFlowOptions(1e-10, 20));
            var v = output.VoltagesOfSlot(t);
            for (var i = 0; i < net.BusCount; i++)
            {
                Assert.Equal(single.VoltageMagnitudesPu[i], v[i], 1e-8);
            }

            Assert.Equal(single.LossesKw, output.LossesKw[t], 1e-5);
            Assert.Equal(single.LossesKvar, output.LossesKvar[t], 1e-5);
            Assert.Equal(single.SlackPKw, output.SlackPKw[t], 1e-5);
        }

        // Warm starts: later slots need fewer sweeps than the flat-start first slot.
        Assert.True(output.Iterations.Skip(1).Average() < output.Iterations[0]);
    }

    [Fact]
    public void The_warm_start_predictor_changes_iterations_not_results()
    {
        var net = FeederCatalog.Pge69();
        var with = new TimeSeriesOutput(Profile24.Length, net.BusCount);
        var without = new TimeSeriesOutput(Profile24.Length, net.BusCount);
        var predicted = new TimeSeriesPowerFlow(net, new PowerFlowOptions(1e-10, 100));
        predicted.Run(Profile24, with);
        predicted.Run(Profile24, with);
        var plain = new TimeSeriesPowerFlow(net, new PowerFlowOptions(1e-10, 100)) { UsePredictor = false };
        plain.Run(Profile24, without);
        plain.Run(Profile24, without);
        Assert.True(with.AllConverged && without.AllConverged);
        for (var i = 0; i < with.VoltageMagnitudesPu.Length; i++)
        {
            Assert.Equal(without.VoltageMagnitudesPu[i], with.VoltageMagnitudesPu[i], 1e-9);
        }

        Assert.True(with.Iterations.Sum() < without.Iterations.Sum());
    }

    [Fact]
    public void Extra_demand_per_slot_and_bus_is_added_as_constant_power()
    {
        var net = FeederCatalog.Ieee33();
        const int slots = 3;
        var n = net.BusCount;
        var p = new double[slots * n];
        var q = new double[slots * n];
        p[(1 * n) + net.IndexOf(18)] = 150;   // slot 1: EV charging at bus 18
        p[(2 * n) + net.IndexOf(18)] = -150;  // slot 2: V2G discharge at bus 18
        var output = new TimeSeriesOutput(slots, n);
        new TimeSeriesPowerFlow(net).Run([1.0, 1.0, 1.0], p, q, output);
        Assert.True(output.AllConverged);
        var charged = new BackwardForwardSweepSolver().Solve(net.ToBuilder().AddLoad(new Load(18, 150, 0)).Build());
        Assert.Equal(charged.LossesKw, output.LossesKw[1], 1e-4);
        Assert.Equal(charged.VoltageMagnitudePu(18), output.VoltagesOfSlot(1)[net.IndexOf(18)], 1e-7);
        Assert.True(output.VoltagesOfSlot(2)[net.IndexOf(18)] > output.VoltagesOfSlot(0)[net.IndexOf(18)]);
        Assert.True(output.VoltagesOfSlot(1)[net.IndexOf(18)] < output.VoltagesOfSlot(0)[net.IndexOf(18)]);
    }

    [Fact]
    public void A_series_allocates_nothing_per_snapshot_after_the_first_run()
    {
        var net = FeederCatalog.Ieee33();
        var series = new TimeSeriesPowerFlow(net);
        var output = new TimeSeriesOutput(Profile24.Length, net.BusCount);
        var extraP = new double[Profile24.Length * net.BusCount];
        var extraQ = new double[Profile24.Length * net.BusCount];
        series.Run(Profile24, output);
        series.Run(Profile24, extraP, extraQ, output);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 10; k++)
        {
            series.Run(Profile24, output);
            series.Run(Profile24, extraP, extraQ, output);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_failed_slot_is_flagged_and_does_not_poison_the_next()
    {
        var net = FeederCatalog.Ieee33();
        var output = new TimeSeriesOutput(3, net.BusCount);
        new TimeSeriesPowerFlow(net).Run([1.0, 40.0, 1.0], output);
        Assert.False(output.AllConverged);
        Assert.Equal(1, output.FirstFailedSlot);
        Assert.True(double.IsNaN(output.LossesKvar[1]) && double.IsNaN(output.SlackPKw[1]));
        Assert.Equal(PowerFlowStatus.Converged, output.Status[0]);
        Assert.NotEqual(PowerFlowStatus.Converged, output.Status[1]);
        Assert.True(double.IsNaN(output.LossesKw[1]));
        Assert.Equal(PowerFlowStatus.Converged, output.Status[2]);
        Assert.Equal(output.LossesKw[0], output.LossesKw[2], 1e-5);
    }

    [Fact]
    public void A_failed_slot_never_throws_and_a_later_converging_run_reports_no_failure()
    {
        // One failure convention: status per slot, no exception (40 × nominal load collapses IEEE 33).
        var net = FeederCatalog.Ieee33();
        var output = new TimeSeriesOutput(3, net.BusCount);
        var series = new TimeSeriesPowerFlow(net);
        series.Run([1.0, 40.0, 1.0], output);
        Assert.Equal(PowerFlowStatus.Converged, output.Status[0]);
        Assert.Equal(1, output.FirstFailedSlot);
        Assert.True(double.IsNaN(output.SlackQKvar[1]));

        // A converging series does not throw and reports no failed slot.
        series.Run([1.0, 1.2, 1.0], output);
        Assert.True(output.AllConverged);
        Assert.Equal(-1, output.FirstFailedSlot);
    }

    [Fact]
    public void A_reused_series_gives_bit_identical_results_whatever_it_solved_before()
    {
        var net = FeederCatalog.Pge69();
        var n = net.BusCount;
        var slots = Profile24.Length;
        var otherP = new double[slots * n];
        var otherQ = new double[slots * n];
        for (var t = 0; t < slots; t++)
        {
            otherP[(t * n) + (n - 1)] = 50 + (10 * t);
            otherQ[(t * n) + (n / 2)] = 20;
        }

        var other = Profile24.Reverse().Select(m => m * 1.3).ToArray();
        var fresh = new TimeSeriesOutput(slots, n);
        new TimeSeriesPowerFlow(net).Run(Profile24, fresh);

        var reused = new TimeSeriesPowerFlow(net);
        var scratch = new TimeSeriesOutput(slots, n);
        var again = new TimeSeriesOutput(slots, n);
        reused.Run(Profile24, scratch);
        reused.Run(other, otherP, otherQ, scratch);
        reused.Run(Profile24, again);

        Assert.True(fresh.AllConverged && again.AllConverged);
        Assert.Equal(fresh.Iterations, again.Iterations);
        Assert.Equal(fresh.VoltageMagnitudesPu, again.VoltageMagnitudesPu);
        Assert.Equal(fresh.LossesKw, again.LossesKw);
        Assert.Equal(fresh.LossesKvar, again.LossesKvar);
        Assert.Equal(fresh.SlackPKw, again.SlackPKw);
    }

    [Fact]
    public void The_predictor_works_under_net_export()
    {
        // Light load and large DG/V2G injections: the network's net demand is negative in every slot.
        var net = FeederCatalog.Ieee33();
        var n = net.BusCount;
        var slots = Profile24.Length;
        var p = new double[slots * n];
        var q = new double[slots * n];
        int[] exporters = [10, 14, 18, 25, 30, 33];
        for (var t = 0; t < slots; t++)
        {
            foreach (var bus in exporters)
            {
                p[(t * n) + net.IndexOf(bus)] = -(250 + (150 * Math.Sin(Math.PI * t / slots)));
            }
        }

        var multipliers = Profile24.Select(m => 0.3 * m).ToArray();
        var with = new TimeSeriesOutput(slots, n);
        var without = new TimeSeriesOutput(slots, n);
        new TimeSeriesPowerFlow(net, new PowerFlowOptions(1e-10, 100)).Run(multipliers, p, q, with);
        new TimeSeriesPowerFlow(net, new PowerFlowOptions(1e-10, 100)) { UsePredictor = false }.Run(multipliers, p, q, without);
        Assert.True(with.AllConverged && without.AllConverged);
        Assert.All(with.SlackPKw, s => Assert.True(s < 0, $"slack power {s} kW: the case must export"));
        for (var i = 0; i < with.VoltageMagnitudesPu.Length; i++)
        {
            Assert.Equal(without.VoltageMagnitudesPu[i], with.VoltageMagnitudesPu[i], 1e-9);
        }

        Assert.True(with.Iterations.Skip(1).Sum() < without.Iterations.Skip(1).Sum(), $"{with.Iterations.Sum()} vs {without.Iterations.Sum()} sweeps");
    }

    [Fact]
    public void Series_inputs_are_checked()
    {
        var net = FeederCatalog.Ieee33();
        var series = new TimeSeriesPowerFlow(net);
        Assert.Throws<ArgumentException>(() => series.Run([1.0, 1.0], new TimeSeriesOutput(3, net.BusCount)));
        Assert.Throws<ArgumentException>(() => series.Run([1.0], new double[5], new double[5], new TimeSeriesOutput(1, net.BusCount)));
        Assert.Throws<ArgumentOutOfRangeException>(() => series.Run([double.NaN], new TimeSeriesOutput(1, net.BusCount)));
    }

    [Fact]
    public void Builtin_feeders_match_the_matpower_source_data()
    {
        foreach (var (name, file) in new[] { ("ieee33", "case33bw.m"), ("pge69", "case69.m") })
        {
            var builtin = FeederCatalog.Get(name);
            var mp = MatpowerCaseReader.ReadFile(SharedData.Path("matpower", file));
            Assert.Equal(mp.BusCount, builtin.BusCount);
            Assert.Equal(mp.Branches.Count, builtin.Branches.Count);
            for (var k = 0; k < mp.Branches.Count; k++)
            {
                Assert.Equal(mp.Branches[k].FromBus, builtin.Branches[k].FromBus);
                Assert.Equal(mp.Branches[k].ToBus, builtin.Branches[k].ToBus);
                Assert.Equal(mp.Branches[k].ResistancePu, builtin.Branches[k].ResistancePu, 1e-14);
                Assert.Equal(mp.Branches[k].ReactancePu, builtin.Branches[k].ReactancePu, 1e-14);
                Assert.Equal(mp.Branches[k].InService, builtin.Branches[k].InService);
            }

            Assert.Equal(mp.TotalLoadKw, builtin.TotalLoadKw, 1e-9);
            Assert.Equal(mp.TotalLoadKvar, builtin.TotalLoadKvar, 1e-9);
        }
    }

    [Fact]
    public void Feeder_text_format_round_trips()
    {
        var net = FeederCatalog.Ieee33().ToBuilder()
            .AddShunt(new ShuntElement(30, 600))
            .AddGenerator(new DistributedGenerator(18, 300, 50))
            .AddLoad(new Load(10, 40, 10, new ZipShares(0.2, 0.3, 0.5)))
            .Build();
        using var writer = new StringWriter();
        FeederTextFormat.Write(net, writer);
        var back = FeederTextFormat.Read(new StringReader(writer.ToString()), "roundtrip");
        var a = new BackwardForwardSweepSolver().Solve(net);
        var b = new BackwardForwardSweepSolver().Solve(back);
        Assert.Equal(a.LossesKw, b.LossesKw, 1e-12);
        Assert.Equal(a.MinVoltagePu, b.MinVoltagePu, 1e-14);
        Assert.Equal(net.Branches.Count(x => !x.InService), back.Branches.Count(x => !x.InService));
    }

    [Theory]
    [InlineData("feeder x\nbase-kva 1000\nbus 1 11 slack\nbus 2 11 load\nbranch 1 2 0.1 abc ohm\n", "line 5", "abc")]
    [InlineData("feeder x\nbase-kva 1000\nbus 1 11 swing\n", "line 3", "swing")]
    [InlineData("feeder x\nbase-kva 1000\nbus 1 11 slack\ntransformer 1 2\n", "line 4", "transformer")]
    [InlineData("feeder x\nbase-kva 1000\nbus 1 11 slack\nbus 2 11 load\nbranch 1 3 0.1 0.1 ohm\n", "line 5", "3")]
    public void Feeder_text_errors_name_the_line(string text, string line, string value)
    {
        var ex = Assert.Throws<FormatException>(() => FeederTextFormat.Read(new StringReader(text), "bad.feeder"));
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Synthetic_feeders_are_seeded_radial_and_reach_the_target_drop()
    {
        var a = SyntheticFeederGenerator.Generate(500, 7);
        var b = SyntheticFeederGenerator.Generate(500, 7);
        var c = SyntheticFeederGenerator.Generate(500, 8);
        Assert.True(a.IsRadial);
        Assert.Equal(500, a.BusCount);
        Assert.Equal(a.Loads.Select(l => l.PKw), b.Loads.Select(l => l.PKw));
        Assert.NotEqual(a.TotalLoadKw, c.TotalLoadKw);
        var r = new BackwardForwardSweepSolver().Solve(a);
        Assert.True(r.Converged);

        // The linearised drop is 6 %; the exact drop is a little larger (losses) but close.
        Assert.InRange(1 - r.MinVoltagePu, 0.055, 0.075);
    }

    [Fact]
    public void Dependency_injection_registers_solvers_and_feeders()
    {
        using var provider = new ServiceCollection().AddEvGridNetwork().AddEvGridNetwork().BuildServiceProvider();
        var solvers = provider.GetServices<IPowerFlowSolver>().Select(s => s.Name).ToArray();
        Assert.Equal(["newton", "sweep"], solvers);
        Assert.IsType<BackwardForwardSweepSolver>(provider.GetRequiredService<IPowerFlowSolver>(), exactMatch: false);
        var catalog = provider.GetRequiredService<IFeederCatalog>();
        Assert.Contains("ieee33", catalog.Names);
        var r = catalog.Solver("newton").Solve(catalog.Resolve("ieee33"));
        Assert.Equal(202.677, r.LossesKw, 0.001);
    }
}
