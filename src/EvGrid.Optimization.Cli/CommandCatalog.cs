using System.CommandLine;

namespace EvGrid.Optimization.Cli;

/// <summary>The list of top-level commands; each lives in its own file under <c>Commands/</c>.</summary>
internal static class CommandCatalog
{
    /// <summary>Creates every top-level command.</summary>
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Commands.ScheduleCommand.Create(context);
        yield return Commands.PowerFlowCommand.Create(context);
        yield return Commands.FleetCommand.Create(context);
        yield return Commands.ScenariosCommand.Create(context);
        yield return Commands.SolversCommand.Create(context);
        yield return Commands.CapacityCommand.Create(context);
        yield return Commands.PlanCommand.Create(context);
    }
}
