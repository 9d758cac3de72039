using System.Globalization;

namespace EvGrid.Optimization.Objectives.Siting;

/// <summary>
/// One typical day's share of the comprehensive profit (seed 002 eqs. (5), (6), (8) first sum, (9), (10)), unweighted
/// (CNY per day), and the energies behind it (kWh per day).
/// </summary>
/// <param name="ElectricitySalesCny">Σ_t c_o(t) P_L(t) Δt: sale of the conventional demand.</param>
/// <param name="PurchaseCostCny">Σ_t c_i(t) (P_L − P_DWG − P_PV + P_EV^c − P_EV^d) Δt: energy bought from the upstream grid.</param>
/// <param name="ChargingRevenueCny">Σ_t (c_e P_EV^c − c_f P_EV^d − c_b P_EV^d) Δt: the stations' sales net of V2G compensation.</param>
/// <param name="SubsidyCny">Σ_t (c_b,DWG P_DWG + c_b,PV P_PV) Δt, eq. (6).</param>
/// <param name="DgMaintenanceCny">Σ_t (c_om1 P_DWG + c_om2 P_PV) Δt, the energy part of eq. (8).</param>
/// <param name="LossCostCny">Σ_t c_o(t) P_loss(t) Δt, eq. (9).</param>
/// <param name="EnvironmentCny">Eq. (10): clean energy × Σ_s x_s (a_s + b_s) + net EV energy / e_EV × c_co2 Δ.</param>
/// <param name="WindKwh">Wind energy Σ P_DWG Δt.</param>
/// <param name="PvKwh">PV energy Σ P_PV Δt.</param>
/// <param name="ChargedKwh">Charging energy accepted Σ P_EV^c Δt.</param>
/// <param name="DischargedKwh">V2G energy Σ P_EV^d Δt.</param>
public readonly record struct DayProfit(
    double ElectricitySalesCny,
    double PurchaseCostCny,
    double ChargingRevenueCny,
    double SubsidyCny,
    double DgMaintenanceCny,
    double LossCostCny,
    double EnvironmentCny,
    double WindKwh,
    double PvKwh,
    double ChargedKwh,
    double DischargedKwh)
{
    /// <summary>The day's operating profit F_l,1 of eq. (21): C_S + C_B − C_OM − C_loss + C_env (CNY), no investment.</summary>
    public double OperatingProfitCny =>
        ElectricitySalesCny - PurchaseCostCny + ChargingRevenueCny + SubsidyCny - DgMaintenanceCny - LossCostCny + EnvironmentCny;
}

/// <summary>
/// The comprehensive profit F1 of seed 002 eq. (4) and each of its terms, per year (CNY/year). C_SS (eq. (5)) is
/// also split into its three parts, as in Table 5.
/// </summary>
/// <param name="ElectricitySalesCny">Σ_l T_l Σ_t c_o P_L: sales of the conventional demand.</param>
/// <param name="ChargingRevenueCny">Σ_l T_l Σ_t (c_e P^c − c_f P^d − c_b P^d): charging-station sales net of V2G compensation.</param>
/// <param name="PurchaseCostCny">Σ_l T_l Σ_t c_i (P_L − P_DG + P^c − P^d): energy bought upstream.</param>
/// <param name="SubsidyCny">C_B, eq. (6).</param>
/// <param name="InvestmentCny">C_inv, eq. (7): capital annualised by the capital recovery factor.</param>
/// <param name="MaintenanceCny">C_OM, eq. (8).</param>
/// <param name="LossCostCny">C_loss, eq. (9).</param>
/// <param name="EnvironmentCny">C_env, eq. (10).</param>
public sealed record ProfitBreakdown(
    double ElectricitySalesCny,
    double ChargingRevenueCny,
    double PurchaseCostCny,
    double SubsidyCny,
    double InvestmentCny,
    double MaintenanceCny,
    double LossCostCny,
    double EnvironmentCny)
{
    /// <summary>C_SS of eq. (5): sales + charging revenue − purchases (CNY/year).</summary>
    public double SupplyProfitCny => ElectricitySalesCny + ChargingRevenueCny - PurchaseCostCny;

    /// <summary>F1 of eq. (4): C_SS + C_B − C_inv − C_OM − C_loss + C_env (CNY/year).</summary>
    public double TotalCny => SupplyProfitCny + SubsidyCny - InvestmentCny - MaintenanceCny - LossCostCny + EnvironmentCny;
}

