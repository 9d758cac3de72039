using EvGrid.Optimization.Metaheuristics.MultiObjective;

namespace EvGrid.Optimization.Metaheuristics.Registry;

/// <summary>Registration of the multi-objective optimizers shipped with the package.</summary>
public static partial class BuiltInOptimizers
{
    static partial void AddMultiObjective(List<IOptimizerFactory> factories)
    {
        factories.Add(new OptimizerFactory("mopso",
            "MOPSO (seed 000 section 5.3): inertia 0.85 -> 0.4, c1 = c2 = 1.25, 60 particles, crowding archive 100, turbulence",
            ObjectiveSupport.Multi, () => new Mopso()));
        factories.Add(new OptimizerFactory("smpso",
            "seed 000's swarm (60 particles, archive 100) with SMPSO constriction (Nebro et al. 2009); solves ZDT4, DTLZ1",
            ObjectiveSupport.Multi, () => new Mopso(MopsoOptions.Constricted, "smpso")));
        factories.Add(new OptimizerFactory("mopso-paper",
            "MOPSO as seed 000 section 5.3 and Coello Coello et al. 2004: adaptive grid, inertia 0.85, c1 = c2 = 1.25",
            ObjectiveSupport.Multi, () => new Mopso(MopsoOptions.Paper, "mopso-paper")));
        factories.Add(new OptimizerFactory("nsga2",
            "NSGA-II (Deb et al. 2002): SBX, polynomial mutation, crowded tournament, population 100",
            ObjectiveSupport.Multi, () => new Nsga2()));
    }
}
