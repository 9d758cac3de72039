using System.Text.Json;
using EvGrid.Optimization.Cli;
using EvGrid.Optimization.Fleet;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public class FleetCommandTests
{
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
    public void Json_evs_are_the_library_sampler_fleet_for_the_same_seed()
    {
        // The CLI must print the FleetSampler's fleet, not merely an internally consistent one.
        var (code, output, _) = Run("fleet", "--evs", "900", "--seed", "3", "--format", "json", "--buses", "4");
        Assert.Equal(0, code);
        var sample = new FleetSampler().Sample(new FleetSamplerOptions { EvCount = 900, Seed = 3, BusCount = 4, Mix = FleetMix.Seed002 });
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var evs = root.GetProperty("evs");
        Assert.Equal(sample.CappedTargetIds, root.GetProperty("cappedTargetIds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(sample.ClampedArrivalIds, root.GetProperty("clampedArrivalIds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.NotEmpty(sample.ClampedArrivalIds);

        // First, last, one of each type boundary, and a clamped EV.
        int[] picks = [0, 11, 12, 39, 40, 158, 159, 500, 899, sample.ClampedArrivalIds[0]];
        foreach (var i in picks)
        {
            var want = sample.Fleet[i];
            var got = evs[i];
            Assert.Equal(want.Id, got.GetProperty("id").GetInt32());
            Assert.Equal(want.ArrivalHour, got.GetProperty("arrivalH").GetDouble());
            Assert.Equal(want.DepartureHour, got.GetProperty("departureH").GetDouble());
            Assert.Equal(want.SocArrival, got.GetProperty("socArrival").GetDouble());
            Assert.Equal(want.SocDepartureMin, got.GetProperty("socMinDeparture").GetDouble());
            Assert.Equal(want.EnergyNeedKwh, got.GetProperty("energyNeedKwh").GetDouble());
            Assert.Equal(want.DistanceKm, got.GetProperty("distanceKm").GetDouble());
            Assert.Equal(want.Bus, got.GetProperty("bus").GetInt32());
            Assert.Equal(want.V2g, got.GetProperty("v2g").GetBoolean());
        }

        // Type blocks follow the apportioned counts 12 / 28 / 119 / 741.
        Assert.Equal("bus", evs[11].GetProperty("type").GetString());
        Assert.Equal("taxi", evs[12].GetProperty("type").GetString());
        Assert.Equal("privateCar", evs[159].GetProperty("type").GetString());
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
