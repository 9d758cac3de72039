using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Objectives;

/// <summary>
/// SOC constraint violation of a schedule, seed 000 eqs. (15)–(17): along each EV's plug-in session the SOC must stay
/// within [floor, ceiling] (0.1–0.95 in seed 000, <see cref="EvFleet.SocFloor"/> / <see cref="EvFleet.SocCeiling"/>) and
/// reach the user's minimum at departure. The trajectory comes from <see cref="SocTrajectory"/>; bounds are compared
/// with <see cref="ScheduleChecker.Tolerance"/> like <see cref="ScheduleChecker"/>. The amount is in kWh: each SOC
/// excess times the battery capacity, summed over EVs and session steps. Power limits are not part of it (see
/// <see cref="ScheduleChecker"/>).
/// </summary>
public static class SocViolation
{
    /// <summary>SOC violation (kWh) of the whole schedule; 0 when every SOC bound holds. Allocation-free.</summary>
    /// <param name="schedule">The schedule (kW per EV per slot, + charge, − discharge).</param>
    /// <param name="socBuffer">Scratch space, at least <see cref="FleetTimeline.MaxSlotCount"/> + 1 values.</param>
    /// <returns>Σ excess · battery (kWh), ≥ 0.</returns>
    public static double Evaluate(ChargeSchedule schedule, Span<double> socBuffer)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var total = 0.0;
        for (var i = 0; i < schedule.EvCount; i++)
        {
            total += Evaluate(schedule, i, socBuffer);
        }

        return total;
    }

    /// <summary>SOC violation (kWh) of the whole schedule, with its own scratch buffer.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <returns>Σ excess · battery (kWh), ≥ 0.</returns>
    public static double Evaluate(ChargeSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return Evaluate(schedule, new double[schedule.Timeline.MaxSlotCount + 1]);
    }

    /// <summary>SOC violation (kWh) of one EV. Allocation-free.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="ev">EV index.</param>
    /// <param name="socBuffer">Scratch space, at least the EV's step count + 1 values.</param>
    /// <returns>Excess · battery (kWh), ≥ 0.</returns>
    public static double Evaluate(ChargeSchedule schedule, int ev, Span<double> socBuffer)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var timeline = schedule.Timeline;
        var fleet = timeline.Fleet;
        var n = timeline.SlotCount[ev];
        var departure = SocTrajectory.Compute(schedule, ev, socBuffer);
        if (!double.IsFinite(departure))
        {
            throw new ArgumentException($"EV {fleet.Ids[ev]}: the schedule holds a power that is not a finite number.", nameof(schedule));
        }

        var floor = fleet.SocFloor(ev);
        var ceiling = fleet.SocCeiling(ev);
        var excess = 0.0;
        for (var k = 1; k <= n; k++)
        {
            var s = socBuffer[k];
            if (s < floor - ScheduleChecker.Tolerance)
            {
                excess += floor - s;
            }
            else if (s > ceiling + ScheduleChecker.Tolerance)
            {
                excess += s - ceiling;
            }
        }

        var target = fleet.SocDepartureMin[ev];
        if (departure < target - ScheduleChecker.Tolerance)
        {
            excess += target - departure;
        }

        return excess * fleet.BatteryKwh[ev];
    }
}

/// <summary>Node voltage limits of seed 000 eq. (19), U_min ≤ U ≤ U_max (pu).</summary>
/// <param name="MinPu">Lower limit (pu).</param>
/// <param name="MaxPu">Upper limit (pu), above <paramref name="MinPu"/>.</param>
public sealed record VoltageLimits(double MinPu, double MaxPu)
{
    /// <summary>±7 % around 1 pu (0.93–1.07 pu), the default.</summary>
    public static VoltageLimits Default { get; } = Around(1.0, 0.07);

