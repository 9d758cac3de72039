using EvGrid.Optimization.Network;
using EvGrid.Optimization.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests;

public sealed class MatpowerCaseReaderTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, int, int, double, double> Cases => new()
    {
        // file, buses, branches in service, open ties, total load kW, total load kVAr (README of the data folder)
        { "case33bw.m", 33, 32, 5, 3715, 2300 },
        { "case69.m", 69, 68, 0, 3802.2, 2694.7 },
        { "case85.m", 85, 84, 0, 2514.3, 2565.1 },
        { "case118zh.m", 118, 117, 15, 22709.7, 17041.1 },
        { "case136ma.m", 136, 135, 21, 18313.8, 7932.6 },
        { "case141.m", 141, 140, 0, 11944.6, 7402.6 },
        { "case533mt_hi.m", 533, 532, 45, 14873.5, 148.7 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reads_every_case_radial_with_the_published_totals(string file, int buses, int inService, int open, double pKw, double qKvar)
    {
        var net = MatpowerCaseReader.ReadFile(SharedData.Path("matpower", file));
        Assert.Equal(buses, net.BusCount);
        Assert.Equal(inService, net.Branches.Count(b => b.InService));
        Assert.Equal(open, net.Branches.Count(b => !b.InService));
        Assert.True(net.IsRadial);
        Assert.Equal(1, net.Buses[net.SlackIndex].Id);
        Assert.Equal(pKw, net.TotalLoadKw, 0.1);
        Assert.Equal(qKvar, net.TotalLoadKvar, 0.1);
        var sweep = new BackwardForwardSweepSolver().Solve(net);
        var newton = new NewtonRaphsonSolver().Solve(net);
        output.WriteLine($"{file}: sweep {sweep.Iterations} it, losses {sweep.LossesKw:F3} kW, Vmin {sweep.MinVoltagePu:F6} at {sweep.MinVoltageBusId}; newton {newton.Iterations} it {newton.LossesKw:F3}");
        Assert.True(sweep.Converged);
        Assert.True(newton.Converged);
        for (var i = 0; i < net.BusCount; i++)
        {
            Assert.Equal(newton.VoltageMagnitudesPu[i], sweep.VoltageMagnitudesPu[i], 1e-6);
        }
    }
}

public sealed class LargeNewtonTests
{
    [Fact]
    public void Meshed_533_bus_case_balances_power()
    {
        var meshed = MatpowerCaseReader.ReadFile(SharedData.Path("matpower", "case533mt_hi.m")).WithAllBranchesClosed();
        Assert.False(meshed.IsRadial);
        var r = new NewtonRaphsonSolver().Solve(meshed);
        Assert.True(r.Converged);
        Assert.Equal(r.LoadPKw + r.LossesKw, r.SlackPKw, 1e-6 * meshed.BaseKva);
        var (p, q) = TestNetworks.BusMismatchPu(r);
        Assert.All(p.Where((_, i) => i != meshed.SlackIndex), v => Assert.True(Math.Abs(v) < 1e-6));
        Assert.All(q.Where((_, i) => i != meshed.SlackIndex), v => Assert.True(Math.Abs(v) < 1e-6));
    }
}

public sealed class SparseNewtonTests
{
    [Fact]
    public void The_533_bus_radial_case_uses_the_sparse_path_and_matches_the_sweep()
    {
        // 532 non-slack buses = 1 064 unknowns: above the dense limit for radial networks.
        var net = MatpowerCaseReader.ReadFile(SharedData.Path("matpower", "case533mt_hi.m"));
        var solver = new NewtonRaphsonSolver();
        var n = solver.Solve(net);
        var s = new BackwardForwardSweepSolver().Solve(net);
        Assert.True(n.Converged && s.Converged);
        Assert.Equal(0, solver.DenseFallbacks);
        for (var i = 0; i < net.BusCount; i++)
        {
            Assert.Equal(s.VoltageMagnitudesPu[i], n.VoltageMagnitudesPu[i], 1e-6);
        }
    }
}
