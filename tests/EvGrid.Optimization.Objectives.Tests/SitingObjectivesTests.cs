using EvGrid.Optimization.Objectives.Siting;
using Xunit;

namespace EvGrid.Optimization.Objectives.Tests;

/// <summary>
/// Seed 002 F1–F4 on a tiny case worked by hand from eqs. (4)–(16): two typical days (p = 0.25 and 0.75, so
/// T_l = 91.25 and 273.75 days), two one-hour slots, Table 2 / §6.1 economics. The expected figures below were
/// computed term by term outside the library (the arithmetic is in the comments); the library must match them to
/// 1e-9 relative (double rounding of a few dozen operations is ~1e-15).
/// </summary>
public class SitingObjectivesTests
{
    private const double Rel = 1e-9;

    // Prices per slot: c_i, c_o, c_e, c_f.
    private static readonly SlotPrices Prices = new([0.2, 0.6], [0.4, 1.0], [0.8, 1.5], [0.5, 2.0]);
    private static readonly PlanningEconomics Economics = new();

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= Rel * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static DayProfit DayA() => ComprehensiveProfit.Day(Economics, Prices, [100, 200], [10, 0], [0, 30], [20, 5], [0, 8], [2, 4], 1);

    private static DayProfit DayB() => ComprehensiveProfit.Day(Economics, Prices, [150, 150], [40, 20], [0, 0], [0, 10], [0, 0], [3, 3], 1);

    [Fact]
    public void DayTermsMatchTheHandWorkedEquations()
    {
        var a = DayA();
        Near(240, a.ElectricitySalesCny);                       // 0.4·100 + 1.0·200
        Near(122.2, a.PurchaseCostCny);                         // 0.2·(100−10+20) + 0.6·(200−30+5−8)
        Near(0.668, a.ChargingRevenueCny);                      // 0.8·20 + 1.5·5 − (2.0+0.854)·8
        Near(11.8, a.SubsidyCny);                               // 0.1·10 + 0.36·30
        Near(0.584, a.DgMaintenanceCny);                        // 0.0296·10 + 0.0096·30
        Near(4.8, a.LossCostCny);                               // 0.4·2 + 1.0·4
        // Clean energy 40 kWh × (639.2·0.03 + 3.587·7 + 1.544·10)/1000 = 40 × 0.059725; net EV 17 kWh × 0.08·7/21.5.
        Near((40 * 0.059725) + (17 * 0.08 * 7 / 21.5), a.EnvironmentCny);
        var b = DayB();
        Near(210, b.ElectricitySalesCny);
        Near(106, b.PurchaseCostCny);                           // 0.2·110 + 0.6·140
        Near(15, b.ChargingRevenueCny);
        Near(6, b.SubsidyCny);
        Near(1.776, b.DgMaintenanceCny);
        Near(4.2, b.LossCostCny);
    }

    [Fact]
    public void AnnualProfitMatchesTheHandWorkedEquations()
    {
        var p = ComprehensiveProfit.Annual(Economics, [DayA(), DayB()], [0.25, 0.75], 100, 100, [50, 60]);
        Near(79387.5, p.ElectricitySalesCny);                   // 91.25·240 + 273.75·210
        Near(4167.205, p.ChargingRevenueCny);                   // 91.25·0.668 + 273.75·15
        Near(40168.25, p.PurchaseCostCny);                      // 91.25·122.2 + 273.75·106
        Near(2719.25, p.SubsidyCny);                            // 91.25·11.8 + 273.75·6
        Near(11539.47, p.MaintenanceCny);                       // 91.25·0.584 + 273.75·1.776 + 100·(50 + 60)
        Near(1587.75, p.LossCostCny);                           // 91.25·4.8 + 273.75·4.2
        Near(1310.6863517441861, p.EnvironmentCny);
        // (5381·100 + 4735·100 + 2·3 000 000 + 6000·110) × 0.08·1.08²⁰/(1.08²⁰ − 1), CRF = 0.10185220882315059.
        Near(781369.405207682, p.InvestmentCny);
        Near(0.10185220882315059, Economics.CapitalRecoveryFactor);
        Near(-747080.2338559378, p.TotalCny);
        Near(p.ElectricitySalesCny + p.ChargingRevenueCny - p.PurchaseCostCny, p.SupplyProfitCny);
    }

