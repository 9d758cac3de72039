using EvGrid.Optimization.Objectives;

namespace EvGrid.Optimization.Planning.Capacity;

/// <summary>The transformer configuration of one charging mode (seed 000 eq. (8)).</summary>
/// <param name="Name">Mode name.</param>
/// <param name="SuperpositionRate">γ of eq. (3).</param>
/// <param name="PeakFromCurves">True when <see cref="SuperposedPeakKw"/> was given from the mode's curves, false when it is γ · (S_ev + P^R).</param>
/// <param name="SuperposedPeakKw">(max P^EV + max P^Base) · γ (kW), the right side of eq. (8)'s load condition.</param>
/// <param name="UnitsForCapacity">⌈S_R / S^U_m⌉ (at least 1): units needed by the first line of eq. (8).</param>
/// <param name="UnitsForLoad">⌈peak / (S^U_m · cos φ)⌉ (at least 1): units needed by the second line of eq. (8).</param>
/// <param name="Units">m = max of the two (at least 1).</param>
/// <param name="InstalledKva">S^U = m · S^U_m (kVA), eq. (9).</param>
/// <param name="LoadRate">Superposed peak (kW) / installed capacity (kVA).</param>
/// <param name="InvestmentCny">m × investment per unit (CNY).</param>
public sealed record ModeCapacity(
    string Name,
    double SuperpositionRate,
    bool PeakFromCurves,
    double SuperposedPeakKw,
    int UnitsForCapacity,
    int UnitsForLoad,
    int Units,
    double InstalledKva,
    double LoadRate,
    double InvestmentCny);

/// <summary>
/// The worked capacity configuration of one region, seed 000 eqs. (1)–(9), with every intermediate value.
/// </summary>
/// <param name="Input">The parameters.</param>
/// <param name="PenetrationRate">α = N^EV / N^R, eq. (1).</param>
/// <param name="SimultaneityRate">β, eq. (2).</param>
/// <param name="MeanPileKw">P_EV (kW): count-weighted mean pile rating.</param>
/// <param name="RatedEvKw">P_EV · α · N^R (kW): every EV charging at once.</param>
/// <param name="EvPlanningKw">S_ev = P_EV · α · N^R · β / η (kW), eq. (4).</param>
/// <param name="UserPlanningLoadKw">P^J (kW), eq. (6) for households or given.</param>
/// <param name="PlanningLoadKw">P^R = P^J · ζ · δ (kW), eq. (5).</param>
/// <param name="TransformerKva">S_R = P^R / (φ · cos φ) (kVA), eq. (7).</param>
/// <param name="Modes">Per charging mode, eq. (8).</param>
public sealed record CapacityConfiguration(
    CapacityRegionInput Input,
    double PenetrationRate,
    double SimultaneityRate,
    double MeanPileKw,
    double RatedEvKw,
    double EvPlanningKw,
    double UserPlanningLoadKw,
    double PlanningLoadKw,
    double TransformerKva,
    IReadOnlyList<ModeCapacity> Modes)
{
    /// <summary>Units saved by mode <paramref name="to"/> against mode <paramref name="from"/> (negative when it needs more).</summary>
    /// <param name="from">Reference mode index (default the first, disordered).</param>
    /// <param name="to">Compared mode index (default the second, V2G).</param>
    /// <returns>Units saved.</returns>
    public int UnitsSaved(int from = 0, int to = 1) => Modes[from].Units - Modes[to].Units;

    /// <summary>Investment saved (CNY) by mode <paramref name="to"/> against mode <paramref name="from"/>: units saved × investment per unit.</summary>
    /// <param name="from">Reference mode index (default the first, disordered).</param>
    /// <param name="to">Compared mode index (default the second, V2G).</param>
    /// <returns>CNY saved.</returns>
    public double InvestmentSavedCny(int from = 0, int to = 1) => UnitsSaved(from, to) * Input.InvestmentPerUnitCny;
}

