namespace EvGrid.Optimization.Network;

/// <summary>
/// Backward/forward sweep (branch-current summation) for radial networks. Rejects a meshed network with a message
/// naming a loop branch and pointing to <see cref="NewtonRaphsonSolver"/>. For repeated solves of one network use a
/// <see cref="RadialSweepWorkspace"/> (no allocation per solve) or <see cref="TimeSeriesPowerFlow"/>.
/// </summary>
public sealed class BackwardForwardSweepSolver : IPowerFlowSolver
{
    /// <summary>The solver's name, <c>sweep</c>.</summary>
    public const string SolverName = "sweep";

    /// <inheritdoc />
    public string Name => SolverName;

    /// <inheritdoc />
    public PowerFlowResult Solve(PowerNetwork network, PowerFlowOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        options ??= PowerFlowOptions.Default;
        options.Validate();
        var ws = new RadialSweepWorkspace(network);
        ws.Solve(options.TolerancePu, options.MaxIterations);
        return ws.ToResult();
    }
}
