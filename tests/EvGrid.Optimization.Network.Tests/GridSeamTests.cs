using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Network.ThreePhase;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>The grid-evaluation seam: connection points, slot-major injections, one series interface, one failure convention.</summary>
public sealed class GridSeamTests
{
    private static readonly double[] Profile4 = [0.6, 0.9, 1.0, 0.7];

    /// <summary>Slots (1–30), connection points (1–6) and a data seed (0–1 000 000).</summary>
    public sealed record Layout(int Slots, int Points, int Seed);

    /// <summary>Generator of <see cref="Layout"/>.</summary>
    public static class Layouts
    {
        /// <summary>1–30 slots, 1–6 points, seeds 0–1 000 000.</summary>
        public static Arbitrary<Layout> All() => Arb.From(
            from slots in Gen.Choose(1, 30)
            from points in Gen.Choose(1, 6)
            from seed in Gen.Choose(0, 1_000_000)
            select new Layout(slots, points, seed));
    }

    /// <summary>Injections of 1–500 kW.</summary>
    public static class Kw1To500
    {
        /// <summary>Integers 1–500.</summary>
        public static Arbitrary<int> Kw() => Arb.From(Gen.Choose(1, 500));
    }

    /// <summary>Injections of 1–300 kW.</summary>
    public static class Kw1To300
    {
        /// <summary>Integers 1–300.</summary>
        public static Arbitrary<int> Kw() => Arb.From(Gen.Choose(1, 300));
    }

    /// <summary>Injections of −300 to 300 kW.</summary>
    public static class KwPlusMinus300
    {
        /// <summary>Integers −300 to 300.</summary>
        public static Arbitrary<int> Kw() => Arb.From(Gen.Choose(-300, 300));
    }

    /// <summary>Injections of 1–20 kW.</summary>
    public static class Kw1To20
    {
        /// <summary>Integers 1–20.</summary>
        public static Arbitrary<int> Kw() => Arb.From(Gen.Choose(1, 20));
    }

    /// <summary>Injections of −150 to 150 (kW, or tenths of a kW).</summary>
    public static class PlusMinus150
    {
        /// <summary>Integers −150 to 150.</summary>
        public static Arbitrary<int> Values() => Arb.From(Gen.Choose(-150, 150));
    }

    private static ThreePhaseFeeder Ieee34Mod { get; } = ModifiedIeee34.Create();

