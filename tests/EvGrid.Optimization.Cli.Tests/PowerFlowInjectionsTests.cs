using System.Text.Json;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.ThreePhase;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary><c>evgrid powerflow &lt;case&gt; --injections FILE.csv</c> end to end.</summary>
public sealed class PowerFlowInjectionsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("evgrid-injections-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string text)
    {
        var path = Path.Combine(_dir, $"inj{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Five_hundred_kw_at_bus_18_of_ieee33_lowers_its_voltage_to_the_api_value_and_is_echoed()
    {
        var (code, stdout, stderr) = Run("powerflow", "ieee33", "--format", "json", "--injections", Csv("bus,kw\n18,500\n"));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var vm18 = root.GetProperty("buses")[17].GetProperty("vmPu").GetDouble();

        // Base case 0.913090 pu at bus 18 (published); 500 kW more there pulls it further down.
        Assert.True(vm18 < 0.913090 - 0.01, $"bus 18 at {vm18} pu");
        var direct = new BackwardForwardSweepSolver().Solve(FeederCatalog.Ieee33().ToBuilder().AddLoad(new Load(18, 500, 0)).Build());
        Assert.Equal(direct.VoltageMagnitudesPu[17], vm18, 1e-12);
        Assert.Equal(direct.LossesKw, root.GetProperty("lossesKw").GetDouble(), 1e-9);
        var echo = root.GetProperty("injections");
        Assert.Equal(1, echo.GetArrayLength());
        Assert.Equal("18", echo[0].GetProperty("bus").GetString());
        Assert.Equal(500, echo[0].GetProperty("kw").GetDouble());
        Assert.Equal(0, echo[0].GetProperty("kvar").GetDouble());

        // Without --injections the JSON has no injections key (output unchanged).
        var (_, plain, _) = Run("powerflow", "ieee33", "--format", "json");
        using var plainDoc = JsonDocument.Parse(plain);
        Assert.False(plainDoc.RootElement.TryGetProperty("injections", out _));
    }

    [Fact]
    public void A_negative_injection_on_ieee34_mod_raises_the_node_voltage_to_the_api_value()
    {
        var (code, stdout, stderr) = Run("powerflow", "ieee34-mod", "--format", "json", "--injections", Csv("node,phases,kw,kvar\n848-EVCS,ABC,-300,-60\n"));
        Assert.Equal(0, code);
        Assert.Equal(string.Empty, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        var a = root.GetProperty("buses").EnumerateArray().Single(b => b.GetProperty("id").GetString() == "848-EVCS" && b.GetProperty("phase").GetString() == "A").GetProperty("vmPu").GetDouble();

        var feeder = ThreePhaseFeeders.Get("ieee34-mod");
        var ws = feeder.CreateWorkspace();
        var baseline = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default));
        for (var p = 0; p < 3; p++)
        {
            ws.AddExtraDemand(feeder.IndexOf("848-EVCS"), p, -100, -20);
        }

        var direct = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default));
        var expected = direct.Voltages.Single(v => v.Bus == "848-EVCS" && v.Phase == "A").VmPu;
        var before = baseline.Voltages.Single(v => v.Bus == "848-EVCS" && v.Phase == "A").VmPu;

        // Same solve in and out of the CLI; 1e-9 pu covers the JSON round trip of the double only.
        Assert.Equal(expected, a, 1e-9);
        Assert.True(a > before, $"{a} vs base {before}");
        var echo = root.GetProperty("injections")[0];
        Assert.Equal("848-EVCS", echo.GetProperty("node").GetString());
        Assert.Equal("ABC", echo.GetProperty("phases").GetString());
        Assert.Equal(-60, echo.GetProperty("kvar").GetDouble());
    }

    [Theory]
    [InlineData("ieee33", "bus,kw\n99,10\n", "bus '99' is not in network")]
    [InlineData("ieee33", "bus,kw\n1,10\n", "bus 1 is the slack bus")]
    [InlineData("ieee33", "bus,kw\n18,lots\n", "line 2: kw 'lots' is not a finite number")]
    [InlineData("ieee33", "where,kw\n18,1\n", "needs a 'bus' or 'node' column")]
    [InlineData("ieee33", "bus,kw\n18,1,2\n", "line 2: 3 fields, the header has 2")]
    [InlineData("ieee34-mod", "node,phases,kw\n822-COM,C,10\n", "phase C is absent at node '822-COM'")]
    [InlineData("ieee34-mod", "node,kw\n800,10\n", "node '800' is the source bus")]
    public void A_bad_injections_file_exits_1_with_one_line_naming_the_problem(string feeder, string csv, string expected)
    {
        var (code, stdout, stderr) = Run("powerflow", feeder, "--format", "json", "--injections", Csv(csv));
        Assert.Equal(1, code);
        Assert.Equal(string.Empty, stdout);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_missing_injections_file_exits_1()
    {
        var (code, _, stderr) = Run("powerflow", "ieee33", "--injections", Path.Combine(_dir, "none.csv"));
        Assert.Equal(1, code);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }
}
