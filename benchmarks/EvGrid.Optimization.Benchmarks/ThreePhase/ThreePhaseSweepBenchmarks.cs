using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Benchmarks.ThreePhase;

/// <summary>
/// Three-phase ladder sweep on the IEEE 34-node feeder (taps locked at the published positions): one snapshot from a
/// flat start in a reused workspace, one snapshot warm-started from the previous solution after a 10 % load change,
/// and a 24-slot series with warm start (per-slot load multipliers).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class ThreePhaseSweepBenchmarks
{
    private static readonly double[] Profile = [0.45, 0.42, 0.40, 0.40, 0.42, 0.50, 0.62, 0.75, 0.85, 0.88, 0.90, 0.92, 0.90, 0.88, 0.87, 0.88, 0.93, 1.00, 1.05, 1.02, 0.95, 0.82, 0.66, 0.52];
    private readonly ThreePhaseSolveOptions _cold = new() { WarmStart = false };
    private readonly ThreePhaseSolveOptions _warm = ThreePhaseSolveOptions.Default;
    private ThreePhaseWorkspace _snapshot = null!;
    private ThreePhaseWorkspace _warmSnapshot = null!;
    private ThreePhaseWorkspace _series = null!;
    private double[] _vm = null!;
    private double[] _loss = null!;
    private bool _flip;

    [GlobalSetup]
    public void Setup()
    {
        var feeder = ThreePhaseFeeders.Ieee34();
        _snapshot = feeder.CreateWorkspace();
        _warmSnapshot = feeder.CreateWorkspace();
        ThreePhaseSweepSolver.Solve(_warmSnapshot, _warm);
        _series = feeder.CreateWorkspace();
        _vm = new double[Profile.Length * feeder.NodeCount * 3];
        _loss = new double[Profile.Length];
        ThreePhaseTimeSeries.Run(_series, Profile, _warm, _vm, _loss);
    }

    [Benchmark(Description = "IEEE 34 snapshot, flat start, fixed taps")]
    public int Ieee34SnapshotFlatStart() => ThreePhaseSweepSolver.Solve(_snapshot, _cold).Iterations;

    [Benchmark(Description = "IEEE 34 snapshot, warm start after a 10 % load change, fixed taps")]
    public int Ieee34SnapshotWarm()
    {
        // Alternate between 90 % and 100 % load so every call is a real re-solve from the previous answer.
        _flip = !_flip;
        _warmSnapshot.SetLoadMultiplier(_flip ? 0.9 : 1.0);
        return ThreePhaseSweepSolver.Solve(_warmSnapshot, _warm).Iterations;
    }

    [Benchmark(Description = "IEEE 34 24-slot series, warm start")]
    public int Ieee34Series24() => ThreePhaseTimeSeries.Run(_series, Profile, _warm, _vm, _loss).TotalIterations;
}
