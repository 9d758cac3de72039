using EvGrid.Optimization.Metaheuristics.MultiObjective;

namespace EvGrid.Optimization.Metaheuristics.Registry;

/// <summary>Registration of the multi-objective optimizers shipped with the package.</summary>
public static partial class BuiltInOptimizers
{
    static partial void AddMultiObjective(List<IOptimizerFactory> factories)
    {
        factories.Add(new OptimizerFactory("mopso",
            "MOPSO (seed 000 §5.3; Coello Coello et al. 2004) with SMPSO parts: 60 particles, archive 100",
            ObjectiveSupport.Multi, () => new Mopso()));
        factories.Add(new OptimizerFactory("mopso-paper",
            "MOPSO as seed 000 §5.3/§6.2 configures it (inertia 0.85, c1 = c2 = 1.25, 2004 mutation)",
            ObjectiveSupport.Multi, () => new Mopso(MopsoOptions.Paper, "mopso-paper")));
        factories.Add(new OptimizerFactory("nsga2",
            "NSGA-II (Deb et al. 2002): SBX, polynomial mutation, crowded tournament, population 100",
            ObjectiveSupport.Multi, () => new Nsga2()));
    }
}
