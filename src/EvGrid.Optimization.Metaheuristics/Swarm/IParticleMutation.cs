using EvGrid.Optimization.Metaheuristics.MultiObjective;

namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>
/// A perturbation applied to a particle right after it moved (and was brought back into the box), before the next
/// particle moves; MOPSO's turbulence. Draws from the run's generator only, allocates nothing, immutable.
/// </summary>
public interface IParticleMutation
{
    /// <summary>Perturbs (or leaves) one particle.</summary>
    /// <param name="particle">The particle's index in the swarm.</param>
    /// <param name="position">Its position, modified in place; the result must stay inside <paramref name="bounds"/>.</param>
    /// <param name="step">The schedule position.</param>
    /// <param name="bounds">The box.</param>
    /// <param name="random">The run's generator.</param>
    void Mutate(int particle, Span<double> position, in SwarmStep step, Bounds bounds, RandomSource random);
}

/// <summary>Polynomial mutation (Deb; per-variable probability <paramref name="Probability"/>, NaN meaning 1/n, and
/// distribution index <paramref name="DistributionIndex"/>) of every particle whose index is a multiple of
/// <paramref name="Every"/> (SMPSO's turbulence: every sixth).</summary>
/// <param name="Every">Mutate particles 0, Every, 2·Every, …</param>
/// <param name="Probability">Per-variable probability, or NaN for 1/n.</param>
/// <param name="DistributionIndex">η_m (20).</param>
public sealed record PolynomialTurbulence(int Every = 6, double Probability = double.NaN, double DistributionIndex = 20.0)
    : IParticleMutation
{
    /// <summary>Every how many particles one is mutated (at least 1).</summary>
    public int Every { get; init => field = ComponentArguments.AtLeastOne(value, nameof(PolynomialTurbulence), nameof(Every)); }
        = ComponentArguments.AtLeastOne(Every, nameof(PolynomialTurbulence), nameof(Every));

    /// <summary>Per-variable probability in [0, 1], or NaN for 1/n.</summary>
    public double Probability { get; init => field = ComponentArguments.ProbabilityOrNaN(value, nameof(PolynomialTurbulence), nameof(Probability)); }
        = ComponentArguments.ProbabilityOrNaN(Probability, nameof(PolynomialTurbulence), nameof(Probability));

    /// <summary>η_m, non-negative and finite.</summary>
    public double DistributionIndex { get; init => field = ComponentArguments.NonNegative(value, nameof(PolynomialTurbulence), nameof(DistributionIndex)); }
        = ComponentArguments.NonNegative(DistributionIndex, nameof(PolynomialTurbulence), nameof(DistributionIndex));

    /// <inheritdoc />
    public void Mutate(int particle, Span<double> position, in SwarmStep step, Bounds bounds, RandomSource random)
    {
        if (particle % Every == 0)
        {
            var p = double.IsNaN(Probability) ? 1.0 / position.Length : Probability;
            VariationOperators.PolynomialMutation(position, bounds, p, DistributionIndex, random);
        }
    }
}

/// <summary>Coello Coello, Pulido &amp; Lechuga (2004) §III-C: a particle is mutated with probability
/// p_m = (1 − t/T)^(1/<paramref name="Rate"/>); one random variable is redrawn uniformly in x_j ± p_m (u_j − l_j),
/// clipped to the box, so both the share of mutated particles and the range shrink as the run proceeds.</summary>
/// <param name="Rate">The 2004 paper's mutation rate (0.5).</param>
public sealed record DecreasingUniformMutation(double Rate = 0.5) : IParticleMutation
{
    /// <summary>The mutation rate, positive and finite.</summary>
    public double Rate { get; init => field = ComponentArguments.Positive(value, nameof(DecreasingUniformMutation), nameof(Rate)); }
        = ComponentArguments.Positive(Rate, nameof(DecreasingUniformMutation), nameof(Rate));

    /// <inheritdoc />
    public void Mutate(int particle, Span<double> position, in SwarmStep step, Bounds bounds, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(random);
        var pm = Math.Pow(1.0 - step.Clock.Fraction, 1.0 / Rate);
        if (random.NextDouble() < pm)
        {
            var j = random.NextInt(position.Length);
            var lo = bounds.Lower[j];
            var hi = bounds.Upper[j];
            var dx = pm * (hi - lo);
            position[j] = random.NextDouble(Math.Max(lo, position[j] - dx), Math.Min(hi, position[j] + dx));
        }
    }
}
