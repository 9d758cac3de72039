using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace EvGrid.Optimization.Metaheuristics.Registry;

/// <summary>Discovers optimizers in an assembly (a plug-in) and registers them like the built-in ones.</summary>
public static class OptimizerPlugins
{
    /// <summary>
    /// Registers every public, non-abstract type of <paramref name="assembly"/> with a public parameterless constructor
    /// that implements <see cref="IOptimizerFactory"/> (registered as is) or <see cref="IOptimizer"/> (registered under
    /// its <see cref="IOptimizer.Name"/>, as a single-objective optimizer).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="assembly">The plug-in assembly.</param>
    /// <returns>The names registered.</returns>
    /// <exception cref="ArgumentException">The assembly contains no optimizer.</exception>
    public static IReadOnlyList<string> AddOptimizersFromAssembly(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(assembly);
        var names = new List<string>();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null)
            {
                continue;
            }

            if (typeof(IOptimizerFactory).IsAssignableFrom(type))
            {
                var factory = (IOptimizerFactory)Activator.CreateInstance(type)!;
                services.AddSingleton(factory);
                names.Add(factory.Name);
            }
            else if (typeof(IOptimizer).IsAssignableFrom(type))
            {
                var sample = (IOptimizer)Activator.CreateInstance(type)!;
                var t = type;
                services.AddOptimizer(sample.Name, $"Plug-in {t.FullName} ({assembly.GetName().Name})",
                    ObjectiveSupport.Single, () => (IOptimizer)Activator.CreateInstance(t)!);
                names.Add(sample.Name);
            }
        }

        if (names.Count == 0)
        {
            throw new ArgumentException(
                $"Assembly '{assembly.GetName().Name}' exports no IOptimizer or IOptimizerFactory with a public parameterless constructor.",
                nameof(assembly));
        }

        return names;
    }
}
