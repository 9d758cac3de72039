namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>How <see cref="CompromiseSolution"/> picks one member of a final front.</summary>
public enum CompromiseMethod
{
    /// <summary>Fuzzy max–min: linear memberships μ_k(i) = (f_k^max − f_k(i)) / (f_k^max − f_k^min) per objective
    /// (1 at the front's best value, 0 at its worst); the member with the largest min_k μ_k wins (ties: larger
    /// Σ_k μ_k, then the lower index).</summary>
    FuzzyMaxMin = 0,

    /// <summary>TOPSIS (Hwang &amp; Yoon 1981) with every objective a cost: vector-normalised, weighted objectives;
    /// the member with the largest relative closeness C = d⁻ / (d⁺ + d⁻) to the ideal point (column minima) versus
    /// the anti-ideal (column maxima) wins (ties: lower index).</summary>
    Topsis = 1,
}

/// <summary>
/// Picks the compromise solution of a Pareto front (seed 000 §5.3 step 5: "a set of optimal solutions in the solution
/// set" reduced to the one that is operated). Objectives are minimised; the front is row-major.
/// </summary>
public static class CompromiseSolution
{
    /// <summary>Index of the compromise member of <paramref name="front"/>.</summary>
    /// <param name="front">Row-major objectives (at least one row).</param>
    /// <param name="objectives">Objectives per row.</param>
    /// <param name="method">The rule.</param>
    /// <param name="weights">TOPSIS weights per objective (non-negative; empty = equal weights). Ignored by fuzzy max–min.</param>
    /// <returns>The row index of the chosen member.</returns>
    /// <exception cref="ArgumentException">Empty or ragged front, non-finite values or bad weights.</exception>
    public static int Select(ReadOnlySpan<double> front, int objectives, CompromiseMethod method = CompromiseMethod.FuzzyMaxMin,
        ReadOnlySpan<double> weights = default)
    {
        var n = Indicators.FrontGuard.Rows(front, objectives, nameof(front));
        if (n == 0)
        {
            throw new ArgumentException("The front is empty: there is no compromise solution to pick.", nameof(front));
        }

        return method switch
        {
            CompromiseMethod.FuzzyMaxMin => FuzzyMaxMin(front, objectives, n),
            CompromiseMethod.Topsis => Topsis(front, objectives, n, weights),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown compromise method."),
        };
    }

    /// <summary>Index of the compromise member of a result's front.</summary>
    /// <param name="front">The solutions (e.g. <see cref="OptimizationResult.ParetoFront"/>).</param>
    /// <param name="method">The rule.</param>
    /// <returns>The index of the chosen solution.</returns>
    public static int Select(IReadOnlyList<Solution> front, CompromiseMethod method = CompromiseMethod.FuzzyMaxMin)
    {
        ArgumentNullException.ThrowIfNull(front);
        if (front.Count == 0)
        {
            throw new ArgumentException("The front is empty: there is no compromise solution to pick.", nameof(front));
        }

        var m = front[0].Objectives.Count;
        var flat = new double[front.Count * m];
        for (var i = 0; i < front.Count; i++)
        {
            for (var k = 0; k < m; k++)
            {
                flat[(i * m) + k] = front[i].Objectives[k];
            }
        }

        return Select(flat, m, method);
    }

    /// <summary>Fuzzy memberships μ_k(i) of every member (row-major, same shape as the front).</summary>
    /// <param name="front">Row-major objectives.</param>
    /// <param name="objectives">Objectives per row.</param>
    /// <returns>Memberships in [0, 1]; an objective with no spread gives 1 to every member.</returns>
    public static double[] FuzzyMemberships(ReadOnlySpan<double> front, int objectives)
    {
        var n = Indicators.FrontGuard.Rows(front, objectives, nameof(front));
        var mu = new double[n * objectives];
        for (var k = 0; k < objectives; k++)
        {
            var min = double.PositiveInfinity;
            var max = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                min = Math.Min(min, front[(i * objectives) + k]);
                max = Math.Max(max, front[(i * objectives) + k]);
            }

            for (var i = 0; i < n; i++)
            {
                mu[(i * objectives) + k] = max > min ? (max - front[(i * objectives) + k]) / (max - min) : 1.0;
            }
        }

        return mu;
    }

    private static int FuzzyMaxMin(ReadOnlySpan<double> front, int m, int n)
    {
        var mu = FuzzyMemberships(front, m);
        var best = 0;
        var bestMin = double.NegativeInfinity;
        var bestSum = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var min = double.PositiveInfinity;
            var sum = 0.0;
            for (var k = 0; k < m; k++)
            {
                min = Math.Min(min, mu[(i * m) + k]);
                sum += mu[(i * m) + k];
            }

            if (min > bestMin || (min == bestMin && sum > bestSum))
            {
                best = i;
                bestMin = min;
                bestSum = sum;
            }
        }

        return best;
    }

    private static int Topsis(ReadOnlySpan<double> front, int m, int n, ReadOnlySpan<double> weights)
    {
        if (!weights.IsEmpty && weights.Length != m)
        {
            throw new ArgumentException($"weights has {weights.Length} values for {m} objectives.", nameof(weights));
        }

        foreach (var w in weights)
        {
            if (!(w >= 0) || double.IsInfinity(w))
            {
                throw new ArgumentException($"TOPSIS weight {w} is not a finite non-negative number.", nameof(weights));
            }
        }

        var v = new double[n * m];
        var ideal = new double[m];
        var anti = new double[m];
        for (var k = 0; k < m; k++)
        {
            var norm = 0.0;
            for (var i = 0; i < n; i++)
            {
                norm += front[(i * m) + k] * front[(i * m) + k];
            }

            norm = Math.Sqrt(norm);
            var w = weights.IsEmpty ? 1.0 / m : weights[k];
            ideal[k] = double.PositiveInfinity;
            anti[k] = double.NegativeInfinity;
            for (var i = 0; i < n; i++)
            {
                var value = norm > 0 ? w * front[(i * m) + k] / norm : 0.0;
                v[(i * m) + k] = value;
                ideal[k] = Math.Min(ideal[k], value);
                anti[k] = Math.Max(anti[k], value);
            }
        }

        var best = 0;
        var bestCloseness = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var row = v.AsSpan(i * m, m);
            var dPlus = Math.Sqrt(Indicators.FrontGuard.SquaredDistance(row, ideal));
            var dMinus = Math.Sqrt(Indicators.FrontGuard.SquaredDistance(row, anti));
            var closeness = dPlus + dMinus > 0 ? dMinus / (dPlus + dMinus) : 0.5;
            if (closeness > bestCloseness)
            {
                best = i;
                bestCloseness = closeness;
            }
        }

        return best;
    }
}
