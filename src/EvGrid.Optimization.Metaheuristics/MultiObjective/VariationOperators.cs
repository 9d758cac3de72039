namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// Real-coded variation operators shared by the multi-objective optimizers: polynomial mutation (Deb &amp; Goyal 1996)
/// and simulated binary crossover (Deb &amp; Agrawal 1995), both in the bounded form used by NSGA-II (Deb et al. 2002),
/// where the spread distribution is scaled so children never leave the bounds. They draw from the run's generator
/// and do not allocate.
/// </summary>
public static class VariationOperators
{
    /// <summary>
    /// Polynomial mutation: each variable mutates with probability <paramref name="probability"/>; the perturbation
    /// δq ∈ [−1, 1] × (upper − lower) follows a polynomial distribution of index η (larger η, smaller steps), bounded
    /// so the result stays in the box.
    /// </summary>
    /// <param name="x">Decision vector, mutated in place (within <paramref name="bounds"/>).</param>
    /// <param name="bounds">The box.</param>
    /// <param name="probability">Per-variable mutation probability (usually 1/n).</param>
    /// <param name="distributionIndex">η_m (usually 20).</param>
    /// <param name="random">The run's generator.</param>
    public static void PolynomialMutation(Span<double> x, Bounds bounds, double probability, double distributionIndex,
        RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(random);
        var lower = bounds.Lower;
        var upper = bounds.Upper;
        var power = 1.0 / (distributionIndex + 1.0);
        for (var j = 0; j < x.Length; j++)
        {
            if (random.NextDouble() >= probability)
            {
                continue;
            }

            var yl = lower[j];
            var yu = upper[j];
            var width = yu - yl;
            if (width <= 0)
            {
                continue;
            }

            var y = x[j];
            var delta1 = (y - yl) / width;
            var delta2 = (yu - y) / width;
            var r = random.NextDouble();
            double deltaq;
            if (r <= 0.5)
            {
                var xy = 1.0 - delta1;
                var val = (2.0 * r) + ((1.0 - (2.0 * r)) * Math.Pow(xy, distributionIndex + 1.0));
                deltaq = Math.Pow(val, power) - 1.0;
            }
            else
            {
                var xy = 1.0 - delta2;
                var val = (2.0 * (1.0 - r)) + (2.0 * (r - 0.5) * Math.Pow(xy, distributionIndex + 1.0));
                deltaq = 1.0 - Math.Pow(val, power);
            }

            x[j] = Math.Clamp(y + (deltaq * width), yl, yu);
        }
    }

    /// <summary>
    /// Simulated binary crossover of two parents into two children: with probability
    /// <paramref name="crossoverProbability"/> the pair crosses; then each variable (with probability 0.5, and only
    /// when the parents differ) gets children spread around the parents' mean by a factor β_q drawn from SBX's
    /// bounded distribution of index η_c; children swap places with probability 0.5.
    /// </summary>
    /// <param name="parent1">First parent.</param>
    /// <param name="parent2">Second parent.</param>
    /// <param name="child1">Receives the first child.</param>
    /// <param name="child2">Receives the second child.</param>
    /// <param name="bounds">The box.</param>
    /// <param name="crossoverProbability">Probability that the pair crosses at all (usually 0.9).</param>
    /// <param name="distributionIndex">η_c (usually 20).</param>
    /// <param name="random">The run's generator.</param>
    public static void SimulatedBinaryCrossover(ReadOnlySpan<double> parent1, ReadOnlySpan<double> parent2,
        Span<double> child1, Span<double> child2, Bounds bounds, double crossoverProbability, double distributionIndex,
        RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(random);
        parent1.CopyTo(child1);
        parent2.CopyTo(child2);
        if (random.NextDouble() >= crossoverProbability)
        {
            return;
        }

        var lower = bounds.Lower;
        var upper = bounds.Upper;
        var power = 1.0 / (distributionIndex + 1.0);
        for (var j = 0; j < parent1.Length; j++)
        {
            if (random.NextDouble() > 0.5 || Math.Abs(parent1[j] - parent2[j]) <= 1e-14)
            {
                continue;
            }

            var y1 = Math.Min(parent1[j], parent2[j]);
            var y2 = Math.Max(parent1[j], parent2[j]);
            var yl = lower[j];
            var yu = upper[j];
            var r = random.NextDouble();

            var beta = 1.0 + (2.0 * (y1 - yl) / (y2 - y1));
            var alpha = 2.0 - Math.Pow(beta, -(distributionIndex + 1.0));
            var betaq = r <= 1.0 / alpha ? Math.Pow(r * alpha, power) : Math.Pow(1.0 / (2.0 - (r * alpha)), power);
            var c1 = 0.5 * (y1 + y2 - (betaq * (y2 - y1)));

            beta = 1.0 + (2.0 * (yu - y2) / (y2 - y1));
            alpha = 2.0 - Math.Pow(beta, -(distributionIndex + 1.0));
            betaq = r <= 1.0 / alpha ? Math.Pow(r * alpha, power) : Math.Pow(1.0 / (2.0 - (r * alpha)), power);
            var c2 = 0.5 * (y1 + y2 + (betaq * (y2 - y1)));

            c1 = Math.Clamp(c1, yl, yu);
            c2 = Math.Clamp(c2, yl, yu);
            if (random.NextDouble() <= 0.5)
            {
                child1[j] = c2;
                child2[j] = c1;
            }
            else
            {
                child1[j] = c1;
                child2[j] = c2;
            }
        }
    }
}
