namespace EvGrid.Optimization.Fleet;

/// <summary>Charging-duration formulas of seed 002 §3.</summary>
public static class ChargingTime
{
    /// <summary>
    /// Seed 002 eq. (3): the time to charge from <paramref name="socStart"/> to <paramref name="socEnd"/> at full
    /// power, <c>T_f = (SOC_e − SOC_0) · E_e / (η · P_e)</c>, in hours (the paper multiplies by 60 for minutes).
    /// Zero when no energy is needed.
    /// </summary>
    /// <param name="socStart">SOC_0 (fraction).</param>
    /// <param name="socEnd">SOC_e (fraction).</param>
    /// <param name="batteryKwh">E_e (kWh).</param>
    /// <param name="eta">Charging efficiency η.</param>
    /// <param name="chargeKw">Charging power P_e (kW).</param>
    /// <returns>T_f in hours.</returns>
    public static double RequiredHours(double socStart, double socEnd, double batteryKwh, double eta, double chargeKw)
        => socEnd <= socStart ? 0.0 : (socEnd - socStart) * batteryKwh / (eta * chargeKw);

    /// <summary>T_cd = min(T_f, T_lim) (h), seed 002 §3.</summary>
    /// <param name="requiredHours">T_f (h).</param>
    /// <param name="limitHours">T_lim (h), the plug-in time the chargeable period leaves.</param>
    /// <returns>T_cd in hours.</returns>
    public static double ActualHours(double requiredHours, double limitHours) => Math.Min(requiredHours, limitHours);
}
