namespace EvGrid.Optimization.Objectives;

/// <summary>
/// Seed 000 objective f1, eq. (10): the load variance Σ_t (P_t^Base + P_t^EV − P̄)² (kW²) of the total load per slot,
/// P̄ being the mean total load over the T slots. Allocation-free.
/// </summary>
public static class LoadVariance
{
    /// <summary>Σ_t (P_t − P̄)² over a total load curve (kW per slot).</summary>
    /// <param name="totalKw">Total load P_t (kW) per slot; at least one slot, every value finite.</param>
    /// <returns>f1 (kW²).</returns>
    public static double Evaluate(ReadOnlySpan<double> totalKw)
    {
        var mean = LoadCurveChecks.Mean(totalKw, nameof(totalKw));
        var sum = 0.0;
        foreach (var p in totalKw)
        {
            var d = p - mean;
            sum += d * d;
        }

        return sum;
    }

    /// <summary>Σ_t (P_t^Base + P_t^EV − P̄)² from the base and EV curves (kW per slot), without building the total.</summary>
    /// <param name="baseKw">Base load P_t^Base (kW) per slot.</param>
    /// <param name="evKw">EV load P_t^EV (kW) per slot, + charging, − discharging; same length.</param>
    /// <returns>f1 (kW²).</returns>
    public static double Evaluate(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw)
    {
        var mean = LoadCurveChecks.Mean(baseKw, evKw);
        var sum = 0.0;
        for (var t = 0; t < baseKw.Length; t++)
        {
            var d = baseKw[t] + evKw[t] - mean;
            sum += d * d;
        }

        return sum;
    }

    /// <summary>Population standard deviation √(f1 / T) (kW) of a total load curve: the "load standard deviation" of seed 000 Tables 2–4.</summary>
    /// <param name="totalKw">Total load (kW) per slot.</param>
    /// <returns>σ (kW).</returns>
    public static double StandardDeviation(ReadOnlySpan<double> totalKw) => Math.Sqrt(Evaluate(totalKw) / totalKw.Length);
}

/// <summary>Seed 000 objective f2, eq. (11): the peak–valley difference max_t P_t − min_t P_t (kW). Allocation-free.</summary>
public static class PeakValley
{
    /// <summary>max − min of a total load curve.</summary>
    /// <param name="totalKw">Total load P_t (kW) per slot; at least one slot, every value finite.</param>
    /// <returns>f2 (kW).</returns>
    public static double Evaluate(ReadOnlySpan<double> totalKw)
    {
        var (min, max) = Range(totalKw);
        return max - min;
    }

    /// <summary>max − min of P_t^Base + P_t^EV, without building the total.</summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot; same length.</param>
    /// <returns>f2 (kW).</returns>
    public static double Evaluate(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw)
    {
        LoadCurveChecks.Mean(baseKw, evKw);
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        for (var t = 0; t < baseKw.Length; t++)
        {
            var p = baseKw[t] + evKw[t];
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }

        return max - min;
    }

    /// <summary>The valley and the peak of a load curve (kW).</summary>
    /// <param name="totalKw">Load (kW) per slot; at least one slot, every value finite.</param>
    /// <returns>(min, max) in kW.</returns>
    public static (double MinKw, double MaxKw) Range(ReadOnlySpan<double> totalKw)
    {
        LoadCurveChecks.Mean(totalKw, nameof(totalKw));
        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var p in totalKw)
        {
            min = Math.Min(min, p);
            max = Math.Max(max, p);
        }

        return (min, max);
    }
}

/// <summary>Input checks shared by the load-curve evaluators.</summary>
internal static class LoadCurveChecks
{
    /// <summary>Mean of a curve, after checking it is non-empty and finite.</summary>
    public static double Mean(ReadOnlySpan<double> kw, string name)
    {
        if (kw.IsEmpty)
        {
            throw new ArgumentException($"{name} holds no slot.", name);
        }

        var sum = 0.0;
        for (var t = 0; t < kw.Length; t++)
        {
            if (!double.IsFinite(kw[t]))
            {
                throw new ArgumentException($"{name}[{t}] = {kw[t]} kW is not a finite number.", name);
            }

            sum += kw[t];
        }

        return sum / kw.Length;
    }

    /// <summary>Mean of base + EV, after checking both curves.</summary>
    public static double Mean(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw)
    {
        if (evKw.Length != baseKw.Length)
        {
            throw new ArgumentException($"evKw holds {evKw.Length} slots, baseKw {baseKw.Length}.", nameof(evKw));
        }

        return Mean(baseKw, nameof(baseKw)) + Mean(evKw, nameof(evKw));
    }
}
