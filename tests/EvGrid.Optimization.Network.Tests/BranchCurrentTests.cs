using System.Globalization;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Network.ThreePhase;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>Branch currents of the grid-evaluation seam (seed 002 eq. (27)): opt-in, per slot, in A.</summary>
public sealed class BranchCurrentTests
{
    private static readonly double[] Profile = [0.6, 1.0, 0.8];

    [Fact]
    public void Balanced_branch_currents_equal_apparent_power_over_voltage_of_an_independent_newton_solution()
    {
        // IEEE 33 keeps five open ties: the seam lists only the 32 in-service branches, in network order.
        var net = FeederCatalog.Ieee33();
        var options = new PowerFlowOptions(1e-12, 200);
        var grid = new BalancedGridTimeSeries(net, options);
        var inj = new SlotInjections(grid.Connect([ConnectionPoint.Bus("18", 0.95), ConnectionPoint.Bus("25")]), Profile.Length);
        inj.SetPoint(0, [-300, 250, -900]);
        inj.SetPoint(1, [150, 0, 400]);
        var r = grid.CreateResult(Profile.Length, withBranchCurrents: true);
        grid.Run(Profile, inj, r);
        Assert.True(r.AllConverged);
        Assert.Equal(32, r.BranchCount);
        Assert.Equal(32, grid.BranchCount);
        var q = Math.Tan(Math.Acos(0.95));
        var worst = 0.0;
        for (var t = 0; t < Profile.Length; t++)
        {
            // The slot as one snapshot: loads × multiplier plus the injections as constant-power loads, solved by
            // Newton-Raphson (a different solver from the seam's sweep). No line charging in case33bw, so the series
            // current is the from-end current |S_from| / (√3 |V_from|).
            var snapshot = TestNetworks.Scaled(net, Profile[t]).ToBuilder()
                .AddLoad(new Load(18, inj[t, 0], inj[t, 0] * q))
                .AddLoad(new Load(25, inj[t, 1], 0))
                .Build();
            var reference = new NewtonRaphsonSolver().Solve(snapshot, new PowerFlowOptions(1e-12, 50));
            Assert.True(reference.Converged);
            Assert.Equal(reference.Branches.Count, r.BranchCount);
            for (var k = 0; k < reference.Branches.Count; k++)
            {
                var f = reference.Branches[k];
                Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{f.FromBus}-{f.ToBus}"), grid.BranchIds[k]);
                var from = net.IndexOf(f.FromBus);
                var kv = reference.VoltageMagnitudesPu[from] * net.Buses[from].BaseKv;
                var expected = Math.Sqrt((f.PFromKw * f.PFromKw) + (f.QFromKvar * f.QFromKvar)) / (Math.Sqrt(3) * kv);
                var got = r.BranchCurrentA(t, k);
                worst = Math.Max(worst, Math.Abs(got - expected) / expected);
            }
        }

        // Both solutions meet 1e-12 pu; the currents then agree to rounding (observed 1.4e-12 relative).
        Assert.True(worst < 1e-10, $"worst relative difference {worst:E2}");
    }

    [Fact]
    public void Three_phase_branch_currents_equal_the_full_results_from_end_currents()
    {
        var feeder = ModifiedIeee34.Create();
        var grid = new ThreePhaseGridTimeSeries(feeder);
        var r = grid.CreateResult(1, withBranchCurrents: true);
        grid.Run([1.0], new SlotInjections(grid.Connect([]), 1), r);
        var full = ThreePhaseSweepSolver.Solve(feeder);
        Assert.True(r.AllConverged && full.Converged);
        Assert.Equal(feeder.BranchCount, r.BranchCount);
        var worst = 0.0;
        var seen = 0;
        foreach (var b in full.Branches)
        {
            var k = grid.BranchIds.ToList().IndexOf(b.Element);
            var p = "ABC".IndexOf(b.Phase, StringComparison.Ordinal);
            Assert.True(r.BranchPhasePresent[(k * 3) + p]);
            worst = Math.Max(worst, Math.Abs(r.BranchCurrentA(0, k, p) - b.CurrentInAmps) / Math.Max(1, b.CurrentInAmps));
            seen++;
        }

        // Every present phase appears once in the full result; the absent ones are NaN in the seam.
        Assert.Equal(seen, r.BranchPhasePresent.ToArray().Count(x => x));
        Assert.Equal(r.BranchCurrentsA.Length - seen, r.BranchCurrentsA.ToArray().Count(double.IsNaN));

        // Same sweep from the same flat start to the same tolerance and the same terminal-current formula: observed
        // bit-identical; 1e-12 leaves room for a different summation order only.
        Assert.True(worst < 1e-12, $"worst relative difference {worst:E2}");
    }

    [Fact]
    public void Branch_currents_are_opt_in_nan_in_a_failed_slot_and_allocate_nothing_per_run()
    {
        var grid = new BalancedGridTimeSeries(FeederCatalog.Ieee33());
        var plain = grid.CreateResult(3);
        Assert.False(plain.HasBranchCurrents);
        Assert.True(plain.BranchCurrentsA.IsEmpty);
        var error = Assert.Throws<InvalidOperationException>(() => plain.BranchCurrentA(0, 0));
        Assert.Contains("withBranchCurrents", error.Message, StringComparison.Ordinal);

        var r = grid.CreateResult(3, withBranchCurrents: true);
        var inj = new SlotInjections(grid.Connect([]), 3);
        grid.Run([1.0, 40.0, 1.0], inj, r);
        Assert.Equal(1, r.FirstFailedSlot);
        for (var k = 0; k < r.BranchCount; k++)
        {
            Assert.True(double.IsNaN(r.BranchCurrentA(1, k)));
            Assert.Equal(r.BranchCurrentA(0, k), r.BranchCurrentA(2, k));
        }

        // The head branch carries the whole feeder: at nominal load |S| = |3 918 + j2 435| kVA at 1 pu and 12.66 kV, 210 A.
        Assert.InRange(r.BranchCurrentA(0, 0), 209, 212);

        // A plain result after one with currents, and back: each keeps its own contents; once both kinds have run,
        // runs allocate nothing.
        grid.Run([1.0, 1.0, 1.0], inj, plain);
        grid.Run([1.0, 1.0, 1.0], inj, r);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 5; i++)
        {
            grid.Run([1.0, 0.5, 1.0], inj, plain); // alternating the two kinds of result allocates nothing either
            grid.Run([1.0, 0.5, 1.0], inj, r);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(r.BranchCurrentA(1, 0) < r.BranchCurrentA(0, 0));
    }
}
