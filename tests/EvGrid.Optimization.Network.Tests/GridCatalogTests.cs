using EvGrid.Optimization.Network.ThreePhase;
using EvGrid.Optimization.Tests.Shared;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

public sealed class GridCatalogTests
{
    [Fact]
    public void Names_list_the_balanced_then_the_three_phase_feeders()
    {
        Assert.Equal(new[] { "ieee33", "pge69", "ieee13", "ieee34", "ieee34-mod" }, GridCatalog.Names);
        Assert.Equal(FeederCatalog.Names, GridCatalog.BalancedNames);
        Assert.Equal(ThreePhaseFeeders.Names, GridCatalog.ThreePhaseNames);
    }

    [Theory]
    [InlineData("ieee33", "ieee33", 33)]
    [InlineData("IEEE33", "ieee33", 33)]
    [InlineData(" Pge69 ", "pge69", 69)]
    public void Balanced_names_resolve_case_insensitively_to_the_catalog_network(string given, string canonical, int buses)
    {
        var grid = Assert.IsType<BalancedGrid>(GridCatalog.Resolve(given));
        Assert.Equal(canonical, grid.Name);
        Assert.False(grid.IsThreePhase);
        Assert.False(GridCatalog.IsThreePhase(given));
        Assert.Same(FeederCatalog.Get(canonical), grid.Network);
        Assert.Equal(buses, grid.Network.BusCount);
    }

    [Theory]
    [InlineData("ieee13", "ieee13")]
    [InlineData("IEEE13", "ieee13")]
    [InlineData("Ieee34", "ieee34")]
    [InlineData(" IEEE34-MOD ", "ieee34-mod")]
    public void Three_phase_names_resolve_case_insensitively_to_the_catalog_feeder(string given, string canonical)
    {
        var grid = Assert.IsType<ThreePhaseGrid>(GridCatalog.Resolve(given));
        Assert.Equal(canonical, grid.Name);
        Assert.True(grid.IsThreePhase);
        Assert.True(GridCatalog.IsThreePhase(given));
        Assert.Equal(canonical, grid.Feeder.Name);
        Assert.Equal(ThreePhaseFeeders.Get(canonical).NodeIds, grid.Feeder.NodeIds);
    }

    [Fact]
    public void Every_listed_name_resolves_in_upper_case_to_its_own_kind()
    {
        foreach (var name in GridCatalog.Names)
        {
            var grid = GridCatalog.Resolve(name.ToUpperInvariant());
            Assert.Equal(name, grid.Name);
            Assert.Equal(GridCatalog.ThreePhaseNames.Contains(name), grid.IsThreePhase);
        }
    }

    [Fact]
    public void A_matpower_path_resolves_to_a_balanced_network_named_by_its_path()
    {
        var path = SharedData.Path("matpower", "case141.m");
        var grid = Assert.IsType<BalancedGrid>(GridCatalog.Resolve(path));
        Assert.Equal(path, grid.Name);
        Assert.False(GridCatalog.IsThreePhase(path));
        Assert.Equal(141, grid.Network.BusCount);
        Assert.Equal(11944.6, grid.Network.TotalLoadKw, 0.1); // total of the data folder's README, printed to 0.1 kW
    }

    [Theory]
    [InlineData("no-such-case")]
    [InlineData("ieee34mod")]
    [InlineData("")]
    public void An_unknown_name_is_named_and_the_valid_names_are_listed(string given)
    {
        var ex = Assert.Throws<ArgumentException>(() => GridCatalog.Resolve(given));
        Assert.Equal("nameOrPath", ex.ParamName);
        Assert.Contains($"unknown grid '{given}'", ex.Message, StringComparison.Ordinal);
        foreach (var name in GridCatalog.Names)
        {
            Assert.Contains(name, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_null_name_is_rejected() =>
        Assert.Throws<ArgumentNullException>(() => GridCatalog.Resolve(null!));
}
