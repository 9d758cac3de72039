using Microsoft.Extensions.DependencyInjection;
using EvGrid.Optimization.Fleet;
using Microsoft.Extensions.DependencyInjection.Extensions;

// The package's own namespace (Microsoft's guidance for non-Microsoft packages): callers opt in with a using.
namespace EvGrid.Optimization.Fleet.DependencyInjection;

/// <summary>Registers the fleet package's services.</summary>
public static class FleetServiceCollectionExtensions
{
    /// <summary>
    /// Adds the stateless fleet services as singletons: <see cref="FleetSampler"/>, <see cref="SyntheticYearGenerator"/>,
    /// <see cref="ScenarioReducer"/>, and seed 002's <see cref="TouTariff"/> and <see cref="WindTurbineModel"/> as
    /// defaults (registrations already present are kept, so callers can supply their own tariff or turbine first).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection, for chaining.</returns>
    public static IServiceCollection AddEvGridFleet(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<FleetSampler>();
        services.TryAddSingleton<SyntheticYearGenerator>();
        services.TryAddSingleton<ScenarioReducer>();
        services.TryAddSingleton(TouTariff.Seed002);
        services.TryAddSingleton(WindTurbineModel.Seed002);
        return services;
    }
}
