using System.Globalization;

namespace EvGrid.Optimization.Objectives.Siting;

/// <summary>One pollutant of seed 002 Table 2: emission level x_s and the two cost parameters a_s, b_s.</summary>
/// <param name="Name">Pollutant name.</param>
/// <param name="KgPerMwh">Emission level x_s (kg/MWh).</param>
/// <param name="CostACnyPerKg">a_s (CNY/kg).</param>
/// <param name="CostBCnyPerKg">b_s (CNY/kg).</param>
public sealed record Pollutant(string Name, double KgPerMwh, double CostACnyPerKg, double CostBCnyPerKg);

/// <summary>
/// Economic parameters of the comprehensive profit F1 (seed 002 eqs. (4)–(10)); the defaults are §6.1 and Table 2.
/// </summary>
public sealed record PlanningEconomics
{
    /// <summary>Government subsidy for wind energy c_b,DWG (CNY/kWh), eq. (6): 0.1.</summary>
    public double WindSubsidyCnyPerKwh { get; init; } = 0.1;

    /// <summary>Government subsidy for PV energy c_b,PV (CNY/kWh), eq. (6): 0.36.</summary>
    public double PvSubsidyCnyPerKwh { get; init; } = 0.36;

    /// <summary>Construction cost of wind capacity c_t1 (CNY/kW), eq. (7): 5 381.</summary>
    public double WindCostCnyPerKw { get; init; } = 5381;

    /// <summary>Construction cost of PV capacity c_t2 (CNY/kW), eq. (7): 4 735.</summary>
    public double PvCostCnyPerKw { get; init; } = 4735;

    /// <summary>Construction cost of charging-station capacity c_t3 (CNY/kW), eq. (7): 6 000.</summary>
    public double EvcsCostCnyPerKw { get; init; } = 6000;

    /// <summary>Fixed investment of one charging station c_g (CNY), eq. (7): 3 000 000.</summary>
    public double EvcsFixedCny { get; init; } = 3_000_000;

    /// <summary>Discount rate r, eq. (7): 8 %.</summary>
    public double DiscountRate { get; init; } = 0.08;

    /// <summary>Service life n_1 (years), eq. (7): 20.</summary>
    public int LifetimeYears { get; init; } = 20;

    /// <summary>Wind maintenance fee c_om1 (CNY/kWh generated), eq. (8): 0.0296.</summary>
    public double WindOmCnyPerKwh { get; init; } = 0.0296;

    /// <summary>PV maintenance fee c_om2 (CNY/kWh generated), eq. (8): 0.0096.</summary>
    public double PvOmCnyPerKwh { get; init; } = 0.0096;

    /// <summary>Amortised charging-station maintenance fee c_om3 (CNY per kW of capacity and year), eq. (8): 100
    /// (printed "CNY/kWh"; eq. (8) multiplies it by a capacity, so it is read per kW and year).</summary>
    public double EvcsOmCnyPerKwYear { get; init; } = 100;

    /// <summary>Battery-loss compensation c_b paid per kWh discharged (CNY/kWh), eq. (5): 0.854.</summary>
    public double BatteryLossCnyPerKwh { get; init; } = 0.854;

    /// <summary>Energy an EV uses over 100 miles e_EV (kWh), eq. (10): 21.5.</summary>
    public double EvKwhPer100Miles { get; init; } = 21.5;

    /// <summary>CO₂ trading price c_co2 (CNY/ton), eq. (10): 80.</summary>
    public double Co2PriceCnyPerTon { get; init; } = 80;

    /// <summary>CO₂ an EV saves against a conventional car over 100 miles Δ (kg), eq. (10): 7.</summary>
    public double Co2SavingKgPer100Miles { get; init; } = 7;

    /// <summary>Pollutants of seed 002 Table 2 (CO₂, SO₂, NOx).</summary>
    public IReadOnlyList<Pollutant> Pollutants { get; init; } =
    [
        new("CO2", 639.2, 0.01, 0.02),
        new("SO2", 3.587, 1.00, 6.00),
        new("NOx", 1.544, 2.00, 8.00),
    ];

    /// <summary>Capital recovery factor r(1 + r)^n / ((1 + r)^n − 1) of eq. (7) (0.10185 for 8 % and 20 years).</summary>
    public double CapitalRecoveryFactor
    {
        get
        {
            var g = Math.Pow(1 + DiscountRate, LifetimeYears);
            return DiscountRate * g / (g - 1);
        }
    }

    /// <summary>Environmental value of one kWh of clean energy, Σ_s x_s (a_s + b_s) of eq. (10), in CNY/kWh.</summary>
    public double CleanEnergyValueCnyPerKwh => Pollutants.Sum(p => p.KgPerMwh * (p.CostACnyPerKg + p.CostBCnyPerKg)) / 1000.0;

    /// <summary>CO₂ credit of one kWh charged into EVs, c_co2 Δ / e_EV of eq. (10), in CNY/kWh.</summary>
    public double EvCo2CreditCnyPerKwh => Co2PriceCnyPerTon / 1000.0 * Co2SavingKgPer100Miles / EvKwhPer100Miles;

