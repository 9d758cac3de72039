using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

public class SwarmKernelTests
{
    /// <summary>Seed 000 eqs. (25)–(26) written out plainly, one dimension at a time.</summary>
    private static void Reference(double[] x, double[] v, double[] p, double[] g, double[] vmax, int swarm, double w,
        double c1, double c2, RandomSource rng)
    {
        var n = g.Length;
        for (var i = 0; i < swarm; i++)
        {
            var bits = new ulong[n];
            for (var j = 0; j < n; j++)
            {
                bits[j] = rng.NextUInt64();
            }

            for (var j = 0; j < n; j++)
            {
                var r1 = (bits[j] >> 32) / 4294967296.0;
                var r2 = (bits[j] & 0xFFFFFFFF) / 4294967296.0;
                var k = (i * n) + j;
                var vel = (w * v[k]) + (c1 * r1 * (p[k] - x[k])) + (c2 * r2 * (g[j] - x[k]));
                v[k] = Math.Clamp(vel, -vmax[j], vmax[j]);
                x[k] += v[k];
            }
        }
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool Vectorised_update_equals_the_plain_equations_for_any_dimension(KernelCase input)
    {
        return Holds((input.N, input.Swarm, input.Seed));

        bool Holds((int n, int swarm, int seed) t)
        {
            var data = new RandomSource(t.seed + 1);
            var len = t.n * t.swarm;
            double[] Draw(int count, double scale) => Enumerable.Range(0, count).Select(_ => scale * ((2 * data.NextDouble()) - 1)).ToArray();
            var x = Draw(len, 10);
            var v = Draw(len, 3);
            var p = Draw(len, 10);
            var g = Draw(t.n, 10);
            var vmax = Enumerable.Repeat(2.0, t.n).ToArray();
            var (x2, v2) = (x.ToArray(), v.ToArray());
            var bounds = Bounds.Uniform(t.n, -1e6, 1e6); // wide: no bound handling involved
            ParticleSwarmKernel.Update(x, v, p, g, vmax, t.swarm, 0.7, 1.5, 2.5, bounds, BoundHandling.Clamp, new RandomSource(t.seed));
            Reference(x2, v2, p, g, vmax, t.swarm, 0.7, 1.5, 2.5, new RandomSource(t.seed));
            return x.SequenceEqual(x2) && v.SequenceEqual(v2);
        }
    }
}
