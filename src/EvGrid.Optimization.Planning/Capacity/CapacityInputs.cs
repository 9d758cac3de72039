namespace EvGrid.Optimization.Planning.Capacity;

/// <summary>A group of identical charging piles.</summary>
/// <param name="Count">Number of piles (≥ 1).</param>
/// <param name="RatedKw">Rated power of one pile P_EV (kW), positive.</param>
/// <param name="Kind">Label for reports (e.g. <c>AC</c>, <c>DC</c>).</param>
public sealed record ChargingPileGroup(int Count, double RatedKw, string Kind);

/// <summary>One charging mode of a region for the transformer count of seed 000 eq. (8).</summary>
/// <param name="Name">Mode name (e.g. <c>disordered</c>, <c>V2G</c>).</param>
/// <param name="SuperpositionRate">γ of eq. (3) in (0, 1], from the mode's load curves (<see cref="Objectives.GridIndicators.SuperpositionRate"/>) or given.</param>
/// <param name="PeakLoadKw">
/// The superposed peak (max P^EV + max P^Base)·γ (kW) when known from the mode's curves (the peak of the total load);
/// null to take γ · (S_ev + P^R) from the planning values.
/// </param>
public sealed record ChargingModeInput(string Name, double SuperpositionRate, double? PeakLoadKw = null);

/// <summary>
/// The planning parameters of one region for the capacity configuration model of seed 000 §4 (eqs. (1)–(9)).
/// The base load is either households × planning load per household (eq. (6)) or a user planning load P^J given directly.
/// </summary>
public sealed record CapacityRegionInput
{
    /// <summary>Region name for reports.</summary>
    public required string Name { get; init; }

    /// <summary>Network node the region is connected to (seed 000 §6.1), for reports; empty when not tied to a node.</summary>
    public string Nodes { get; init; } = "";

    /// <summary>Number of EVs N^EV (≥ 1).</summary>
    public required int EvCount { get; init; }

    /// <summary>Number of cars in the region N^R (≥ <see cref="EvCount"/>); α = N^EV / N^R, eq. (1).</summary>
    public required int CarCount { get; init; }

    /// <summary>The charging piles; their count-weighted mean rating is P_EV of eqs. (2) and (4).</summary>
    public required IReadOnlyList<ChargingPileGroup> Piles { get; init; }

    /// <summary>Simultaneity rate β of eq. (2) in (0, 1] (from <see cref="CapacityModel.SimultaneityRate"/> or given).</summary>
    public required double SimultaneityRate { get; init; }

    /// <summary>Charging efficiency η of the charging facilities in (0, 1] (0.95 in seed 000 §6.1).</summary>
    public double ChargingEfficiency { get; init; } = 0.95;

    /// <summary>Battery capacity (kWh) of the region's EVs (25 kWh in seed 000 §6.1); informative, not used by eqs. (1)–(9).</summary>
    public double BatteryKwh { get; init; } = 25.0;

    /// <summary>Number of households N^R_residential of eq. (6); null when <see cref="UserPlanningLoadKw"/> is given instead.</summary>
    public int? Households { get; init; }

    /// <summary>Planning load per household P^J_residential (kW/household) of eq. (6).</summary>
    public double KwPerHousehold { get; init; }

    /// <summary>User planning load P^J (kW) when not built from households by eq. (6).</summary>
    public double? UserPlanningLoadKw { get; init; }

    /// <summary>Demand coefficient ζ^R of eq. (5) in (0, 1].</summary>
    public double DemandCoefficient { get; init; } = 1.0;

    /// <summary>Load simultaneity rate δ^R of eq. (5) in (0, 1].</summary>
    public double LoadSimultaneity { get; init; } = 1.0;

    /// <summary>Distribution planning margin φ^R of eq. (7) in (0, 1].</summary>
    public double PlanningMargin { get; init; } = 0.8;

    /// <summary>Load power factor cos φ of eqs. (7)–(8) in (0, 1].</summary>
    public double PowerFactor { get; init; } = 0.85;

    /// <summary>Rated capacity of one standard transformer S^U_m (kVA); S13 1 000 kVA in seed 000 §6.1.</summary>
    public double UnitKva { get; init; } = 1000.0;

    /// <summary>Investment in distribution capacity and equipment per unit (CNY); CNY 1.75 M per 1 000 kVA in seed 000 §6.2.</summary>
    public double InvestmentPerUnitCny { get; init; } = 1.75e6;

    /// <summary>The charging modes compared (the first is the reference the savings are counted from).</summary>
    public required IReadOnlyList<ChargingModeInput> Modes { get; init; }
}