/// <summary>
/// The transformer capacity configuration model of seed 000 §4: penetration (eq. (1)), simultaneity (eq. (2)),
/// superposition (eq. (3)), EV planning load (eq. (4)), regional planning load (eqs. (5)–(6)), transformer capacity
/// (eq. (7)) and the number of standard units (eqs. (8)–(9)).
/// </summary>
public static class CapacityModel
{
    /// <summary>Penetration rate α = N^EV / N^R, eq. (1).</summary>
    /// <param name="evCount">N^EV (≥ 0).</param>
    /// <param name="carCount">N^R (≥ N^EV, ≥ 1).</param>
    /// <returns>α in [0, 1].</returns>
    public static double PenetrationRate(int evCount, int carCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(carCount, Math.Max(1, evCount));
        return (double)evCount / carCount;
    }

    /// <summary>Simultaneity rate β = max_t P^EV_t / (P_EV · N_EV), eq. (2), from an EV charging profile.</summary>
    /// <param name="evKw">EV charging load (kW) per slot.</param>
    /// <param name="ratedKw">Rated charging power of one EV P_EV (kW), positive.</param>
    /// <param name="evCount">N_EV (≥ 1).</param>
    /// <returns>β (in [0, 1] for a profile within the ratings).</returns>
    public static double SimultaneityRate(ReadOnlySpan<double> evKw, double ratedKw, int evCount)
    {
        Positive(ratedKw, nameof(ratedKw));
        ArgumentOutOfRangeException.ThrowIfLessThan(evCount, 1);
        return PeakValley.Range(evKw).MaxKw / (ratedKw * evCount);
    }

    /// <summary>Superposition rate γ, eq. (3); see <see cref="GridIndicators.SuperpositionRate"/>.</summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot.</param>
    /// <returns>γ.</returns>
    public static double SuperpositionRate(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw)
        => GridIndicators.SuperpositionRate(baseKw, evKw);

    /// <summary>EV charging planning load S_ev = P_EV · α · N^R · β / η (kW), eq. (4).</summary>
    /// <param name="pileKw">P_EV (kW).</param>
    /// <param name="penetrationRate">α.</param>
    /// <param name="carCount">N^R.</param>
    /// <param name="simultaneityRate">β.</param>
    /// <param name="efficiency">η.</param>
    /// <returns>S_ev (kW).</returns>
    public static double EvPlanningLoadKw(double pileKw, double penetrationRate, int carCount, double simultaneityRate, double efficiency)
    {
        Positive(pileKw, nameof(pileKw));
        Fraction(penetrationRate, nameof(penetrationRate));
        ArgumentOutOfRangeException.ThrowIfLessThan(carCount, 1);
        Fraction(simultaneityRate, nameof(simultaneityRate));
        Fraction(efficiency, nameof(efficiency));
        return pileKw * penetrationRate * carCount * simultaneityRate / efficiency;
    }

    /// <summary>Regional planning load P^R = P^J · ζ · δ (kW), eq. (5).</summary>
    /// <param name="userPlanningLoadKw">P^J (kW), ≥ 0.</param>
    /// <param name="demandCoefficient">ζ.</param>
    /// <param name="loadSimultaneity">δ.</param>
    /// <returns>P^R (kW).</returns>
    public static double PlanningLoadKw(double userPlanningLoadKw, double demandCoefficient, double loadSimultaneity)
    {
        NonNegative(userPlanningLoadKw, nameof(userPlanningLoadKw));
        Fraction(demandCoefficient, nameof(demandCoefficient));
        Fraction(loadSimultaneity, nameof(loadSimultaneity));
        return userPlanningLoadKw * demandCoefficient * loadSimultaneity;
    }