    /// <summary>Checks every value and throws <see cref="ArgumentException"/> naming the field and value.</summary>
    public void Validate()
    {
        NonNegative(WindSubsidyCnyPerKwh, nameof(WindSubsidyCnyPerKwh));
        NonNegative(PvSubsidyCnyPerKwh, nameof(PvSubsidyCnyPerKwh));
        NonNegative(WindCostCnyPerKw, nameof(WindCostCnyPerKw));
        NonNegative(PvCostCnyPerKw, nameof(PvCostCnyPerKw));
        NonNegative(EvcsCostCnyPerKw, nameof(EvcsCostCnyPerKw));
        NonNegative(EvcsFixedCny, nameof(EvcsFixedCny));
        NonNegative(WindOmCnyPerKwh, nameof(WindOmCnyPerKwh));
        NonNegative(PvOmCnyPerKwh, nameof(PvOmCnyPerKwh));
        NonNegative(EvcsOmCnyPerKwYear, nameof(EvcsOmCnyPerKwYear));
        NonNegative(BatteryLossCnyPerKwh, nameof(BatteryLossCnyPerKwh));
        NonNegative(Co2PriceCnyPerTon, nameof(Co2PriceCnyPerTon));
        NonNegative(Co2SavingKgPer100Miles, nameof(Co2SavingKgPer100Miles));
        if (!(DiscountRate > 0 && DiscountRate < 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"DiscountRate must lie in (0, 1), got {DiscountRate}."));
        }

        if (LifetimeYears < 1 || LifetimeYears > 200)
        {
            throw new ArgumentException($"LifetimeYears must lie in [1, 200], got {LifetimeYears}.");
        }

        if (!(EvKwhPer100Miles > 0) || double.IsInfinity(EvKwhPer100Miles))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"EvKwhPer100Miles must be finite and > 0, got {EvKwhPer100Miles}."));
        }

        ArgumentNullException.ThrowIfNull(Pollutants, nameof(Pollutants));
        foreach (var p in Pollutants)
        {
            NonNegative(p.KgPerMwh, $"Pollutants[{p.Name}].KgPerMwh");
            NonNegative(p.CostACnyPerKg, $"Pollutants[{p.Name}].CostACnyPerKg");
            NonNegative(p.CostBCnyPerKg, $"Pollutants[{p.Name}].CostBCnyPerKg");
        }
    }

    private static void NonNegative(double value, string name)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} must be finite and ≥ 0, got {value}."));
        }
    }
}

/// <summary>
/// The four Table 1 prices of every slot of a day (CNY/kWh): cost c_i(t), sale c_o(t), charging c_e(t) and discharge
/// compensation c_f(t). Immutable; share it.
/// </summary>
public sealed class SlotPrices
{
    private readonly double[] _cost;
    private readonly double[] _sale;
    private readonly double[] _charging;
    private readonly double[] _discharge;

    /// <summary>Creates the table from four per-slot price arrays of equal length.</summary>
    /// <param name="cost">c_i(t): what the distribution company pays.</param>
    /// <param name="sale">c_o(t): what the distribution company charges.</param>
    /// <param name="charging">c_e(t): what EV users pay at the stations.</param>
    /// <param name="dischargeCompensation">c_f(t): what EV users receive for V2G energy.</param>
    public SlotPrices(ReadOnlySpan<double> cost, ReadOnlySpan<double> sale, ReadOnlySpan<double> charging, ReadOnlySpan<double> dischargeCompensation)
    {
        if (cost.Length == 0 || sale.Length != cost.Length || charging.Length != cost.Length || dischargeCompensation.Length != cost.Length)
        {
            throw new ArgumentException($"The four price arrays must have the same non-zero length, got {cost.Length}, {sale.Length}, {charging.Length} and {dischargeCompensation.Length}.");
        }

        foreach (var (values, name) in new[] { (cost.ToArray(), "cost"), (sale.ToArray(), "sale"), (charging.ToArray(), "charging"), (dischargeCompensation.ToArray(), "dischargeCompensation") })
        {
            for (var t = 0; t < values.Length; t++)
            {
                if (!double.IsFinite(values[t]))
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} price of slot {t} must be finite, got {values[t]}."));
                }
            }
        }

        _cost = cost.ToArray();
        _sale = sale.ToArray();
        _charging = charging.ToArray();
        _discharge = dischargeCompensation.ToArray();
    }

    /// <summary>Number of slots.</summary>
    public int Slots => _cost.Length;

    /// <summary>c_i(t) (CNY/kWh).</summary>
    public ReadOnlySpan<double> Cost => _cost;

    /// <summary>c_o(t) (CNY/kWh).</summary>
    public ReadOnlySpan<double> Sale => _sale;

    /// <summary>c_e(t) (CNY/kWh).</summary>
    public ReadOnlySpan<double> Charging => _charging;

    /// <summary>c_f(t) (CNY/kWh).</summary>
    public ReadOnlySpan<double> DischargeCompensation => _discharge;

    /// <summary>The prices of a TOU tariff on a slot grid.</summary>
    /// <param name="tariff">Tariff (seed 002 Table 1 in <see cref="Fleet.TouTariff.Seed002"/>).</param>
    /// <param name="slotMinutes">Slot length (min).</param>
    /// <returns>The table.</returns>
    public static SlotPrices From(Fleet.TouTariff tariff, int slotMinutes)
    {
        ArgumentNullException.ThrowIfNull(tariff);
        return new SlotPrices(tariff.SlotPrices(slotMinutes, Fleet.TouPriceKind.Cost), tariff.SlotPrices(slotMinutes, Fleet.TouPriceKind.Sale),
            tariff.SlotPrices(slotMinutes, Fleet.TouPriceKind.Charging), tariff.SlotPrices(slotMinutes, Fleet.TouPriceKind.DischargeCompensation));
    }
}
