using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Indicators;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;

namespace EvGrid.Optimization.Benchmarks.MultiObjective;

/// <summary>Quality indicators on sampled true fronts.</summary>
[MemoryDiagnoser]
public class IndicatorBenchmarks
{
    private double[] _zdt100 = [];
    private double[] _zdt1000 = [];
    private double[] _dtlz100 = [];
    private double[] _dtlz1035 = [];
    private double[] _sphere4D = [];

    [GlobalSetup]
    public void Setup()
    {
        _zdt100 = ParetoFronts.Zdt1(100);
        _zdt1000 = ParetoFronts.Zdt1(1000);
        _dtlz100 = ParetoFronts.Dtlz2(3, 12); // 91 points
        _dtlz1035 = ParetoFronts.Dtlz2(3, 44);
        _sphere4D = ParetoFronts.Dtlz2(4, 6); // 84 points
    }

    [Benchmark(Description = "HV 2-D, 1 000 points")]
    public double Hv2D() => Hypervolume.Compute(_zdt1000, 2, [1.1, 1.1]);

    [Benchmark(Description = "HV 3-D, 91 points")]
    public double Hv3DSmall() => Hypervolume.Compute(_dtlz100, 3, [1.1, 1.1, 1.1]);

    [Benchmark(Description = "HV 3-D, 1 035 points")]
    public double Hv3D() => Hypervolume.Compute(_dtlz1035, 3, [1.1, 1.1, 1.1]);

    [Benchmark(Description = "HV 4-D (WFG), 84 points")]
    public double Hv4D() => Hypervolume.Compute(_sphere4D, 4, [1.1, 1.1, 1.1, 1.1]);

    [Benchmark(Description = "IGD, 100 vs 1 000 points")]
    public double IgdZdt() => Igd.Compute(_zdt100, _zdt1000, 2);
}

/// <summary>Archive insertion: offering candidates to a full crowding-distance archive of 100.</summary>
[MemoryDiagnoser]
public class ArchiveBenchmarks
{
    private readonly double[] _candidates = new double[2 * 1000];
    private CrowdingArchive _archive = null!;
    private AdaptiveGridArchive _grid = null!;
    private RandomSource _random = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Points near the ZDT1 front: every one non-dominated by most of the archive, so insertions truncate.
        var rng = new RandomSource(3);
        for (var i = 0; i < 1000; i++)
        {
            var f1 = rng.NextDouble();
            _candidates[2 * i] = f1;
            _candidates[(2 * i) + 1] = 1 - Math.Sqrt(f1) + (0.01 * rng.NextDouble());
        }

        _archive = new CrowdingArchive(100, 1, 2);
        _grid = new AdaptiveGridArchive(100, 1, 2);
        _random = new RandomSource(5);
    }

    [Benchmark(Description = "archive(100): offer 1 000 points", OperationsPerInvoke = 1000)]
    public int Offer()
    {
        _archive.Clear();
        Span<double> x = [0.0];
        for (var i = 0; i < 1000; i++)
        {
            _archive.Add(x, _candidates.AsSpan(2 * i, 2), 0.0);
        }

        return _archive.Count;
    }

    [Benchmark(Description = "grid archive(100): offer 1 000 points", OperationsPerInvoke = 1000)]
    public int OfferGrid()
    {
        _grid.Clear();
        Span<double> x = [0.0];
        for (var i = 0; i < 1000; i++)
        {
            _grid.Add(x, _candidates.AsSpan(2 * i, 2), [], 0.0, _random);
        }

        return _grid.Count;
    }
}

/// <summary>One complete run at the budget (25 000 evaluations on ZDT1).</summary>
[MemoryDiagnoser]
public class ParetoRunBenchmarks
{
    private readonly Zdt1 _problem = new();

    [Benchmark(Description = "MOPSO ZDT1 25 000 evals")]
    public int Mopso() => new Mopso(new MopsoOptions())
        .Optimize(_problem, StoppingCriteria.Evaluations(25_000), 1, ExecutionPolicy.Sequential).ParetoFront.Count;

    [Benchmark(Description = "MOPSO (smpso) ZDT1 25 000 evals")]
    public int Smpso() => new Mopso(MopsoOptions.Constricted, "smpso")
        .Optimize(_problem, StoppingCriteria.Evaluations(25_000), 1, ExecutionPolicy.Sequential).ParetoFront.Count;

    [Benchmark(Description = "MOPSO (paper) ZDT1 25 000 evals")]
    public int MopsoPaper() => new Mopso(MopsoOptions.Paper)
        .Optimize(_problem, StoppingCriteria.Evaluations(25_000), 1, ExecutionPolicy.Sequential).ParetoFront.Count;

    [Benchmark(Description = "NSGA-II ZDT1 25 000 evals")]
    public int Nsga2() => new Nsga2(new Nsga2Options())
        .Optimize(_problem, StoppingCriteria.Evaluations(25_000), 1, ExecutionPolicy.Sequential).ParetoFront.Count;
}
