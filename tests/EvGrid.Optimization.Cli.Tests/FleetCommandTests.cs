using System.Text.Json;
using EvGrid.Optimization.Cli;
using Xunit;

namespace EvGrid.Optimization.Cli.Tests;

public class FleetCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Json_has_the_documented_shape_and_consistent_values()
    {
        var (code, output, error) = Run("fleet", "--evs", "900", "--seed", "3", "--format", "json", "--slot-minutes", "15");
        Assert.Equal(0, code);
        Assert.Equal("", error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(0.25, root.GetProperty("slotHours").GetDouble());
        var evs = root.GetProperty("evs");
        Assert.Equal(900, evs.GetArrayLength());
        Assert.Equal(96, root.GetProperty("uncontrolledKw").GetArrayLength());
        var fields = new[] { "id", "type", "arrivalH", "departureH", "batteryKwh", "socArrival", "socMinDeparture", "chargeKw", "dischargeKw", "etaCharge", "etaDischarge", "v2g", "energyNeedKwh" };
        var need = 0.0;
        var grid = 0.0;
        foreach (var ev in evs.EnumerateArray())
        {
            foreach (var f in fields)
            {
                Assert.True(ev.TryGetProperty(f, out _), $"missing {f}");
            }

            var e = Math.Max(0, (ev.GetProperty("socMinDeparture").GetDouble() - ev.GetProperty("socArrival").GetDouble()) * ev.GetProperty("batteryKwh").GetDouble());
            Assert.Equal(e, ev.GetProperty("energyNeedKwh").GetDouble(), 9);
            need += e;
            grid += e / ev.GetProperty("etaCharge").GetDouble();
        }

        Assert.Equal(741, evs.EnumerateArray().Count(ev => ev.GetProperty("type").GetString() == "privateCar"));
        // The uncontrolled profile delivers exactly the grid energy of every need: Σ P·Δt = Σ need/η_c.
        var energy = root.GetProperty("uncontrolledKw").EnumerateArray().Sum(v => v.GetDouble()) * 0.25;
        Assert.Equal(grid, energy, 6);
        Assert.True(need > 0);
    }

    [Fact]
    public void Same_seed_prints_the_same_fleet_and_table_reports_beta()
    {
        var a = Run("fleet", "--evs", "500", "--seed", "9", "--format", "csv");
        var b = Run("fleet", "--evs", "500", "--seed", "9", "--format", "csv");
        Assert.Equal(0, a.Code);
        Assert.Equal(a.Out, b.Out);
        Assert.Equal(501, a.Out.TrimEnd().Split('\n').Length);
        Assert.StartsWith("id,type,arrivalH,departureH", a.Out, StringComparison.Ordinal);

        var table = Run("fleet", "--evs", "10", "--mix", "private");
        Assert.Equal(0, table.Code);
        Assert.Contains("Simultaneity rate beta (seed 000 eq. 2):", table.Out, StringComparison.Ordinal);
        Assert.Contains("privateCar", table.Out, StringComparison.Ordinal);
        Assert.Contains("23:00-24:00", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_three_files()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evgrid-fleet-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, _, _) = Run("fleet", "--evs", "50", "--buses", "3", "--out", dir);
            Assert.Equal(0, code);
            Assert.True(File.Exists(Path.Combine(dir, "fleet.json")));
            Assert.Equal(51, File.ReadAllLines(Path.Combine(dir, "evs.csv")).Length);
            var profile = File.ReadAllLines(Path.Combine(dir, "uncontrolled.csv"));
            Assert.Equal("slot,startH,totalKw,bus0Kw,bus1Kw,bus2Kw", profile[0]);
            Assert.Equal(25, profile.Length);
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Theory]
    [InlineData("--evs", "0")]
    [InlineData("--slot-minutes", "7")]
    [InlineData("--buses", "0")]
    public void Bad_input_gives_exit_code_1_and_a_one_line_error(string option, string value)
    {
        var (code, _, error) = Run("fleet", option, value);
        Assert.Equal(1, code);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public void Unknown_mix_is_rejected()
    {
        var (code, _, error) = Run("fleet", "--mix", "trucks");
        Assert.Equal(1, code);
        Assert.Contains("trucks", error, StringComparison.Ordinal);
    }
}
