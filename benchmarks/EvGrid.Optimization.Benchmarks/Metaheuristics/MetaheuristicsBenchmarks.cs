using BenchmarkDotNet.Attributes;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using EvGrid.Optimization.Metaheuristics.Swarm;

namespace EvGrid.Optimization.Benchmarks.Metaheuristics;

/// <summary>
/// The PSO swarm update (seed 000 eqs. 25–26 with velocity clamping and bound handling) for 50 particles × 30
/// dimensions; reported per particle-dimension (OperationsPerInvoke = 1500). Target: ≤ 10 ns. Min and median are
/// shown because the machine may be shared: preemption inflates the mean, never the minimum.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class MetaheuristicsSwarmUpdateBenchmarks
{
    private const int Swarm = 50;
    private const int Dim = 30;
    private double[] _x = [];
    private double[] _v = [];
    private double[] _p = [];
    private double[] _g = [];
    private double[] _vmax = [];
    private Bounds _bounds = Bounds.Uniform(Dim, -100, 100);
    private RandomSource _random = new(1);
    private double[] _memory = [];
    private double[] _harmony = [];
    private SwarmKernel _kernel = new(new PsoOptions().Components());
    private SwarmStep _step;
    private HarmonyDraws _draws;

    [GlobalSetup]
    public void Setup()
    {
        _random = new RandomSource(1);
        _bounds = Bounds.Uniform(Dim, -100, 100);
        _x = new double[Swarm * Dim];
        _v = new double[Swarm * Dim];
        _p = new double[Swarm * Dim];
        _g = new double[Dim];
        for (var i = 0; i < _x.Length; i++)
        {
            _x[i] = _random.NextDouble(-100, 100);
            _p[i] = _random.NextDouble(-100, 100);
        }

        for (var j = 0; j < Dim; j++)
        {
            _g[j] = _random.NextDouble(-1, 1);
        }

        _vmax = BoundHandler.MaxVelocity(_bounds, 0.2);
        _kernel = new SwarmKernel(new SwarmComponents(InertiaVelocity.Constant(2.0, 2.0), new ConstantInertia(0.7),
            BoundHandlers.For(BoundHandling.Clamp)));
        _step = _kernel.StepAt(SwarmClock.At(0, 1));
        _memory = _p.ToArray();
        _harmony = new double[Dim];
        _draws = new HarmonyDraws(0.9, 0.5, 0.01, Swarm); // once per iteration in the runs, so outside the measured call
    }

    [Benchmark(OperationsPerInvoke = Swarm * Dim, Description = "PSO swarm update, per particle-dimension")]
    public void SwarmUpdate()
        => _kernel.Move(_x, _v, _p, SwarmLeaders.Shared(_g), Swarm, _step, _bounds, _vmax, _random);

    [Benchmark(OperationsPerInvoke = Dim, Description = "Harmony improvisation, per dimension")]
    public void Improvise()
        => HarmonyImproviser.Improvise(_harmony, _memory, _bounds, _draws, _random);
}

/// <summary>One Table 10 run (50 particles, 1000 iterations) on 30-D functions, per optimizer.</summary>
[MemoryDiagnoser]
public class MetaheuristicsTable10RunBenchmarks
{
    private IProblem _problem = TestFunctions.Create("sphere", 30);
    private readonly StoppingCriteria _stop = StoppingCriteria.Iterations(1000);

    [Params("sphere", "rastrigin")]
    public string Function { get; set; } = "sphere";

    [GlobalSetup]
    public void Setup() => _problem = TestFunctions.Create(Function, 30);

    [Benchmark(Baseline = true)]
    public double Pso() => new Pso().Optimize(_problem, _stop, 1).BestValue;

    [Benchmark]
    public double HarmonySearch() => new HarmonySearch(new HarmonySearchOptions { MemorySize = 50 }).Optimize(_problem, _stop, 1).BestValue;

    [Benchmark]
    public double IHspso() => new IHspso().Optimize(_problem, _stop, 1).BestValue;
}
