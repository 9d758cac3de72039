using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

/// <summary>The registry of built-in optimizers and a small problem that suits each.</summary>
internal static class LabSetup
{
    public static IOptimizerRegistry Registry { get; } =
        new ServiceCollection().AddEvGridMetaheuristics().BuildServiceProvider().GetRequiredService<IOptimizerRegistry>();

    /// <summary>A registered optimizer with the given population size, and Rastrigin in 5 (single objective) or ZDT1
    /// (multi-objective) dimensions.</summary>
    public static (IOptimizer Optimizer, IProblem Problem) Prepare(string name, int populationSize, int dimension = 5)
    {
        Assert.True(Registry.TryGet(name, out var factory), name);
        var optimizer = factory.Create();
        optimizer = optimizer is IPopulationBasedOptimizer p ? p.WithPopulationSize(populationSize) : optimizer;
        IProblem problem = factory.Objectives == ObjectiveSupport.Multi
            ? MultiObjectiveProblems.Create("zdt1")
            : TestFunctions.Create("rastrigin", dimension);
        return (optimizer, problem);
    }
}
