using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Metaheuristics.Problems;

namespace EvGrid.Optimization.Benchmarks.Metaheuristics;

/// <summary>
/// Cosines of 4 096 angles in Rastrigin's range (2π·[−5.12, 5.12]): the platform's <see cref="Math.Cos"/> one at a
/// time against <see cref="CosineKernel"/>, which returns the same bits; reported per angle (OperationsPerInvoke).
/// </summary>
[MinColumn]
[MedianColumn]
public class CosineKernelBenchmarks
{
    private const int Count = 4096;
    private readonly double[] _angles = new double[Count];
    private readonly double[] _cosines = new double[Count];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        for (var i = 0; i < Count; i++)
        {
            _angles[i] = 2.0 * Math.PI * 5.12 * ((2.0 * random.NextDouble()) - 1.0);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public void MathCos()
    {
        for (var i = 0; i < Count; i++)
        {
            _cosines[i] = Math.Cos(_angles[i]);
        }
    }

    [Benchmark(OperationsPerInvoke = Count)]
    public void Kernel() => CosineKernel.Cos(_angles, _cosines);
}
