using System.Globalization;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Objectives.Siting;

namespace EvGrid.Optimization.Planning.Siting;

/// <summary>Options of <see cref="SitingModel.Build"/>.</summary>
public sealed record SitingModelOptions
{
    /// <summary>Seed of the synthetic year, the typical-day clustering and the fleet. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Hourly wind / irradiance / load year (load in pu of its peak); null for the seeded synthetic year.</summary>
    public WeatherYear? Year { get; init; }

    /// <summary>Typical-day reduction options (null: k-means++ with the pseudo-F choice over 2–10 clusters, seeded by <see cref="Seed"/>).</summary>
    public ScenarioReductionOptions? Scenarios { get; init; }

    /// <summary>Largest number of coordinate-descent passes of the lower level over the clusters. Default 3.</summary>
    public int LowerLevelPasses { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> naming the option and value.</summary>
    public void Validate()
    {
        if (LowerLevelPasses < 1 || LowerLevelPasses > 1000)
        {
            throw new ArgumentException($"LowerLevelPasses must lie in [1, 1000], got {LowerLevelPasses}.");
        }

        if (Year is { Days: < 2 })
        {
            throw new ArgumentException($"Year must hold at least two days, got {Year.Days}.");
        }
    }
}

/// <summary>
/// Everything a seed 002 plan evaluation needs, built once per case: the network, the typical days (k-means++ with
/// the pseudo-F choice, §2) with their load multipliers and per-unit DG output, the EV fleet (900 EVs spread evenly
/// over the stations) divided into clusters (§3) with each willing cluster's timing options tabulated, and the
/// Table 1 prices. Immutable; share it between threads and create one <see cref="PlanEvaluator"/> per thread.
/// </summary>
public sealed class SitingModel
{
    private SitingModel(SitingCase siting, PowerNetwork network, ScenarioSet scenarios, SlotPrices prices, FleetTimeline timeline,
        ClusterScheduler scheduler, ClusterOptionTable options, int passes, double[] ratings)
    {
        BranchRatingA = ratings;
        BranchIds = new BalancedGridTimeSeries(network).BranchIds;
        Case = siting;
        Network = network;
        Scenarios = scenarios;
        Prices = prices;
        Timeline = timeline;
        Scheduler = scheduler;
        Options = options;
        LowerLevelPasses = passes;
        var days = scenarios.Days;
        Probabilities = [.. days.Select(d => d.Probability)];
        var pv = new PvModel(siting.DgUnitKw, siting.PvRatedIrradianceKwPerM2);
        var turbine = Math.Abs(siting.Turbine.RatedKw - siting.DgUnitKw) < 1e-12
            ? siting.Turbine
            : new WindTurbineModel(siting.DgUnitKw, siting.Turbine.CutInMps, siting.Turbine.RatedMps, siting.Turbine.CutOutMps);
        LoadMultiplier = [.. days.Select(d => d.Load.ToArray())];
        WindUnitKw = [.. days.Select(d => d.WindOutputKw(turbine))];
        PvUnitKw = [.. days.Select(d => d.PvOutputKw(pv))];
        NominalBusKw = new double[network.BusCount];
        foreach (var load in network.Loads)
        {
            NominalBusKw[network.IndexOf(load.Bus)] += load.PKw;
        }

        NominalBusKw[network.SlackIndex] = 0;
        var total = network.TotalLoadKw;
        BaseLoadKw = [.. LoadMultiplier.Select(m => m.Select(x => x * total).ToArray())];
        Points = [.. siting.WindNodes.Concat(siting.PvNodes).Concat(siting.StationNodes).Select(n => ConnectionPoint.Bus(n.ToString(CultureInfo.InvariantCulture)))];
    }

    /// <summary>The case.</summary>
    public SitingCase Case { get; }

    /// <summary>The network.</summary>
    public PowerNetwork Network { get; }

    /// <summary>The typical days and the pseudo-F curve.</summary>
    public ScenarioSet Scenarios { get; }

    /// <summary>Probability of each typical day (T_l / 365).</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>Table 1 prices per hourly slot.</summary>
    public SlotPrices Prices { get; }

    /// <summary>The fleet on its hourly grid (EV bus = station index).</summary>
    public FleetTimeline Timeline { get; }

    /// <summary>The fleet's clusters.</summary>
    public ClusterScheduler Scheduler { get; }

    /// <summary>Number of willing clusters the lower level schedules.</summary>
    public int WillingClusterCount => Options.ClusterCount;

    /// <summary>Number of tabulated timing options over all willing clusters.</summary>
    public int TimingOptionCount => Options.OptionCount;

    /// <summary>Ids (<c>from-to</c>) of the in-service branches, in the order of <see cref="BranchRatingsA"/>.</summary>
    public IReadOnlyList<string> BranchIds { get; }

    /// <summary>I_ij,max of eq. (27) per in-service branch, A (resolved from <see cref="SitingCase.BranchRatings"/>).</summary>
    public IReadOnlyList<double> BranchRatingsA => BranchRatingA;

    /// <summary>Slots per day (24).</summary>
    public int Slots => Timeline.SlotsPerDay;

    internal ClusterOptionTable Options { get; }

    internal int LowerLevelPasses { get; }

    internal double[][] LoadMultiplier { get; }

    internal double[][] BaseLoadKw { get; }

    internal double[][] WindUnitKw { get; }

    internal double[][] PvUnitKw { get; }

    internal double[] NominalBusKw { get; }

    internal ConnectionPoint[] Points { get; }

    internal double[] BranchRatingA { get; }

    /// <summary>Builds the model of a case.</summary>
    /// <param name="siting">The case (<see cref="SitingCase.Ieee33"/>, <see cref="SitingCase.Pge69"/> or a user's).</param>
    /// <param name="options">Options; null for the defaults.</param>
    /// <returns>The model.</returns>
    public static SitingModel Build(SitingCase siting, SitingModelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(siting);
        options ??= new SitingModelOptions();
        options.Validate();
        var network = FeederCatalog.Resolve(siting.Network);
        siting.Validate(network);
        var ratings = siting.BranchRatings.Resolve(network);
        var year = options.Year ?? new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = options.Seed });
        var scenarios = new ScenarioReducer().Reduce(year, options.Scenarios ?? new ScenarioReductionOptions { Seed = options.Seed });
        if (scenarios.Days.Any(d => d.Load.Length != 24))
        {
            throw new ArgumentException("Typical days must be hourly (24 values).");
        }

        var sample = new FleetSampler().Sample(new FleetSamplerOptions
        {
            EvCount = siting.EvCount,
            Mix = siting.Mix,
            Seed = options.Seed,
            BusCount = siting.StationNodes.Count,
        });
        var timeline = sample.Fleet.OnSlots(60);
        var scheduler = new ClusterScheduler(timeline);
        var prices = SlotPrices.From(siting.Tariff, 60);
        var table = ClusterOptionTable.Build(scheduler, siting.StationNodes.Count, prices.Charging.ToArray());
        return new SitingModel(siting, network, scenarios, prices, timeline, scheduler, table, options.LowerLevelPasses, ratings);
    }

    /// <summary>Creates an evaluator for one thread.</summary>
    /// <returns>The evaluator.</returns>
    public PlanEvaluator CreateEvaluator() => new(this);
}