/// <summary>Seed 002 F1, the comprehensive profit (eqs. (4)–(10)). Allocation-free.</summary>
public static class ComprehensiveProfit
{
    /// <summary>Days per year that turn a typical day's probability into T_l of eqs. (5)–(14).</summary>
    public const double DaysPerYear = 365;

    /// <summary>One typical day's terms (eqs. (5), (6), (8), (9), (10)); every series holds one value per slot (kW).</summary>
    /// <param name="economics">Economic parameters.</param>
    /// <param name="prices">Table 1 prices per slot.</param>
    /// <param name="loadKw">Conventional demand P_L (kW).</param>
    /// <param name="windKw">Wind output P_DWG (kW).</param>
    /// <param name="pvKw">PV output P_PV (kW).</param>
    /// <param name="chargeKw">EV charging accepted P_EV^c (kW, ≥ 0).</param>
    /// <param name="dischargeKw">EV discharging P_EV^d (kW, ≥ 0).</param>
    /// <param name="lossKw">Network losses P_loss (kW).</param>
    /// <param name="slotHours">Slot length Δt (h).</param>
    /// <returns>The day's terms.</returns>
    public static DayProfit Day(PlanningEconomics economics, SlotPrices prices, ReadOnlySpan<double> loadKw, ReadOnlySpan<double> windKw,
        ReadOnlySpan<double> pvKw, ReadOnlySpan<double> chargeKw, ReadOnlySpan<double> dischargeKw, ReadOnlySpan<double> lossKw, double slotHours)
    {
        ArgumentNullException.ThrowIfNull(economics);
        ArgumentNullException.ThrowIfNull(prices);
        var n = prices.Slots;
        if (loadKw.Length != n || windKw.Length != n || pvKw.Length != n || chargeKw.Length != n || dischargeKw.Length != n || lossKw.Length != n)
        {
            throw new ArgumentException($"Every series needs {n} values (one per price slot).");
        }

        if (!(slotHours > 0) || double.IsInfinity(slotHours))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"slotHours must be finite and > 0, got {slotHours}."), nameof(slotHours));
        }

        var ci = prices.Cost;
        var co = prices.Sale;
        var ce = prices.Charging;
        var cf = prices.DischargeCompensation;
        double sales = 0, purchase = 0, charging = 0, loss = 0, wind = 0, pv = 0, charged = 0, discharged = 0;
        for (var t = 0; t < n; t++)
        {
            sales += co[t] * loadKw[t];
            purchase += ci[t] * (loadKw[t] - windKw[t] - pvKw[t] + chargeKw[t] - dischargeKw[t]);
            charging += (ce[t] * chargeKw[t]) - ((cf[t] + economics.BatteryLossCnyPerKwh) * dischargeKw[t]);
            loss += co[t] * lossKw[t];
            wind += windKw[t];
            pv += pvKw[t];
            charged += chargeKw[t];
            discharged += dischargeKw[t];
        }

        wind *= slotHours;
        pv *= slotHours;
        charged *= slotHours;
        discharged *= slotHours;
        var subsidy = (economics.WindSubsidyCnyPerKwh * wind) + (economics.PvSubsidyCnyPerKwh * pv);
        var om = (economics.WindOmCnyPerKwh * wind) + (economics.PvOmCnyPerKwh * pv);
        var environment = ((wind + pv) * economics.CleanEnergyValueCnyPerKwh) + (Math.Max(0, charged - discharged) * economics.EvCo2CreditCnyPerKwh);
        return new DayProfit(sales * slotHours, purchase * slotHours, charging * slotHours, subsidy, om, loss * slotHours, environment,
            wind, pv, charged, discharged);
    }

    /// <summary>C_inv of eq. (7): (Σ c_t1 P_DWG + Σ c_t2 P_PV + Σ (c_g + c_t3 P_EV)) × CRF (CNY/year).</summary>
    /// <param name="economics">Economic parameters.</param>
    /// <param name="windKw">Installed wind capacity Σ_j P_j,DWG (kW).</param>
    /// <param name="pvKw">Installed PV capacity Σ_j P_j,PV (kW).</param>
    /// <param name="stationKw">Capacity of each charging station P_j,EV (kW).</param>
    /// <returns>Annualised investment.</returns>
    public static double Investment(PlanningEconomics economics, double windKw, double pvKw, ReadOnlySpan<double> stationKw)
    {
        ArgumentNullException.ThrowIfNull(economics);
        var capital = (economics.WindCostCnyPerKw * windKw) + (economics.PvCostCnyPerKw * pvKw);
        foreach (var p in stationKw)
        {
            capital += economics.EvcsFixedCny + (economics.EvcsCostCnyPerKw * p);
        }

        return capital * economics.CapitalRecoveryFactor;
    }

    /// <summary>
    /// F1 and its terms for a year of typical days: the day terms weighted by T_l = probability × 365 days, plus the
    /// capacity terms (investment, station maintenance).
    /// </summary>
    /// <param name="economics">Economic parameters.</param>
    /// <param name="days">Each typical day's terms.</param>
    /// <param name="probabilities">Probability of each typical day (sums to 1).</param>
    /// <param name="windKw">Installed wind capacity (kW).</param>
    /// <param name="pvKw">Installed PV capacity (kW).</param>
    /// <param name="stationKw">Capacity of each charging station (kW).</param>
    /// <returns>The annual breakdown.</returns>
    public static ProfitBreakdown Annual(PlanningEconomics economics, ReadOnlySpan<DayProfit> days, ReadOnlySpan<double> probabilities,
        double windKw, double pvKw, ReadOnlySpan<double> stationKw)
    {
        ArgumentNullException.ThrowIfNull(economics);
        TypicalDayWeights.Check(probabilities, days.Length);
        double sales = 0, charging = 0, purchase = 0, subsidy = 0, om = 0, loss = 0, env = 0;
        for (var l = 0; l < days.Length; l++)
        {
            var w = probabilities[l] * DaysPerYear;
            var d = days[l];
            sales += w * d.ElectricitySalesCny;
            charging += w * d.ChargingRevenueCny;
            purchase += w * d.PurchaseCostCny;
            subsidy += w * d.SubsidyCny;
            om += w * d.DgMaintenanceCny;
            loss += w * d.LossCostCny;
            env += w * d.EnvironmentCny;
        }

        var stationOm = 0.0;
        foreach (var p in stationKw)
        {
            stationOm += economics.EvcsOmCnyPerKwYear * p;
        }

        return new ProfitBreakdown(sales, charging, purchase, subsidy, Investment(economics, windKw, pvKw, stationKw), om + stationOm, loss, env);
    }
}

