using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>
/// The feeder side of a scheduling study, built once per region and shared read-only by every evaluation thread:
/// the modified IEEE 34 feeder, the per-slot load multipliers of its loads, the region's connection points and a
/// reference start (the disordered-charging day with regulator control) from which every worker's series starts.
/// </summary>
/// <remarks>
/// <para><b>Loads over the day.</b> The IEEE 34 spot and distributed loads follow the urban district shape of
/// <see cref="Seed000Regions"/> (peak 1 at 10:00 and 17:00); each regional load of <c>ieee34-mod</c> follows its own
/// region's base curve divided by its peak (the region under study's curve at its own nodes). The region under study
/// adds its EV load times
/// <see cref="SchedulingRegion.FeederShare"/> as a signed injection at its connection nodes (split in proportion to
/// their feeder peaks; a node on several phases splits evenly over them), at unity power factor.</para>
/// <para><b>Regulators.</b> The reference day runs the line-drop-compensator loop per slot; the workers then lock
/// each slot's taps at the reference's (a day-ahead tap plan), so that every evaluation is one sweep solve per slot
/// and its result depends only on its input.</para>
/// </remarks>
public sealed class SchedulingGrid
{
    private readonly double[] _groupMultipliers;
    private readonly double[] _pointWeights;
    private readonly ThreePhaseGridTimeSeries _prototype;

    /// <summary>Builds the feeder side of the region's study.</summary>
    /// <param name="region">The region.</param>
    /// <param name="referenceEvKw">EV load of the reference day (kW per slot, e.g. disordered charging).</param>
    /// <param name="tolerancePu">Convergence tolerance of each slot's sweep, pu.</param>
    public SchedulingGrid(SchedulingRegion region, ReadOnlySpan<double> referenceEvKw, double tolerancePu = 1e-6)
        : this(region, referenceEvKw, tolerancePu, null)
    {
    }

    /// <summary>
    /// Builds the feeder side of the region's study and tabulates, per slot, the feeder's solved voltages over the whole
    /// range of EV load that <paramref name="decoder"/> can produce (<see cref="LevelTrackingDecoder.EvLoadRangeKw"/>;
    /// <see cref="InjectionAxis.DefaultLevels"/> levels), so that every evaluation starts each slot from an
    /// interpolated, nearly converged state (usually one sweep per slot). Results agree with
    /// <see cref="SchedulingGrid(SchedulingRegion, ReadOnlySpan{double}, double)"/> to the sweep tolerance.
    /// </summary>
    /// <param name="region">The region.</param>
    /// <param name="referenceEvKw">EV load of the reference day (kW per slot, e.g. disordered charging).</param>
    /// <param name="decoder">The study's decoder (its fleet gives the range of EV load per slot).</param>
    /// <param name="tolerancePu">Convergence tolerance of each slot's sweep, pu.</param>
    public SchedulingGrid(SchedulingRegion region, ReadOnlySpan<double> referenceEvKw, LevelTrackingDecoder decoder, double tolerancePu = 1e-6)
        : this(region, referenceEvKw, tolerancePu, decoder ?? throw new ArgumentNullException(nameof(decoder)))
    {
    }

