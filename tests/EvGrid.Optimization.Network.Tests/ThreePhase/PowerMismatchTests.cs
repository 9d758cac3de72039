using EvGrid.Optimization.Network.ThreePhase;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

public sealed class PowerMismatchTests(ITestOutputHelper output)
{
    public static TheoryData<string, bool> Cases => new()
    {
        { "ieee13", false },
        { "ieee13", true },
        { "ieee34", false },
        { "ieee34", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_converged_sweep_has_a_tiny_node_phase_power_mismatch(string feeder, bool regulatorControl)
    {
        var options = ThreePhaseSolveOptions.Default with { TolerancePu = 1e-8, RegulatorControl = regulatorControl };
        var result = ThreePhaseSweepSolver.Solve(ThreePhaseFeeders.Get(feeder), options);
        output.WriteLine($"{feeder}: {result.Iterations} sweeps, mismatch {result.MaxPowerMismatchPu:E3} pu, last change {result.Status.MaxChangePu:E3} pu");
        Assert.True(result.Converged);
        // Above zero: an iterative solution keeps a residual, so 0 would mean the mismatch was never computed.
        Assert.InRange(result.MaxPowerMismatchPu, double.Epsilon, 1e-6);
    }

    [Theory]
    [InlineData("ieee13", 1)]
    [InlineData("ieee13", 2)]
    [InlineData("ieee34", 1)]
    [InlineData("ieee34", 2)]
    public void A_sweep_stopped_early_has_a_large_power_mismatch(string feeder, int sweeps)
    {
        var options = ThreePhaseSolveOptions.Default with { TolerancePu = 1e-8, MaxIterations = sweeps };
        var result = ThreePhaseSweepSolver.Solve(ThreePhaseFeeders.Get(feeder), options);
        output.WriteLine($"{feeder} after {sweeps}: mismatch {result.MaxPowerMismatchPu:E3} pu, last change {result.Status.MaxChangePu:E3} pu");
        Assert.False(result.Converged);
        Assert.True(result.MaxPowerMismatchPu > 1e-4, $"mismatch {result.MaxPowerMismatchPu:E3} pu");
    }

    [Fact]
    public void The_mismatch_falls_as_the_tolerance_tightens()
    {
        var feeder = ThreePhaseFeeders.Ieee13();
        var loose = ThreePhaseSweepSolver.Solve(feeder, ThreePhaseSolveOptions.Default with { TolerancePu = 1e-3 });
        var tight = ThreePhaseSweepSolver.Solve(feeder, ThreePhaseSolveOptions.Default with { TolerancePu = 1e-10 });
        Assert.True(tight.MaxPowerMismatchPu < loose.MaxPowerMismatchPu / 100, $"{tight.MaxPowerMismatchPu:E3} vs {loose.MaxPowerMismatchPu:E3}");
    }
}
