using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>The swarm update of seed 000 eqs. (25)–(26) on flat arrays, without allocation.</summary>
internal static class ParticleSwarmKernel
{
    /// <summary>
    /// Updates every particle: vᵢⱼ ← ω vᵢⱼ + c₁ r₁ (pᵢⱼ − xᵢⱼ) + c₂ r₂ (gⱼ − xᵢⱼ) (eq. 25), clamps |vᵢⱼ| ≤ vmaxⱼ,
    /// xᵢⱼ ← xᵢⱼ + vᵢⱼ (eq. 26), then applies the bound handling. r₁, r₂ ~ U[0, 1) per particle and dimension, taken
    /// as the two 32-bit halves of one 64-bit generator output (resolution 2⁻³², ample for random coefficients).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Update(
        double[] x, double[] v, double[] pbest, ReadOnlySpan<double> gbest, ReadOnlySpan<double> vmax,
        int swarm, double w, double c1, double c2, Bounds bounds, BoundHandling handling, RandomSource random)
    {
        const double Unit32 = 1.0 / 4294967296.0;
        var n = gbest.Length;
        if (vmax.Length < n || bounds.Dimension < n || x.Length < swarm * n || v.Length < swarm * n
            || pbest.Length < swarm * n)
        {
            throw new ArgumentException("Swarm buffers are smaller than swarm × dimension.", nameof(x));
        }

        ref var g0 = ref MemoryMarshal.GetReference(gbest);
        ref var m0 = ref MemoryMarshal.GetReference(vmax);
        ref var lo0 = ref MemoryMarshal.GetReference(bounds.Lower);
        ref var hi0 = ref MemoryMarshal.GetReference(bounds.Upper);
        var rng = random.Core; // local copy: the generator state stays in registers
        for (var i = 0; i < swarm; i++)
        {
            ref var x0 = ref x[i * n];
            ref var v0 = ref v[i * n];
            ref var p0 = ref pbest[i * n];
            var outside = false;
            for (var j = 0; j < n; j++)
            {
                var bits = rng.NextUInt64();
                var r1 = (uint)(bits >> 32) * Unit32;
                var r2 = (uint)bits * Unit32;
                var xij = Unsafe.Add(ref x0, j);
                var vij = (w * Unsafe.Add(ref v0, j)) + (c1 * r1 * (Unsafe.Add(ref p0, j) - xij))
                          + (c2 * r2 * (Unsafe.Add(ref g0, j) - xij));
                var m = Unsafe.Add(ref m0, j);
                vij = Math.Max(-m, Math.Min(m, vij)); // branch-free velocity clamp
                Unsafe.Add(ref v0, j) = vij;
                xij += vij;
                Unsafe.Add(ref x0, j) = xij;
                outside |= (xij < Unsafe.Add(ref lo0, j)) | (xij > Unsafe.Add(ref hi0, j));
            }

            if (outside)
            {
                random.Core = rng;
                BoundHandler.Apply(x.AsSpan(i * n, n), v.AsSpan(i * n, n), bounds, handling, random);
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
