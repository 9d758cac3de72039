using System.Globalization;
using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>Where a region's load reaches the feeder: a low-voltage bus of the feeder and its phases.</summary>
/// <param name="Node">Feeder node id (e.g. <c>888-RES</c> of <c>ieee34-mod</c>).</param>
/// <param name="Phases">Phases of the connection (<c>ABC</c>, or one phase such as <c>A</c>).</param>
/// <param name="FeederPeakKw">Peak of the region's share modelled at this node, kW (the feeder's own spot load there).</param>
public sealed record RegionConnection(string Node, string Phases, double FeederPeakKw);

/// <summary>
/// One study region of seed 000 §6.1: its EV population, its regional base load over a day (kW per slot), the
/// transformer units it is supplied through, and where its load reaches the modified IEEE 34 feeder.
/// </summary>
/// <remarks>
/// <para>The regional loads of seed 000 are megawatts while the 10 kV IEEE 34 feeder can host only a share of them
/// (its regulators run out of taps beyond about 200 kW more; see <c>ModifiedIeee34Options</c>). A region therefore
/// reaches the feeder as a <b>scaled share</b>: the feeder carries, at each connection node, the node's spot load
/// (<see cref="RegionConnection.FeederPeakKw"/>) shaped by the region's base curve, and the region's EV load times
/// <see cref="FeederShare"/> (= Σ feeder peak / regional base peak) as a signed injection. Capacity indicators
/// (transformers, load rate, peak–valley difference, standard deviation) are computed on the regional load; voltage
/// offsets on the feeder.</para>
/// <para>The base curves are documented typical shapes (seed 000 does not publish its curves): see
/// <see cref="Seed000Regions"/>.</para>
/// </remarks>
public sealed record SchedulingRegion
{
    /// <summary>Short name used on the command line and in reports (<c>residential</c>, <c>commercial</c>, <c>station</c>).</summary>
    public required string Name { get; init; }

    /// <summary>One-line description for reports.</summary>
    public required string Description { get; init; }

    /// <summary>Regional base load per hourly slot of the day, kW (P_t^Base of seed 000 eqs. (3), (10)); 24 values.</summary>
    public required IReadOnlyList<double> BaseKw { get; init; }

    /// <summary>Number of EVs (or charging sessions) of the region on the typical day.</summary>
    public required int EvCount { get; init; }

    /// <summary>The EV population the fleet is sampled from.</summary>
    public required FleetMix Mix { get; init; }

    /// <summary>Rated charging power of the region's piles, kW (P_EV of seed 000 eq. (2)).</summary>
    public required double PileKw { get; init; }

    /// <summary>The simultaneity rate β that seed 000 §6.1 assumes for the region (for comparison with the sampled fleet's).</summary>
    public required double PaperSimultaneity { get; init; }

    /// <summary>Load power factor cos φ of the region (seed 000 eqs. (7), (8), (20)).</summary>
    public double PowerFactor { get; init; } = 0.85;

    /// <summary>Rated capacity of one standard distribution transformer, kVA (seed 000 §6.1: S13, 1 000 kVA).</summary>
    public double TransformerUnitKva { get; init; } = 1000;

    /// <summary>Where the region reaches the feeder.</summary>
    public required IReadOnlyList<RegionConnection> Connections { get; init; }

    /// <summary>Slot length, h (hourly slots as in seed 000's t = 1…24).</summary>
    public double SlotHours => 24.0 / BaseKw.Count;

    /// <summary>Peak of the regional base curve, kW.</summary>
    public double BasePeakKw => BaseKw.Max();

    /// <summary>Share of the regional load modelled on the feeder: Σ feeder peak / regional base peak.</summary>
    public double FeederShare => Connections.Sum(c => c.FeederPeakKw) / BasePeakKw;

    /// <summary>Checks the region and throws <see cref="ArgumentException"/> naming the field and value.</summary>
    public void Validate()
    {
        var who = $"region '{Name}'";
        if (BaseKw is null || BaseKw.Count == 0 || 1440 % BaseKw.Count != 0)
        {
            throw new ArgumentException($"{who}: BaseKw must hold one value per slot of a day (24 for hourly slots), got {BaseKw?.Count ?? 0}.");
        }

        for (var t = 0; t < BaseKw.Count; t++)
        {
            if (!(BaseKw[t] >= 0) || double.IsInfinity(BaseKw[t]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{who}: BaseKw[{t}] must be finite and ≥ 0, got {BaseKw[t]}."));
            }
        }

        if (EvCount < 1)
        {
            throw new ArgumentException($"{who}: EvCount must be ≥ 1, got {EvCount}.");
        }

        if (!(PileKw > 0) || !(PowerFactor > 0 && PowerFactor <= 1) || !(TransformerUnitKva > 0))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{who}: PileKw ({PileKw}) and TransformerUnitKva ({TransformerUnitKva}) must be > 0 and PowerFactor ({PowerFactor}) in (0, 1]."));
        }

        if (Connections is null || Connections.Count == 0)
        {
            throw new ArgumentException($"{who}: at least one feeder connection is needed.");
        }

        foreach (var c in Connections)
        {
            if (c is null || string.IsNullOrWhiteSpace(c.Node) || !(c.FeederPeakKw > 0) || double.IsInfinity(c.FeederPeakKw))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"{who}: connection '{c?.Node}' needs a node id and a finite FeederPeakKw > 0, got {c?.FeederPeakKw}."));
            }
        }

        ArgumentNullException.ThrowIfNull(Mix);
    }
}

/// <summary>Samples the EV fleets of scheduling regions.</summary>
public static class RegionFleets
{
    /// <summary>
    /// Samples the region's fleet (seeded, the same on any machine and thread count) and places it on the region's
    /// slot grid. SOC bounds are seed 000's [0.1, 0.95]; EVs whose departure target their window cannot reach get
    /// the target they can reach (<see cref="InfeasibleTargetPolicy.Cap"/>).
    /// </summary>
    /// <param name="region">The region.</param>
    /// <param name="seed">Seed of the fleet.</param>
    /// <param name="evCount">EV count (null: the region's).</param>
    /// <returns>The fleet on its slot grid.</returns>
    public static FleetTimeline Sample(SchedulingRegion region, int seed, int? evCount = null)
    {
        ArgumentNullException.ThrowIfNull(region);
        region.Validate();
        var sample = new FleetSampler().Sample(new FleetSamplerOptions
        {
            EvCount = evCount ?? region.EvCount,
            Mix = region.Mix,
            Seed = seed,
            SocLimits = SocLimits.Seed000,
            MaxDegreeOfParallelism = 1,
        });
        return sample.Fleet.OnSlots((int)Math.Round(region.SlotHours * 60));
    }
}
