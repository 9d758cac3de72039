using EvGrid.Optimization.Network.ThreePhase;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

public sealed class ModifiedIeee34Tests(ITestOutputHelper output)
{
    [Fact]
    public void Without_regional_loads_the_10_kV_feeder_has_the_IEEE_34_per_unit_voltages()
    {
        var mod = ModifiedIeee34.Create(new ModifiedIeee34Options { RegionalLoads = [], Xfm1Kva = 500 });
        var tight = new ThreePhaseSolveOptions { TolerancePu = 1e-13, MaxIterations = 500 };
        var rMod = ThreePhaseSweepSolver.Solve(mod, tight);
        var r34 = ThreePhaseSweepSolver.Solve(ThreePhaseFeeders.Ieee34(), tight);
        Assert.True(rMod.Converged);
        Assert.Equal(10000 / Math.Sqrt(3), mod.NodeBaseVoltsLineToNeutral[0], 9);
        foreach (var v in r34.Voltages)
        {
            var m = rMod.Voltage(v.Bus, v.Phase);
            Assert.Equal(v.VmPu, m.VmPu, 9);
            Assert.Equal(v.VaDeg, m.VaDeg, 7);
        }

        // Relay voltages (and so the LDC loop) are unchanged: PT and CT are scaled with the voltage.
        for (var i = 0; i < r34.RegulatorTaps.Count; i++)
        {
            Assert.Equal(r34.RegulatorTaps[i].RelayVolts, rMod.RegulatorTaps[i].RelayVolts, 7);
        }
    }

    [Fact]
    public void With_the_regional_loads_the_regulators_settle_and_the_loads_are_served()
    {
        var feeder = ModifiedIeee34.Create();
        Assert.Equal("ieee34-mod", feeder.Name);
        var r = ThreePhaseSweepSolver.Solve(feeder, new ThreePhaseSolveOptions { RegulatorControl = true });
        output.WriteLine($"converged {r.Converged}, input {r.TotalInputKw:F1} kW, load {r.TotalLoadKw:F1} kW, loss {r.TotalLossKw:F1} kW");
        foreach (var t in r.RegulatorTaps)
        {
            output.WriteLine($"{t.Regulator} {t.Phase} tap {t.Tap} relay {t.RelayVolts:F2}");
        }

        foreach (var v in r.Voltages.Where(v => !v.IsInternal))
        {
            output.WriteLine($"{v.Bus} {v.Phase} {v.VmPu:F4} {v.VaDeg:F2}");
        }

        Assert.True(r.Converged);
        Assert.True(r.TotalLoadKw > 1770 + 110, $"load {r.TotalLoadKw}");
        foreach (var name in new[] { "888-RES", "822-COM", "844-EVCS", "846-EVCS", "848-EVCS" })
        {
            Assert.Equal(400.0, feeder.NodeBaseVoltsLineToNeutral[feeder.IndexOf(name)] * Math.Sqrt(3), 6);
            foreach (var v in r.Voltages.Where(v => v.Bus == name))
            {
                Assert.InRange(v.VmPu, 0.9, 1.1);
            }
        }

        Assert.Equal(PhaseSet.A, feeder.NodePhases[feeder.IndexOf("822-COM")]);
        Assert.All(r.Voltages, v => Assert.InRange(v.VmPu, 0.9, 1.1));

        // Twice the default regional shares exhaust regulator 1 phase A: reported, not hidden.
        var heavy = new ModifiedIeee34Options();
        heavy = heavy with { RegionalLoads = heavy.RegionalLoads.Select(l => l with { PeakKw = 2 * l.PeakKw }).ToArray() };
        var rh = ThreePhaseSweepSolver.Solve(ModifiedIeee34.Create(heavy), new ThreePhaseSolveOptions { RegulatorControl = true });
        Assert.False(rh.Converged);
        Assert.Equal(16, rh.RegulatorTaps[0].Tap);
    }

    [Fact]
    public void Regional_load_groups_follow_the_IEEE_spot_loads()
    {
        var feeder = ModifiedIeee34.Create();
        Assert.Equal(6 + 5 + 19, feeder.LoadGroupCount);
        var ws = feeder.CreateWorkspace();
        var m = new double[feeder.LoadGroupCount];
        m[ModifiedIeee34.FirstRegionalLoadGroup] = 1; // the residential aggregate alone
        ws.SetLoadMultipliers(m);
        var r = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default));
        Assert.Equal(50.0, r.TotalLoadKw, 6);
    }

    [Fact]
    public void Bad_options_are_rejected() =>
        Assert.Throws<ArgumentException>(() => ModifiedIeee34.Create(new ModifiedIeee34Options { RegionalLoads = [new("X", "844", 100, 1.5, 1000, 100)] }));
}

