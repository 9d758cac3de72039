using System.Globalization;
using EvGrid.Optimization.Network.ThreePhase;
using EvGrid.Optimization.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

public sealed class Ieee34ValidationTests(ITestOutputHelper output)
{
    private static IEnumerable<(string Node, string Phase, double Vm, double Va)> Published()
    {
        var path = Path.Combine(SharedData.RepositoryRoot, "tests", "EvGrid.Optimization.Network.Tests", "ThreePhase", "Data", "ieee34_published_voltages.csv");
        foreach (var line in File.ReadAllLines(path).Skip(1))
        {
            var f = line.Split(',');
            yield return (f[0], f[1], double.Parse(f[2], CultureInfo.InvariantCulture), double.Parse(f[3], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(DistributedLoadPlacement.KerstingExactLumped)]
    [InlineData(DistributedLoadPlacement.HalfAtEachEnd)]
    public void Every_node_phase_matches_the_published_voltages_with_taps_locked(DistributedLoadPlacement placement)
    {
        var result = ThreePhaseSweepSolver.Solve(ThreePhaseFeeders.Ieee34(placement));
        Assert.True(result.Converged);
        Assert.Equal([12, 5, 5, 13, 11, 12], result.RegulatorTaps.Select(t => t.Tap));
        var failures = new List<string>();
        double worstVm = 0, worstVa = 0;
        var compared = 0;
        foreach (var (node, phase, vm, va) in Published())
        {
            if (node == "XF10")
            {
                continue; // XFM-1 secondary pseudo-node, the same bus as 888 in this model
            }

            var v = result.Voltage(node, phase);
            var dvm = v.VmPu - vm;
            var dva = v.VaDeg - va;
            worstVm = Math.Max(worstVm, Math.Abs(dvm));
            worstVa = Math.Max(worstVa, Math.Abs(dva));
            compared++;
            output.WriteLine($"{node,-5} {phase} {v.VmPu:F5} ({vm:F4}, {dvm:+0.00000;-0.00000}) {v.VaDeg:F3} ({va:F2}, {dva:+0.000;-0.000})");
            if (Math.Abs(dvm) > 0.0005 || Math.Abs(dva) > 0.05)
            {
                failures.Add($"{node}.{phase}: {v.VmPu:F5}∠{v.VaDeg:F3} vs {vm}∠{va}");
            }
        }

        output.WriteLine($"worst |ΔV| {worstVm:F5} pu, worst |Δθ| {worstVa:F4}° over {compared} node-phases");
        Assert.Equal(Published().Count(p => p.Node != "XF10"), compared);
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Fact]
    public void Without_line_charging_the_answer_is_visibly_off()
    {
        var builder = ThreePhaseFeeders.Document("ieee34").ToBuilder();
        builder.IncludeLineCharging = false;
        var result = ThreePhaseSweepSolver.Solve(builder.Build());
        Assert.True(result.Converged);
        var worst = Published().Where(p => p.Node != "XF10").Max(p => Math.Abs(result.Voltage(p.Node, p.Phase).VmPu - p.Vm));
        output.WriteLine($"worst |ΔV| without charging: {worst:F5} pu");
        Assert.True(worst > 0.003, $"worst deviation without line charging only {worst}");
    }

    [Fact]
    public void Line_drop_compensator_loop_settles_with_every_relay_voltage_in_band()
    {
        var feeder = ThreePhaseFeeders.Ieee34();
        var result = ThreePhaseSweepSolver.Solve(feeder, new ThreePhaseSolveOptions { RegulatorControl = true });
        Assert.True(result.Status.Converged);
        Assert.True(result.Status.TapsSettled);
        Assert.True(result.Status.ControlIterations > 1);
        foreach (var t in result.RegulatorTaps)
        {
            output.WriteLine($"{t.Regulator} {t.Phase}: tap {t.Tap}, relay {t.RelayVolts:F2} V");
            var reg = feeder.Regulators.Single(r => r.Name == t.Regulator);
            var p = "ABC".IndexOf(t.Phase, StringComparison.Ordinal);
            Assert.InRange(t.RelayVolts, reg.Control!.VoltageLevel[p] - 1.0, reg.Control.VoltageLevel[p] + 1.0);
        }

        foreach (var v in result.Voltages.Where(v => !v.IsInternal))
        {
            output.WriteLine($"{v.Bus} {v.Phase} {v.VmPu:F4} {v.VaDeg:F2}");
        }
    }

    [Fact]
    public void With_the_published_taps_regulator_1_phase_A_relay_voltage_is_below_its_band()
    {
        // A documented finding: the published taps are not what a standard LDC loop holds (121–123 V band).
        var result = ThreePhaseSweepSolver.Solve(ThreePhaseFeeders.Ieee34());
        var relayA = result.RegulatorTaps.Single(t => t.Regulator == "RG10" && t.Phase == "A").RelayVolts;
        output.WriteLine($"RG10 A relay {relayA:F3} V");
        Assert.InRange(relayA, 120.0, 121.0);
    }
}