/// <summary>Checks of typical-day probabilities.</summary>
internal static class TypicalDayWeights
{
    public static void Check(ReadOnlySpan<double> probabilities, int days)
    {
        if (probabilities.Length != days || days == 0)
        {
            throw new ArgumentException($"Expected one probability per typical day ({days}), got {probabilities.Length}.", nameof(probabilities));
        }

        var sum = 0.0;
        for (var l = 0; l < probabilities.Length; l++)
        {
            if (!(probabilities[l] >= 0 && probabilities[l] <= 1))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"probability of typical day {l} must lie in [0, 1], got {probabilities[l]}."), nameof(probabilities));
            }

            sum += probabilities[l];
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"typical-day probabilities must sum to 1, got {sum}."), nameof(probabilities));
        }
    }

    /// <summary>Σ_l p_l · v_l: the T_l / 365 weighting of eqs. (11), (12) and (14).</summary>
    public static double Mean(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> values)
    {
        Check(probabilities, values.Length);
        var sum = 0.0;
        for (var l = 0; l < values.Length; l++)
        {
            sum += probabilities[l] * values[l];
        }

        return sum;
    }
}

/// <summary>
/// Seed 002 voltage quality F2 (eqs. (11), (22)): per slot, the power-weighted mean over the nodes of
/// q(U) = (U − U_min)/(U_r − U_min) · (U_max − U)/(U_max − U_r), 1 at the rated voltage and 0 at either limit;
/// averaged over the slots of a day, then over the typical days with weights T_l / 365.
/// </summary>
public static class VoltageQuality
{
    /// <summary>F_l,2 of eq. (22) for one day.</summary>
    /// <param name="voltagesPu">|U_i(t)| (pu), slot-major: index <c>slot · points + node</c>.</param>
    /// <param name="injectionKw">Injected active power P_i(t) (kW) in the same layout (its absolute value weighs the node).</param>
    /// <param name="points">Nodes per slot.</param>
    /// <param name="limits">U_min and U_max (pu).</param>
    /// <param name="ratedPu">U_r (pu), strictly between the limits.</param>
    /// <returns>F_l,2 (≤ 1 when every voltage lies within the limits).</returns>
    public static double Day(ReadOnlySpan<double> voltagesPu, ReadOnlySpan<double> injectionKw, int points, VoltageLimits limits, double ratedPu = 1.0)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (points < 1 || voltagesPu.Length == 0 || voltagesPu.Length % points != 0 || injectionKw.Length != voltagesPu.Length)
        {
            throw new ArgumentException($"voltages ({voltagesPu.Length}) and injections ({injectionKw.Length}) must hold slots × {points} values.");
        }

