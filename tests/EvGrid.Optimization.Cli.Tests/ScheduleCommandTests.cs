using System.Text.Json;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>
/// <c>evgrid schedule</c> end to end: every EV of every reported schedule is re-checked from the JSON alone by an
/// independent SOC walk (seed 000 eqs. (15)–(17)), and the reported figures are re-computed from the curves.
/// </summary>
public class ScheduleCommandTests
{
    // A reduced study (300 EVs per region, 30 iterations) keeps the test short; the paper-settings run is covered
    // by the Planning tests.
    private static readonly Lazy<JsonDocument> Study = new(() =>
    {
        var (code, output, error) = Run("schedule", "--evs", "300", "--iterations", "30", "--format", "json", "--quiet");
        Assert.True(code == 0, error);
        return JsonDocument.Parse(output);
    });

    [Fact]
    public void EveryEvOfEveryReportedScheduleKeepsItsSocBoundsAndLeavesWithItsMinimumSoc()
    {
        var regions = Study.Value.RootElement.GetProperty("regions");
        Assert.Equal(["residential", "commercial", "station"], regions.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var checkedEvs = 0;
        foreach (var region in regions.EnumerateArray())
        {
            var dt = region.GetProperty("slotHours").GetDouble();
            var slots = region.GetProperty("baseKw").GetArrayLength();
            foreach (var mode in new[] { "disordered", "optimized", "exact" })
            {
                foreach (var ev in region.GetProperty(mode).GetProperty("evs").EnumerateArray())
                {
                    CheckEv(ev, slots, dt, $"{region.GetProperty("name").GetString()}/{mode}");
                    checkedEvs++;
                }
            }
        }

        Assert.Equal(3 * 3 * 300, checkedEvs);
    }

    [Fact]
    public void ReportedFiguresAgreeWithTheReportedCurves()
    {
        foreach (var region in Study.Value.RootElement.GetProperty("regions").EnumerateArray())
        {
            var baseKw = region.GetProperty("baseKw").EnumerateArray().Select(v => v.GetDouble()).ToArray();
            foreach (var mode in new[] { "disordered", "optimized", "exact" })
            {
                var s = region.GetProperty(mode);
                var evs = s.GetProperty("evs").EnumerateArray().Select(e => e.GetProperty("kw").EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToList();
                var total = baseKw.Select((b, t) => b + evs.Sum(row => row[t])).ToArray();
                var mean = total.Average();
                var f1 = total.Sum(p => (p - mean) * (p - mean));
                // Sums of up to 300 × 24 values printed with round-trip precision: agreement to 1e-9 relative.
                Assert.Equal(total.Max() - total.Min(), s.GetProperty("peakValleyKw").GetDouble(), 1e-6);
                Assert.Equal(1.0, s.GetProperty("f1").GetDouble() / f1, 1e-9);
                Assert.Equal(Math.Sqrt(f1 / total.Length), s.GetProperty("loadStdKw").GetDouble(), 1e-6);
                Assert.Equal(3, s.GetProperty("maxVoltageOffsetPct").GetArrayLength());
                Assert.True(s.GetProperty("powerFlowConverged").GetBoolean());
            }

            // The exact f1 optimum is the lower bound no schedule of the same fleet goes below.
            var exact = region.GetProperty("exact").GetProperty("f1").GetDouble();
            Assert.True(region.GetProperty("optimized").GetProperty("f1").GetDouble() >= exact * (1 - 1e-6));
            Assert.True(region.GetProperty("disordered").GetProperty("f1").GetDouble() >= exact * (1 - 1e-6));
            // Allowing discharge can only help the minimum of f1; the charge-only optimum carries no per-EV schedules.
            var chargeOnly = region.GetProperty("exactChargeOnly");
            Assert.True(chargeOnly.GetProperty("f1").GetDouble() >= exact * (1 - 1e-9));
            Assert.False(chargeOnly.TryGetProperty("evs", out _));
            Assert.InRange(region.GetProperty("simultaneity").GetDouble(), 0.0, 1.0);
        }
    }

    [Fact]
    public void OutWritesThePicturesFrontsAndSummaryAndSaysWhere()
    {
        var dir = Path.Combine(Path.GetTempPath(), "evgrid-schedule-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (code, output, error) = Run("schedule", "--region", "Residential", "--evs", "100", "--iterations", "5", "--out", dir);
            Assert.True(code == 0, error);
            Assert.Contains("peak-valley difference (kW)", output, StringComparison.Ordinal);
            Assert.Contains(Path.GetFullPath(dir), error, StringComparison.Ordinal);
            foreach (var f in new[] { "summary.json", "residential-pareto.csv", "residential-pareto.svg", "residential-load.svg", "residential-voltage.svg" })
            {
                Assert.True(File.Exists(Path.Combine(dir, f)), f);
            }

            var csv = File.ReadAllLines(Path.Combine(dir, "residential-pareto.csv"));
            Assert.Equal("f1_kw2,f2_kw,f3_pu,voltage_violation_pu,capacity_violation_kw,compromise", csv[0]);
            Assert.Equal(1, csv.Skip(1).Count(l => l.EndsWith(",1", StringComparison.Ordinal)));
            Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "residential-load.svg")), StringComparison.Ordinal);
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
    [InlineData("--region", "harbour")]
    [InlineData("--optimizer", "nope")]
    [InlineData("--swarm", "1")]
    [InlineData("--iterations", "0")]
    [InlineData("--evs", "0")]
    [InlineData("--optimizer", "pso")]
    [InlineData("--out", "/proc/evgrid-cannot-create")]
    public void BadInputEndsWithExitOneAndOneLine(string option, string value)
    {
        var (code, output, error) = Run("schedule", option, value, "--quiet");
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("error:", error, StringComparison.Ordinal);
        Assert.Contains(option, error, StringComparison.Ordinal); // the message speaks the CLI's words
    }

    private static void CheckEv(JsonElement ev, int slots, double dt, string where)
    {
        var id = ev.GetProperty("id").GetInt32();
        var first = ev.GetProperty("arrivalSlot").GetInt32();
        var last = ev.GetProperty("departureSlot").GetInt32();
        var count = ((last - first) % slots + slots) % slots;
        count = count == 0 ? slots : count;
        var e = ev.GetProperty("batteryKwh").GetDouble();
        var soc = ev.GetProperty("socArrival").GetDouble();
        var socMin = ev.GetProperty("socMin").GetDouble();
        var socMax = ev.GetProperty("socMax").GetDouble();
        var etaC = ev.GetProperty("etaCharge").GetDouble();
        var etaD = ev.GetProperty("etaDischarge").GetDouble();
        var pc = ev.GetProperty("chargeKw").GetDouble();
        var pd = ev.GetProperty("dischargeKw").GetDouble();
        var kw = ev.GetProperty("kw").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(slots, kw.Length);
        const double tol = 1e-9; // the library's own check tolerance (ScheduleChecker.Tolerance)
        var plugged = new bool[slots];
        for (var k = 0; k < count; k++)
        {
            var s = (first + k) % slots;
            plugged[s] = true;
            var p = kw[s];
            Assert.True(p <= pc + tol && -p <= pd + tol, $"{where}: EV {id} slot {s}: {p} kW outside [-{pd}, {pc}]");
            soc += (p >= 0 ? p * etaC : p / etaD) * dt / e;
            Assert.True(soc >= socMin - tol && soc <= socMax + tol, $"{where}: EV {id} slot {s}: SOC {soc} outside [{socMin}, {socMax}]");
        }

        for (var s = 0; s < slots; s++)
        {
            Assert.True(plugged[s] || kw[s] == 0, $"{where}: EV {id} draws {kw[s]} kW at slot {s} while not plugged in");
        }

        Assert.True(soc >= ev.GetProperty("socMinDeparture").GetDouble() - tol, $"{where}: EV {id} leaves with SOC {soc}");
    }
}