public sealed class ThreePhaseTimeSeriesTests
{
    private static readonly double[] Profile = [0.45, 0.42, 0.40, 0.40, 0.42, 0.50, 0.62, 0.75, 0.85, 0.88, 0.90, 0.92, 0.90, 0.88, 0.87, 0.88, 0.93, 1.00, 1.05, 1.02, 0.95, 0.82, 0.66, 0.52];

    [Fact]
    public void A_warm_series_equals_cold_solves_slot_by_slot()
    {
        var feeder = ThreePhaseFeeders.Ieee34();
        var ws = feeder.CreateWorkspace();
        var vm = new double[Profile.Length * feeder.NodeCount * 3];
        var loss = new double[Profile.Length];
        var status = ThreePhaseTimeSeries.Run(ws, Profile, ThreePhaseSolveOptions.Default, vm, loss);
        Assert.True(status.AllConverged);
        Assert.Equal(-1, status.FirstFailedSlot);
        for (var t = 0; t < Profile.Length; t += 5)
        {
            var cold = feeder.CreateWorkspace();
            cold.SetLoadMultiplier(Profile[t]);
            var s = ThreePhaseSweepSolver.Solve(cold, ThreePhaseSolveOptions.Default);
            var r = ThreePhasePowerFlowResult.From(cold, s);
            Assert.Equal(r.TotalLossKw, loss[t], 1e-4);
            foreach (var v in r.Voltages)
            {
                var n = feeder.IndexOf(v.Bus);
                var p = "ABC".IndexOf(v.Phase, StringComparison.Ordinal);
                Assert.Equal(v.VmPu, vm[(t * feeder.NodeCount + n) * 3 + p], 1e-7);
            }
        }

        Assert.True(loss[18] > loss[3]);
    }

    [Fact]
    public void A_reused_workspace_gives_bit_identical_series_whatever_it_solved_before()
    {
        var feeder = ThreePhaseFeeders.Ieee34();
        var size = Profile.Length * feeder.NodeCount * 3;
        var freshVm = new double[size];
        var freshLoss = new double[Profile.Length];
        var fresh = ThreePhaseTimeSeries.Run(feeder.CreateWorkspace(), Profile, ThreePhaseSolveOptions.Default, freshVm, freshLoss);

        var ws = feeder.CreateWorkspace();
        var scratchVm = new double[size];
        var scratchLoss = new double[Profile.Length];
        ThreePhaseTimeSeries.Run(ws, Profile, ThreePhaseSolveOptions.Default, scratchVm, scratchLoss);
        ThreePhaseTimeSeries.Run(ws, Profile.Reverse().Select(m => 1.2 * m).ToArray(), ThreePhaseSolveOptions.Default, scratchVm, scratchLoss);
        var againVm = new double[size];
        var againLoss = new double[Profile.Length];
        var again = ThreePhaseTimeSeries.Run(ws, Profile, ThreePhaseSolveOptions.Default, againVm, againLoss);

        Assert.True(fresh.AllConverged && again.AllConverged);
        Assert.Equal(fresh.TotalIterations, again.TotalIterations);
        Assert.Equal(freshVm, againVm);
        Assert.Equal(freshLoss, againLoss);
    }

    [Fact]
    public void After_the_first_snapshot_a_series_allocates_nothing()
    {
        var feeder = ThreePhaseFeeders.Ieee34();
        var ws = feeder.CreateWorkspace();
        var vm = new double[Profile.Length * feeder.NodeCount * 3];
        var loss = new double[Profile.Length];
        var options = ThreePhaseSolveOptions.Default;
        ThreePhaseTimeSeries.Run(ws, Profile, options, vm, loss);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var status = ThreePhaseTimeSeries.Run(ws, Profile, options, vm, loss);
        var after = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(status.AllConverged);
        Assert.Equal(0, after - before);
    }