        if (!(ratedPu > limits.MinPu && ratedPu < limits.MaxPu))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ratedPu must lie strictly inside [{limits.MinPu}, {limits.MaxPu}], got {ratedPu}."), nameof(ratedPu));
        }

        var slots = voltagesPu.Length / points;
        var lowSpan = ratedPu - limits.MinPu;
        var highSpan = limits.MaxPu - ratedPu;
        var sum = 0.0;
        for (var t = 0; t < slots; t++)
        {
            var weight = 0.0;
            var acc = 0.0;
            for (var i = 0; i < points; i++)
            {
                var u = voltagesPu[(t * points) + i];
                var p = Math.Abs(injectionKw[(t * points) + i]);
                weight += p;
                acc += (u - limits.MinPu) / lowSpan * ((limits.MaxPu - u) / highSpan) * p;
            }

            if (weight > 0)
            {
                sum += acc / weight;
            }
        }

        return sum / slots;
    }

    /// <summary>
    /// The largest value eq. (22) can take: every node at the middle of the limits, where the product of eq. (11) is
    /// ((U_max − U_min) / 2)² / ((U_r − U_min)(U_max − U_r)); 1 for limits symmetric about U_r.
    /// </summary>
    /// <param name="limits">U_min and U_max (pu).</param>
    /// <param name="ratedPu">U_r (pu), strictly between the limits.</param>
    /// <returns>The upper bound of F_l,2 and F2.</returns>
    public static double UpperBound(VoltageLimits limits, double ratedPu = 1.0)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!(ratedPu > limits.MinPu && ratedPu < limits.MaxPu))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"ratedPu must lie strictly inside [{limits.MinPu}, {limits.MaxPu}], got {ratedPu}."), nameof(ratedPu));
        }

        var half = (limits.MaxPu - limits.MinPu) / 2;
        return half * half / ((ratedPu - limits.MinPu) * (limits.MaxPu - ratedPu));
    }

    /// <summary>F2 of eq. (11): Σ_l (T_l / 365) F_l,2.</summary>
    /// <param name="probabilities">Typical-day probabilities.</param>
    /// <param name="dayValues">F_l,2 per typical day.</param>
    /// <returns>F2.</returns>
    public static double Annual(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> dayValues) => TypicalDayWeights.Mean(probabilities, dayValues);
}

