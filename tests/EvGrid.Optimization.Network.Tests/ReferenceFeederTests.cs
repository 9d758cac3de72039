using EvGrid.Optimization.Network;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>
/// Published reference solutions (docs/validation.md): MATPOWER's Newton solution of case33bw and case69, which
/// pandapower reproduces to 1e-8 pu; losses of 202.677 kW / 135.141 kVAr and 0.913090 pu at bus 18 for IEEE 33
/// (Baran &amp; Wu 1989 report 202.7 kW and 0.913 pu), 224.992 kW / 102.158 kVAr and 0.909188 pu at bus 65 for PG&amp;E 69.
/// </summary>
public sealed class ReferenceFeederTests
{
    public static TheoryData<string> Solvers => new() { "sweep", "newton", "newton-dense-lu", "newton-flat" };

    private static IPowerFlowSolver Solver(string name) => name switch
    {
        "sweep" => new BackwardForwardSweepSolver(),
        "newton-dense-lu" => new NewtonRaphsonSolver(NewtonLinearSolver.DenseLu),
        "newton-flat" => new NewtonRaphsonSolver(start: NewtonStart.Flat),
        _ => new NewtonRaphsonSolver(),
    };

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Ieee33_matches_published_losses_and_minimum_voltage(string solver)
    {
        var r = Solver(solver).Solve(FeederCatalog.Ieee33());
        Assert.True(r.Converged);
        Assert.Equal(202.677, r.LossesKw, 0.001);
        Assert.Equal(135.141, r.LossesKvar, 0.001);
        Assert.Equal(18, r.MinVoltageBusId);
        Assert.Equal(0.913090, r.MinVoltagePu, 0.000001);
        Assert.Equal(0.913090, r.VoltageMagnitudePu(18), 0.000001);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public void Pge69_matches_published_losses_and_minimum_voltage(string solver)
    {
        var r = Solver(solver).Solve(FeederCatalog.Pge69());
        Assert.True(r.Converged);
        Assert.Equal(224.992, r.LossesKw, 0.001);
        Assert.Equal(102.158, r.LossesKvar, 0.001);
        Assert.Equal(65, r.MinVoltageBusId);
        Assert.Equal(0.909188, r.MinVoltagePu, 0.000001);
    }
}