    [Fact]
    public void Per_load_multipliers_equal_to_a_uniform_one_give_the_same_series()
    {
        var feeder = ThreePhaseFeeders.Ieee13();
        var g = feeder.LoadGroupCount;
        var per = new double[3 * g];
        double[] uniform = [0.5, 1.0, 1.2];
        for (var t = 0; t < 3; t++)
        {
            Array.Fill(per, uniform[t], t * g, g);
        }

        var vm1 = new double[3 * feeder.NodeCount * 3];
        var vm2 = new double[3 * feeder.NodeCount * 3];
        var l1 = new double[3];
        var l2 = new double[3];
        ThreePhaseTimeSeries.Run(feeder.CreateWorkspace(), uniform, ThreePhaseSolveOptions.Default, vm1, l1);
        ThreePhaseTimeSeries.Run(feeder.CreateWorkspace(), 3, per, ThreePhaseSolveOptions.Default, vm2, l2);
        for (var i = 0; i < vm1.Length; i++)
        {
            Assert.Equal(vm1[i], vm2[i], 1e-10);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(l1[i], l2[i], 1e-8);
        }
        Assert.Throws<ArgumentException>(() => ThreePhaseTimeSeries.Run(feeder.CreateWorkspace(), 3, per.AsSpan(1), ThreePhaseSolveOptions.Default, vm2, l2));
        Assert.Throws<ArgumentException>(() => ThreePhaseTimeSeries.Run(feeder.CreateWorkspace(), uniform, ThreePhaseSolveOptions.Default, vm2.AsSpan(1), l2));
    }

    [Fact]
    public void A_hopeless_overload_is_reported_as_not_converged()
    {
        var ws = ThreePhaseFeeders.Ieee34().CreateWorkspace();
        ws.SetLoadMultiplier(40);
        var s = ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default);
        Assert.False(s.Converged);
        var r = ThreePhasePowerFlowResult.From(ws, s);
        Assert.False(r.Converged);
    }
}

public sealed class ThreePhaseControlSeriesTests
{
    [Fact]
    public void Under_regulator_control_a_series_keeps_taps_in_band_and_taps_carry_over()
    {
        // Each run of the first t + 1 slots ends in slot t's state (slot 0 always starts flat, so prefixes replay the
        // series exactly). Re-solving that state with the taps locked reports its relay voltages: every controlled
        // phase must be in its band after every slot.
        var feeder = ThreePhaseFeeders.Ieee34();
        var ws = feeder.CreateWorkspace();
        double[] profile = [0.6, 0.8, 1.0, 1.0, 0.8];
        var options = new ThreePhaseSolveOptions { RegulatorControl = true };
        var vm = new double[profile.Length * feeder.NodeCount * 3];
        var loss = new double[profile.Length];
        var tapsBySlot = new List<int[]>();
        for (var t = 0; t < profile.Length; t++)
        {
            var status = ThreePhaseTimeSeries.Run(ws, profile.AsSpan(0, t + 1), options, vm, loss);
            Assert.True(status.AllConverged);
            var r = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default));
            Assert.True(r.Converged);
            Assert.Equal(6, r.RegulatorTaps.Count(x => x.IsControlled));
            Assert.All(r.RegulatorTaps, x =>
            {
                // The band from the feeder's own settings, not from the result's fields or flag.
                var control = feeder.Regulators.Single(g => g.Name == x.Regulator).Control!;
                var p = "ABC".IndexOf(x.Phase, StringComparison.Ordinal);
                var half = control.BandwidthVolts / 2;
                Assert.InRange(x.RelayVolts, control.VoltageLevel[p] - half, control.VoltageLevel[p] + half);
                Assert.True(x.InBand);
            });
            tapsBySlot.Add([.. r.RegulatorTaps.Select(x => x.Tap)]);
        }

        // The load rises from 0.6 to 1.0: the taps move with it, so the check above saw more than one tap setting.
        Assert.NotEqual(tapsBySlot[0], tapsBySlot[2]);

        // Taps carry over: continuing the control loop from the last slot's taps moves none of them.
        var again = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, options with { ControlStartsFromNeutral = false }));
        Assert.True(again.Converged);
        Assert.Equal(1, again.Status.ControlIterations);
        Assert.Equal(tapsBySlot[^1], again.RegulatorTaps.Select(x => x.Tap));
    }

    [Fact]
    public void Control_from_neutral_leaves_uncontrolled_regulators_alone()
    {
        var f = BuilderValidationTests.Simple()
            .AddRegulator(new StepVoltageRegulator("fixed", "1", "R1", PhaseSet.ABC, [4, 4, 4], null))
            .Build();
        var r = ThreePhaseSweepSolver.Solve(f, new ThreePhaseSolveOptions { RegulatorControl = true });
        Assert.True(r.Converged);
        Assert.All(r.RegulatorTaps, t => Assert.Equal(4, t.Tap));
    }
}