    private SchedulingGrid(SchedulingRegion region, ReadOnlySpan<double> referenceEvKw, double tolerancePu, LevelTrackingDecoder? decoder)
    {
        ArgumentNullException.ThrowIfNull(region);
        region.Validate();
        if (!(tolerancePu > 0 && tolerancePu < 1e-2))
        {
            throw new ArgumentOutOfRangeException(nameof(tolerancePu), tolerancePu, "the sweep tolerance must be in (0, 0.01) pu.");
        }

        Region = region;
        Slots = region.BaseKw.Count;
        if (referenceEvKw.Length != Slots)
        {
            throw new ArgumentException($"referenceEvKw holds {referenceEvKw.Length} values, expected {Slots}.", nameof(referenceEvKw));
        }

        Feeder = ModifiedIeee34.Create();
        var groups = Feeder.LoadGroupCount;
        var regional = new ModifiedIeee34Options().RegionalLoads;
        var district = Seed000Regions.Station.BaseKw;
        // The region under study shapes its own nodes; the other regional loads follow their built-in region.
        var owners = regional.Select(l => region.Connections.Any(c => c.Node == l.Name)
            ? region
            : Seed000Regions.All.First(x => x.Connections.Any(c => c.Node == l.Name))).ToArray();
        _groupMultipliers = new double[Slots * groups];
        for (var t = 0; t < Slots; t++)
        {
            for (var g = 0; g < groups; g++)
            {
                _groupMultipliers[t * groups + g] = district[t] / Seed000Regions.Station.BasePeakKw;
            }

            for (var r = 0; r < owners.Length; r++)
            {
                _groupMultipliers[t * groups + ModifiedIeee34.FirstRegionalLoadGroup + r] = owners[r].BaseKw[t] / owners[r].BasePeakKw;
            }
        }

        var points = region.Connections.Select(c => ConnectionPoint.Node(c.Node, c.Phases)).ToArray();
        var total = region.Connections.Sum(c => c.FeederPeakKw);
        _pointWeights = [.. region.Connections.Select(c => c.FeederPeakKw / total)];
        var control = new ThreePhaseGridTimeSeries(Feeder, new ThreePhaseSolveOptions { RegulatorControl = true, TolerancePu = tolerancePu });
        Map = control.Connect(points);
        var reference = new SlotInjections(Map, Slots);
        Distribute(referenceEvKw, reference);
        if (decoder is not null)
        {
            if (decoder.Timeline.SlotsPerDay != Slots)
            {
                throw new ArgumentException($"the decoder's fleet has {decoder.Timeline.SlotsPerDay} slots per day, the region {Slots}.", nameof(decoder));
            }

            var min = new double[Slots];
            var max = new double[Slots];
            decoder.EvLoadRangeKw(min, max);
            for (var t = 0; t < Slots; t++)
            {
                min[t] *= region.FeederShare;
                max[t] *= region.FeederShare;
            }

            var axis = new InjectionAxis(Map, _pointWeights, min, max);
            Reference = control.CreateReferenceStartGrouped(_groupMultipliers, reference, axis);
        }
        else
        {
            Reference = control.CreateReferenceStartGrouped(_groupMultipliers, reference);
        }
        _prototype = new ThreePhaseGridTimeSeries(Feeder, new ThreePhaseSolveOptions { TolerancePu = tolerancePu });
    }

    /// <summary>The region.</summary>
    public SchedulingRegion Region { get; }

    /// <summary>Slots per day.</summary>
    public int Slots { get; }

    /// <summary>The modified IEEE 34 feeder.</summary>
    public ThreePhaseFeeder Feeder { get; }

    /// <summary>The region's connection points on the feeder.</summary>
    public ConnectionMap Map { get; }

    /// <summary>The shared reference start (voltages, taps and sensitivities per slot).</summary>
    public ThreePhaseReferenceStart Reference { get; }

    /// <summary>Load multipliers per slot and load group, <c>[slot · groups + group]</c>.</summary>
    public ReadOnlySpan<double> GroupMultipliers => _groupMultipliers;

    /// <summary>A series for one worker thread (its own workspace, starting from <see cref="Reference"/>).</summary>
    /// <returns>The series.</returns>
    public ThreePhaseGridTimeSeries CreateSeries() => _prototype.WithReferenceStart(Reference);

    /// <summary>Writes the region's EV load (kW per slot) × the feeder share into the injections, per connection point.</summary>
    /// <param name="evKw">Regional EV load per slot, kW (+ charging, − discharging).</param>
    /// <param name="injections">Injections on <see cref="Map"/> (overwritten).</param>
    public void Distribute(ReadOnlySpan<double> evKw, SlotInjections injections)
    {
        ArgumentNullException.ThrowIfNull(injections);
        var share = Region.FeederShare;
        var kw = injections.Kw;
        var points = _pointWeights.Length;
        for (var t = 0; t < Slots; t++)
        {
            for (var j = 0; j < points; j++)
            {
                kw[t * points + j] = evKw[t] * share * _pointWeights[j];
            }
        }
    }
}
