namespace EvGrid.Optimization.Planning.Capacity;

/// <summary>
/// The three regions of seed 000 §6.1 with the paper's parameters, and the γ of Tables 2–3 for the disordered and V2G
/// modes. Values the paper does not state are marked "assumed" and explained in docs/models.md.
/// </summary>
public static class CapacityRegions
{
    /// <summary>
    /// Residential area at node 888: 2 000 households at 8 kW/household, ζ = 0.6, δ = 0.6 (assumed: the paper leaves δ
    /// out; 0.6 gives S_R = 8 471 kVA, i.e. the "about 9 000 kVA" of §6.1), φ = 0.8, cos φ = 0.85; 1 000 EVs of
    /// 2 000 cars (α = 0.5) on 7 kW AC piles, β = 0.6; γ = 0.96 disordered, 0.82 V2G (Table 2).
    /// </summary>
    public static CapacityRegionInput Residential { get; } = new()
    {
        Name = "residential",
        Nodes = "888",
        EvCount = 1000,
        CarCount = 2000,
        Piles = [new ChargingPileGroup(1000, 7.0, "AC")],
        SimultaneityRate = 0.6,
        Households = 2000,
        KwPerHousehold = 8.0,
        DemandCoefficient = 0.6,
        LoadSimultaneity = 0.6,
        PlanningMargin = 0.8,
        PowerFactor = 0.85,
        Modes = [new ChargingModeInput("disordered", 0.96), new ChargingModeInput("V2G", 0.82)],
    };

    /// <summary>
    /// Commercial area at node 822: an underground car park with 1 000 piles (one EV each, α = 1), 950 AC at 7 kW and
    /// 50 DC at 120 kW (assumed mix: the paper names both kinds but no split), β = 0.4; base planning load 1 000 kW
    /// (assumed: not published; chosen so that eq. (8) with Table 3's γ = 0.88 / 0.79 gives its 7 and 6 units);
    /// φ = 0.8, cos φ = 0.85 as in the residential area.
    /// </summary>
    public static CapacityRegionInput Commercial { get; } = new()
    {
        Name = "commercial",
        Nodes = "822",
        EvCount = 1000,
        CarCount = 1000,
        Piles = [new ChargingPileGroup(950, 7.0, "AC"), new ChargingPileGroup(50, 120.0, "DC")],
        SimultaneityRate = 0.4,
        UserPlanningLoadKw = 1000.0,
        Modes = [new ChargingModeInput("disordered", 0.88), new ChargingModeInput("V2G", 0.79)],
    };

    /// <summary>
    /// Three centralised charging stations at nodes 844, 846 and 848: 5 000 DC piles at 120 kW (α = 1), β = 0.45, in a
    /// regional network whose base load is about 40 MW (P^J = 40 000 kW, ζ = δ = 1); φ = 0.8, cos φ = 0.85 (assumed as in
    /// the residential area). Table 4 gives no γ: 1 in both modes (no diversity credit).
    /// </summary>
    public static CapacityRegionInput ChargingStation { get; } = new()
    {
        Name = "station",
        Nodes = "844, 846, 848",
        EvCount = 5000,
        CarCount = 5000,
        Piles = [new ChargingPileGroup(5000, 120.0, "DC")],
        SimultaneityRate = 0.45,
        UserPlanningLoadKw = 40000.0,
        Modes = [new ChargingModeInput("disordered", 1.0), new ChargingModeInput("V2G", 1.0)],
    };

    /// <summary>The three regions, residential, commercial, station.</summary>
    public static IReadOnlyList<CapacityRegionInput> All { get; } = [Residential, Commercial, ChargingStation];
}
