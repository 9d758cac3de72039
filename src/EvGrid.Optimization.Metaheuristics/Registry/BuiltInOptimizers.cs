namespace EvGrid.Optimization.Metaheuristics.Registry;

/// <summary>
/// The optimizers shipped with the package, as factories. Single-objective ones are listed here; multi-objective ones
/// are added by <see cref="AddMultiObjective"/>, implemented in the multi-objective part of the package.
/// </summary>
public static partial class BuiltInOptimizers
{
    /// <summary>Every built-in optimizer factory.</summary>
    /// <returns>The factories.</returns>
    public static IReadOnlyList<IOptimizerFactory> All()
    {
        var list = new List<IOptimizerFactory>();
        AddSingleObjective(list);
        AddMultiObjective(list);
        return list;
    }

    static partial void AddSingleObjective(List<IOptimizerFactory> factories);

    static partial void AddMultiObjective(List<IOptimizerFactory> factories);
}
