using Microsoft.Extensions.DependencyInjection;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The package's own namespace (Microsoft's guidance for non-Microsoft packages): callers opt in with a using.
namespace EvGrid.Optimization.Metaheuristics.DependencyInjection;

/// <summary>Dependency-injection registration of the metaheuristics package.</summary>
public static class MetaheuristicsServiceCollectionExtensions
{
    /// <summary>
    /// Registers every built-in optimizer as an <see cref="IOptimizerFactory"/> and the <see cref="IOptimizerRegistry"/>
    /// that collects them together with any factory the application registers (see
    /// <see cref="AddOptimizer(IServiceCollection, string, string, ObjectiveSupport, Func{IOptimizer})"/>).
    /// Calling it twice is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddEvGridMetaheuristics(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<IOptimizerRegistry, OptimizerRegistry>();
        foreach (var factory in BuiltInOptimizers.All())
        {
            if (!services.Any(d => d.ServiceType == typeof(IOptimizerFactory)
                                   && d.ImplementationInstance is IOptimizerFactory f
                                   && string.Equals(f.Name, factory.Name, StringComparison.OrdinalIgnoreCase)))
            {
                services.AddSingleton(factory);
            }
        }

        return services;
    }

    /// <summary>Registers a user optimizer under <paramref name="name"/>; it is then found by name wherever an
    /// optimizer is chosen (registry, comparison runner, command line).</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">Registry name.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="objectives">Which problems it handles.</param>
    /// <param name="create">Creates an optimizer with default options.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddOptimizer(
        this IServiceCollection services, string name, string description, ObjectiveSupport objectives,
        Func<IOptimizer> create)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IOptimizerFactory>(new OptimizerFactory(name, description, objectives, create));
        services.TryAddSingleton<IOptimizerRegistry, OptimizerRegistry>();
        return services;
    }

    /// <summary>Registers a user optimizer type with a parameterless constructor under its <see cref="IOptimizer.Name"/>.</summary>
    /// <typeparam name="TOptimizer">Optimizer type.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="description">One-line description.</param>
    /// <param name="objectives">Which problems it handles.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddOptimizer<TOptimizer>(
        this IServiceCollection services, string description, ObjectiveSupport objectives = ObjectiveSupport.Single)
        where TOptimizer : IOptimizer, new()
        => services.AddOptimizer(new TOptimizer().Name, description, objectives, () => new TOptimizer());
}
