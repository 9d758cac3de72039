using System.CommandLine;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary><c>evgrid solvers list</c>: every optimizer registered in DI, plug-ins included.</summary>
internal static class SolversListCommand
{
    public static Command Create(CliContext context)
    {
        var plugin = SolversCommand.PluginOption();
        var command = new Command("list", "List every registered optimizer (name, objectives, description).");
        command.Options.Add(plugin);
        command.SetAction(parse =>
        {
            var registry = SolversCommand.BuildRegistry(parse.GetValue(plugin));
            var width = Math.Max(4, registry.Factories.Max(f => f.Name.Length));
            context.Output.WriteLine($"{"name".PadRight(width)}  objectives  description");
            foreach (var f in registry.Factories)
            {
                context.Output.WriteLine(
                    $"{f.Name.PadRight(width)}  {f.Objectives.ToString().ToLowerInvariant(),-10}  {f.Description}");
            }

            return CliApp.Success;
        });
        return command;
    }
}