    /// <summary>Lower limit (pu).</summary>
    public double MinPu { get; } = double.IsFinite(MinPu) && MinPu >= 0 && MinPu < MaxPu
        ? MinPu
        : throw new ArgumentOutOfRangeException(nameof(MinPu), MinPu, $"The lower voltage limit must be finite, ≥ 0 and below the upper limit {MaxPu} pu.");

    /// <summary>Upper limit (pu).</summary>
    public double MaxPu { get; } = double.IsFinite(MaxPu)
        ? MaxPu
        : throw new ArgumentOutOfRangeException(nameof(MaxPu), MaxPu, "The upper voltage limit must be a finite number (pu).");

    /// <summary>Limits <c>nominal · (1 ± band)</c>.</summary>
    /// <param name="nominalPu">Nominal voltage (pu).</param>
    /// <param name="band">Relative band (e.g. 0.07 for ±7 %), in (0, 1).</param>
    /// <returns>The limits.</returns>
    public static VoltageLimits Around(double nominalPu, double band)
    {
        VoltageOffset.CheckNominal(nominalPu);
        if (!(band > 0 && band < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(band), band, "The voltage band must lie in (0, 1), e.g. 0.07 for ±7 %.");
        }

        return new VoltageLimits(nominalPu * (1 - band), nominalPu * (1 + band));
    }
}

/// <summary>
/// Node voltage violation, seed 000 eq. (19): Σ over slots, points and present phases of the excess (pu) below
/// <see cref="VoltageLimits.MinPu"/> or above <see cref="VoltageLimits.MaxPu"/>; 0 when every present voltage is within
/// the limits. Allocation-free.
/// </summary>
public static class VoltageViolation
{
    /// <summary>Σ max(0, U_min − U, U − U_max) (pu).</summary>
    /// <param name="voltages">The voltages.</param>
    /// <param name="limits">The limits; null for <see cref="VoltageLimits.Default"/> (±7 %).</param>
    /// <returns>The violation (pu), ≥ 0.</returns>
    public static double Evaluate(in VoltageView voltages, VoltageLimits? limits = null) =>
        VoltageMetrics.Evaluate(voltages, limits).ViolationPu;
}

/// <summary>
/// Distribution capacity violation, seed 000 eq. (20): (max_t P_t^EV + max_t P_t^Base) · γ ≤ S · cos φ. The amount is the
/// excess of the left side over the right (kW), 0 when the bound holds. Allocation-free.
/// </summary>
public static class CapacityViolation
{
    /// <summary>Excess (kW) of the superposed peak over the usable capacity.</summary>
    /// <param name="baseKw">Base load (kW) per slot.</param>
    /// <param name="evKw">EV load (kW) per slot; same length.</param>
    /// <param name="capacityKva">Distribution capacity S (kVA), ≥ 0.</param>
    /// <param name="powerFactor">cos φ in (0, 1].</param>
    /// <param name="superpositionRate">γ; null to take it from the curves by eq. (3), which makes the left side the peak of the total load.</param>
    /// <returns>max(0, (max P^EV + max P^Base)·γ − S·cos φ) (kW).</returns>
    public static double Evaluate(ReadOnlySpan<double> baseKw, ReadOnlySpan<double> evKw, double capacityKva, double powerFactor, double? superpositionRate = null)
    {
        GridIndicators.CheckCapacity(capacityKva, powerFactor);
        double left;
        if (superpositionRate is { } gamma)
        {
            if (!(gamma > 0) || !double.IsFinite(gamma))
            {
                throw new ArgumentOutOfRangeException(nameof(superpositionRate), gamma, "The superposition rate γ must be a positive number.");
            }

            LoadCurveChecks.Mean(baseKw, evKw);
            left = (PeakValley.Range(evKw).MaxKw + PeakValley.Range(baseKw).MaxKw) * gamma;
        }
        else
        {
            left = GridIndicators.PeakKw(baseKw, evKw);
        }

        return Math.Max(0.0, left - capacityKva * powerFactor);
    }
}
