using EvGrid.Optimization.Network;
using Xunit;

namespace EvGrid.Optimization.Network.Tests;

public sealed class MatpowerSyntaxTests
{
    private const string Header = "function mpc = tiny\nmpc.version = '2';\nmpc.baseMVA = 10;\n";

    private const string Bus = """
        mpc.bus = [
            1 3 0 0 0 0 1 1 0 12.66 1 1 1;
            2 1 0.1 0.06 0 0 1 1 0 12.66 1 1.1 0.9;
        ];

        """;

    private const string Gen = "mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];\n";

    private const string Branch = "mpc.branch = [\n  1 2 0.01 0.02 0 0 0 0 0 0 1 -360 360;\n];\n";

    private static PowerNetwork Read(string text) => MatpowerCaseReader.Read(new StringReader(text), "tiny.m");

    [Fact]
    public void Reads_a_minimal_case()
    {
        var net = Read(Header + Bus + Gen + Branch);
        Assert.Equal("tiny", net.Name);
        Assert.Equal(10_000, net.BaseKva);
        Assert.Equal(100, net.Loads[0].PKw, 1e-12);
        Assert.Equal(0.01, net.Branches[0].ResistancePu);
    }

    [Fact]
    public void Evaluates_expressions_continuations_and_rows_without_semicolons()
    {
        var text = "function mpc = tiny\nmpc.version = '2';\nmpc.baseMVA = 50/3; % comment\n" +
                   "mpc.bus = [\n 1 3 0 0 0 0 1 1 0 135/sqrt(3) 1 1 1\n 2 1 -0.5e-1 2^-3 0 0 1 1 0 (12)/sqrt(3) 1 1 1;\n];\n" +
                   "mpc.gen = [ 1 0 0 50/3 -50/3 1.02 50/3 1 ...\n 50/3 -50/3 ];\n" +
                   "mpc.branch = [ 1 2 0.01 0.02 0 0 0 0 1 0 1 -360 360 3.18 ];\n";
        var net = Read(text);
        Assert.Equal(50_000.0 / 3, net.BaseKva, 1e-9);
        Assert.Equal(135 / Math.Sqrt(3), net.Buses[0].BaseKv, 1e-12);
        Assert.Equal(1.02, net.Buses[0].VoltageSetpointPu);
        Assert.Equal(-50, net.Loads[0].PKw, 1e-9);
        Assert.Equal(125, net.Loads[0].QKvar, 1e-9);
    }

    [Fact]
    public void Applies_the_unit_conversion_idioms()
    {
        var text = Header + Bus.Replace("0.1 0.06", "100 60", StringComparison.Ordinal) + Gen +
                   "mpc.branch = [\n  1 2 0.5 0.8 0 0 0 0 0 0 1 -360 360;\n];\n" + """
            [PQ, PV, REF, NONE, BUS_I, BUS_TYPE, PD, QD, GS, BS, BUS_AREA, VM, ...
                VA, BASE_KV, ZONE, VMAX, VMIN, LAM_P, LAM_Q, MU_VMAX, MU_VMIN] = idx_bus;
            [F_BUS, T_BUS, BR_R, BR_X, BR_B, RATE_A, RATE_B, RATE_C, ...
                TAP, SHIFT, BR_STATUS, PF, QF, PT, QT, MU_SF, MU_ST, ...
                ANGMIN, ANGMAX, MU_ANGMIN, MU_ANGMAX] = idx_brch;
            Vbase = mpc.bus(1, BASE_KV) * 1e3;      %% in Volts
            Sbase = mpc.baseMVA * 1e6;              %% in VA
            mpc.branch(:, [BR_R BR_X]) = mpc.branch(:, [BR_R BR_X]) / (Vbase^2 / Sbase);
            mpc.bus(:, [PD, QD]) = mpc.bus(:, [PD, QD]) / 1e3;
            pf = 0.85;
            mpc.bus(:, QD) = mpc.bus(:, PD) * sin(acos(pf));
            mpc.bus(:, PD) = mpc.bus(:, PD) * pf;
            """;
        var net = Read(text);
        var zb = 12.66 * 12.66 / 10;
        Assert.Equal(0.5 / zb, net.Branches[0].ResistancePu, 1e-15);
        Assert.Equal(100 * 0.85, net.Loads[0].PKw, 1e-9);
        Assert.Equal(100 * Math.Sin(Math.Acos(0.85)), net.Loads[0].QKvar, 1e-9);
    }

    [Theory]
    [InlineData("mpc.bus(:, PD) = rand(3);\n", "line 12", "rand")]
    [InlineData("disp('hello');\n", "line 12", "not understood")]
    [InlineData("mpc.areas = [ 1 1 ];\nmpc.foo = 3;\n", "line 13", "mpc.foo")]
    public void Code_it_does_not_understand_is_an_error_with_the_line_number(string extra, string line, string mention)
    {
        var ex = Assert.Throws<FormatException>(() => Read(Header + Bus + Gen + Branch + extra));
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PV_bus_is_reported_with_its_line()
    {
        var ex = Assert.Throws<FormatException>(() => Read(Header + Bus.Replace("2 1 0.1", "2 2 0.1", StringComparison.Ordinal) + Gen + Branch));
        Assert.Contains("line 6", ex.Message, StringComparison.Ordinal);
        Assert.Contains("PV bus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_off_nominal_tap_is_reported_with_its_line()
    {
        var ex = Assert.Throws<FormatException>(() => Read(Header + Bus + Gen + Branch.Replace("0 0 0 0 0 0 1", "0 0 0 0 0.95 0 1", StringComparison.Ordinal)));
        Assert.Contains("line 10", ex.Message, StringComparison.Ordinal);
        Assert.Contains("0.95", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generator_at_a_load_bus_becomes_distributed_generation()
    {
        var net = Read(Header + Bus + "mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0; 2 0.05 0.01 1 -1 1 100 1 1 0 ];\n" + Branch);
        var dg = Assert.Single(net.Generators);
        Assert.Equal(2, dg.Bus);
        Assert.Equal(50, dg.PKw, 1e-9);
        Assert.Equal(10, dg.QKvar, 1e-9);
    }
}
