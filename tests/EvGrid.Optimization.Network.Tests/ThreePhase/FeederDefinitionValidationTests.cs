using EvGrid.Optimization.Network.ThreePhase;
using Xunit;
using static EvGrid.Optimization.Network.Tests.ThreePhase.BuilderValidationTests;

namespace EvGrid.Optimization.Network.Tests.ThreePhase;

/// <summary>
/// Every way a three-phase feeder definition can be wrong ends in a <see cref="NetworkValidationException"/> whose
/// <see cref="NetworkValidationException.Element"/> names the element and whose message gives the offending value.
/// </summary>
public sealed class FeederDefinitionValidationTests
{
    private static readonly double[] Angles = [0, -120, 120];

    private static ThreePhaseFeederBuilder WithSource(double kv, double vmPu, double[] angles) =>
        new ThreePhaseFeederBuilder("x").WithSource(new ThreePhaseSource("S", kv, vmPu, angles));

    private static ThreePhaseTransformer Transformer(
        double kva = 500, double kvHigh = 12.47, double kvLow = 4.16, double r = 1, double x = 2,
        TransformerConnection connection = TransformerConnection.GroundedWyeGroundedWye, PhaseSet phases = PhaseSet.ABC) =>
        new("T", "1", "L", connection, kva, kvHigh, kvLow, r, x, phases);

    private static RegulatorControl Control(double pt = 20, double ct = 700, double bandwidth = 2, int rCount = 3) =>
        new(pt, ct, new double[rCount], [3, 3, 3], [122, 122, 122], bandwidth);

    [Fact]
    public void A_bad_source_names_the_source_bus_and_value()
    {
        Fails(WithSource(0, 1, Angles), "source S", "kV line-to-line must be finite and > 0 (was 0)");
        Fails(WithSource(12.47, double.NaN, Angles), "source S", "voltage must be finite and > 0 pu (was NaN)");
        Fails(WithSource(12.47, 1, [0, -120]), "source S", "three phase angles (A, B, C) are required (got 2)");
    }

