using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Benchmarks.Fleet;

/// <summary>Fleet hot paths: Monte Carlo sampling, the uncontrolled profile, repair and cluster decoding.</summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class FleetBenchmarks
{
    private readonly FleetSampler _sampler = new();
    private FleetSamplerOptions _sampleOptions = null!;
    private FleetTimeline _bigTimeline = null!;
    private double[] _profile = null!;
    private ChargeSchedule _random = null!;
    private ChargeSchedule _work = null!;
    private ScheduleRepairWorkspace _workspace = null!;
    private double[] _tariff = null!;
    private ClusterScheduler _clusters = null!;
    private double[] _timing = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sampleOptions = new FleetSamplerOptions { EvCount = 100_000, Seed = 1 };
        _bigTimeline = _sampler.Sample(new FleetSamplerOptions { EvCount = 100_000, Seed = 1, BusCount = 33 }).Fleet.OnSlots(15);
        _profile = new double[33 * 96];

        // 1 000 private cars on 96 quarter-hour slots with a random schedule (±15 kW anywhere, most of it infeasible).
        var fleet = _sampler.Sample(new FleetSamplerOptions { EvCount = 1000, Seed = 2, Mix = FleetMix.PrivateOnly }).Fleet;
        var timeline = fleet.OnSlots(15);
        _random = new ChargeSchedule(timeline);
        var rng = new Random(3);
        var kw = _random.PowerKw;
        for (var i = 0; i < kw.Length; i++)
        {
            kw[i] = rng.NextDouble() < 0.5 ? 0 : rng.NextDouble() * 30 - 15;
        }

        _work = _random.Clone();
        _workspace = new ScheduleRepairWorkspace(96);
        _tariff = TouTariff.Seed002.SlotPrices(15, TouPriceKind.Charging);
        _clusters = new ClusterScheduler(timeline);
        _timing = new double[_clusters.VariableCount];
        for (var i = 0; i < _timing.Length; i++)
        {
            _timing[i] = rng.NextDouble() * 2;
        }
    }

    [Benchmark(Description = "Sample 100 000 EVs (seed002 mix)")]
    public EvFleet Sample100k() => _sampler.Sample(_sampleOptions).Fleet;

    [Benchmark(Description = "Uncontrolled profile, 100 000 EVs × 96 slots × 33 buses")]
    public double UncontrolledProfile100k()
    {
        Array.Clear(_profile);
        UncontrolledCharging.AddProfile(_bigTimeline, _profile);
        return _profile[0];
    }

    [Benchmark(Description = "Copy 1 000 × 96 schedule (baseline of the repair)")]
    public void CopySchedule() => _work.CopyFrom(_random);

    [Benchmark(Description = "Copy + repair 1 000 EVs × 96 slots (TOU cost order)")]
    public RepairResult Repair1000x96()
    {
        _work.CopyFrom(_random);
        return ScheduleRepairer.Repair(_work, _tariff, _workspace);
    }

    [Benchmark(Description = "Decode cluster timings, 1 000 EVs × 96 slots")]
    public void DecodeClusters1000x96() => _clusters.Decode(_timing, _work, _tariff, _workspace);
}