    /// <summary>Transformer capacity S_R = P^R / (φ · cos φ) (kVA), eq. (7).</summary>
    /// <param name="planningLoadKw">P^R (kW).</param>
    /// <param name="planningMargin">φ.</param>
    /// <param name="powerFactor">cos φ.</param>
    /// <returns>S_R (kVA).</returns>
    public static double TransformerKva(double planningLoadKw, double planningMargin, double powerFactor)
    {
        NonNegative(planningLoadKw, nameof(planningLoadKw));
        Fraction(planningMargin, nameof(planningMargin));
        Fraction(powerFactor, nameof(powerFactor));
        return planningLoadKw / (planningMargin * powerFactor);
    }

    /// <summary>Runs eqs. (1)–(9) for a region and each of its charging modes.</summary>
    /// <param name="region">The region's parameters.</param>
    /// <returns>The worked configuration.</returns>
    public static CapacityConfiguration Configure(CapacityRegionInput region)
    {
        ArgumentNullException.ThrowIfNull(region);
        if (region.Piles is not { Count: > 0 })
        {
            throw new ArgumentException($"Region '{region.Name}': Piles holds no pile group.", nameof(region));
        }

        var piles = 0;
        var ratedSum = 0.0;
        foreach (var g in region.Piles)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(g.Count, 1, $"{region.Name}.Piles.Count");
            Positive(g.RatedKw, $"{region.Name}.Piles.RatedKw");
            piles += g.Count;
            ratedSum += g.Count * g.RatedKw;
        }

        var alpha = PenetrationRate(region.EvCount, region.CarCount);
        var meanKw = ratedSum / piles;
        var sev = EvPlanningLoadKw(meanKw, alpha, region.CarCount, region.SimultaneityRate, region.ChargingEfficiency);
        double pj;
        if (region.Households is { } households)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(households, 1, $"{region.Name}.Households");
            NonNegative(region.KwPerHousehold, $"{region.Name}.KwPerHousehold");
            pj = region.KwPerHousehold * households;
        }
        else
        {
            pj = region.UserPlanningLoadKw
                 ?? throw new ArgumentException($"Region '{region.Name}': give Households (eq. (6)) or UserPlanningLoadKw.", nameof(region));
        }

        var pr = PlanningLoadKw(pj, region.DemandCoefficient, region.LoadSimultaneity);
        var sr = TransformerKva(pr, region.PlanningMargin, region.PowerFactor);
        NonNegative(region.InvestmentPerUnitCny, $"{region.Name}.InvestmentPerUnitCny");
        if (region.Modes is not { Count: > 0 })
        {
            throw new ArgumentException($"Region '{region.Name}': Modes holds no charging mode.", nameof(region));
        }

        var modes = new ModeCapacity[region.Modes.Count];
        for (var i = 0; i < modes.Length; i++)
        {
            var m = region.Modes[i];
            Fraction(m.SuperpositionRate, $"{region.Name}.{m.Name}.SuperpositionRate");
            var peak = m.PeakLoadKw ?? m.SuperpositionRate * (sev + pr);
            NonNegative(peak, $"{region.Name}.{m.Name}.PeakLoadKw");
            var byCapacity = TransformerSizing.UnitCount(sr, 0, region.UnitKva, region.PowerFactor);
            var byLoad = TransformerSizing.UnitCount(0, peak, region.UnitKva, region.PowerFactor);
            var units = TransformerSizing.UnitCount(sr, peak, region.UnitKva, region.PowerFactor);
            var installed = units * region.UnitKva;
            modes[i] = new ModeCapacity(m.Name, m.SuperpositionRate, m.PeakLoadKw is not null, peak, byCapacity, byLoad, units,
                installed, peak / installed, units * region.InvestmentPerUnitCny);
        }

        return new CapacityConfiguration(region, alpha, region.SimultaneityRate, meanKw, meanKw * alpha * region.CarCount, sev, pj, pr, sr, modes);
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a positive number.");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0.");
        }
    }

    private static void Fraction(double value, string name)
    {
        if (!(value > 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in (0, 1].");
        }
    }
}
