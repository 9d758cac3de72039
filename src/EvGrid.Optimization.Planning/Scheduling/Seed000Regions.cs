using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>
/// The three study regions of seed 000 §6.1 on the modified IEEE 34 feeder (<c>ieee34-mod</c>): a residential area
/// (1 000 EVs on 7 kW AC piles, node 888), a commercial area (1 000 piles, node 822) and an urban district with three
/// centralised charging stations (5 000 piles at 120 kW DC, nodes 844, 846 and 848, about 40 MW of base load).
/// </summary>
/// <remarks>
/// <para>Seed 000 publishes neither its base-load curves nor its arrival distributions. The curves here are
/// documented typical shapes (hourly, kW, hour 0 = 00:00–01:00): a residential curve with an evening peak at 20:00
/// and a night valley at 03:00–04:00 (peak 5 600 kW, chosen so that disordered charging lands near the paper's
/// 81 % maximum load rate on twelve 1 000 kVA units); a commercial curve with a late-morning and an afternoon peak
/// (peak 3 800 kW); and an urban district curve with a flat day plateau (peak 40 000 kW, the paper's "about 40 MW").
/// Residential EVs are seed 000's 25 kWh cars plugged in from about 19:00 to 07:00; commercial EVs park from about
/// 09:00 to 17:30; charging-station sessions last about 1.5 h around the morning, midday and evening peaks.</para>
/// <para>Every EV has a 25 kWh battery, charging efficiency 0.95 (seed 000 §6.1) and the same efficiency when it
/// discharges (V2G willingness 90 %).</para>
/// </remarks>
public static class Seed000Regions
{
    private static readonly double[] ResidentialShape =
    [
        0.42, 0.38, 0.36, 0.35, 0.35, 0.38, 0.48, 0.60, 0.62, 0.58, 0.55, 0.56,
        0.60, 0.57, 0.54, 0.55, 0.62, 0.75, 0.88, 0.97, 1.00, 0.95, 0.80, 0.58,
    ];

    private static readonly double[] CommercialShape =
    [
        0.30, 0.28, 0.27, 0.27, 0.28, 0.32, 0.42, 0.60, 0.80, 0.93, 1.00, 0.98,
        0.90, 0.92, 0.97, 0.95, 0.88, 0.78, 0.68, 0.60, 0.52, 0.45, 0.38, 0.33,
    ];

    private static readonly double[] DistrictShape =
    [
        0.62, 0.58, 0.55, 0.54, 0.55, 0.60, 0.70, 0.82, 0.92, 0.97, 1.00, 0.99,
        0.95, 0.94, 0.96, 0.97, 0.98, 1.00, 0.99, 0.96, 0.90, 0.82, 0.74, 0.67,
    ];

    /// <summary>Names of the regions, in study order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["residential", "commercial", "station"];

    /// <summary>
    /// EV of the commercial area: seed 000's 25 kWh car on a 7 kW AC pile (η 0.95), parked from N(9, 1²) h to
    /// N(17.5, 1²) h, commuting ln d ~ N(3.2, 0.88²) km.
    /// </summary>
    public static EvType CommercialCar { get; } = new(
        "commercial-area car", EvKind.PrivateCar, 25, 20, 30, 7, 7, 0.95, 0.95,
        [new ChargingWindow(7, 20, 9, 1, 17.5, 1)],
        3.2, 0.88, 0.9, 0.8, 0.9, 0.9);

    /// <summary>
    /// Session of a centralised charging station: 25 kWh battery on a 120 kW DC pile (η 0.95), plugged in for about
    /// 1.5 h around the morning (N(7.5, 1²) h), midday (N(12, 1²) h) and evening (N(18.5, 1²) h) peaks in the ratio
    /// 3 : 4 : 5, after a longer trip (ln d ~ N(3.9, 0.5²) km).
    /// </summary>
    public static EvType StationCar { get; } = new(
        "charging-station car", EvKind.PrivateCar, 25, 20, 30, 120, 120, 0.95, 0.95,
        [
            new ChargingWindow(6, 11, 7.5, 1, 9, 0.75, 3),
            new ChargingWindow(10, 15, 12, 1, 13.5, 0.75, 4),
            new ChargingWindow(16, 23, 18.5, 1, 20, 0.75, 5),
        ],
        3.9, 0.5, 0.9, 0.8, 0.9, 0.9);

    /// <summary>Residential area: 1 000 EVs at node 888 (seed 000 §6.1: β = 0.6, 7 kW AC piles, pf 0.85).</summary>
    public static SchedulingRegion Residential { get; } = new()
    {
        Name = "residential",
        Description = "residential area, 1 000 EVs on 7 kW AC piles, node 888",
        BaseKw = Scale(ResidentialShape, 5600),
        EvCount = 1000,
        Mix = FleetMix.Seed000Residential,
        PileKw = 7,
        PaperSimultaneity = 0.6,
        PowerFactor = 0.85,
        Connections = Connect("888-RES"),
    };

    /// <summary>Commercial area: 1 000 piles at node 822 (seed 000 §6.1: β = 0.4).</summary>
    public static SchedulingRegion Commercial { get; } = new()
    {
        Name = "commercial",
        Description = "commercial area, underground car park with 1 000 piles (7 kW AC), node 822",
        BaseKw = Scale(CommercialShape, 3800),
        EvCount = 1000,
        Mix = new FleetMix("seed000-commercial", [new FleetMixEntry(CommercialCar, 1)]),
        PileKw = 7,
        PaperSimultaneity = 0.4,
        PowerFactor = 0.85,
        Connections = Connect("822-COM"),
    };

    /// <summary>Charging stations: 5 000 piles at 120 kW DC at nodes 844, 846, 848 (seed 000 §6.1: β = 0.45, base about 40 MW).</summary>
    public static SchedulingRegion Station { get; } = new()
    {
        Name = "station",
        Description = "urban district (about 40 MW) with three charging stations, 5 000 piles at 120 kW DC, nodes 844/846/848",
        BaseKw = Scale(DistrictShape, 40000),
        EvCount = 5000,
        Mix = new FleetMix("seed000-station", [new FleetMixEntry(StationCar, 1)]),
        PileKw = 120,
        PaperSimultaneity = 0.45,
        PowerFactor = 0.85,
        Connections = Connect("844-EVCS", "846-EVCS", "848-EVCS"),
    };

    /// <summary>All three regions in study order.</summary>
    public static IReadOnlyList<SchedulingRegion> All { get; } = [Residential, Commercial, Station];

    /// <summary>Looks a region up by name (case-insensitive).</summary>
    /// <param name="name"><c>residential</c>, <c>commercial</c> or <c>station</c>.</param>
    /// <returns>The region.</returns>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones).</exception>
    public static SchedulingRegion FromName(string name) =>
        All.FirstOrDefault(r => string.Equals(r.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown region '{name}'; valid: {string.Join(", ", Names)}.", nameof(name));

    private static double[] Scale(double[] shape, double peakKw) => [.. shape.Select(s => s * peakKw)];

    private static RegionConnection[] Connect(params string[] nodes)
    {
        var loads = new ModifiedIeee34Options().RegionalLoads;
        return [.. nodes.Select(n =>
        {
            var l = loads.Single(r => r.Name == n);
            return new RegionConnection(l.Name, l.Phases, l.PeakKw);
        })];
    }
}
