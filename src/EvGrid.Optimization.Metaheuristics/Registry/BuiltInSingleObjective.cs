using EvGrid.Optimization.Metaheuristics.SingleObjective;

namespace EvGrid.Optimization.Metaheuristics.Registry;

/// <content>The single-objective built-in optimizers.</content>
public static partial class BuiltInOptimizers
{
    static partial void AddSingleObjective(List<IOptimizerFactory> factories)
    {
        factories.Add(new OptimizerFactory(Pso.RegistryName,
            "Particle swarm, linearly decreasing inertia (seed 000 eqs. 25-27)", ObjectiveSupport.Single, () => new Pso()));
        factories.Add(new OptimizerFactory(HarmonySearch.RegistryName,
            "Harmony search (Geem et al. 2001)", ObjectiveSupport.Single, () => new HarmonySearch()));
        factories.Add(new OptimizerFactory(HarmonySearch.ImprovedRegistryName,
            "Improved harmony search, varying PAR and bandwidth (Mahdavi et al. 2007)", ObjectiveSupport.Single,
            () => HarmonySearch.Improved()));
        factories.Add(new OptimizerFactory(IHspso.RegistryName,
            "Improved harmony-search PSO (seed 002 section 5.1, eqs. 31-34)", ObjectiveSupport.Single, () => new IHspso()));
    }
}
