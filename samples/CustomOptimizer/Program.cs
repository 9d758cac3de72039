using EvGrid.Optimization.Metaheuristics.DependencyInjection;
// A researcher's own optimizer, registered through dependency injection and compared with the built-in ones.
//
//   dotnet run -c Release --project samples/CustomOptimizer
//
// The same assembly can be given to the command line as a plug-in:
//
//   evgrid solvers compare --plugin samples/CustomOptimizer/bin/Release/net10.0/CustomOptimizer.dll \
//       --optimizers pso,ihspso,hs,de --dim 10 --runs 20
using CustomOptimizer;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Microsoft.Extensions.DependencyInjection;

using var provider = new ServiceCollection()
    .AddEvGridMetaheuristics()
    .AddOptimizer("de", "Differential evolution DE/rand/1/bin (sample plug-in)", ObjectiveSupport.Single,
        () => new DifferentialEvolution())
    .BuildServiceProvider();

var registry = provider.GetRequiredService<IOptimizerRegistry>();
Console.WriteLine($"registered: {string.Join(", ", registry.Factories.Select(f => f.Name))}");

var rows = new SolverComparison(registry).Run(new ComparisonRequest
{
    Functions = ["sphere", "rastrigin", "rosenbrock"],
    Optimizers = ["pso", "ihspso", "hs", "de"],
    Dimension = 10,
    PopulationSize = 50,
    Iterations = 500,
    Runs = 10,
    Seed = 1,
}).Rows;

Console.WriteLine($"{"function",-11} {"optimizer",-9} {"mean",11} {"median",11} {"s/run",8}");
foreach (var r in rows)
{
    Console.WriteLine($"{r.Function,-11} {r.Optimizer,-9} {r.Mean,11:0.000e+00} {r.Median,11:0.000e+00} {r.MeanSecondsPerRun,8:F4}");
}
