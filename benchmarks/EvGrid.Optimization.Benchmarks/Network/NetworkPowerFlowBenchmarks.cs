using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Network;

namespace EvGrid.Optimization.Benchmarks.Network;

/// <summary>Balanced power flow on IEEE 33: sweep from a flat start, warm 24-slot series, Newton.</summary>
[MemoryDiagnoser]
public class NetworkPowerFlowBenchmarks
{
    private static readonly double[] Profile24 =
    [
        0.55, 0.50, 0.48, 0.47, 0.48, 0.55, 0.68, 0.82, 0.90, 0.92, 0.93, 0.95,
        0.93, 0.90, 0.88, 0.90, 0.95, 1.00, 1.05, 1.08, 1.02, 0.92, 0.78, 0.64,
    ];

    private PowerNetwork _ieee33 = null!;
    private RadialSweepWorkspace _workspace = null!;
    private TimeSeriesPowerFlow _series = null!;
    private TimeSeriesOutput _output = null!;
    private readonly NewtonRaphsonSolver _newton = new();
    private readonly NewtonRaphsonSolver _newtonFlat = new(NewtonLinearSolver.Auto, NewtonStart.Flat);
    private readonly BackwardForwardSweepSolver _sweep = new();

    [GlobalSetup]
    public void Setup()
    {
        _ieee33 = FeederCatalog.Ieee33();
        _workspace = new RadialSweepWorkspace(_ieee33);
        _series = new TimeSeriesPowerFlow(_ieee33, new PowerFlowOptions(1e-8, 100));
        _output = new TimeSeriesOutput(Profile24.Length, _ieee33.BusCount);
        _series.Run(Profile24, _output);
    }

    /// <summary>One converged sweep solve (tolerance 1e-8 pu) from a flat start on a reused workspace.</summary>
    [Benchmark]
    public bool SweepIeee33FlatStart()
    {
        _workspace.SetFlatStart();
        return _workspace.Solve(1e-8, 100);
    }

    /// <summary>Per snapshot of a warm-started 24-slot series (voltages, losses, slack power recorded).</summary>
    [Benchmark(OperationsPerInvoke = 24)]
    public TimeSeriesOutput SweepIeee33WarmSeriesPerSnapshot()
    {
        _series.Run(Profile24, _output);
        return _output;
    }

    /// <summary>The full sweep solver call: workspace set-up, solve and a complete result (allocates).</summary>
    [Benchmark]
    public PowerFlowResult SweepIeee33FullResult() => _sweep.Solve(_ieee33);

    /// <summary>Newton–Raphson (default start: one sweep from flat) to 1e-8 pu, with a complete result.</summary>
    [Benchmark]
    public PowerFlowResult NewtonIeee33() => _newton.Solve(_ieee33);

    /// <summary>Newton–Raphson from a flat start to 1e-8 pu, with a complete result.</summary>
    [Benchmark]
    public PowerFlowResult NewtonIeee33FlatStart() => _newtonFlat.Solve(_ieee33);
}

/// <summary>Sweep on synthetic feeders of growing size: time per converged flat-start solve.</summary>
[MemoryDiagnoser]
public class NetworkSweepScalingBenchmarks
{
    private RadialSweepWorkspace _workspace = null!;

    [Params(1_000, 10_000)]
    public int Buses { get; set; }

    [GlobalSetup]
    public void Setup() => _workspace = new RadialSweepWorkspace(SyntheticFeederGenerator.Generate(Buses, seed: 1));

    [Benchmark]
    public bool SweepSyntheticFlatStart()
    {
        _workspace.SetFlatStart();
        return _workspace.Solve(1e-8, 100);
    }

    /// <summary>Iterations needed (reported so that time per iteration can be compared across sizes).</summary>
    public int Iterations => _workspace.LastIterations;
}
