namespace EvGrid.Optimization.Objectives;

/// <summary>
/// The transformers of a region for the indicators of seed 000 Tables 2–4: standard units (S13, 1 000 kVA in seed 000
/// §6.1), the load power factor and the planned capacity S_R of eq. (7) that the units must cover.
/// </summary>
/// <param name="UnitKva">Rated capacity S^U_m of one standard unit (kVA), positive.</param>
/// <param name="PowerFactor">Load power factor cos φ in (0, 1].</param>
/// <param name="RequiredKva">Planned capacity S_R (kVA) of eq. (7), ≥ 0 (0 when only the load condition of eq. (8) counts).</param>
public sealed record TransformerData(double UnitKva = 1000.0, double PowerFactor = 0.85, double RequiredKva = 0.0)
{
    /// <summary>S13 units of 1 000 kVA at cos φ = 0.85, no planned capacity (seed 000 §6.1).</summary>
    public static TransformerData Seed000 { get; } = new();
}

/// <summary>
/// Number of standard transformer units by seed 000 eqs. (8)–(9): the smallest m with m · S^U ≥ S_R (first line of
/// eq. (8), S^U = Σ_m S^U_m = m · S^U_m by eq. (9)) and m · S^U_m · cos φ ≥ (max P^EV + max P^Base) · γ (second line).
/// </summary>
public static class TransformerSizing
{
    /// <summary>Relative slack on the ceilings, so a load that exactly fills m units does not ask for m + 1 through rounding.</summary>
    public const double Tolerance = 1e-9;

    /// <summary>m = max(⌈S_R / S^U_m⌉, ⌈load / (S^U_m · cos φ)⌉), at least 1.</summary>
    /// <param name="requiredKva">S_R (kVA), ≥ 0.</param>
    /// <param name="superposedPeakKw">(max P^EV + max P^Base) · γ (kW), ≥ 0; by eq. (3) the peak of the total load.</param>
    /// <param name="unitKva">S^U_m (kVA), positive.</param>
    /// <param name="powerFactor">cos φ in (0, 1].</param>
    /// <returns>The number of units.</returns>
    public static int UnitCount(double requiredKva, double superposedPeakKw, double unitKva, double powerFactor)
    {
        GridIndicators.CheckCapacity(unitKva, powerFactor);
        if (!(unitKva > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(unitKva), unitKva, "The unit capacity must be positive (kVA).");
        }

        if (!(requiredKva >= 0) || !double.IsFinite(requiredKva))
        {
            throw new ArgumentOutOfRangeException(nameof(requiredKva), requiredKva, "The planned capacity S_R must be a finite number ≥ 0 (kVA).");
        }

        if (!double.IsFinite(superposedPeakKw))
        {
            throw new ArgumentOutOfRangeException(nameof(superposedPeakKw), superposedPeakKw, "The superposed peak must be a finite number (kW).");
        }

        var byCapacity = Ceiling(requiredKva / unitKva);
        var byLoad = Ceiling(Math.Max(0.0, superposedPeakKw) / (unitKva * powerFactor));
        return Math.Max(1, Math.Max(byCapacity, byLoad));
    }

    private static int Ceiling(double ratio) => (int)Math.Ceiling(ratio * (1 - Tolerance));
}

/// <summary>
/// The distribution-network evaluation indicators of seed 000 Tables 2–4 for one charging mode.
/// </summary>
/// <param name="SuperpositionRate">Load overlay (superposition) rate γ of eq. (3).</param>
/// <param name="TransformerCount">Number of standard units by eq. (8) (<see cref="TransformerSizing.UnitCount"/>).</param>
/// <param name="InstalledKva">TransformerCount · unit capacity (kVA).</param>
/// <param name="MaximumLoadRate">Peak total load (kW) / installed capacity (kVA), as a fraction (0.8138 = 81.38 %).</param>
/// <param name="PeakKw">Peak of the total load (kW).</param>
/// <param name="ValleyKw">Valley of the total load (kW).</param>
/// <param name="PeakValleyKw">Peak–valley difference (kW), f2 of eq. (11).</param>
/// <param name="MeanKw">Mean total load P̄ (kW).</param>
/// <param name="LoadStdDevKw">Population standard deviation of the total load over the slots (kW), √(f1 / T).</param>
/// <param name="MaxVoltageOffsetPercent">Largest |U − 1| per phase (%), empty when no voltages were given.</param>
public sealed record GridIndicatorReport(
    double SuperpositionRate,
    int TransformerCount,
    double InstalledKva,
    double MaximumLoadRate,
    double PeakKw,
    double ValleyKw,
    double PeakValleyKw,
    double MeanKw,
    double LoadStdDevKw,
    IReadOnlyList<double> MaxVoltageOffsetPercent);

