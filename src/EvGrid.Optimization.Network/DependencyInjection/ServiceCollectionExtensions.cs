using Microsoft.Extensions.DependencyInjection;
using EvGrid.Optimization.Network;

// The package's own namespace (Microsoft's guidance for non-Microsoft packages): callers opt in with a using.
namespace EvGrid.Optimization.Network.DependencyInjection;

/// <summary>Registers the balanced power-flow kernel for dependency injection.</summary>
public static class EvGridNetworkServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BackwardForwardSweepSolver"/> and <see cref="NewtonRaphsonSolver"/> (as themselves and as
    /// <see cref="IPowerFlowSolver"/>; the sweep is the default single <see cref="IPowerFlowSolver"/>) and the feeder
    /// catalog <see cref="IFeederCatalog"/>, all as singletons (they are stateless). Calling it twice is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddEvGridNetwork(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IFeederCatalog)))
        {
            return services;
        }

        services.AddSingleton<BackwardForwardSweepSolver>();
        services.AddSingleton<NewtonRaphsonSolver>();
        // The last registration is the one a single IPowerFlowSolver resolves to: the sweep.
        services.AddSingleton<IPowerFlowSolver>(sp => sp.GetRequiredService<NewtonRaphsonSolver>());
        services.AddSingleton<IPowerFlowSolver>(sp => sp.GetRequiredService<BackwardForwardSweepSolver>());
        services.AddSingleton<IFeederCatalog, BuiltInFeederCatalog>();
        return services;
    }
}
