using System.Globalization;
using System.Text.Json;
using EvGrid.Optimization.Cli;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public class ScenariosCommandTests
{
    [Fact]
    public void Synthetic_year_gives_typical_days_whose_probabilities_sum_to_one()
    {
        var (code, output, error) = Run("scenarios", "--seed", "2", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var days = doc.RootElement.GetProperty("typicalDays");
        Assert.Equal(doc.RootElement.GetProperty("clusterCount").GetInt32(), days.GetArrayLength());
        Assert.Equal(1.0, days.EnumerateArray().Sum(d => d.GetProperty("probability").GetDouble()), 12);
        Assert.Equal(365, days.EnumerateArray().Sum(d => d.GetProperty("days").GetInt32()));
        Assert.All(days.EnumerateArray(), d => Assert.Equal(24, d.GetProperty("windMps").GetArrayLength()));

        // The chosen count has the largest pseudo-F.
        var pf = doc.RootElement.GetProperty("pseudoF").EnumerateObject().ToDictionary(p => int.Parse(p.Name, CultureInfo.InvariantCulture), p => p.Value.GetDouble());
        Assert.Equal(pf.MaxBy(p => p.Value).Key, days.GetArrayLength());
    }

    [Fact]
    public void Csv_year_and_fixed_cluster_count()
    {
        var path = Path.Combine(Path.GetTempPath(), "evgrid-year-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            using (var w = new StreamWriter(path))
            {
                w.WriteLine("timestamp,wind_m_s,irradiance_kw_m2,load");
                for (var h = 0; h < 24 * 20; h++)
                {
                    var d = h / 24;
                    w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"t{h},{(d % 2 == 0 ? 4.0 : 10.0) + 0.01 * (h % 24)},{(h % 24 is > 6 and < 18 ? 0.5 : 0)},{(d % 2 == 0 ? 300 : 500)}"));
                }
            }

            var (code, output, _) = Run("scenarios", "--year", path, "--clusters", "2");
            Assert.Equal(0, code);
            Assert.Contains("2 clusters", output, StringComparison.Ordinal);
            Assert.Contains("0.5000", output, StringComparison.Ordinal);

            File.AppendAllText(path, "bad,row\n");
            var bad = Run("scenarios", "--year", path);
            Assert.Equal(1, bad.Code);
            Assert.StartsWith("error: Weather CSV line", bad.Err, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }

        var missing = Run("scenarios", "--year", path);
        Assert.Equal(1, missing.Code);
        Assert.StartsWith($"error: --year: no file '{path}'", missing.Err, StringComparison.Ordinal);
    }
}
