using System.Runtime.CompilerServices;
using EvGrid.Optimization.Metaheuristics.Swarm;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>Swarm initialisation (seed 002 eqs. 31–32) and a one-call form of the shared <see cref="SwarmKernel"/>
/// move with constant ω, c₁, c₂.</summary>
internal static class ParticleSwarmKernel
{
    /// <summary>
    /// Moves every particle with PSO's components: vᵢⱼ ← ω vᵢⱼ + c₁ r₁ (pᵢⱼ − xᵢⱼ) + c₂ r₂ (gⱼ − xᵢⱼ) (eq. 25, r₁ and r₂
    /// the two 32-bit halves of one 64-bit output), |vᵢⱼ| ≤ vmaxⱼ, xᵢⱼ ← xᵢⱼ + vᵢⱼ (eq. 26), then the bound handling.
    /// Builds its components on each call (runs build theirs once): for tests and one-off use.
    /// </summary>
    public static void Update(
        double[] x, double[] v, double[] pbest, ReadOnlySpan<double> gbest, ReadOnlySpan<double> vmax,
        int swarm, double w, double c1, double c2, Bounds bounds, BoundHandling handling, RandomSource random)
    {
        var kernel = new SwarmKernel(new SwarmComponents(InertiaVelocity.Constant(c1, c2), new ConstantInertia(w),
            BoundHandlers.For(handling)));
        var step = kernel.StepAt(SwarmClock.At(0, 1));
        kernel.Move(x, v, pbest, SwarmLeaders.Shared(gbest), swarm, step, bounds, vmax, random);
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