/// <summary>
/// Seed 002 system load fluctuation F3 (eqs. (12), (13), (23)): the population standard deviation (kW) of the
/// equivalent load P_e = P_L + P_EV − P_DG over a day, averaged over the typical days with weights T_l / 365.
/// </summary>
public static class LoadFluctuation
{
    /// <summary>F_l,3 of eq. (23): √(Σ_t (P_e(t) − P̄_e)² / T) (kW).</summary>
    /// <param name="equivalentLoadKw">P_e per slot (kW).</param>
    /// <returns>F_l,3 (kW).</returns>
    public static double Day(ReadOnlySpan<double> equivalentLoadKw) => LoadVariance.StandardDeviation(equivalentLoadKw);

    /// <summary>F3 of eq. (12): Σ_l (T_l / 365) F_l,3.</summary>
    /// <param name="probabilities">Typical-day probabilities.</param>
    /// <param name="dayValues">F_l,3 per typical day (kW).</param>
    /// <returns>F3 (kW).</returns>
    public static double Annual(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> dayValues) => TypicalDayWeights.Mean(probabilities, dayValues);
}

/// <summary>
/// Seed 002 EV charging satisfaction F4 (eqs. (14), (24)): α1 · c_wcd + α2 / c_cb with c_wcd the charging completion
/// (fraction of the requested charging energy the stations accepted) and c_cb the unit charging cost (CNY/kWh).
/// </summary>
public static class ChargingSatisfaction
{
    /// <summary>Seed 002 §6.1: α1 = 0.4 (completion).</summary>
    public const double DefaultAlpha1 = 0.4;

    /// <summary>Seed 002 §6.1: α2 = 0.6 (unit cost).</summary>
    public const double DefaultAlpha2 = 0.6;

    /// <summary>F_l,4 of eq. (24).</summary>
    /// <param name="completion">c_wcd in [0, 1].</param>
    /// <param name="unitCostCnyPerKwh">c_cb (CNY/kWh, &gt; 0).</param>
    /// <param name="alpha1">α1.</param>
    /// <param name="alpha2">α2.</param>
    /// <returns>F_l,4.</returns>
    public static double Day(double completion, double unitCostCnyPerKwh, double alpha1 = DefaultAlpha1, double alpha2 = DefaultAlpha2)
    {
        if (!(completion >= 0 && completion <= 1 + 1e-12))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"completion must lie in [0, 1], got {completion}."), nameof(completion));
        }

        if (!(unitCostCnyPerKwh > 0) || double.IsInfinity(unitCostCnyPerKwh))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"unitCostCnyPerKwh must be finite and > 0, got {unitCostCnyPerKwh}."), nameof(unitCostCnyPerKwh));
        }

        return (alpha1 * completion) + (alpha2 / unitCostCnyPerKwh);
    }

    /// <summary>F4 of eq. (14): Σ_l (T_l / 365) F_l,4.</summary>
    /// <param name="probabilities">Typical-day probabilities.</param>
    /// <param name="dayValues">F_l,4 per typical day.</param>
    /// <returns>F4.</returns>
    public static double Annual(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> dayValues) => TypicalDayWeights.Mean(probabilities, dayValues);
}

/// <summary>The four sub-objectives of seed 002 §4.1 for one plan.</summary>
/// <param name="F1">Comprehensive profit (CNY/year), maximised.</param>
/// <param name="F2">Voltage quality (pu), maximised.</param>
/// <param name="F3">System load fluctuation (kW), minimised.</param>
/// <param name="F4">EV charging satisfaction, maximised.</param>
public readonly record struct PlanObjectives(double F1, double F2, double F3, double F4);

