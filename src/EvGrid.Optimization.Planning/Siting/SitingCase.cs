using System.Globalization;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Objectives;
using EvGrid.Optimization.Objectives.Siting;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>The three planning schemes of seed 002 §6.2.</summary>
public enum SitingScheme
{
    /// <summary>Scheme 1: multi-objective (eq. (16)) with EV cluster scheduling in V2G mode.</summary>
    V2gMultiObjective = 1,

    /// <summary>Scheme 2: multi-objective (eq. (16)) with plug-and-charge EVs (no lower-level scheduling).</summary>
    PlugAndChargeMultiObjective = 2,

    /// <summary>Scheme 3: comprehensive profit F1 only, V2G mode (the lower level maximises the operating profit).</summary>
    V2gProfitOnly = 3,
}

/// <summary>
/// A DG / charging-station planning case of seed 002: the network, the candidate nodes, the limits of eqs. (17)–(19),
/// the economics (Table 2, §6.1), the tariff (Table 1), the EV numbers and the weights. Node numbers are the
/// network's bus ids (1 = substation in both built-in feeders).
/// </summary>
public sealed record SitingCase
{
    /// <summary>Case name (e.g. <c>ieee33</c>).</summary>
    public required string Name { get; init; }

    /// <summary>Network name or MATPOWER path resolved by <see cref="FeederCatalog.Resolve"/>.</summary>
    public required string Network { get; init; }

    /// <summary>Wind (DWG) candidate nodes.</summary>
    public required IReadOnlyList<int> WindNodes { get; init; }

    /// <summary>PV candidate nodes.</summary>
    public required IReadOnlyList<int> PvNodes { get; init; }

    /// <summary>Charging-station (EVCS) candidate nodes; every station is built (eq. (19) has a positive minimum).</summary>
    public required IReadOnlyList<int> StationNodes { get; init; }

    /// <summary>Rated power of one DG unit (kW): 100 (§6.1).</summary>
    public double DgUnitKw { get; init; } = 100;

    /// <summary>Eq. (17): most DG units at one node (10, the largest count in Tables 3 and 8).</summary>
    public int MaxUnitsPerNode { get; init; } = 10;

    /// <summary>Eq. (18): total DG capacity limit (kW). The paper does not state it; see the built-in cases.</summary>
    public required double MaxTotalDgKw { get; init; }

    /// <summary>Eq. (19): smallest station capacity (kW).</summary>
    public double StationMinKw { get; init; } = 100;

    /// <summary>Eq. (19): largest station capacity (kW).</summary>
    public double StationMaxKw { get; init; } = 600;

    /// <summary>EVs in the planning area: 900 (§6.1), spread evenly over the stations.</summary>
    public int EvCount { get; init; } = 900;

    /// <summary>Fleet mix: seed 002's 1 : 2.4 : 10.2 : 63.5 buses, taxis, business and private cars (740 private of 900).</summary>
    public FleetMix Mix { get; init; } = FleetMix.Seed002;

    /// <summary>Economic parameters (Table 2 and §6.1).</summary>
    public PlanningEconomics Economics { get; init; } = new();

    /// <summary>TOU tariff (Table 1).</summary>
    public TouTariff Tariff { get; init; } = TouTariff.Seed002;

    /// <summary>Node voltage limits U_min, U_max of eqs. (11) and (26) (0.9–1.1 pu; rated 1 pu).</summary>
    public VoltageLimits VoltageLimits { get; init; } = new(0.9, 1.1);

    /// <summary>
    /// Branch ampacities I_ij,max of eq. (27). Default <see cref="Siting.BranchRatings.Default"/>: the feeders carry no
    /// ratings, so each branch is rated 2 × its base-case current and at least 100 A (see <see cref="Siting.BranchRatings"/>);
    /// give <see cref="Siting.BranchRatings.Ampacities"/> for real conductor data, or <see cref="Siting.BranchRatings.Unlimited"/>.
    /// </summary>
    public BranchRatings BranchRatings { get; init; } = BranchRatings.Default;

    /// <summary>α1 of eq. (14): 0.4.</summary>
    public double Alpha1 { get; init; } = ChargingSatisfaction.DefaultAlpha1;

    /// <summary>α2 of eq. (14): 0.6.</summary>
    public double Alpha2 { get; init; } = ChargingSatisfaction.DefaultAlpha2;

    /// <summary>w1–w4 of eqs. (16) and (20): (0.375, 0.125, 0.125, 0.375) from AHP (see <see cref="Ahp.Seed002Matrix"/>).</summary>
    public IndexWeights Weights { get; init; } = IndexWeights.Seed002;

