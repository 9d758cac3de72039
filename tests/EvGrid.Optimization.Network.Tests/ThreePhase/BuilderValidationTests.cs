using System.Numerics;
using EvGrid.Optimization.Network.ThreePhase;
using Xunit;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

public sealed class BuilderValidationTests
{
    internal static LineConfiguration Config3(string name = "c3") => LineConfiguration.FromRxb(
        name, PhaseSet.ABC,
        [0.3, 0.1, 0.1, 0.1, 0.3, 0.1, 0.1, 0.1, 0.3],
        [1.0, 0.5, 0.4, 0.5, 1.0, 0.4, 0.4, 0.4, 1.0],
        [6, -2, -1, -2, 6, -1, -1, -1, 6]);

    internal static ThreePhaseFeederBuilder Simple() => new ThreePhaseFeederBuilder("t")
        .WithSource(new ThreePhaseSource("S", 12.47, 1.0, [0, -120, 120]))
        .AddConfiguration(Config3())
        .AddConfiguration(LineConfiguration.FromRxb("c1", PhaseSet.C, [0, 0, 0, 0, 0, 0, 0, 0, 1.3], [0, 0, 0, 0, 0, 0, 0, 0, 1.3], [0, 0, 0, 0, 0, 0, 0, 0, 4.5]))
        .AddLine(new LineSegment("S", "1", 2000, "c3"))
        .AddLine(new LineSegment("1", "2", 1000, "c1"));

    [Fact]
    public void A_valid_feeder_builds_with_phases_from_its_segments()
    {
        var f = Simple().Build();
        Assert.Equal(PhaseSet.ABC, f.NodePhases[f.IndexOf("1")]);
        Assert.Equal(PhaseSet.C, f.NodePhases[f.IndexOf("2")]);
        Assert.Equal(12470 / Math.Sqrt(3), f.NodeBaseVoltsLineToNeutral[f.IndexOf("2")], 6);
    }

    /// <summary>Builds, expecting a <see cref="NetworkValidationException"/> on <paramref name="element"/> whose message mentions every string.</summary>
    internal static NetworkValidationException Fails(ThreePhaseFeederBuilder builder, string element, params string[] mentions)
    {
        var ex = Assert.Throws<NetworkValidationException>(() => builder.Build());
        Assert.Equal(element, ex.Element);
        Assert.StartsWith(element + ": ", ex.Message, StringComparison.Ordinal);
        foreach (var m in mentions)
        {
            Assert.Contains(m, ex.Message, StringComparison.Ordinal);
        }

        return ex;
    }

    [Fact]
    public void A_phase_used_downstream_that_the_upstream_segment_lacks_is_rejected() =>
        Fails(Simple().AddLine(new LineSegment("2", "3", 100, "c3")), "line 2-3", "uses phase(s) ABC", "upstream bus '2' has only C");

    [Fact]
    public void A_singular_impedance_matrix_is_rejected()
    {
        var b = Simple().AddConfiguration(LineConfiguration.FromRxb("sing", PhaseSet.AB, [1, 1, 0, 1, 1, 0, 0, 0, 0], [1, 1, 0, 1, 1, 0, 0, 0, 0], new double[9]))
            .AddLine(new LineSegment("1", "4", 100, "sing"));
        Fails(b, "line 1-4", "phases AB is singular");
    }

