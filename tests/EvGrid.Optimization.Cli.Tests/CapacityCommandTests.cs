using System.Text.Json;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public class CapacityCommandTests
{
    [Fact]
    public void Json_for_all_regions_carries_the_worked_values()
    {
        var (code, output, error) = Run("capacity", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var regions = doc.RootElement.GetProperty("regions");
        Assert.Equal(new[] { "residential", "commercial", "station" }, regions.EnumerateArray().Select(r => r.GetProperty("region").GetString()));
        var res = regions[0];
        // S_ev = 7 · 0.5 · 2000 · 0.6 / 0.95; S_R = 5760 / 0.68 (see CapacityModelTests).
        Assert.Equal(4421.0526, res.GetProperty("evPlanningKw").GetDouble(), 4);
        Assert.Equal(8470.5882, res.GetProperty("transformerKva").GetDouble(), 4);
        Assert.Equal(new[] { 12, 10 }, res.GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("units").GetInt32()));
        Assert.Equal(3.5e6, res.GetProperty("investmentSavedCny").GetDouble(), 3);
        Assert.Equal(new[] { 7, 6 }, regions[1].GetProperty("modes").EnumerateArray().Select(m => m.GetProperty("units").GetInt32()));
    }

    [Fact]
    public void Table_prints_each_equation_with_its_numbers()
    {
        var (code, output, error) = Run("capacity", "--region", "residential");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("N_EV / N_R = 1000 / 2000", output, StringComparison.Ordinal);
        Assert.Contains("P_EV·α·N_R·β/η = 7·0.5·2000·0.6/0.95", output, StringComparison.Ordinal);
        Assert.Contains("4421.05", output, StringComparison.Ordinal);
        Assert.Contains("8470.59", output, StringComparison.Ordinal);
        Assert.Contains("CNY 3.50 M saved", output, StringComparison.Ordinal);
        Assert.DoesNotContain("commercial", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_region_is_one_error_line_and_exit_code_one()
    {
        var (code, output, error) = Run("capacity", "--region", "industrial");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("industrial", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }
}