/// <summary>
/// Computes the indicators of seed 000 Tables 2–4 from a base curve and an EV curve (kW per slot) and a region's
/// transformer data, and the voltage offsets from a <see cref="VoltageView"/>.
/// </summary>
public static class GridIndicators
{
    /// <summary>
    /// Superposition rate γ, seed 000 eq. (3): max_t (P^Base_t + P^EV_t) / (max_t P^EV_t + max_t P^Base_t).
    /// Allocation-free.
    /// </summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot; same length.</param>
    /// <returns>γ (1 when both peaks coincide).</returns>
    public static double SuperpositionRate(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw)
    {
        var peak = PeakKw(baseKw, evKw);
        var denominator = PeakValley.Range(evKw).MaxKw + PeakValley.Range(baseKw).MaxKw;
        if (!(denominator > 0))
        {
            throw new ArgumentException($"The superposition rate needs max P^EV + max P^Base > 0; it is {denominator} kW.", nameof(evKw));
        }

        return peak / denominator;
    }

    /// <summary>Peak of the total load max_t (P^Base_t + P^EV_t) (kW). Allocation-free.</summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot; same length.</param>
    /// <returns>The peak (kW).</returns>
    public static double PeakKw(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw)
    {
        LoadCurveChecks.Mean(baseKw, evKw);
        var max = double.NegativeInfinity;
        for (var t = 0; t < baseKw.Length; t++)
        {
            max = Math.Max(max, baseKw[t] + evKw[t]);
        }

        return max;
    }

    /// <summary>The indicators without voltages.</summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot; same length.</param>
    /// <param name="transformers">The region's transformer data; null for <see cref="TransformerData.Seed000"/>.</param>
    /// <returns>The indicators.</returns>
    public static GridIndicatorReport Compute(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw, TransformerData? transformers = null)
        => Compute(baseKw, evKw, transformers, default);

    /// <summary>The indicators, with the maximum voltage offset per phase from <paramref name="voltages"/>.</summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot; same length.</param>
    /// <param name="transformers">The region's transformer data; null for <see cref="TransformerData.Seed000"/>.</param>
    /// <param name="voltages">Node voltages (pu against 1 pu); empty for none.</param>
    /// <returns>The indicators.</returns>
    public static GridIndicatorReport Compute(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw, TransformerData? transformers, in VoltageView voltages)
    {
        transformers ??= TransformerData.Seed000;
        var gamma = SuperpositionRate(baseKw, evKw);
        var peak = PeakKw(baseKw, evKw);
        var valley = double.PositiveInfinity;
        for (var t = 0; t < baseKw.Length; t++)
        {
            valley = Math.Min(valley, baseKw[t] + evKw[t]);
        }

        var count = TransformerSizing.UnitCount(transformers.RequiredKva, peak, transformers.UnitKva, transformers.PowerFactor);
        var installed = count * transformers.UnitKva;
        var variance = LoadVariance.Evaluate(baseKw, evKw);
        var offsets = Array.Empty<double>();
        if (!voltages.IsEmpty)
        {
            offsets = new double[voltages.Phases];
            VoltageOffset.MaxPercentPerPhase(voltages, offsets);
        }

        var mean = LoadCurveChecks.Mean(baseKw, evKw);
        return new GridIndicatorReport(gamma, count, installed, peak / installed, peak, valley, peak - valley, mean,
            Math.Sqrt(variance / baseKw.Length), offsets);
    }

    internal static void CheckCapacity(double capacityKva, double powerFactor)
    {
        if (!(capacityKva >= 0) || !double.IsFinite(capacityKva))
        {
            throw new ArgumentOutOfRangeException(nameof(capacityKva), capacityKva, "The capacity must be a finite number ≥ 0 (kVA).");
        }

        if (!(powerFactor > 0 && powerFactor <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(powerFactor), powerFactor, "The power factor cos φ must lie in (0, 1].");
        }
    }
}