    [Fact]
    public void A_regulator_on_a_missing_phase_is_rejected() =>
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "2", "R2", PhaseSet.AB, [0, 0, 0], null)), "regulator R", "uses phase(s) AB", "upstream bus '2' has only C");

    [Fact]
    public void Loads_on_missing_phases_unknown_buses_and_bad_taps_are_rejected()
    {
        Fails(Simple().AddSpotLoad(new SpotLoad("2", LoadModel.Parse("Y-PQ"), [10, 0, 0], [5, 0, 0])), "load Y-PQ at bus 2", "phase A (10 kW, 5 kVAr) is not present", "has C");
        Fails(Simple().AddSpotLoad(new SpotLoad("2", LoadModel.Parse("D-Z"), [0, 10, 0], [0, 5, 0])), "load D-Z at bus 2", "delta branch BC (10 kW, 5 kVAr)");
        Fails(Simple().AddSpotLoad(new SpotLoad("9", LoadModel.Parse("Y-PQ"), [10, 0, 0], [5, 0, 0])), "load Y-PQ at bus 9", "no such bus '9'");
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "1", "R1", PhaseSet.ABC, [0, 17, 0], null)), "regulator R", "tap 17 on phase B", "outside ±16");
        Fails(Simple().AddLine(new LineSegment("1", "5", 10, "nope")), "line 1-5", "unknown configuration 'nope'");
        Fails(Simple().AddLine(new LineSegment("1", "5", -1, "c3")), "line 1-5", "length must be finite and > 0 ft (was -1)");
        Fails(Simple().AddDistributedLoad(new DistributedLoad("1", "7", LoadModel.Parse("Y-PQ"), [1, 1, 1], [0, 0, 0])), "distributed load Y-PQ on 1-7", "no line segment joins buses '1' and '7'");
    }

    [Fact]
    public void Loops_and_islands_are_rejected()
    {
        // The sweep reaches bus 2 through the new line S-2 first, so the old line 1-2 is the one that closes the loop.
        Fails(Simple().AddLine(new LineSegment("S", "2", 10, "c1")), "line 1-2", "closes a loop at bus '2'");
        Fails(Simple().AddLine(new LineSegment("8", "9", 10, "c3")), "bus 8", "not connected to the source 'S'", "line 8-9");
        Fails(new ThreePhaseFeederBuilder("x"), "feeder 'x'", "no source");
    }

    [Fact]
    public void Configuration_matrices_with_entries_on_absent_phases_are_rejected()
    {
        var ex = Assert.Throws<NetworkValidationException>(() => LineConfiguration.FromRxb("bad", PhaseSet.A, [1, 1, 0, 0, 0, 0, 0, 0, 0], new double[9], new double[9]));
        Assert.Equal("configuration bad", ex.Element);
        Assert.Contains("entry (A,B) is non-zero (z <1; 0> Ω/mile", ex.Message, StringComparison.Ordinal);
        Assert.Contains("the phase is absent from A", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Y-PQ", LoadConnection.Wye, LoadType.ConstantPower)]
    [InlineData("y-i", LoadConnection.Wye, LoadType.ConstantCurrent)]
    [InlineData("Y-Z", LoadConnection.Wye, LoadType.ConstantImpedance)]
    [InlineData("D-PQ", LoadConnection.Delta, LoadType.ConstantPower)]
    [InlineData("D-I", LoadConnection.Delta, LoadType.ConstantCurrent)]
    [InlineData("D-Z", LoadConnection.Delta, LoadType.ConstantImpedance)]
    public void The_six_IEEE_load_codes_parse(string code, LoadConnection conn, LoadType type)
    {
        var m = LoadModel.Parse(code);
        Assert.Equal(new LoadModel(conn, type), m);
        Assert.Equal(code.ToUpperInvariant(), m.ToString());
    }

    [Fact]
    public void Unknown_load_codes_fail_with_format_exception() =>
        Assert.Throws<FormatException>(() => LoadModel.Parse("X-PQ"));

    [Fact]
    public void Delta_grounded_wye_transformer_steps_down_with_a_30_degree_lag()
    {
        var f = new ThreePhaseFeederBuilder("dy")
            .WithSource(new ThreePhaseSource("H", 69, 1.0, [0, -120, 120]))
            .AddTransformer(new ThreePhaseTransformer("T", "H", "L", TransformerConnection.DeltaGroundedWye, 2500, 69, 24.9, 1, 8))
            .Build();
        var r = ThreePhaseSweepSolver.Solve(f);
        Assert.True(r.Converged);
        for (var p = 0; p < 3; p++)
        {
            var v = r.Voltage("L", PhaseSets.Letter(p));
            Assert.Equal(1.0, v.VmPu, 9);
            Assert.Equal(new[] { -30.0, -150.0, 90.0 }[p], v.VaDeg, 9);
        }
    }

    [Fact]
    public void Delta_grounded_wye_transformer_under_load_conserves_power()
    {
        var f = new ThreePhaseFeederBuilder("dy")
            .WithSource(new ThreePhaseSource("H", 69, 1.0, [0, -120, 120]))
            .AddTransformer(new ThreePhaseTransformer("T", "H", "L", TransformerConnection.DeltaGroundedWye, 2500, 69, 24.9, 1, 8))
            .AddSpotLoad(new SpotLoad("L", LoadModel.Parse("Y-PQ"), [600, 300, 500], [200, 100, 300]))
            .Build();
        var r = ThreePhaseSweepSolver.Solve(f);
        Assert.True(r.Converged);
        Assert.Equal(1400 + r.TotalLossKw, r.TotalInputKw, 1e-4);
        Assert.Equal(600 + r.TotalLossKvar, r.TotalInputKvar, 1e-4);
        Assert.InRange(r.TotalLossKw, 1.0, 20.0);
    }
}