/// <summary>
/// Reference values of eq. (15): F_i^max for the maximised objectives 1, 2, 4 and F_3^min for the load fluctuation.
/// </summary>
/// <param name="F1Max">F1^max (CNY/year, &gt; 0).</param>
/// <param name="F2Max">F2^max (&gt; 0).</param>
/// <param name="F3Min">F3^min (kW, &gt; 0).</param>
/// <param name="F4Max">F4^max (&gt; 0).</param>
public sealed record ObjectiveReferences(double F1Max, double F2Max, double F3Min, double F4Max)
{
    /// <summary>Eq. (15): f_i* = F_i / F_i^max (i = 1, 2, 4), f_3* = F_3^min / F_3.</summary>
    /// <param name="f">The sub-objectives.</param>
    /// <returns>The normalised values (f1*, f2*, f3*, f4*).</returns>
    public (double F1, double F2, double F3, double F4) Normalise(in PlanObjectives f)
    {
        Validate();
        return (f.F1 / F1Max, f.F2 / F2Max, f.F3 > 0 ? F3Min / f.F3 : double.PositiveInfinity, f.F4 / F4Max);
    }

    /// <summary>The best of each objective over a set of plans (the "optimal values in the optimisation process" of eq. (15)).</summary>
    /// <param name="plans">Sub-objectives of at least one plan.</param>
    /// <param name="f2Fallback">F2's reference when no plan has a positive F2 (eq. (22) is negative beyond a voltage
    /// limit), e.g. its ideal value <see cref="VoltageQuality.UpperBound"/>; NaN (the default) leaves the best F2, so
    /// such plans fail <see cref="Validate"/>.</param>
    /// <returns>The references.</returns>
    public static ObjectiveReferences Best(IEnumerable<PlanObjectives> plans, double f2Fallback = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(plans);
        var list = plans.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one plan is needed to set the references.", nameof(plans));
        }

        var f2 = list.Max(p => p.F2);
        var r = new ObjectiveReferences(list.Max(p => p.F1), f2 > 0 || double.IsNaN(f2Fallback) ? f2 : f2Fallback,
            list.Min(p => p.F3), list.Max(p => p.F4));
        r.Validate();
        return r;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless every reference is finite and positive.</summary>
    public void Validate()
    {
        foreach (var (v, name) in new[] { (F1Max, nameof(F1Max)), (F2Max, nameof(F2Max)), (F3Min, nameof(F3Min)), (F4Max, nameof(F4Max)) })
        {
            if (!(v > 0) || double.IsInfinity(v))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be finite and > 0 for eq. (15), got {v}."));
            }
        }
    }
}

/// <summary>Weights w1–w4 of eqs. (16) and (20).</summary>
/// <param name="W1">Weight of the profit.</param>
/// <param name="W2">Weight of the voltage quality.</param>
/// <param name="W3">Weight of the load fluctuation.</param>
/// <param name="W4">Weight of the charging satisfaction.</param>
public sealed record IndexWeights(double W1, double W2, double W3, double W4)
{
    /// <summary>Seed 002 §6.1: (0.375, 0.125, 0.125, 0.375), from AHP.</summary>
    public static IndexWeights Seed002 { get; } = new(0.375, 0.125, 0.125, 0.375);

    /// <summary>Profit only (scheme 3): (1, 0, 0, 0).</summary>
    public static IndexWeights ProfitOnly { get; } = new(1, 0, 0, 0);

    /// <summary>Eq. (16): Σ w_i f_i*.</summary>
    /// <param name="references">Eq. (15) references.</param>
    /// <param name="f">Sub-objectives.</param>
    /// <returns>The comprehensive evaluation index f_U.</returns>
    public double Index(ObjectiveReferences references, in PlanObjectives f)
    {
        ArgumentNullException.ThrowIfNull(references);
        var (a, b, c, d) = references.Normalise(f);
        return (W1 * a) + (W2 * b) + (W3 * c) + (W4 * d);
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless the weights are finite, non-negative and sum to 1.</summary>
    public void Validate()
    {
        var w = new[] { W1, W2, W3, W4 };
        if (w.Any(x => !(x >= 0) || double.IsInfinity(x)) || Math.Abs(w.Sum() - 1) > 1e-9)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Index weights must be finite, ≥ 0 and sum to 1, got ({W1}, {W2}, {W3}, {W4})."));
        }
    }
}