    private static string LastBusId(PowerNetwork net) => net.Buses[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Property(Arbitrary = new[] { typeof(Layouts) }, MaxTest = 40)]
    public bool Injections_round_trip_slot_major_arrays_point_columns_and_the_indexer(Layout layout)
    {
        var (slots, points, seed) = (layout.Slots, layout.Points, layout.Seed);
        var net = FeederCatalog.Ieee33();
        var grid = new BalancedGridTimeSeries(net);
        var map = grid.Connect(Enumerable.Range(0, points).Select(i => ConnectionPoint.Bus((2 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        var rnd = new Random(seed);
        var data = Enumerable.Range(0, slots * points).Select(_ => (rnd.NextDouble() * 400) - 200).ToArray();
        var inj = new SlotInjections(map, slots);
        inj.CopyFromSlotMajor(data);
        var back = new double[data.Length];
        inj.CopyToSlotMajor(back);
        var column = new double[slots];
        var ok = back.SequenceEqual(data);
        for (var i = 0; i < points; i++)
        {
            inj.GetPoint(i, column);
            for (var t = 0; t < slots; t++)
            {
                ok &= column[t] == data[(t * points) + i] && inj[t, i] == data[(t * points) + i] && inj.Kw[(t * points) + i] == data[(t * points) + i];
            }
        }

        // SetPoint writes one column of the slot-major layout and nothing else.
        var other = new SlotInjections(map, slots);
        other.SetPoint(points - 1, Enumerable.Range(0, slots).Select(t => (double)t).ToArray());
        for (var t = 0; t < slots; t++)
        {
            ok &= other.Slot(t)[points - 1] == t && other.Slot(t)[..(points - 1)].ToArray().All(x => x == 0);
        }

        return ok;
    }

    [Fact]
    public void A_non_finite_injection_is_rejected_naming_slot_and_point()
    {
        var grid = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var inj = new SlotInjections(grid.Connect([ConnectionPoint.Bus("5"), ConnectionPoint.Bus("18")]), 4);
        var ex = Assert.Throws<ArgumentException>(() => inj[2, 1] = double.NaN);
        Assert.Contains("slot 2, connection point 1 (bus 18)", ex.Message, StringComparison.Ordinal);

        // Written through the span: caught when the grid runs it.
        inj.Kw[(3 * 2) + 0] = double.PositiveInfinity;
        ex = Assert.Throws<ArgumentException>(() => grid.Run(Profile4, inj, grid.CreateResult(4)));
        Assert.Contains("slot 3, connection point 0 (bus 5)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("99", "bus '99' is not in network")]
    [InlineData("1", "bus 1 is the slack bus")]
    [InlineData("x7", "bus 'x7' is not in network")]
    public void Balanced_connect_rejects_unknown_and_slack_buses_by_name(string bus, string expected)
    {
        var grid = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var ex = Assert.Throws<NetworkValidationException>(() => grid.Connect([ConnectionPoint.Bus("18"), ConnectionPoint.Bus(bus)]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection point 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nowhere", "ABC", 1.0, "node 'nowhere' is not in feeder")]
    [InlineData("800", "ABC", 1.0, "node '800' is the source bus")]
    [InlineData("822-COM", "B", 1.0, "phase B is absent at node '822-COM' (present: A)")]
    [InlineData("844-EVCS", "ABX", 1.0, "unknown phase letter 'X'")]
    [InlineData("844-EVCS", "ABC", 0.0, "power factor must be in (0, 1], got 0")]
    [InlineData("844-EVCS", "ABC", 1.2, "power factor must be in (0, 1], got 1.2")]
    public void Three_phase_connect_rejects_unknown_nodes_the_source_absent_phases_and_bad_power_factors(string node, string phases, double pf, string expected)
    {
        var grid = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var ex = Assert.Throws<NetworkValidationException>(() => grid.Connect([ConnectionPoint.Node(node, phases, pf)]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("connection point 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_point_of_the_wrong_kind_is_rejected_naming_the_factory_to_use()
    {
        var balanced = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        Assert.Contains("ConnectionPoint.Bus(\"18\")", Assert.Throws<NetworkValidationException>(() => balanced.Connect([ConnectionPoint.Node("18")])).Message, StringComparison.Ordinal);
        var three = new ThreePhaseGridTimeSeries(Ieee34Mod);
        Assert.Contains("ConnectionPoint.Node(\"844\"", Assert.Throws<NetworkValidationException>(() => three.Connect([ConnectionPoint.Bus("844")])).Message, StringComparison.Ordinal);
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries), typeof(Kw1To500) }, MaxTest = 30)]
    public bool Balanced_plus_x_and_minus_x_at_one_bus_give_back_the_base_case_and_reuse_is_bit_identical(ConstantPowerFeeder feeder, int x)
    {
        var net = feeder.Network;
        var grid = new BalancedGridTimeSeries(net);
        var bus = LastBusId(net);
        var map = grid.Connect([ConnectionPoint.Bus(bus, 0.9), ConnectionPoint.Bus(bus, 0.9)]);
        var cancel = new SlotInjections(map, 4);
        var none = new SlotInjections(map, 4);
        var only = new SlotInjections(map, 4);
        for (var t = 0; t < 4; t++)
        {
            cancel[t, 0] = x;
            cancel[t, 1] = -x;
            only[t, 0] = x;
        }

        var a = grid.CreateResult(4);
        var b = grid.CreateResult(4);
        var c = grid.CreateResult(4);
        grid.Run(Profile4, none, a);
        grid.Run(Profile4, only, c);
        grid.Run(Profile4, cancel, b);

        // +x and −x at one bus sum to exactly 0 demand per bus, so the figures are bit-identical to the base case.
        var ok = a.VoltagesPu.SequenceEqual(b.VoltagesPu) && a.LossesKw.SequenceEqual(b.LossesKw);

        // Reuse: the base case run again after others gives the same bits.
        var again = grid.CreateResult(4);
        grid.Run(Profile4, none, again);
        return ok && again.VoltagesPu.SequenceEqual(a.VoltagesPu) && again.SubstationKva.SequenceEqual(a.SubstationKva);
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries), typeof(Kw1To300) }, MaxTest = 30)]
    public bool Balanced_negative_injection_equals_a_constant_power_generator_of_the_same_size(ConstantPowerFeeder feeder, int x)
    {
        // A negative constant-PQ injection of X kW is the same element as a PQ generator of X kW: both solved to
        // 1e-12 pu reach the same fixed point, and 1e-9 pu leaves room for rounding only.
        var net = feeder.Network;
        var bus = net.Buses[^1].Id;
        var options = new PowerFlowOptions(1e-12, 200);
        var grid = new BalancedGridTimeSeries(net, options);
        var inj = new SlotInjections(grid.Connect([ConnectionPoint.Bus(LastBusId(net))]), 1);
        inj[0, 0] = -x;
        var r = grid.CreateResult(1);
        grid.Run([1.0], inj, r);
        var withDg = net.ToBuilder().AddGenerator(new DistributedGenerator(bus, x, 0)).Build();
        var reference = new BackwardForwardSweepSolver().Solve(withDg, options);
        var ok = r.AllConverged && reference.Converged;
        for (var i = 0; i < net.BusCount; i++)
        {
            ok &= Math.Abs(r.VoltagePu(0, i) - reference.VoltageMagnitudesPu[i]) < 1e-9;
        }

        return ok && Math.Abs(r.LossesKw[0] - reference.LossesKw) < 1e-6 && Math.Abs(r.SubstationKw[0] - reference.SlackPKw) < 1e-6;
    }

    [Property(Arbitrary = new[] { typeof(NetworkArbitraries), typeof(KwPlusMinus300) }, MaxTest = 25)]
    public bool Balanced_power_balances_with_injections_and_substation_kva_matches_the_single_solver(ConstantPowerFeeder feeder, int x)
    {
        var net = feeder.Network;
        var grid = new BalancedGridTimeSeries(net, new PowerFlowOptions(1e-12, 200));
        var inj = new SlotInjections(grid.Connect([ConnectionPoint.Bus(LastBusId(net), 0.95)]), 4);
        for (var t = 0; t < 4; t++)
        {
            inj[t, 0] = x * (t + 1) / 4.0;
        }

        var r = grid.CreateResult(4);
        grid.Run(Profile4, inj, r);
        var ok = r.AllConverged;
        for (var t = 0; t < 4; t++)
        {
            // Constant-power loads draw their nominal power at any voltage: slack = loads + losses + injections.
            var expected = (Profile4[t] * net.TotalLoadKw) + r.LossesKw[t] + inj[t, 0];
            ok &= Math.Abs(r.SubstationKw[t] - expected) < 1e-6 * Math.Max(1, expected);
        }

        // Slot 2 (multiplier 1) as one snapshot with the injection as a load: |S| at the slack agrees.
        var q = inj[2, 0] * Math.Tan(Math.Acos(0.95));
        var single = new BackwardForwardSweepSolver().Solve(
            net.ToBuilder().AddLoad(new Load(net.Buses[^1].Id, inj[2, 0], q)).Build(),
            new PowerFlowOptions(1e-12, 200));
        return ok && Math.Abs(r.SubstationKva[2] - Math.Sqrt((single.SlackPKw * single.SlackPKw) + (single.SlackQKvar * single.SlackQKvar))) < 1e-6;
    }

    [Fact]
    public void Balanced_run_with_p_and_empty_q_is_purely_active()
    {
        var net = FeederCatalog.Ieee33();
        var series = new TimeSeriesPowerFlow(net);
        var p = new double[2 * net.BusCount];
        p[17] = 300;
        p[net.BusCount + 17] = -200;
        var a = new TimeSeriesOutput(2, net.BusCount);
        var b = new TimeSeriesOutput(2, net.BusCount);
        series.Run([1.0, 0.5], p, [], a);
        series.Run([1.0, 0.5], p, new double[p.Length], b);
        Assert.True(a.AllConverged);
        Assert.Equal(b.VoltageMagnitudesPu, a.VoltageMagnitudesPu);
        Assert.Equal(b.SlackQKvar, a.SlackQKvar);
    }

    [Property(Arbitrary = new[] { typeof(Kw1To20) }, MaxTest = 12)]
    public bool Three_phase_negative_injection_equals_reducing_that_nodes_constant_power_load(int x)
    {
        // 844-EVCS carries a 20 kW Y-PQ load (pf 0.98) on ABC. An injection of −X kW at pf 0.98 over ABC is the same
        // constant-power element as lowering that load to 20 − X kW; both solved to 1e-12 pu agree to 1e-9 pu.
        var options = ThreePhaseSolveOptions.Default with { TolerancePu = 1e-12, MaxIterations = 400 };
        var grid = new ThreePhaseGridTimeSeries(Ieee34Mod, options);
        var inj = new SlotInjections(grid.Connect([ConnectionPoint.Node("844-EVCS", "ABC", 0.98)]), 1);
        inj[0, 0] = -x;
        var r = grid.CreateResult(1);
        grid.Run([1.0], inj, r);

        var loads = new ModifiedIeee34Options().RegionalLoads.Select(l => l.Name == "844-EVCS" ? l with { PeakKw = l.PeakKw - x } : l).ToArray();
        var reduced = ModifiedIeee34.Create(new ModifiedIeee34Options { RegionalLoads = loads });
        var plain = new ThreePhaseGridTimeSeries(reduced, options);
        var none = new SlotInjections(plain.Connect([]), 1);
        var expected = plain.CreateResult(1);
        plain.Run([1.0], none, expected);
        var ok = r.AllConverged && expected.AllConverged;
        for (var k = 0; k < r.VoltagesPu.Length; k++)
        {
            ok &= r.PhasePresent[k] ? Math.Abs(r.VoltagesPu[k] - expected.VoltagesPu[k]) < 1e-9 : double.IsNaN(r.VoltagesPu[k]) && double.IsNaN(expected.VoltagesPu[k]);
        }

        return ok && Math.Abs(r.LossesKw[0] - expected.LossesKw[0]) < 1e-6;
    }

    [Property(Arbitrary = new[] { typeof(PlusMinus150) }, MaxTest = 15)]
    public bool Three_phase_power_balances_with_signed_injections(int x, int y)
    {
        // Substation kW = load kW at the solved voltages + losses + injections (constant power, exactly their kW);
        // the load and element-loss sums come from the full result of the same solve with the same extra demand.
        var grid = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var map = grid.Connect([ConnectionPoint.Node("846-EVCS", "ABC", 0.98), ConnectionPoint.Node("822-COM", "A", 0.95)]);
        var inj = new SlotInjections(map, 1);
        inj[0, 0] = x;
        inj[0, 1] = y / 10.0;
        var r = grid.CreateResult(1);
        grid.Run([0.8], inj, r);

        var ws = Ieee34Mod.CreateWorkspace();
        ws.SetLoadMultiplier(0.8);
        for (var p = 0; p < 3; p++)
        {
            ws.AddExtraDemand(Ieee34Mod.IndexOf("846-EVCS"), p, x / 3.0, x / 3.0 * Math.Tan(Math.Acos(0.98)));
        }

        ws.AddExtraDemand(Ieee34Mod.IndexOf("822-COM"), 0, y / 10.0, y / 10.0 * Math.Tan(Math.Acos(0.95)));
        var full = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default));
        var balance = full.TotalLoadKw + r.LossesKw[0] + x + (y / 10.0);

        // 1e-4 kW: the loss by power balance and the element-by-element loss differ by the 1e-8 pu sweep tolerance.
        return r.AllConverged && Math.Abs(r.SubstationKw[0] - balance) < 1e-4 && Math.Abs(r.SubstationKw[0] - full.TotalInputKw) < 1e-4
            && Math.Abs(r.LossesKw[0] - full.TotalLossKw) < 1e-4;
    }

    [Fact]
    public void Absent_phases_are_nan_and_false_in_the_mask()
    {
        var grid = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var map = grid.Connect([ConnectionPoint.Node("844-EVCS")]);
        var r = grid.CreateResult(2);
        grid.Run([1.0, 0.5], new SlotInjections(map, 2), r);
        var com = Ieee34Mod.IndexOf("822-COM");
        Assert.True(r.PhasePresent[com * 3]);
        Assert.False(r.PhasePresent[(com * 3) + 1]);
        Assert.False(r.PhasePresent[(com * 3) + 2]);
        Assert.True(double.IsNaN(r.VoltagePu(1, com, 1)) && double.IsNaN(r.VoltagePu(1, com, 2)));
        Assert.InRange(r.VoltagePu(1, com, 0), 0.85, 1.15);
        var present = 0;
        for (var k = 0; k < r.PhasePresent.Length; k++)
        {
            present += r.PhasePresent[k] ? 1 : 0;
            Assert.Equal(r.PhasePresent[k], !double.IsNaN(r.SlotVoltagesPu(0)[k]));
        }

        Assert.Equal(Ieee34Mod.NodePhases.Sum(p => p.Count()), present);
    }

    [Fact]
    public void A_failed_slot_is_a_status_not_an_exception_on_both_grids()
    {
        var balanced = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var b = balanced.CreateResult(3);
        balanced.Run([1.0, 40.0, 1.0], new SlotInjections(balanced.Connect([]), 3), b);
        Assert.Equal(1, b.FirstFailedSlot);
        Assert.False(b.AllConverged);
        Assert.True(double.IsNaN(b.LossesKw[1]) && double.IsNaN(b.SubstationKw[1]) && double.IsNaN(b.SubstationKva[1]));
        Assert.Equal(PowerFlowStatus.Converged, b.Status[2]);

        // Two sweeps cannot meet 1e-8 pu on IEEE 34: every slot is MaxIterationsReached, with NaN figures.
        var three = new ThreePhaseGridTimeSeries(Ieee34Mod, ThreePhaseSolveOptions.Default with { MaxIterations = 2 });
        var t = three.CreateResult(2);
        three.Run([1.0, 1.0], new SlotInjections(three.Connect([]), 2), t);
        Assert.Equal(0, t.FirstFailedSlot);
        Assert.Equal(PowerFlowStatus.MaxIterationsReached, t.Status[1]);
        Assert.True(double.IsNaN(t.LossesKw[0]));

        // Regulator control allowed a single round cannot settle the taps from neutral: a failed status of its own.
        var control = new ThreePhaseGridTimeSeries(Ieee34Mod, ThreePhaseSolveOptions.Default with { RegulatorControl = true, MaxControlIterations = 1 });
        var c = control.CreateResult(1);
        control.Run([1.0], new SlotInjections(control.Connect([]), 1), c);
        Assert.Equal(PowerFlowStatus.TapsNotSettled, c.Status[0]);
    }

    [Fact]
    public void Reference_start_agrees_with_a_flat_start_and_is_bit_identical_across_reuse_and_instances()
    {
        double[] profile = [0.45, 0.5, 0.7, 0.9, 1.0, 0.8];
        var flat = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var map = flat.Connect([ConnectionPoint.Node("844-EVCS", "ABC", 0.98), ConnectionPoint.Node("846-EVCS", "ABC", 0.98), ConnectionPoint.Node("848-EVCS", "ABC", 0.98)]);
        var typical = new SlotInjections(map, profile.Length);
        var inj = new SlotInjections(map, profile.Length);
        var other = new SlotInjections(map, profile.Length);
        var rnd = new Random(7);
        for (var t = 0; t < profile.Length; t++)
        {
            for (var i = 0; i < 3; i++)
            {
                typical[t, i] = 100;
                inj[t, i] = (rnd.NextDouble() * 400) - 150;
                other[t, i] = (rnd.NextDouble() * 400) - 150;
            }
        }

        var reference = flat.CreateReferenceStart(profile, typical);
        var worker1 = flat.WithReferenceStart(reference);
        var worker2 = flat.WithReferenceStart(reference);
        var a = flat.CreateResult(profile.Length);
        var b = flat.CreateResult(profile.Length);
        var c = flat.CreateResult(profile.Length);
        var d = flat.CreateResult(profile.Length);
        flat.Run(profile, inj, a);
        worker1.Run(profile, inj, b);
        worker1.Run(profile, other, c);
        worker1.Run(profile, inj, c);
        worker2.Run(profile, inj, d);
        Assert.True(a.AllConverged && b.AllConverged);

        // Different starts, same fixed point: 1e-7 pu is ten times the 1e-8 pu stopping tolerance (the error left
        // when a sweep changes nothing by more than the tolerance is a few times that tolerance on this feeder).
        for (var k = 0; k < a.VoltagesPu.Length; k++)
        {
            if (!double.IsNaN(a.VoltagesPu[k]))
            {
                Assert.Equal(a.VoltagesPu[k], b.VoltagesPu[k], 1e-7);
            }
        }

        Assert.True(b.VoltagesPu.SequenceEqual(c.VoltagesPu) && b.VoltagesPu.SequenceEqual(d.VoltagesPu));
        Assert.True(b.LossesKw.SequenceEqual(c.LossesKw) && b.Iterations.SequenceEqual(d.Iterations));

        // The reference start needs fewer sweeps than flat start plus secant prediction for the same input.
        Assert.True(Sum(b.Iterations) < Sum(a.Iterations), $"{Sum(b.Iterations)} vs {Sum(a.Iterations)}");
        Assert.Throws<ArgumentException>(() => worker1.Run([1.0], new SlotInjections(map, 1), flat.CreateResult(1)));
    }

    [Fact]
    public void Tabulated_axis_start_agrees_with_a_flat_start_in_one_sweep_per_slot_and_falls_back_off_the_axis()
    {
        double[] profile = [0.45, 0.5, 0.7, 0.9, 1.0, 0.8];
        var flat = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var map = flat.Connect([ConnectionPoint.Node("844-EVCS", "ABC"), ConnectionPoint.Node("846-EVCS", "ABC"), ConnectionPoint.Node("848-EVCS", "ABC")]);
        double[] weights = [0.5, 0.3, 0.2];
        double[] min = [-300, -300, -200, -100, 0, -300];
        double[] max = [600, 600, 500, 400, 300, 600];
        var axis = new InjectionAxis(map, weights, min, max);
        var typical = new SlotInjections(map, profile.Length);
        var onAxis = new SlotInjections(map, profile.Length);
        var offAxis = new SlotInjections(map, profile.Length);
        var rnd = new Random(11);
        for (var t = 0; t < profile.Length; t++)
        {
            var total = min[t] + (rnd.NextDouble() * (max[t] - min[t]));
            for (var i = 0; i < 3; i++)
            {
                typical[t, i] = 100 * weights[i];
                onAxis[t, i] = total * weights[i];
                offAxis[t, i] = total * (i == 0 ? 1.0 : 0.0);
            }
        }

        var taylor = flat.WithReferenceStart(flat.CreateReferenceStart(profile, typical));
        var table = flat.WithReferenceStart(flat.CreateReferenceStart(profile, typical, axis));
        Assert.Same(axis, table.ReferenceStart!.Axis);
        foreach (var injections in new[] { onAxis, offAxis })
        {
            var a = flat.CreateResult(profile.Length);
            var b = flat.CreateResult(profile.Length);
            var c = flat.CreateResult(profile.Length);
            flat.Run(profile, injections, a);
            taylor.Run(profile, injections, b);
            table.Run(profile, injections, c);
            Assert.True(a.AllConverged && b.AllConverged && c.AllConverged);

            // Same fixed point from three starts: 1e-7 pu is ten times the 1e-8 pu stopping tolerance (as above).
            for (var k = 0; k < a.VoltagesPu.Length; k++)
            {
                if (!double.IsNaN(a.VoltagesPu[k]))
                {
                    Assert.Equal(a.VoltagesPu[k], c.VoltagesPu[k], 1e-7);
                }
            }

            if (ReferenceEquals(injections, onAxis))
            {
                // On the axis the interpolated start is within the tolerance: one sweep per slot.
                Assert.All(c.Iterations.ToArray(), it => Assert.Equal(1, it));
                Assert.True(Sum(c.Iterations) < Sum(b.Iterations), $"{Sum(c.Iterations)} vs {Sum(b.Iterations)}");
            }
            else
            {
                // Off the axis the table is not used: the Taylor step, sweep for sweep.
                Assert.True(b.Iterations.SequenceEqual(c.Iterations) && b.VoltagesPu.SequenceEqual(c.VoltagesPu));
            }
        }
    }

    [Fact]
    public void An_injection_axis_names_the_bad_value()
    {
        var flat = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var map = flat.Connect([ConnectionPoint.Node("844-EVCS", "ABC"), ConnectionPoint.Node("846-EVCS", "ABC")]);
        Assert.Contains("weights must sum to 1", Assert.Throws<ArgumentException>(() => new InjectionAxis(map, [0.5, 0.4], [0.0], [1.0])).Message);
        Assert.Contains("weights[1]", Assert.Throws<ArgumentException>(() => new InjectionAxis(map, [1.5, -0.5], [0.0], [1.0])).Message);
        Assert.Contains("one per connection point (2)", Assert.Throws<ArgumentException>(() => new InjectionAxis(map, [1.0], [0.0], [1.0])).Message);
        Assert.Contains("slot 1", Assert.Throws<ArgumentException>(() => new InjectionAxis(map, [0.5, 0.5], [0.0, 5.0], [1.0, 4.0])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new InjectionAxis(map, [0.5, 0.5], [0.0], [1.0], levels: 3));
        var axis = new InjectionAxis(map, [0.5, 0.5], [0.0, 0.0], [1.0, 1.0]);
        var otherMap = new SlotInjections(flat.Connect([ConnectionPoint.Node("844-EVCS", "ABC"), ConnectionPoint.Node("846-EVCS", "ABC")]), 2);
        Assert.Contains("same connection map", Assert.Throws<ArgumentException>(() => flat.CreateReferenceStart([1.0, 1.0], otherMap, axis)).Message);
        Assert.Contains("has 2 slots", Assert.Throws<ArgumentException>(() => flat.CreateReferenceStart([1.0, 1.0, 1.0], new SlotInjections(map, 3), axis)).Message);
    }

    [Fact]
    public void Injections_of_another_grid_are_rejected()
    {
        var a = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var b = new ThreePhaseGridTimeSeries(ModifiedIeee34.Create());
        var inj = new SlotInjections(a.Connect([ConnectionPoint.Node("844-EVCS")]), 2);
        Assert.Throws<ArgumentException>(() => b.Run([1.0, 1.0], inj, b.CreateResult(2)));

        // Another instance on the same feeder object accepts the map (shared between worker threads).
        var c = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var r = c.CreateResult(2);
        c.Run([1.0, 1.0], inj, r);
        Assert.True(r.AllConverged);
    }

    [Fact]
    public void A_run_allocates_nothing_after_the_first_on_both_grids()
    {
        var balanced = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var bInj = new SlotInjections(balanced.Connect([ConnectionPoint.Bus("18", 0.95)]), 4);
        bInj.SetPoint(0, [100, -50, 0, 200]);
        var bRes = balanced.CreateResult(4);
        var three = new ThreePhaseGridTimeSeries(Ieee34Mod);
        var map = three.Connect([ConnectionPoint.Node("844-EVCS"), ConnectionPoint.Node("822-COM", "A")]);
        var tInj = new SlotInjections(map, 4);
        tInj.SetPoint(0, [100, -50, 0, 200]);
        var typical = new SlotInjections(map, 4);
        var worker = three.WithReferenceStart(three.CreateReferenceStart(Profile4, typical));
        var tRes = three.CreateResult(4);
        balanced.Run(Profile4, bInj, bRes);
        three.Run(Profile4, tInj, tRes);
        worker.Run(Profile4, tInj, tRes);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var k = 0; k < 5; k++)
        {
            balanced.Run(Profile4, bInj, bRes);
            three.Run(Profile4, tInj, tRes);
            worker.Run(Profile4, tInj, tRes);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static int Sum(ReadOnlySpan<int> values)
    {
        var s = 0;
        foreach (var v in values)
        {
            s += v;
        }

        return s;
    }
}
