using EvGrid.Optimization.Planning.Scheduling;
using Google.OrTools.LinearSolver;
using Xunit;

namespace EvGrid.Optimization.Planning.Tests;

public class StorageDpTests
{
    [Fact]
    public void Linear_mode_matches_glop_on_random_storage_lps()
    {
        var rng = new Random(5);
        var dp = new StorageDp(8);
        for (var trial = 0; trial < 400; trial++)
        {
            var n = 1 + rng.Next(8);
            var cap = new double[n];
            var dcap = new double[n];
            var g = new double[n];
            var lo = new double[n];
            var hi = new double[n];
            var eta = rng.Next(2) == 0 ? 1.0 : 0.9;
            var alpha = eta;
            var beta = 1 / eta;
            for (var k = 0; k < n; k++)
            {
                cap[k] = 1 + rng.Next(5);
                dcap[k] = rng.Next(3) == 0 ? 0 : 1 + rng.Next(5);
                g[k] = rng.Next(-10, 11);
                lo[k] = 2;
                hi[k] = 20;
            }

            var s0 = 5 + rng.Next(10);
            lo[n - 1] = Math.Min(s0 + (cap.Sum() * alpha * 0.5), 20);
            var c = new double[n];
            var d = new double[n];
            Assert.True(dp.Solve(n, cap, dcap, g, true, alpha, beta, s0, lo, hi, c, d));
            var ours = 0.0;
            var s = (double)s0;
            for (var k = 0; k < n; k++)
            {
                ours += g[k] * (c[k] - d[k]);
                s += (alpha * c[k]) - (beta * d[k]);
                Assert.InRange(c[k], -1e-12, cap[k] + 1e-12);
                Assert.InRange(d[k], -1e-12, dcap[k] + 1e-12);
                Assert.InRange(s, lo[k] - 1e-9, hi[k] + 1e-9);
            }

            using var solver = Solver.CreateSolver("GLOP");
            var cv = new Variable[n];
            var dv = new Variable[n];
            for (var k = 0; k < n; k++)
            {
                cv[k] = solver.MakeNumVar(0, cap[k], $"c{k}");
                dv[k] = solver.MakeNumVar(0, dcap[k], $"d{k}");
                var row = solver.MakeConstraint(lo[k] - s0, hi[k] - s0);
                for (var j = 0; j <= k; j++)
                {
                    row.SetCoefficient(cv[j], alpha);
                    row.SetCoefficient(dv[j], -beta);
                }

                solver.Objective().SetCoefficient(cv[k], g[k]);
                solver.Objective().SetCoefficient(dv[k], -g[k]);
            }

            solver.Objective().SetMinimization();
            Assert.Equal(Solver.ResultStatus.OPTIMAL, solver.Solve());
            Assert.True(Math.Abs(solver.Objective().Value() - ours) <= 1e-7 * (1 + Math.Abs(ours)), $"trial {trial}: GLOP {solver.Objective().Value()}, DP {ours}");
        }
    }

    [Fact]
    public void Projection_mode_satisfies_the_variational_inequality()
    {
        // p is the projection of y onto the set iff ⟨2(p − y), p − s⟩ ≤ 0 for every feasible s: the linear mode (checked
        // against GLOP above) with cost 2(p − y) must find nothing better than p itself.
        var rng = new Random(9);
        var dp = new StorageDp(12);
        for (var trial = 0; trial < 2000; trial++)
        {
            var n = 1 + rng.Next(12);
            var cap = new double[n];
            var dcap = new double[n];
            var y = new double[n];
            var lo = new double[n];
            var hi = new double[n];
            var eta = rng.Next(2) == 0 ? 1.0 : 0.9;
            for (var k = 0; k < n; k++)
            {
                cap[k] = 1 + rng.Next(5);
                dcap[k] = rng.Next(3) == 0 ? 0 : 1 + rng.Next(5);
                y[k] = rng.Next(-80, 81) / 10.0;
                lo[k] = 2;
                hi[k] = 20;
            }

            var s0 = 5 + rng.Next(10);
            lo[n - 1] = Math.Min(s0 + (cap.Sum() * eta * 0.5), 20);
            var c = new double[n];
            var d = new double[n];
            Assert.True(dp.Solve(n, cap, dcap, y, false, eta, 1 / eta, s0, lo, hi, c, d));
            var g = new double[n];
            var at = 0.0;
            var scale = 0.0;
            for (var k = 0; k < n; k++)
            {
                g[k] = 2 * (c[k] - d[k] - y[k]);
                at += g[k] * (c[k] - d[k]);
                scale += Math.Abs(g[k]) * (cap[k] + dcap[k]);
            }

            var sc = new double[n];
            var sd = new double[n];
            Assert.True(dp.Solve(n, cap, dcap, g, true, eta, 1 / eta, s0, lo, hi, sc, sd));
            var best = 0.0;
            for (var k = 0; k < n; k++)
            {
                best += g[k] * (sc[k] - sd[k]);
            }

            Assert.True(at - best <= 1e-9 * (1 + scale), $"trial {trial}: n {n}, η {eta}, gap {at - best}");
        }
    }
}
