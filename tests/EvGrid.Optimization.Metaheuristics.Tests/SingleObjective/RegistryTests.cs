using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

public class RegistryTests
{
    [Fact]
    public void AddEvGridMetaheuristics_registers_the_built_in_optimizers_by_name()
    {
        var registry = new ServiceCollection().AddEvGridMetaheuristics().AddEvGridMetaheuristics()
            .BuildServiceProvider().GetRequiredService<IOptimizerRegistry>();
        var names = registry.Factories.Select(f => f.Name).ToArray();
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "pso", "hs", "ihs", "ihspso" });
        Assert.IsType<Pso>(registry.Create("PSO"));
        Assert.Equal("ihspso", registry.Create("ihspso").Name);
    }

    [Fact]
    public void A_user_optimizer_is_found_by_name_and_runs_in_a_comparison()
    {
        var registry = new ServiceCollection().AddEvGridMetaheuristics()
            .AddOptimizer<RandomSearch>("Uniform random sampling")
            .BuildServiceProvider().GetRequiredService<IOptimizerRegistry>();
        Assert.True(registry.TryGet("random", out var factory));
        Assert.Equal("Uniform random sampling", factory.Description);
        var rows = new SolverComparison(registry).Run(new ComparisonRequest
        {
            Functions = ["sphere"], Optimizers = ["random", "pso"], Dimension = 5, Iterations = 50, Runs = 3,
        }).Rows;
        Assert.Equal(2, rows.Count);
        Assert.True(rows[1].Mean < rows[0].Mean, "PSO should beat random sampling on the sphere");
        Assert.Equal(50 * 50 + 50, rows[1].MeanEvaluations);
    }

    [Fact]
    public void Unknown_and_duplicate_names_fail_clearly()
    {
        var registry = new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider()
            .GetRequiredService<IOptimizerRegistry>();
        var ex = Assert.Throws<ArgumentException>(() => registry.Create("nope"));
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ihspso", ex.Message, StringComparison.Ordinal);

        var provider = new ServiceCollection().AddEvGridMetaheuristics()
            .AddOptimizer("pso", "again", ObjectiveSupport.Single, () => new Pso()).BuildServiceProvider();
        Assert.Throws<ArgumentException>(() => provider.GetRequiredService<IOptimizerRegistry>());
        Assert.Throws<ArgumentException>(() => new OptimizerFactory("bad name", "", ObjectiveSupport.Single, () => new Pso()));
    }

    [Fact]
    public void Plug_in_assemblies_contribute_their_optimizers()
    {
        var services = new ServiceCollection().AddEvGridMetaheuristics();
        var names = services.AddOptimizersFromAssembly(typeof(RandomSearch).Assembly);
        Assert.Contains("random", names);
        var registry = services.BuildServiceProvider().GetRequiredService<IOptimizerRegistry>();
        Assert.IsType<RandomSearch>(registry.Create("random"));
    }

    [Fact]
    public void Comparison_is_reproducible_for_any_number_of_parallel_runs()
    {
        var registry = new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider()
            .GetRequiredService<IOptimizerRegistry>();
        var request = new ComparisonRequest
        {
            Functions = ["rastrigin", "schaffer6"], Optimizers = ["pso", "ihspso", "hs"], Dimension = 4, Iterations = 40,
            Runs = 4, Seed = 9,
        };
        var one = new SolverComparison(registry).Run(request with { MaxDegreeOfParallelism = 1 }).Rows;
        var many = new SolverComparison(registry).Run(request with { MaxDegreeOfParallelism = 3 }).Rows;
        Assert.Equal(one.Select(r => r.Values), many.Select(r => r.Values));
        Assert.Equal(2, one.Single(r => r.Function == "schaffer6" && r.Optimizer == "pso").Dim);
        var pso = one.First();
        Assert.Equal(pso.Values.Min(), pso.Best);
        Assert.Equal(pso.Values.Max(), pso.Worst);
        Assert.Equal(pso.Values.Average(), pso.Mean, 12);
    }
}

/// <summary>A minimal user optimizer: uniform random sampling, evaluated in iterations of 50.</summary>
public sealed class RandomSearch : IOptimizer
{
    public string Name => "random";

    public OptimizationResult Optimize(IProblem problem, StoppingCriteria stopping, long seed,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(stopping);
        var rng = new RandomSource(seed);
        var evaluator = problem.CreateEvaluator();
        var x = new double[problem.Dimension];
        var f = new double[1];
        var best = double.PositiveInfinity;
        var bestX = x.ToArray();
        var evaluations = (long)(stopping.MaxIterations ?? 1) * 50 + 50;
        for (long e = 0; e < evaluations; e++)
        {
            for (var j = 0; j < x.Length; j++)
            {
                x[j] = rng.NextDouble(problem.Bounds.Lower[j], problem.Bounds.Upper[j]);
            }

            evaluator.Evaluate(x, f, Span<double>.Empty);
            if (f[0] < best)
            {
                best = f[0];
                bestX = x.ToArray();
            }
        }

        var sol = new Solution(bestX, [best], [], 0);
        return new OptimizationResult(Name, problem.Name, seed, sol, [sol], stopping.MaxIterations ?? 1, evaluations,
            TimeSpan.Zero, ExitReason.MaxIterations, []);
    }
}

public class TestFunctionTests
{
    [Theory]
    [InlineData("sphere")]
    [InlineData("schwefel222")]
    [InlineData("schaffer6")]
    [InlineData("rastrigin")]
    [InlineData("rosenbrock")]
    [InlineData("ackley")]
    [InlineData("griewank")]
    public void Global_minimum_is_zero(string name)
    {
        var f = TestFunctions.Create(name, 7);
        var x = Enumerable.Repeat(f.OptimumCoordinate, f.Dimension).ToArray();
        Assert.Equal(0.0, f.Value(x), 12);
        Assert.True(f.Bounds.Contains(x));
    }

    [Fact]
    public void Hand_computed_values()
    {
        Assert.Equal(14.0, TestFunctions.Create("sphere", 3).Value([1, 2, 3]));
        Assert.Equal(1 + 2 + 3 + 6.0, TestFunctions.Create("schwefel222", 3).Value([-1, 2, -3]));
        // Rastrigin at integer points: sum x^2.
        Assert.Equal(5.0, TestFunctions.Create("rastrigin", 2).Value([1, -2]), 12);
        Assert.Equal(20.25, TestFunctions.Create("rastrigin", 1).Value([0.5]), 12); // 0.25 - 10 cos(pi) + 10
        // Schaffer F6 at r = pi: 0.5 + (0 - 0.5) / (1 + 0.001 pi^2)^2.
        var r = Math.PI;
        var expected = 0.5 - (0.5 / Math.Pow(1 + (0.001 * r * r), 2));
        Assert.Equal(expected, TestFunctions.Create("schaffer6", 30).Value([r, 0]), 14);
        Assert.Equal(2, TestFunctions.Create("schaffer6", 30).Dimension);
        Assert.Equal(101.0, TestFunctions.Create("rosenbrock", 2).Value([0, 1]), 12); // 100 (1 - 0)^2 + (1 - 0)^2
    }

    [Fact]
    public void Unknown_function_lists_the_known_ones()
    {
        var ex = Assert.Throws<ArgumentException>(() => TestFunctions.Create("foo", 2));
        Assert.Contains("rastrigin", ex.Message, StringComparison.Ordinal);
    }
}
