using EvGrid.Optimization.Fleet.DependencyInjection;
using EvGrid.Optimization.Fleet;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

public class ServiceCollectionTests
{
    [Fact]
    public void AddEvGridFleet_registers_the_services_and_keeps_a_callers_tariff()
    {
        var own = new TouTariff([new TouBand(22, 6, TouPeriod.Valley)], TouTariff.Seed002Peak, TouTariff.Seed002Normal, TouTariff.Seed002Valley);
        using var provider = new ServiceCollection().AddSingleton(own).AddEvGridFleet().BuildServiceProvider();
        Assert.NotNull(provider.GetRequiredService<FleetSampler>());
        Assert.NotNull(provider.GetRequiredService<ScenarioReducer>());
        Assert.NotNull(provider.GetRequiredService<SyntheticYearGenerator>());
        Assert.Same(own, provider.GetRequiredService<TouTariff>());
        Assert.Same(WindTurbineModel.Seed002, provider.GetRequiredService<WindTurbineModel>());
        Assert.Same(provider.GetRequiredService<FleetSampler>(), provider.GetRequiredService<FleetSampler>());
    }
}
