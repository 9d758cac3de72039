namespace EvGrid.Optimization.Fleet;

/// <summary>
/// Parameters of one EV category: battery, consumption, charger power, efficiencies, chargeable windows and the
/// distributions the <see cref="FleetSampler"/> draws from. The presets document where each number comes from.
/// </summary>
/// <remarks>
/// Daily distance since the last charge is log-normal: ln(d / km) ~ N(<see cref="DistanceLogMean"/>,
/// <see cref="DistanceLogStdDev"/>²). The SOC at arrival is
/// <c>SOC_arr = SocAfterLastCharge − d · c / (100 · E)</c> with c the consumption (kWh/100 km) drawn uniformly from
/// [<see cref="ConsumptionMinKwhPer100Km"/>, <see cref="ConsumptionMaxKwhPer100Km"/>] and E the battery (kWh),
/// floored at the fleet's minimum SOC (drivers keep the 10 % reserve of seed 000 §5.2.1); such a trip's distance is
/// shortened to the one that reaches the floor, and the EV is listed in <see cref="FleetSample.ClampedArrivalIds"/>. The user's minimum SOC
/// at departure is uniform in [<see cref="DepartureSocMin"/>, <see cref="DepartureSocMax"/>].
/// </remarks>
/// <param name="Name">Display name.</param>
/// <param name="Kind">Category.</param>
/// <param name="BatteryKwh">Usable battery capacity E (kWh).</param>
/// <param name="ConsumptionMinKwhPer100Km">Lower bound of the consumption (kWh/100 km).</param>
/// <param name="ConsumptionMaxKwhPer100Km">Upper bound of the consumption (kWh/100 km).</param>
/// <param name="ChargeKw">Rated charging power at the grid connection (kW).</param>
/// <param name="DischargeKw">Rated V2G discharging power at the grid connection (kW); 0 when the type cannot discharge.</param>
/// <param name="EtaCharge">Charging efficiency η_c (grid → battery), in (0, 1].</param>
/// <param name="EtaDischarge">Discharging efficiency η_d (battery → grid), in (0, 1].</param>
/// <param name="Windows">Chargeable periods (at least one).</param>
/// <param name="DistanceLogMean">Mean of ln(distance / km).</param>
/// <param name="DistanceLogStdDev">Standard deviation of ln(distance / km).</param>
/// <param name="SocAfterLastCharge">SOC when the EV left its previous charge (fraction of E).</param>
/// <param name="DepartureSocMin">Lower bound of the user's minimum SOC at departure.</param>
/// <param name="DepartureSocMax">Upper bound of the user's minimum SOC at departure.</param>
/// <param name="V2gWillingness">Probability that the owner joins V2G (0 for types that never discharge).</param>
public sealed record EvType(
    string Name,
    EvKind Kind,
    double BatteryKwh,
    double ConsumptionMinKwhPer100Km,
    double ConsumptionMaxKwhPer100Km,
    double ChargeKw,
    double DischargeKw,
    double EtaCharge,
    double EtaDischarge,
    IReadOnlyList<ChargingWindow> Windows,
    double DistanceLogMean,
    double DistanceLogStdDev,
    double SocAfterLastCharge,
    double DepartureSocMin,
    double DepartureSocMax,
    double V2gWillingness)
{
    /// <summary>
    /// Private car of seed 002 §3 and §6.1: 32 kWh battery, 20–30 kWh/100 km, 7 kW charging and discharging,
    /// η_c = η_d = 0.9, 90 % V2G willingness, chargeable 18:00–07:00 (arrival N(19, 1.5²) h) and 08:00–17:00
    /// (arrival N(9, 0.5²) h). The split between the two windows (70 % night, 30 % day) is not given in the paper
    /// and is a documented assumption; departures are at the window end (T_lim follows the chargeable period).
    /// Distance: ln d ~ N(3.2, 0.88²), d in km (the usual travel-survey fit; median 24.5 km).
    /// </summary>
    public static EvType Seed002PrivateCar { get; } = new(
        "private car", EvKind.PrivateCar, 32, 20, 30, 7, 7, 0.9, 0.9,
        [new ChargingWindow(18, 7, 19, 1.5, 7, 0, 0.7), new ChargingWindow(8, 17, 9, 0.5, 17, 0, 0.3)],
        3.2, 0.88, 0.9, 0.8, 0.9, 0.9);

    /// <summary>
    /// Electric bus (seed 002 cites its parameters from a source that is not reproduced; these are documented
    /// assumptions): 250 kWh, 90–110 kWh/100 km, 120 kW DC pile (seed 000's DC rating), η = 0.95, depot charging
    /// 22:00–05:00 with arrival N(22.5, 0.5²) h, ln d ~ N(ln 150, 0.2²), no V2G.
    /// </summary>
    public static EvType Seed002Bus { get; } = new(
        "bus", EvKind.Bus, 250, 90, 110, 120, 0, 0.95, 0.95,
        [new ChargingWindow(22, 5, 22.5, 0.5, 5, 0)],
        Math.Log(150), 0.2, 0.9, 0.8, 0.9, 0);

    /// <summary>
    /// Electric taxi (documented assumptions): 60 kWh, 14–18 kWh/100 km, 120 kW DC, η = 0.95, charging at shift
    /// change 02:00–05:00 (arrival N(2.5, 0.5²) h, 60 %) and at lunch 11:00–14:00 (arrival N(12, 0.5²) h, 40 %),
    /// ln d ~ N(ln 180, 0.3²) since the last charge, no V2G.
    /// </summary>
    public static EvType Seed002Taxi { get; } = new(
        "taxi", EvKind.Taxi, 60, 14, 18, 120, 0, 0.95, 0.95,
        [new ChargingWindow(2, 5, 2.5, 0.5, 5, 0, 0.6), new ChargingWindow(11, 14, 12, 0.5, 14, 0, 0.4)],
        Math.Log(180), 0.3, 0.9, 0.8, 0.9, 0);

    /// <summary>
    /// Business (official) car (documented assumptions): 45 kWh, 16–22 kWh/100 km, 7 kW AC, η = 0.9, charging at
    /// the company car park 18:00–08:00 (arrival N(18.5, 1²) h), ln d ~ N(ln 60, 0.5²), no V2G (seed 002 schedules
    /// only private cars in V2G mode).
    /// </summary>
    public static EvType Seed002BusinessCar { get; } = new(
        "business car", EvKind.BusinessCar, 45, 16, 22, 7, 0, 0.9, 0.9,
        [new ChargingWindow(18, 8, 18.5, 1, 8, 0)],
        Math.Log(60), 0.5, 0.9, 0.8, 0.9, 0);

    /// <summary>
    /// Residential private car of seed 000 §6: 25 kWh battery on a 7 kW AC pile with charging efficiency 0.95
    /// (η_d = 0.95 assumed), chargeable 18:00–07:00 with arrival N(19, 1.5²) h (seed 002's night window, since seed
    /// 000 gives no arrival distribution), 20–30 kWh/100 km, ln d ~ N(3.2, 0.88²), V2G willingness 0.9.
    /// </summary>
    public static EvType Seed000ResidentialCar { get; } = new(
        "residential car", EvKind.PrivateCar, 25, 20, 30, 7, 7, 0.95, 0.95,
        [new ChargingWindow(18, 7, 19, 1.5, 7, 0)],
        3.2, 0.88, 0.9, 0.8, 0.9, 0.9);

    /// <summary>Checks every field and throws <see cref="ArgumentException"/> naming the field and value.</summary>
    public void Validate()
    {
        var who = $"EV type '{Name}'";
        Positive(BatteryKwh, nameof(BatteryKwh), who);
        Positive(ConsumptionMinKwhPer100Km, nameof(ConsumptionMinKwhPer100Km), who);
        Positive(ChargeKw, nameof(ChargeKw), who);
        if (!(ConsumptionMaxKwhPer100Km >= ConsumptionMinKwhPer100Km) || double.IsInfinity(ConsumptionMaxKwhPer100Km))
        {
            throw new ArgumentException($"{who}: ConsumptionMaxKwhPer100Km must be finite and ≥ ConsumptionMinKwhPer100Km, got {ConsumptionMaxKwhPer100Km}.");
        }

        if (!(DischargeKw >= 0) || double.IsInfinity(DischargeKw))
        {
            throw new ArgumentException($"{who}: DischargeKw must be finite and ≥ 0, got {DischargeKw}.");
        }

        Fraction(EtaCharge, nameof(EtaCharge), who, open: true);
        Fraction(EtaDischarge, nameof(EtaDischarge), who, open: true);
        Fraction(SocAfterLastCharge, nameof(SocAfterLastCharge), who, open: false);
        Fraction(DepartureSocMin, nameof(DepartureSocMin), who, open: false);
        Fraction(DepartureSocMax, nameof(DepartureSocMax), who, open: false);
        Fraction(V2gWillingness, nameof(V2gWillingness), who, open: false);
        if (DepartureSocMax < DepartureSocMin)
        {
            throw new ArgumentException($"{who}: DepartureSocMax {DepartureSocMax} is below DepartureSocMin {DepartureSocMin}.");
        }

        if (!double.IsFinite(DistanceLogMean))
        {
            throw new ArgumentException($"{who}: DistanceLogMean must be finite, got {DistanceLogMean}.");
        }

        if (!(DistanceLogStdDev >= 0) || double.IsInfinity(DistanceLogStdDev))
        {
            throw new ArgumentException($"{who}: DistanceLogStdDev must be finite and ≥ 0, got {DistanceLogStdDev}.");
        }

        if (Windows is null || Windows.Count == 0)
        {
            throw new ArgumentException($"{who}: Windows must hold at least one charging window.");
        }

        foreach (var w in Windows)
        {
            w.Validate(who);
        }
    }

    private static void Positive(double value, string field, string who)
    {
        if (!(value > 0) || double.IsInfinity(value))
        {
            throw new ArgumentException($"{who}: {field} must be finite and > 0, got {value}.");
        }
    }

    private static void Fraction(double value, string field, string who, bool open)
    {
        var ok = open ? value > 0 && value <= 1 : value >= 0 && value <= 1;
        if (!ok)
        {
            throw new ArgumentException($"{who}: {field} must lie in {(open ? "(0, 1]" : "[0, 1]")}, got {value}.");
        }
    }
}
