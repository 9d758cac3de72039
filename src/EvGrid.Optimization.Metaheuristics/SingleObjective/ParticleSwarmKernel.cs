using System.Runtime.CompilerServices;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>The swarm update of seed 000 eqs. (25)–(26) on flat arrays, without allocation.</summary>
internal static class ParticleSwarmKernel
{
    /// <summary>
    /// Updates every particle: vᵢⱼ ← ω vᵢⱼ + c₁ r₁ (pᵢⱼ − xᵢⱼ) + c₂ r₂ (gⱼ − xᵢⱼ) (eq. 25), clamps |vᵢⱼ| ≤ vmaxⱼ,
    /// xᵢⱼ ← xᵢⱼ + vᵢⱼ (eq. 26), then applies the bound handling. r₁, r₂ ~ U[0, 1) per particle and dimension.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update(
        double[] x, double[] v, double[] pbest, ReadOnlySpan<double> gbest, ReadOnlySpan<double> vmax,
        int swarm, double w, double c1, double c2, Bounds bounds, BoundHandling handling, RandomSource random)
    {
        var n = gbest.Length;
        var lower = bounds.Lower[..n];
        var upper = bounds.Upper[..n];
        vmax = vmax[..n];
        var rng = random.Core; // local copy: the generator state stays in registers
        for (var i = 0; i < swarm; i++)
        {
            var xi = x.AsSpan(i * n, n);
            var vi = v.AsSpan(i * n, n);
            var pi = pbest.AsSpan(i * n, n);
            var outside = false;
            for (var j = 0; j < xi.Length; j++)
            {
                var xij = xi[j];
                var r1 = rng.NextDouble();
                var r2 = rng.NextDouble();
                var vij = (w * vi[j]) + (c1 * r1 * (pi[j] - xij)) + (c2 * r2 * (gbest[j] - xij));
                var m = vmax[j];
                vij = vij > m ? m : vij < -m ? -m : vij;
                vi[j] = vij;
                xij += vij;
                xi[j] = xij;
                outside |= xij < lower[j] || xij > upper[j];
            }

            if (outside)
            {
                random.Core = rng;
                BoundHandler.Apply(xi, vi, bounds, handling, random);
                rng = random.Core;
            }
        }

        random.Core = rng;
    }

    /// <summary>Fills a particle's position per the initialisation method (eqs. 31–32 for the chaotic one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Initialize(Span<double> x, Bounds bounds, InitializationMethod method, double lambda,
        RandomSource random)
    {
        var lower = bounds.Lower;
        var upper = bounds.Upper;
        if (method == InitializationMethod.UniformRandom)
        {
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = random.NextDouble(lower[j], upper[j]);
            }

            return;
        }

        // χ_{i,1} ~ U(0,1), avoiding the logistic map's fixed and pre-fixed points (0, 0.25, 0.5, 0.75, 1) on which
        // the sequence would stay constant or collapse to 0.
        var chi = NextChaoticSeed(random);
        for (var j = 0; j < x.Length; j++)
        {
            x[j] = lower[j] + ((upper[j] - lower[j]) * chi); // eq. (31)
            chi = lambda * chi * (1.0 - chi);                // eq. (32)
            if (chi <= 0.0 || chi >= 1.0 || double.IsNaN(chi))
            {
                chi = NextChaoticSeed(random);
            }
        }
    }

    private static double NextChaoticSeed(RandomSource random)
    {
        double chi;
        do
        {
            chi = random.NextDouble();
        }
        while (chi is 0.0 or 0.25 or 0.5 or 0.75);

        return chi;
    }
}
