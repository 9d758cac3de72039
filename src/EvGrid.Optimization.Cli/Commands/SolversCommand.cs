using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using System.CommandLine;
using System.Reflection;
using EvGrid.Optimization.Metaheuristics.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary><c>evgrid solvers</c>: list and compare the registered optimizers.</summary>
internal static class SolversCommand
{
    /// <summary>Creates the <c>solvers</c> command with its sub-commands (one line per sub-command).</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("solvers", "List and compare the registered optimizers (built-in and plug-ins).");
        command.Subcommands.Add(SolversListCommand.Create(context));
        command.Subcommands.Add(SolversCompareCommand.Create(context));
        command.Subcommands.Add(SolversParetoCommand.Create(context));
        return command;
    }

    /// <summary>The <c>--plugin PATH.dll</c> option shared by the sub-commands (repeatable).</summary>
    public static Option<string[]> PluginOption() => new("--plugin")
    {
        Description = "Load optimizers from an assembly (public IOptimizer/IOptimizerFactory types); repeatable.",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Builds the optimizer registry: every built-in optimizer plus those of the plug-in assemblies.</summary>
    /// <param name="plugins">Plug-in assembly paths (may be null or empty).</param>
    /// <returns>The registry.</returns>
    public static IOptimizerRegistry BuildRegistry(IEnumerable<string>? plugins)
    {
        var services = new ServiceCollection().AddEvGridMetaheuristics();
        foreach (var path in plugins ?? [])
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new FileNotFoundException($"Plug-in assembly not found: {path}", full);
            }

            services.AddOptimizersFromAssembly(Assembly.LoadFrom(full));
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptimizerRegistry>();
    }

    /// <summary>Splits a comma-separated list, trimming blanks.</summary>
    public static string[] SplitList(string? value, string option)
    {
        var items = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            throw new ArgumentException($"{option} needs at least one name.");
        }

        return items;
    }
}
