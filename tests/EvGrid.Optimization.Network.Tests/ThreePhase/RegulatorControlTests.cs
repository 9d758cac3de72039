using System.Numerics;
using EvGrid.Optimization.Network.ThreePhase;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

/// <summary>
/// After the line-drop-compensator loop every controlled regulator phase holds its relay voltage inside its band
/// (voltage level ± bandwidth/2 on the 120 V base). The relay voltage is recomputed here from the reported output
/// voltage and regulator current (Kersting ch. 7.3), so the check does not rest on the solver's own flag.
/// </summary>
public sealed class RegulatorControlTests(ITestOutputHelper output)
{
    private static readonly ThreePhaseSolveOptions Control = new() { RegulatorControl = true };

    /// <summary>|V_out/PT − (R′ + jX′)·I/CT| from the result's voltages and currents, V on the 120 V base.</summary>
    private static double RelayFromResult(ThreePhaseFeeder feeder, ThreePhasePowerFlowResult r, RegulatorTap t)
    {
        var reg = feeder.Regulators.Single(x => x.Name == t.Regulator);
        var c = reg.Control!;
        var p = "ABC".IndexOf(t.Phase, StringComparison.Ordinal);
        var vOut = r.Voltage(reg.OutputBus, t.Phase).Volts;
        var flow = r.Branches.Single(b => b.Element == reg.Name && b.Phase == t.Phase);
        var current = Complex.FromPolarCoordinates(flow.CurrentOutAmps, flow.CurrentOutDeg * Math.PI / 180);
        return (vOut / c.PtRatio - new Complex(c.RVolts[p], c.XVolts[p]) * current / c.CtPrimaryAmps).Magnitude;
    }

    /// <summary>Every controlled phase is in band, by the result's flag and by the recomputed relay voltage.</summary>
    private void AssertAllInBand(ThreePhaseFeeder feeder, ThreePhasePowerFlowResult r, string when)
    {
        var controlled = r.RegulatorTaps.Where(t => t.IsControlled).ToList();
        Assert.NotEmpty(controlled);
        foreach (var t in controlled)
        {
            var relay = RelayFromResult(feeder, r, t);
            output.WriteLine($"{when}: {t.Regulator} {t.Phase} tap {t.Tap,3}, relay {t.RelayVolts:F3} V (recomputed: {Math.Abs(relay - t.RelayVolts):E1} V apart), band [{t.BandLowVolts}, {t.BandHighVolts}]");

            // The same formula on the reported voltages and currents: equal in every case seen; 1e-11 V (1e-13 of
            // 120 V) leaves room for the polar round trip of the current only.
            Assert.Equal(t.RelayVolts, relay, 1e-11);
            Assert.True(t.InBand, $"{when}: {t.Regulator} {t.Phase} relay {t.RelayVolts:F3} V outside [{t.BandLowVolts}, {t.BandHighVolts}]");
            Assert.InRange(relay, t.BandLowVolts, t.BandHighVolts);
        }
    }

    [Fact]
    public void Ieee13_control_from_neutral_ends_with_every_relay_voltage_in_band()
    {
        var feeder = ThreePhaseFeeders.Ieee13();
        var r = ThreePhaseSweepSolver.Solve(feeder, Control);
        Assert.True(r.Converged);
        Assert.True(r.Status.ControlIterations > 1);
        var reg = feeder.Regulators.Single();
        Assert.All(r.RegulatorTaps, t => Assert.Equal((121.0, 123.0), (t.BandLowVolts, t.BandHighVolts)));
        Assert.Equal(reg.Phases.ToLetters().Length, r.RegulatorTaps.Count);
        AssertAllInBand(feeder, r, "IEEE 13");
    }

    [Fact]
    public void Ieee34_control_from_neutral_ends_with_both_regulators_in_band()
    {
        var feeder = ThreePhaseFeeders.Ieee34();
        var r = ThreePhaseSweepSolver.Solve(feeder, Control);
        Assert.True(r.Converged);
        Assert.Equal(["RG10", "RG11"], r.RegulatorTaps.Select(t => t.Regulator).Distinct());
        AssertAllInBand(feeder, r, "IEEE 34");
    }

    [Fact]
    public void A_tap_started_outside_the_band_is_brought_back()
    {
        // IEEE 13 with every phase at +16 (1.10 pu boost): the relay voltages start far above the 121–123 V band.
        var feeder = ThreePhaseFeeders.Ieee13();
        var ws = feeder.CreateWorkspace();
        for (var p = 0; p < 3; p++)
        {
            ws.SetTap(0, p, StepVoltageRegulator.MaxTap);
        }

        var locked = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, ThreePhaseSolveOptions.Default));
        Assert.True(locked.Converged);
        Assert.All(locked.RegulatorTaps, t => Assert.True(t.RelayVolts > t.BandHighVolts, $"{t.Phase}: {t.RelayVolts:F2} V"));
        Assert.All(locked.RegulatorTaps, t => Assert.False(t.InBand));

        var controlled = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, Control with { ControlStartsFromNeutral = false }));
        Assert.True(controlled.Converged);
        Assert.True(controlled.Status.ControlIterations > 1);
        Assert.All(controlled.RegulatorTaps, t => Assert.True(t.Tap < StepVoltageRegulator.MaxTap));
        AssertAllInBand(feeder, controlled, "from +16");

        // And from the bottom of the range (−16): brought up into the band.
        for (var p = 0; p < 3; p++)
        {
            ws.SetTap(0, p, -StepVoltageRegulator.MaxTap);
        }

        var fromBelow = ThreePhasePowerFlowResult.From(ws, ThreePhaseSweepSolver.Solve(ws, Control with { ControlStartsFromNeutral = false }));
        Assert.True(fromBelow.Converged);
        AssertAllInBand(feeder, fromBelow, "from −16");
    }

    [Fact]
    public void Without_ldc_settings_a_regulator_has_no_band()
    {
        var f = BuilderValidationTests.Simple()
            .AddRegulator(new StepVoltageRegulator("fixed", "1", "R1", PhaseSet.ABC, [4, 4, 4], null))
            .Build();
        var r = ThreePhaseSweepSolver.Solve(f, Control);
        Assert.All(r.RegulatorTaps, t =>
        {
            Assert.False(t.IsControlled);
            Assert.False(t.InBand);
            Assert.True(double.IsNaN(t.BandLowVolts) && double.IsNaN(t.BandHighVolts) && double.IsNaN(t.RelayVolts));
        });
    }
}