    /// <summary>Wind turbine of one unit (eq. (2); cut-in and rated speeds swapped back, see <see cref="WindTurbineModel.Seed002"/>).</summary>
    public WindTurbineModel Turbine { get; init; } = WindTurbineModel.Seed002;

    /// <summary>Rated irradiance of the PV model (kW/m², eq. (1)): 1.</summary>
    public double PvRatedIrradianceKwPerM2 { get; init; } = 1.0;

    /// <summary>Number of decision variables: one unit count per DG candidate and one capacity per station.</summary>
    public int Dimension => WindNodes.Count + PvNodes.Count + StationNodes.Count;

    /// <summary>
    /// The IEEE 33-bus case of seed 002 §6.1: wind at nodes 13, 23, 31; PV at 7, 21, 28; stations at 4, 8, 14, 20, 29.
    /// The total DG limit of eq. (18) is not printed; 4 000 kW (a little above the 3 715 kW feeder load, above every
    /// total of Table 3) is our assumption, as are the station limits 100–600 kW (Table 3 ranges from 150 to 387 kW).
    /// </summary>
    public static SitingCase Ieee33 { get; } = new()
    {
        Name = FeederCatalog.Ieee33Name,
        Network = FeederCatalog.Ieee33Name,
        WindNodes = [13, 23, 31],
        PvNodes = [7, 21, 28],
        StationNodes = [4, 8, 14, 20, 29],
        MaxTotalDgKw = 4000,
    };

    /// <summary>
    /// The PG&amp;E 69-bus case of seed 002 §6.3: wind at nodes 10, 33, 38; PV at 21, 50, 66; stations at 14, 31, 40,
    /// 45, 61. The text lists station node 32 but all three schemes of Table 8 place a station at node 31; we follow
    /// Table 8. Total DG limit 5 000 kW (Table 8 reaches 4 500 kW; the paper gives no limit).
    /// </summary>
    public static SitingCase Pge69 { get; } = new()
    {
        Name = FeederCatalog.Pge69Name,
        Network = FeederCatalog.Pge69Name,
        WindNodes = [10, 33, 38],
        PvNodes = [21, 50, 66],
        StationNodes = [14, 31, 40, 45, 61],
        MaxTotalDgKw = 5000,
    };

    /// <summary>Names of the built-in cases.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = [FeederCatalog.Ieee33Name, FeederCatalog.Pge69Name];

    /// <summary>A built-in case by name (<c>ieee33</c> or <c>pge69</c>).</summary>
    /// <param name="name">Case name (case-insensitive).</param>
    /// <returns>The case.</returns>
    public static SitingCase BuiltIn(string name) => name?.Trim().ToUpperInvariant() switch
    {
        "IEEE33" => Ieee33,
        "PGE69" => Pge69,
        _ => throw new ArgumentException($"Unknown planning case '{name}'; built-in cases: {string.Join(", ", BuiltInNames)}.", nameof(name)),
    };

    /// <summary>Checks the case against itself and its network; throws <see cref="ArgumentException"/> naming the field.</summary>
    /// <param name="network">The resolved network.</param>
    public void Validate(PowerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Economics.Validate();
        Weights.Validate();
        if (WindNodes.Count + PvNodes.Count == 0 || StationNodes.Count == 0)
        {
            throw new ArgumentException($"Case '{Name}' needs at least one DG candidate and one station candidate.");
        }

        foreach (var (nodes, field) in new[] { (WindNodes, nameof(WindNodes)), (PvNodes, nameof(PvNodes)), (StationNodes, nameof(StationNodes)) })
        {
            foreach (var n in nodes)
            {
                if (!network.ContainsBus(n) || network.IndexOf(n) == network.SlackIndex)
                {
                    throw new ArgumentException($"{field}: node {n} is not a load bus of network '{network.Name}'.");
                }
            }
        }

        if (!(DgUnitKw > 0) || double.IsInfinity(DgUnitKw))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"DgUnitKw must be finite and > 0, got {DgUnitKw}."));
        }

        if (MaxUnitsPerNode < 0 || MaxUnitsPerNode > 1000)
        {
            throw new ArgumentException($"MaxUnitsPerNode must lie in [0, 1000], got {MaxUnitsPerNode}.");
        }

        if (!(MaxTotalDgKw >= 0) || double.IsInfinity(MaxTotalDgKw))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MaxTotalDgKw must be finite and ≥ 0, got {MaxTotalDgKw}."));
        }

        if (!(StationMinKw > 0 && StationMaxKw >= StationMinKw && StationMaxKw <= 100_000))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Station limits must satisfy 0 < StationMinKw ≤ StationMaxKw ≤ 100000 kW, got {StationMinKw} and {StationMaxKw}."));
        }

        if (EvCount < 1 || EvCount > 1_000_000)
        {
            throw new ArgumentException($"EvCount must lie in [1, 1000000], got {EvCount}.");
        }

        if (!(Alpha1 >= 0 && Alpha2 >= 0 && Math.Abs(Alpha1 + Alpha2 - 1) < 1e-9))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Alpha1 and Alpha2 must be ≥ 0 and sum to 1, got {Alpha1} and {Alpha2}."));
        }

        ArgumentNullException.ThrowIfNull(VoltageLimits, nameof(VoltageLimits));
        if (!(VoltageLimits.MinPu > 0 && VoltageLimits.MinPu < 1 && VoltageLimits.MaxPu > 1))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"VoltageLimits must enclose the rated 1 pu (0 < MinPu < 1 < MaxPu, eqs. (11), (26)), got MinPu = {VoltageLimits.MinPu}, MaxPu = {VoltageLimits.MaxPu}."));
        }

        ArgumentNullException.ThrowIfNull(BranchRatings, nameof(BranchRatings));
        BranchRatings.Validate();
    }
}

