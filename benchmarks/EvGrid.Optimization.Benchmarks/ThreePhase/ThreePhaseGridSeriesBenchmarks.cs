using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Planning.Scheduling;

namespace EvGrid.Optimization.Benchmarks.ThreePhase;

/// <summary>
/// One 24-slot <see cref="ThreePhaseGridTimeSeries.RunGrouped"/> on the modified IEEE 34 feeder exactly as the seed 000
/// scheduling study runs it (<see cref="SchedulingGrid"/> of the residential region: per-group base multipliers, a
/// reference start from the disordered-charging day with regulator control, worker series at 1e-6 pu with the taps
/// locked at the reference's), on EV loads that differ modestly from the reference (alternating between two). The
/// start is either the reference's second-order Taylor step (<c>taylor</c>) or, as the study builds its grid, the
/// cubic interpolation of voltages tabulated over the fleet's EV-load range (<c>table</c>).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ThreePhaseGridSeriesBenchmarks
{
    private SchedulingGrid _grid = null!;
    private ThreePhaseGridTimeSeries _series = null!;
    private SlotInjections _lower = null!;
    private SlotInjections _higher = null!;
    private GridSeriesResult _result = null!;
    private bool _flip;

    /// <summary>How each slot starts: <c>taylor</c> or <c>table</c>.</summary>
    [Params("taylor", "table")]
    public string Start { get; set; } = "table";

    [GlobalSetup]
    public void Setup()
    {
        var region = Seed000Regions.Residential;
        var timeline = RegionFleets.Sample(region, 1);
        var ev = UncontrolledCharging.Schedule(timeline).ToProfile(1).TotalKw.ToArray();
        _grid = Start == "table"
            ? new SchedulingGrid(region, ev, new LevelTrackingDecoder(timeline, [.. region.BaseKw]))
            : new SchedulingGrid(region, ev);
        _series = _grid.CreateSeries();
        _result = _series.CreateResult(_grid.Slots);
        _lower = new SlotInjections(_grid.Map, _grid.Slots);
        _higher = new SlotInjections(_grid.Map, _grid.Slots);
        var lower = new double[ev.Length];
        var higher = new double[ev.Length];
        for (var t = 0; t < ev.Length; t++)
        {
            // Shift a tenth of each slot's EV load one slot earlier or later: a modest change, as a candidate schedule.
            lower[t] = (0.9 * ev[t]) + (0.1 * ev[(t + 1) % ev.Length]);
            higher[t] = (0.9 * ev[t]) + (0.1 * ev[(t + ev.Length - 1) % ev.Length]) + 50.0;
        }

        _grid.Distribute(lower, _lower);
        _grid.Distribute(higher, _higher);
        _series.RunGrouped(_grid.GroupMultipliers, _lower, _result);
    }

    [Benchmark(Description = "Modified IEEE 34, 24-slot RunGrouped from the reference start (seed 000 study)")]
    public int ModifiedIeee34RunGrouped24()
    {
        _flip = !_flip;
        _series.RunGrouped(_grid.GroupMultipliers, _flip ? _lower : _higher, _result);
        return _result.Iterations[23];
    }
}
