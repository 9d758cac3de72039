namespace EvGrid.Optimization.Network;

/// <summary>Resolves feeders by name or path (the injectable face of <see cref="FeederCatalog"/>).</summary>
public interface IFeederCatalog
{
    /// <summary>Names of the built-in feeders.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>A built-in feeder, a MATPOWER case file (<c>.m</c>) or a <see cref="FeederTextFormat"/> file.</summary>
    /// <param name="caseNameOrPath">Name or path.</param>
    /// <returns>The network.</returns>
    PowerNetwork Resolve(string caseNameOrPath);

    /// <summary>A solver by name: <c>sweep</c> or <c>newton</c>.</summary>
    /// <param name="name">Solver name (case-insensitive).</param>
    /// <returns>The solver.</returns>
    IPowerFlowSolver Solver(string name);
}

/// <summary>The built-in feeders and solvers (<see cref="FeederCatalog"/>).</summary>
public sealed class BuiltInFeederCatalog : IFeederCatalog
{
    /// <inheritdoc />
    public IReadOnlyList<string> Names => FeederCatalog.Names;

    /// <inheritdoc />
    public PowerNetwork Resolve(string caseNameOrPath) => FeederCatalog.Resolve(caseNameOrPath);

    /// <inheritdoc />
    public IPowerFlowSolver Solver(string name) => FeederCatalog.Solver(name);
}
