using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Planning.Scheduling;

namespace EvGrid.Optimization.Benchmarks.Planning;

/// <summary>
/// One fitness evaluation of seed 000's scheduling problem, as the optimizer calls it: decode a 25-entry decision
/// vector into a V2G schedule for the region's fleet, 24-slot three-phase power flow on the modified IEEE 34 feeder
/// (reference start, taps locked per slot), f1–f3 and both violations. Also the decode and the grid evaluation alone.
/// Two decision vectors alternate so every call is a real re-evaluation.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SchedulingEvaluationBenchmarks
{
    private readonly double[] _objectives = new double[3];
    private readonly double[] _constraints = new double[2];
    private SchedulingEvaluator _evaluator = null!;
    private LevelTrackingDecoder _decoder = null!;
    private LevelTrackingWorkspace _workspace = null!;
    private double[] _a = null!;
    private double[] _b = null!;
    private bool _flip;

    /// <summary>The region: residential (1 000 EVs) or station (5 000 sessions).</summary>
    [Params("residential", "station")]
    public string Region { get; set; } = "residential";

    [GlobalSetup]
    public void Setup()
    {
        var region = Seed000Regions.FromName(Region);
        var timeline = RegionFleets.Sample(region, 1);
        var disordered = UncontrolledCharging.Schedule(timeline).ToProfile(1).TotalKw.ToArray();
        _decoder = new LevelTrackingDecoder(timeline, [.. region.BaseKw]);
        var grid = new SchedulingGrid(region, disordered, _decoder);
        var problem = new V2gSchedulingProblem(_decoder, grid, 1e6);
        _evaluator = problem.CreateEvaluator();
        _workspace = _decoder.CreateWorkspace();
        var rng = new Random(5);
        _a = _decoder.FlatTarget(region.BaseKw.Average());
        _b = [.. _a];
        for (var d = 1; d < _b.Length; d++)
        {
            _b[d] = 0.2 * (2 * rng.NextDouble() - 1);
        }

        _evaluator.Evaluate(_a, _objectives, _constraints);
        _evaluator.Evaluate(_b, _objectives, _constraints);
    }

    [Benchmark(Description = "whole evaluation: decode + 24-slot three-phase power flow + f1-f3 + violations")]
    public double WholeEvaluation()
    {
        _flip = !_flip;
        _evaluator.Evaluate(_flip ? _a : _b, _objectives, _constraints);
        return _objectives[2];
    }

    [Benchmark(Description = "decode only (EV load per slot, as in the optimizer loop)")]
    public double DecodeOnly()
    {
        _flip = !_flip;
        _decoder.DecodeLoad(_flip ? _a : _b, _workspace);
        return _workspace.EvKw[0];
    }

    [Benchmark(Description = "grid evaluation of a given EV curve (power flow + objectives)")]
    public double GridOnly()
    {
        _evaluator.EvaluateLoad(_workspace.EvKw, _objectives, _constraints);
        return _objectives[2];
    }
}