    [Fact]
    public void Topology_errors_name_the_element_and_the_buses()
    {
        Fails(Simple().AddLine(new LineSegment("1", "1", 10, "c3")), "line 1-1", "both ends are bus '1'");
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "R1", "1", PhaseSet.ABC, [0, 0, 0], null)),
            "regulator R", "input bus 'R1' is not on the source side", "reaches '1' first");
        Fails(Simple().AddTransformer(Transformer(kvHigh: 4.16, kvLow: 0.48)),
            "transformer T", "high-side rating 4.16 kV does not match bus '1' base 12.47 kV");
        Fails(Simple().AddDistributedLoad(new DistributedLoad("1", "S", LoadModel.Parse("Y-PQ"), [1, 1, 1], [0, 0, 0])),
            "distributed load Y-PQ on 1-S", "list it from its source end (bus '1' is downstream)");
    }

    [Fact]
    public void Capacitor_errors_name_the_bus_phase_and_kvar()
    {
        Fails(Simple().AddCapacitor(new ShuntCapacitor("1", [100, 100])), "capacitor at bus 1", "three kVAr values (A, B, C) are required (got 2)");
        Fails(Simple().AddCapacitor(new ShuntCapacitor("1", [100, -5, 100])), "capacitor at bus 1", "kVAr of phase B must be finite and ≥ 0 (was -5)");
        Fails(Simple().AddCapacitor(new ShuntCapacitor("2", [100, 0, 0])), "capacitor at bus 2", "phase A (100 kVAr) is not present on the bus (has C)");
        Fails(Simple().AddCapacitor(new ShuntCapacitor("9", [100, 100, 100])), "capacitor at bus 9", "no such bus '9'");
    }

    [Fact]
    public void Load_value_errors_name_the_load_and_values()
    {
        Fails(Simple().AddSpotLoad(new SpotLoad("1", LoadModel.Parse("Y-PQ"), [1, 2], [0, 0, 0])),
            "load Y-PQ at bus 1", "three kW and three kVAr values are required (got 2 and 3)");
        Fails(Simple().AddSpotLoad(new SpotLoad("1", LoadModel.Parse("Y-Z"), [1, double.NaN, 1], [0, 0, 0])),
            "load Y-Z at bus 1", "ph2 kW/kVAr must be finite (was NaN/0)");
        Fails(Simple().AddDistributedLoad(new DistributedLoad("S", "1", LoadModel.Parse("D-I"), [1, 1, 1], [0, 0])),
            "distributed load D-I on S-1", "three kW and three kVAr values are required (got 3 and 2)");
    }

    [Fact]
    public void Transformer_rating_errors_name_the_transformer_and_values()
    {
        Fails(Simple().AddTransformer(Transformer(kva: 0)), "transformer T", "kVA and kV ratings must be > 0 (kVA 0, kV 12.47/4.16)");
        Fails(Simple().AddTransformer(Transformer(connection: TransformerConnection.DeltaGroundedWye, phases: PhaseSet.AB)),
            "transformer T", "phases AB are not allowed with DeltaGroundedWye");
        Fails(Simple().AddTransformer(Transformer(r: -1)), "transformer T", "R% and X% must be finite and ≥ 0 (were -1/2)");
    }

    [Fact]
    public void Regulator_setting_errors_name_the_regulator_and_values()
    {
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "1", "R1", PhaseSet.None, [0, 0, 0], null)), "regulator R", "no phase given (phases None)");
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "1", "R1", PhaseSet.ABC, [0, 0], null)), "regulator R", "three taps (A, B, C) are required (got 2)");
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "1", "R1", PhaseSet.ABC, [0, 0, 0], Control(pt: 0))),
            "regulator R", "PT ratio, CT rating and bandwidth must be > 0 (were 0, 700 A, 2 V)");
        Fails(Simple().AddRegulator(new StepVoltageRegulator("R", "1", "R1", PhaseSet.ABC, [0, 0, 0], Control(rCount: 2))),
            "regulator R", "R, X and voltage level need three values (A, B, C) (got 2, 3, 3)");
    }

    [Fact]
    public void Configuration_errors_name_the_configuration_and_value()
    {
        static void Check(Action make, string mention)
        {
            var ex = Assert.Throws<NetworkValidationException>(make);
            Assert.Equal("configuration bad", ex.Element);
            Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
        }

        Check(() => LineConfiguration.FromRxb("bad", PhaseSet.None, new double[9], new double[9], new double[9]), "phases must be a non-empty subset of ABC (was None)");
        Check(() => LineConfiguration.FromRxb("bad", PhaseSet.ABC, new double[8], new double[9], new double[9]), "got 8, 9 and 9");
        Check(() => LineConfiguration.FromRxb("bad", PhaseSet.ABC, [1, 0, 0, 0, double.PositiveInfinity, 0, 0, 0, 1], new double[9], new double[9]), "entry (B,B) is not finite");
        var conductor = new OverheadConductor("336,400 26/7 ACSR", 0.306, 0.0244, 0.721);
        Check(() => LineConfiguration.FromGeometry("bad", [new ConductorPlacement('X', conductor, 0, 28)]), "unknown phase letter 'X'");
        Check(() => LineConfiguration.FromGeometry("bad", [new ConductorPlacement('A', conductor with { DiameterInches = 0 }, 0, 28)]), "diameter must be > 0 inches (was 0)");
        Check(() => LineConfiguration.FromGeometry("bad", [new ConductorPlacement('A', conductor, 0, 28)], earthResistivityOhmMeter: -1), "earth resistivity must be > 0");
    }

    [Fact]
    public void Document_errors_name_the_element()
    {
        static void Check(string json, string element, string mention)
        {
            var ex = Assert.Throws<NetworkValidationException>(() => ThreePhaseFeederDocument.Parse(json).ToBuilder());
            Assert.Equal(element, ex.Element);
            Assert.Contains(mention, ex.Message, StringComparison.Ordinal);
        }

        const string source = "\"source\": {\"bus\": \"S\", \"kvLL\": 12.47}";
        Check("{\"name\": \"d\"}", "feeder 'd'", "'source' is missing");
        Check($"{{{source}, \"configurations\": [{{\"name\": \"601\", \"phases\": \"ABQ\", \"rOhmPerMile\": [0,0,0,0,0,0,0,0,0], \"xOhmPerMile\": [0,0,0,0,0,0,0,0,0], \"bMicroSiemensPerMile\": [0,0,0,0,0,0,0,0,0]}}]}}",
            "configuration 601", "unknown phase letter 'Q'");
        Check($"{{{source}, \"transformers\": [{{\"name\": \"XFM-1\", \"from\": \"S\", \"to\": \"L\", \"connection\": \"Y-D\", \"kva\": 500, \"kvHighLL\": 4.16, \"kvLowLL\": 0.48, \"rPercent\": 1.1, \"xPercent\": 2}}]}}",
            "transformer XFM-1", "connection 'Y-D' is not GrY-GrY or D-GrY");
        Check($"{{{source}, \"spotLoads\": [{{\"model\": \"Y-PQ\", \"kw\": [1,1,1], \"kvar\": [0,0,0]}}]}}", "spot load 1 (model Y-PQ)", "'bus' is missing");
        Check($"{{{source}, \"spotLoads\": [{{\"bus\": \"634\", \"model\": \"X-PQ\", \"kw\": [1,1,1], \"kvar\": [0,0,0]}}]}}", "load X-PQ at bus 634", "connection must be Y or D");
        Check($"{{{source}, \"switches\": [{{\"from\": \"671\", \"to\": \"692\", \"phases\": \"\"}}]}}", "switch 671-692", "no phase given");
    }
}
