using EvGrid.Optimization.Objectives;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The package's own namespace (Microsoft's guidance for non-Microsoft packages): callers opt in with a using.
namespace EvGrid.Optimization.Objectives.DependencyInjection;

/// <summary>Registers the objectives package's services.</summary>
public static class ObjectivesServiceCollectionExtensions
{
    /// <summary>
    /// Adds seed 000's three schedule objectives as <see cref="IScheduleObjective"/> singletons, in order f1
    /// (<see cref="LoadVarianceObjective"/>), f2 (<see cref="PeakValleyObjective"/>), f3 (<see cref="VoltageOffsetObjective.Sum"/>),
    /// and <see cref="VoltageLimits.Default"/> (±7 %) and <see cref="TransformerData.Seed000"/> as defaults
    /// (registrations already present are kept, so callers can supply their own limits or transformers first).
    /// Calling it twice adds nothing.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddEvGridObjectives(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScheduleObjective, LoadVarianceObjective>(_ => LoadVarianceObjective.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScheduleObjective, PeakValleyObjective>(_ => PeakValleyObjective.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IScheduleObjective, VoltageOffsetObjective>(_ => VoltageOffsetObjective.Sum));
        services.TryAddSingleton(VoltageLimits.Default);
        services.TryAddSingleton(TransformerData.Seed000);
        return services;
    }
}
