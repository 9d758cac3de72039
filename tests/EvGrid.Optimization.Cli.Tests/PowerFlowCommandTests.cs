using System.Text.Json;
using EvGrid.Optimization.Cli;
using EvGrid.Optimization.Tests.Shared;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

public sealed class PowerFlowCommandTests
{
    [Fact]
    public void Json_for_ieee33_has_the_documented_keys_and_published_values()
    {
        var (code, stdout, stderr) = Run("powerflow", "ieee33", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        foreach (var key in new[] { "case", "solver", "converged", "iterations", "maxMismatchPu", "lossesKw", "lossesKvar", "minVoltagePu", "minVoltageBus", "buses" })
        {
            Assert.True(root.TryGetProperty(key, out _), $"missing key {key}");
        }

        Assert.Equal("ieee33", root.GetProperty("case").GetString());
        Assert.Equal("sweep", root.GetProperty("solver").GetString());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(202.677, root.GetProperty("lossesKw").GetDouble(), 0.001);
        Assert.Equal(18, root.GetProperty("minVoltageBus").GetInt32());
        Assert.Equal(0.913090, root.GetProperty("minVoltagePu").GetDouble(), 0.000001);
        var buses = root.GetProperty("buses");
        Assert.Equal(33, buses.GetArrayLength());
        Assert.Equal(1, buses[0].GetProperty("id").GetInt32());
        Assert.Equal(33, buses[32].GetProperty("id").GetInt32());
        Assert.Equal(0.913090, buses[17].GetProperty("vmPu").GetDouble(), 0.000001);
        Assert.True(buses[17].TryGetProperty("vaDeg", out _));
    }

    [Fact]
    public void Newton_on_pge69_reports_the_published_minimum()
    {
        var (code, stdout, _) = Run("powerflow", "pge69", "--solver", "newton", "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("newton", doc.RootElement.GetProperty("solver").GetString());
        Assert.Equal(65, doc.RootElement.GetProperty("minVoltageBus").GetInt32());
        Assert.Equal(224.992, doc.RootElement.GetProperty("lossesKw").GetDouble(), 0.001);
        Assert.Equal(69, doc.RootElement.GetProperty("buses").GetArrayLength());
    }

    [Fact]
    public void Table_is_the_default_format()
    {
        var (code, stdout, _) = Run("powerflow", "ieee33");
        Assert.Equal(0, code);
        Assert.Contains("202.677", stdout, StringComparison.Ordinal);
        Assert.Contains("0.913090 at bus 18", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_has_one_row_per_bus()
    {
        var (code, stdout, _) = Run("powerflow", "ieee33", "--format", "csv");
        Assert.Equal(0, code);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("bus,vmPu,vaDeg", lines[0]);
        Assert.Equal(34, lines.Length);
        Assert.StartsWith("18,0.91309", lines[18], StringComparison.Ordinal);
    }

    [Fact]
    public void A_matpower_path_is_accepted()
    {
        var (code, stdout, _) = Run("powerflow", SharedData.Path("matpower", "case141.m"), "--format", "json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(141, doc.RootElement.GetProperty("buses").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void An_unknown_case_lists_the_balanced_and_three_phase_feeders()
    {
        var (code, _, stderr) = Run(["powerflow", "no-such-case"]);
        Assert.Equal(1, code);
        foreach (var name in new[] { "ieee33", "pge69", "ieee13", "ieee34", "ieee34-mod" })
        {
            Assert.Contains(name, stderr, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("no-such-case", "no-such-case")]
    [InlineData("ieee33 --solver gauss", "gauss")]
    [InlineData("ieee33 --format xml", "xml")]
    [InlineData("ieee33 --tolerance -1", "--tolerance")]
    public void Bad_input_gives_exit_code_1_and_one_line_on_stderr(string args, string named)
    {
        var (code, _, stderr) = Run(["powerflow", .. args.Split(' ')]);
        Assert.Equal(1, code);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(named, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Non_convergence_is_reported_with_exit_code_2()
    {
        var (code, stdout, stderr) = Run("powerflow", "ieee33", "--max-iterations", "2", "--format", "json");
        Assert.Equal(CliApp.NotConverged, code);
        Assert.Contains("did not converge", stderr, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("converged").GetBoolean());
    }

    [Fact]
    public void A_meshed_feeder_file_is_rejected_by_the_sweep_and_solved_by_newton()
    {
        var path = Path.Combine(Path.GetTempPath(), $"evgrid-mesh-{Guid.NewGuid():N}.feeder");
        File.WriteAllText(path, """
            feeder triangle
            base-kva 1000
            bus 1 11 slack
            bus 2 11 load
            bus 3 11 load
            branch 1 2 0.5 0.4 ohm
            branch 2 3 0.5 0.4 ohm
            branch 3 1 0.8 0.6 ohm
            load 2 200 100
            load 3 300 120
            """);
        try
        {
            var (code, _, stderr) = Run("powerflow", path, "--solver", "sweep");
            Assert.Equal(1, code);
            Assert.Contains("branch 3 (3->1)", stderr, StringComparison.Ordinal);
            Assert.Contains("Newton", stderr, StringComparison.Ordinal);

            var (ok, stdout, _) = Run("powerflow", path, "--solver", "newton", "--format", "json");
            Assert.Equal(0, ok);
            using var doc = JsonDocument.Parse(stdout);
            Assert.True(doc.RootElement.GetProperty("converged").GetBoolean());
            Assert.Equal(3, doc.RootElement.GetProperty("buses").GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
