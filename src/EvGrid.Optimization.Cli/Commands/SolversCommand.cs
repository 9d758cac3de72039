using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using System.CommandLine;
using System.Collections.Concurrent;
using System.Diagnostics;
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

    /// <summary>Plug-in assemblies loaded by this process, with the path they were given as (for error messages).</summary>
    private static readonly ConcurrentDictionary<Assembly, string> LoadedPlugins = new();

    /// <summary>Builds the optimizer registry: every built-in optimizer plus those of the plug-in assemblies.</summary>
    /// <param name="plugins">Plug-in assembly paths (may be null or empty).</param>
    /// <returns>The registry.</returns>
    /// <exception cref="ArgumentException">A path is missing, not a .NET assembly, exports no optimizer, or a
    /// plug-in's constructor throws; the message names the path.</exception>
    public static IOptimizerRegistry BuildRegistry(IEnumerable<string>? plugins)
    {
        var services = new ServiceCollection().AddEvGridMetaheuristics();
        foreach (var path in plugins ?? [])
        {
            var full = Path.GetFullPath(path);
            if (!File.Exists(full))
            {
                throw new ArgumentException($"--plugin: assembly not found: {path}");
            }

            Assembly assembly;
            try
            {
                assembly = Assembly.LoadFrom(full);
            }
            catch (Exception ex) when (ex is BadImageFormatException or FileLoadException or FileNotFoundException)
            {
                throw new ArgumentException($"--plugin: '{path}' is not a loadable .NET assembly ({ex.GetType().Name}).", ex);
            }

            LoadedPlugins.TryAdd(assembly, path);
            try
            {
                services.AddOptimizersFromAssembly(assembly);
            }
            catch (Exception ex) when (ex is TargetInvocationException or ReflectionTypeLoadException or TypeLoadException
                                           or FileNotFoundException or FileLoadException or MissingMethodException)
            {
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                throw new ArgumentException(
                    $"--plugin: '{path}' could not be loaded: {cause.Message.ReplaceLineEndings(" ")} ({cause.GetType().Name})", ex);
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"--plugin: '{path}': {ex.Message.Split(" (Parameter", 2)[0]}", ex);
            }
        }

        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptimizerRegistry>();
    }

    /// <summary>The path of the plug-in assembly whose code threw <paramref name="exception"/>, or null when no
    /// plug-in code is on its stack.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The plug-in's path as given to <c>--plugin</c>, or null.</returns>
    public static string? PluginThatThrew(Exception exception)
    {
        if (LoadedPlugins.IsEmpty)
        {
            return null;
        }

        foreach (var frame in new StackTrace(exception, fNeedFileInfo: false).GetFrames())
        {
            if (frame.GetMethod()?.DeclaringType?.Assembly is { } assembly && LoadedPlugins.TryGetValue(assembly, out var path))
            {
                return $"'{path}'";
            }
        }

        return null;
    }

    /// <summary>Splits a comma-separated list, trimming blanks; a name given twice is refused (each names a row or a
    /// column of the results).</summary>
    public static string[] SplitList(string? value, string option)
    {
        var items = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0)
        {
            throw new ArgumentException($"{option} needs at least one name.");
        }

        var twice = items.GroupBy(i => i, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"{option}: '{twice.Key}' is given twice.");
        }

        return items;
    }
}
