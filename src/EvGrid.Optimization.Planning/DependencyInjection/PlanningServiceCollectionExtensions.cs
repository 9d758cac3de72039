using EvGrid.Optimization.Metaheuristics.DependencyInjection;
using EvGrid.Optimization.Objectives.DependencyInjection;
using EvGrid.Optimization.Planning.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The package's own namespace (Microsoft's guidance for non-Microsoft packages): callers opt in with a using.
namespace EvGrid.Optimization.Planning.DependencyInjection;

/// <summary>Registers the planning package's services.</summary>
public static class PlanningServiceCollectionExtensions
{
    /// <summary>
    /// Adds the <see cref="SchedulingStudy"/> (a singleton over the optimizer registry, so every optimizer registered
    /// with <c>AddOptimizer</c> can run it) together with what it needs: the metaheuristics and objectives packages'
    /// registrations. The study logs through <c>ILogger&lt;SchedulingStudy&gt;</c> when the host has logging
    /// (<c>services.AddLogging(...)</c>), and stays silent otherwise. Calling it twice adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddEvGridPlanning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddEvGridMetaheuristics().AddEvGridObjectives();
        services.TryAddSingleton<SchedulingStudy>();
        return services;
    }
}