/// <summary>One DG / station plan: DG units per candidate node and each station's capacity (kW).</summary>
/// <param name="WindUnits">Units at each wind candidate (order of <see cref="SitingCase.WindNodes"/>).</param>
/// <param name="PvUnits">Units at each PV candidate (order of <see cref="SitingCase.PvNodes"/>).</param>
/// <param name="StationKw">Capacity of each station (order of <see cref="SitingCase.StationNodes"/>), kW.</param>
public sealed record SitingPlan(IReadOnlyList<int> WindUnits, IReadOnlyList<int> PvUnits, IReadOnlyList<double> StationKw)
{
    /// <summary>
    /// Decodes an upper-level decision vector: unit counts are ⌊x⌋ clamped to [0, MaxUnitsPerNode] (the bounds are
    /// [0, max + 1) so every count has the same width), station capacities are x rounded to whole kW within eq. (19).
    /// </summary>
    /// <param name="c">The case.</param>
    /// <param name="x">Decision vector (wind units, PV units, station kW).</param>
    /// <returns>The plan.</returns>
    public static SitingPlan Decode(SitingCase c, ReadOnlySpan<double> x)
    {
        ArgumentNullException.ThrowIfNull(c);
        if (x.Length != c.Dimension)
        {
            throw new ArgumentException($"A plan of case '{c.Name}' has {c.Dimension} variables, got {x.Length}.", nameof(x));
        }

        int Units(double v) => double.IsFinite(v) ? (int)Math.Clamp(Math.Floor(v), 0, c.MaxUnitsPerNode) : 0;
        var nw = c.WindNodes.Count;
        var np = c.PvNodes.Count;
        var wind = new int[nw];
        var pv = new int[np];
        var kw = new double[c.StationNodes.Count];
        for (var i = 0; i < nw; i++)
        {
            wind[i] = Units(x[i]);
        }

        for (var i = 0; i < np; i++)
        {
            pv[i] = Units(x[nw + i]);
        }

        for (var i = 0; i < kw.Length; i++)
        {
            var v = x[nw + np + i];
            kw[i] = Math.Clamp(double.IsFinite(v) ? Math.Round(v) : c.StationMinKw, Math.Ceiling(c.StationMinKw), Math.Floor(c.StationMaxKw));
        }

        return new SitingPlan(wind, pv, kw);
    }

    /// <summary>Installed wind capacity (kW).</summary>
    /// <param name="c">The case.</param>
    /// <returns>Σ units × unit kW.</returns>
    public double WindKw(SitingCase c) => WindUnits.Sum() * c.DgUnitKw;

    /// <summary>Installed PV capacity (kW).</summary>
    /// <param name="c">The case.</param>
    /// <returns>Σ units × unit kW.</returns>
    public double PvKw(SitingCase c) => PvUnits.Sum() * c.DgUnitKw;

    /// <summary>Text key of the plan (equal plans, equal keys): used to cache lower-level results.</summary>
    public string Key => string.Join(',', WindUnits) + "|" + string.Join(',', PvUnits) + "|" +
        string.Join(',', StationKw.Select(k => k.ToString("R", CultureInfo.InvariantCulture)));
}
