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

    [Fact]
    public void A_phase_used_downstream_that_the_upstream_segment_lacks_is_rejected()
    {
        var b = Simple().AddLine(new LineSegment("2", "3", 100, "c3"));
        var ex = Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Contains("'2-3'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("upstream bus '2' has only C", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_singular_impedance_matrix_is_rejected()
    {
        var b = Simple().AddConfiguration(LineConfiguration.FromRxb("sing", PhaseSet.AB, [1, 1, 0, 1, 1, 0, 0, 0, 0], [1, 1, 0, 1, 1, 0, 0, 0, 0], new double[9]))
            .AddLine(new LineSegment("1", "4", 100, "sing"));
        var ex = Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Contains("singular", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1-4", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_regulator_on_a_missing_phase_is_rejected()
    {
        var b = Simple().AddRegulator(new StepVoltageRegulator("R", "2", "R2", PhaseSet.AB, [0, 0, 0], null));
        var ex = Assert.Throws<InvalidOperationException>(() => b.Build());
        Assert.Contains("regulator 'R'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_on_missing_phases_unknown_buses_and_bad_taps_are_rejected()
    {
        Assert.Contains("phase A is not present", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddSpotLoad(new SpotLoad("2", LoadModel.Parse("Y-PQ"), [10, 0, 0], [5, 0, 0])).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("delta branch BC", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddSpotLoad(new SpotLoad("2", LoadModel.Parse("D-Z"), [0, 10, 0], [0, 5, 0])).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("no such bus", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddSpotLoad(new SpotLoad("9", LoadModel.Parse("Y-PQ"), [10, 0, 0], [5, 0, 0])).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("outside ±16", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddRegulator(new StepVoltageRegulator("R", "1", "R1", PhaseSet.ABC, [0, 17, 0], null)).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("unknown configuration", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddLine(new LineSegment("1", "5", 10, "nope")).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("length must be > 0", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddLine(new LineSegment("1", "5", -1, "c3")).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("no line segment", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddDistributedLoad(new DistributedLoad("1", "7", LoadModel.Parse("Y-PQ"), [1, 1, 1], [0, 0, 0])).Build()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loops_and_islands_are_rejected()
    {
        Assert.Contains("loop", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddLine(new LineSegment("S", "2", 10, "c1")).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("not connected", Assert.Throws<InvalidOperationException>(() =>
            Simple().AddLine(new LineSegment("8", "9", 10, "c3")).Build()).Message, StringComparison.Ordinal);
        Assert.Contains("no source", Assert.Throws<InvalidOperationException>(() => new ThreePhaseFeederBuilder("x").Build()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_matrices_with_entries_on_absent_phases_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => LineConfiguration.FromRxb("bad", PhaseSet.A, [1, 1, 0, 0, 0, 0, 0, 0, 0], new double[9], new double[9]));
        Assert.Contains("phase is absent", ex.Message, StringComparison.Ordinal);
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
