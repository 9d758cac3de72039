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
        Assert.Same(own, provider.GetRequiredService<TouTariff>());
        Assert.Same(WindTurbineModel.Seed002, provider.GetRequiredService<WindTurbineModel>());
        // Singletons, and the resolved sampler and year generator behave like the ones a caller would construct.
        Assert.Same(provider.GetRequiredService<FleetSampler>(), provider.GetRequiredService<FleetSampler>());
        Assert.Same(provider.GetRequiredService<ScenarioReducer>(), provider.GetRequiredService<ScenarioReducer>());
        Assert.Same(provider.GetRequiredService<SyntheticYearGenerator>(), provider.GetRequiredService<SyntheticYearGenerator>());
        var options = new FleetSamplerOptions { EvCount = 20, Seed = 3 };
        var resolved = provider.GetRequiredService<FleetSampler>().Sample(options).Fleet;
        var constructed = new FleetSampler().Sample(options).Fleet;
        Assert.Equal(Enumerable.Range(0, 20).Select(i => constructed[i].ArrivalHour), Enumerable.Range(0, 20).Select(i => resolved[i].ArrivalHour));
        var year = provider.GetRequiredService<SyntheticYearGenerator>().Generate(new SyntheticYearOptions { Seed = 2 });
        Assert.Equal(365, year.Days);
    }
}
