namespace EvGrid.Optimization.Fleet;

/// <summary>
/// One EV's plug-in session on a typical day: when it is plugged in, its battery, charger and efficiencies, its
/// SOC on arrival and the minimum SOC its user needs at departure.
/// </summary>
/// <remarks>
/// Times are hours on a cyclic day: <see cref="ArrivalHour"/> in [0, 24) and <see cref="DepartureHour"/> in
/// (ArrivalHour, ArrivalHour + 24], so 31 means 07:00 the next morning. Powers are at the grid connection
/// (kW, active power at unity power factor): charging at P kW for Δt h adds P·η_c·Δt kWh to the battery, discharging
/// at P kW removes P·Δt/η_d kWh from it (seed 000 eq. (15)).
/// </remarks>
/// <param name="Id">Identifier, used in every message about this EV.</param>
/// <param name="Kind">EV category.</param>
/// <param name="ArrivalHour">Plug-in time (h, clock time in [0, 24)).</param>
/// <param name="DepartureHour">Plug-out time (h, in (ArrivalHour, ArrivalHour + 24]).</param>
/// <param name="BatteryKwh">Battery capacity (kWh).</param>
/// <param name="SocArrival">SOC at plug-in (fraction, SOC_start of seed 000 eq. (15), SOC_0 of seed 002 eq. (3)).</param>
/// <param name="SocDepartureMin">User's minimum SOC at departure (SOC_min,i of seed 000 eq. (16), SOC_ex of seed 002 eq. (29)).</param>
/// <param name="ChargeKw">Maximum charging power (kW).</param>
/// <param name="DischargeKw">Maximum discharging power (kW); ignored unless <paramref name="V2g"/>.</param>
/// <param name="EtaCharge">Charging efficiency η_c.</param>
/// <param name="EtaDischarge">Discharging efficiency η_d.</param>
/// <param name="V2g">Whether the owner lets the EV discharge (V2G willingness).</param>
/// <param name="Bus">Bus or region index the EV plugs in at (≥ 0).</param>
/// <param name="DistanceKm">Distance driven since the last charge (km; informative).</param>
public readonly record struct EvSession(
    int Id,
    EvKind Kind,
    double ArrivalHour,
    double DepartureHour,
    double BatteryKwh,
    double SocArrival,
    double SocDepartureMin,
    double ChargeKw,
    double DischargeKw,
    double EtaCharge,
    double EtaDischarge,
    bool V2g,
    int Bus,
    double DistanceKm)
{
    /// <summary>Plug-in duration T_lim (h): the charging limit time of seed 002 §3.</summary>
    public double PlugInHours => DepartureHour - ArrivalHour;

    /// <summary>Battery energy to add to reach the departure target (kWh, ≥ 0).</summary>
    public double EnergyNeedKwh => Math.Max(0.0, (SocDepartureMin - SocArrival) * BatteryKwh);

    /// <summary>
    /// Required charging duration T_f (h) to go from <see cref="SocArrival"/> to <see cref="SocDepartureMin"/> at full
    /// power: seed 002 eq. (3), <c>T_f = (SOC_e − SOC_0)·E_e / (η·P_e)</c> (the paper's factor 60 gives minutes).
    /// </summary>
    public double ChargingHours => ChargingTime.RequiredHours(SocArrival, SocDepartureMin, BatteryKwh, EtaCharge, ChargeKw);

    /// <summary>Actual plug-and-charge duration T_cd = min(T_f, T_lim) (h), seed 002 §3.</summary>
    public double ActualChargingHours => Math.Min(ChargingHours, PlugInHours);
}
