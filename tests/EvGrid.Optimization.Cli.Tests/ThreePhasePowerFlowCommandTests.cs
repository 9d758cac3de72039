using System.Globalization;
using System.Text.Json;
using EvGrid.Optimization.Cli;
using EvGrid.Optimization.Network.ThreePhase;
using EvGrid.Optimization.Tests.Shared;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public sealed class ThreePhasePowerFlowCommandTests
{
    [Fact]
    public void Json_for_ieee13_has_one_entry_per_node_and_phase_matching_the_published_voltages()
    {
        var (code, stdout, stderr) = Run("powerflow", "ieee13", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (var key in new[] { "case", "solver", "converged", "iterations", "maxMismatchPu", "lossesKw", "lossesKvar", "lossesKwPerPhase", "lossesKvarPerPhase", "regulatorTaps", "buses" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(111.063, root.GetProperty("lossesKw").GetDouble(), 0.001 * 111.063); // observed 0.076 %, see Ieee13ValidationTests
        // Per-phase losses: the library's values (the command is a thin shell), and the published per-phase figures
        // within the tolerance the library's validation holds (0.08 kW, see docs/validation.md).
        var library = ThreePhaseSweepSolver.Solve(ThreePhaseFeeders.Ieee13());
        double[] publishedLossKw = [39.107, -4.697, 76.653];
        for (var p = 0; p < 3; p++)
        {
            var kw = root.GetProperty("lossesKwPerPhase").GetProperty("ABC"[p].ToString()).GetDouble();
            Assert.Equal(library.LossKwPerPhase[p], kw, 1e-9);
            Assert.Equal(publishedLossKw[p], kw, 0.08);
        }

        Assert.Equal(library.MaxPowerMismatchPu, root.GetProperty("maxMismatchPu").GetDouble(), 1e-15);
        Assert.True(root.GetProperty("maxMismatchPu").GetDouble() < 1e-6);
        Assert.Equal(library.Status.MaxChangePu, root.GetProperty("maxVoltageChangePu").GetDouble(), 1e-15);
        var taps = root.GetProperty("regulatorTaps").EnumerateArray().Select(t => t.GetProperty("tap").GetInt32()).ToArray();
        Assert.Equal([10, 8, 11], taps);

        var buses = root.GetProperty("buses").EnumerateArray()
            .ToDictionary(b => (b.GetProperty("id").GetString()!, b.GetProperty("phase").GetString()!), b => (b.GetProperty("vmPu").GetDouble(), b.GetProperty("vaDeg").GetDouble()));
        var published = File.ReadAllLines(SharedData.Path("ieee13", "published_results", "published_voltages.csv")).Skip(1)
            .Select(l => l.Split(',')).Where(f => f[0] != "XFXFM1").ToList();
        Assert.Equal(published.Count, buses.Count);
        foreach (var f in published)
        {
            var (vm, va) = buses[(f[0], f[1])];
            Assert.Equal(double.Parse(f[2], CultureInfo.InvariantCulture), vm, 0.0005);
            Assert.Equal(double.Parse(f[3], CultureInfo.InvariantCulture), va, 0.05);
        }
    }

    [Fact]
    public void Regulator_control_on_ieee34_reports_the_taps_it_settles_on()
    {
        var (code, stdout, _) = Run("powerflow", "ieee34", "--format", "json", "--regulator-control");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("regulatorControl").GetBoolean());
        Assert.True(root.GetProperty("tapsSettled").GetBoolean());
        var taps = root.GetProperty("regulatorTaps").EnumerateArray().ToList();
        Assert.Equal(6, taps.Count);
        var feeder = ThreePhaseFeeders.Ieee34();
        foreach (var t in taps)
        {
            var control = feeder.Regulators.Single(r => r.Name == t.GetProperty("regulator").GetString()).Control!;
            var p = "ABC".IndexOf(t.GetProperty("phase").GetString()!, StringComparison.Ordinal);
            var half = control.BandwidthVolts / 2;
            Assert.InRange(t.GetProperty("relayVolts").GetDouble(), control.VoltageLevel[p] - half, control.VoltageLevel[p] + half);
            Assert.Equal(control.VoltageLevel[p] - half, t.GetProperty("bandLowVolts").GetDouble(), 12);
            Assert.Equal(control.VoltageLevel[p] + half, t.GetProperty("bandHighVolts").GetDouble(), 12);
            Assert.True(t.GetProperty("inBand").GetBoolean());
        }

        Assert.True(root.GetProperty("maxMismatchPu").GetDouble() < 1e-6);
        var locked = Run("powerflow", "ieee34", "--format", "json");
        using var lockedDoc = JsonDocument.Parse(locked.Out);
        Assert.Equal([12, 5, 5, 13, 11, 12], lockedDoc.RootElement.GetProperty("regulatorTaps").EnumerateArray().Select(t => t.GetProperty("tap").GetInt32()));
    }

    [Fact]
    public void Csv_and_table_list_every_node_phase()
    {
        var (code, stdout, _) = Run("powerflow", "ieee34", "--format", "csv");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("bus,phase,vmPu,vaDeg", lines[0].Trim());
        Assert.Contains(lines, l => l.StartsWith("890,C,", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains('@', StringComparison.Ordinal));

        var table = Run("powerflow", "ieee34-mod");
        Assert.Equal(0, table.Code);
        Assert.Contains("848-EVCS", table.Out, StringComparison.Ordinal);
        Assert.Contains("three-phase-sweep", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_gives_exit_code_1_and_one_line_on_stderr()
    {
        var (code, _, err) = Run("powerflow", "ieee33", "--regulator-control");
        Assert.Equal(1, code);
        Assert.StartsWith("error: --regulator-control", err, StringComparison.Ordinal);
        var newton = Run("powerflow", "ieee13", "--solver", "newton");
        Assert.Equal(1, newton.Code);
        Assert.Contains("three-phase sweep", newton.Err, StringComparison.Ordinal);
        var format = Run("powerflow", "ieee13", "--format", "xml");
        Assert.Equal(1, format.Code);
    }

    [Fact]
    public void Non_convergence_is_reported_with_exit_code_2()
    {
        var (code, stdout, err) = Run("powerflow", "ieee34", "--format", "json", "--max-iterations", "2");
        Assert.Equal(CliApp.NotConverged, code);
        Assert.Contains("did not converge", err, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("maxMismatchPu").GetDouble() > 1e-4);
        Assert.True(doc.RootElement.GetProperty("maxVoltageChangePu").GetDouble() > 1e-4);
        Assert.Contains("largest mismatch", err, StringComparison.Ordinal);
    }
}