    [Fact]
    public void VoltageQualityLoadFluctuationAndSatisfactionMatchTheHandWorkedEquations()
    {
        // q(U) = (U − 0.9)/0.1 · (1.1 − U)/0.1: q(0.95) = 0.75, q(1.02) = 0.96, q(0.97) = 0.91, q(1.00) = 1.
        // Slot 0: (0.75·100 + 0.96·50)/150 = 0.82; slot 1: (0.91·30 + 1·30)/60 = 0.955; day = 0.8875.
        var f2 = VoltageQuality.Day([0.95, 1.02, 0.97, 1.00], [100, -50, 30, 30], 2, new VoltageLimits(0.9, 1.1));
        Near(0.8875, f2);
        Near((0.25 * 0.8875) + (0.75 * 0.5), VoltageQuality.Annual([0.25, 0.75], [0.8875, 0.5]));
        // P_e = (100, 200, 150, 50): mean 125, Σ d² / 4 = 3125, σ = √3125.
        Near(55.90169943749474, LoadFluctuation.Day([100, 200, 150, 50]));
        // 0.4 · 0.9 + 0.6 / 1.2.
        Near(0.86, ChargingSatisfaction.Day(0.9, 1.2));
        Near((0.25 * 0.86) + (0.75 * 1.0), ChargingSatisfaction.Annual([0.25, 0.75], [0.86, 1.0]));
    }

    [Fact]
    public void IndexNormalisesAsEquationFifteenAndWeighsAsEquationSixteen()
    {
        var refs = new ObjectiveReferences(2e4, 0.9, 50, 1);
        var f = new PlanObjectives(1e4, 0.8875, 55.90169943749474, 0.86);
        // 0.375·0.5 + 0.125·0.8875/0.9 + 0.125·50/√3125 + 0.375·0.86.
        Near(0.7450672877638784, IndexWeights.Seed002.Index(refs, f));
        Assert.Throws<ArgumentException>(() => new ObjectiveReferences(0, 1, 1, 1).Normalise(f));
    }

    [Fact]
    public void AhpReproducesThePapersWeightsAndSaatysExample()
    {
        var paper = Ahp.Weights(Ahp.Seed002Matrix);
        Assert.Equal(4, paper.Weights.Count);
        Near(0.375, paper.Weights[0]);
        Near(0.125, paper.Weights[1]);
        Near(0.125, paper.Weights[2]);
        Near(0.375, paper.Weights[3]);
        Assert.True(paper.ConsistencyRatio < 1e-12);
        // Saaty's 3 × 3 example; eigenvector by an independent power iteration to machine precision.
        var saaty = Ahp.Weights(new[,] { { 1, 3, 5 }, { 1 / 3.0, 1, 3 }, { 1 / 5.0, 1 / 3.0, 1 } });
        Near(0.6369855717447572, saaty.Weights[0]);
        Near(0.25828499437449504, saaty.Weights[1]);
        Near(0.10472943388074787, saaty.Weights[2]);
        Near(3.03851109055817, saaty.LambdaMax);
        Near(0.033199215998422446, saaty.ConsistencyRatio);
    }

    [Fact]
    public void AhpRejectsAnInconsistentOrMalformedMatrix()
    {
        var e = Assert.Throws<ArgumentException>(() => Ahp.Weights(new[,] { { 1, 9, 1 / 9.0 }, { 1 / 9.0, 1, 9 }, { 9, 1 / 9.0, 1 } }));
        Assert.Contains("consistency ratio", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Ahp.Weights(new[,] { { 1.0, 2.0 }, { 2.0, 1.0 } }));
        Assert.Throws<ArgumentException>(() => Ahp.Weights(new[,] { { 1, -2 }, { -0.5, 1 } }));
    }

    [Fact]
    public void BadInputIsRejectedNamingTheField()
    {
        Assert.Contains("DiscountRate", Assert.Throws<ArgumentException>(() => new PlanningEconomics { DiscountRate = 0 }.Validate()).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChargingSatisfaction.Day(0.5, 0));
        Assert.Throws<ArgumentException>(() => ComprehensiveProfit.Annual(Economics, [DayA()], [0.5], 0, 0, []));
        Assert.Throws<ArgumentException>(() => new SlotPrices([1.0], [1.0, 2.0], [1.0], [1.0]));
    }

    [Fact]
    public void References_take_the_f2_fallback_only_when_no_plan_has_a_positive_f2()
    {
        PlanObjectives[] outside = [new(1e4, -0.2, 50, 0.8), new(2e4, -0.1, 40, 0.9)];
        var r = ObjectiveReferences.Best(outside, f2Fallback: 1.5);
        Assert.Equal(new ObjectiveReferences(2e4, 1.5, 40, 0.9), r);
        var ex = Assert.Throws<ArgumentException>(() => ObjectiveReferences.Best(outside));
        Assert.Contains("F2Max must be finite and > 0", ex.Message, StringComparison.Ordinal);

        PlanObjectives[] inside = [new(1e4, 0.3, 50, 0.8), new(2e4, -0.1, 40, 0.9)];
        Assert.Equal(0.3, ObjectiveReferences.Best(inside, f2Fallback: 1.5).F2Max);
    }
}
