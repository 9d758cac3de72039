using EvGrid.Optimization.Planning.Capacity;
using Xunit;

namespace EvGrid.Optimization.Planning.Tests;

public class CapacityModelTests
{
    [Fact]
    public void Residential_worked_example_from_the_parameters_of_section_6_1()
    {
        // By hand from seed 000 §6.1 (δ = 0.6 assumed, see docs/models.md):
        //   (1) α = 1000 / 2000 = 0.5
        //   (4) S_ev = 7 · 0.5 · 2000 · 0.6 / 0.95 = 4200 / 0.95 = 4421.0526 kW
        //   (6) P_J = 8 · 2000 = 16 000 kW;  (5) P_R = 16 000 · 0.6 · 0.6 = 5 760 kW
        //   (7) S_R = 5 760 / (0.8 · 0.85) = 8 470.588 kVA → ⌈8.47⌉ = 9 units by the first line of eq. (8)
        //   disordered, γ = 0.96: 0.96 · (4421.0526 + 5760) = 9 773.81 kW → ⌈9 773.81 / 850⌉ = ⌈11.50⌉ = 12 units,
        //     load rate 9 773.81 / 12 000 = 81.45 % (Table 2: 81.38 %)
        //   V2G, γ = 0.82: 0.82 · 10 181.0526 = 8 348.46 kW → ⌈9.82⌉ = 10 units (Table 2, read swapped: 9)
        //   saved: 12 − 10 = 2 units · CNY 1.75 M = CNY 3.5 M
        var r = CapacityModel.Configure(CapacityRegions.Residential);
        Assert.Equal(0.5, r.PenetrationRate);
        Assert.Equal(7.0, r.MeanPileKw);
        Assert.Equal(7000.0, r.RatedEvKw);
        Assert.Equal(4200 / 0.95, r.EvPlanningKw, 9);
        Assert.Equal(16000.0, r.UserPlanningLoadKw);
        Assert.Equal(5760.0, r.PlanningLoadKw, 9);
        Assert.Equal(5760 / 0.68, r.TransformerKva, 9);

        var disordered = r.Modes[0];
        Assert.Equal("disordered", disordered.Name);
        Assert.Equal(0.96 * (4200 / 0.95 + 5760), disordered.SuperposedPeakKw, 9);
        Assert.Equal(9, disordered.UnitsForCapacity);
        Assert.Equal(12, disordered.UnitsForLoad);
        Assert.Equal(12, disordered.Units);
        Assert.Equal(12000.0, disordered.InstalledKva);
        Assert.Equal(0.8145, disordered.LoadRate, 4);
        Assert.Equal(21.0e6, disordered.InvestmentCny, 3);

        var v2g = r.Modes[1];
        Assert.Equal(0.82 * (4200 / 0.95 + 5760), v2g.SuperposedPeakKw, 9);
        Assert.Equal(10, v2g.Units);
        Assert.Equal(2, r.UnitsSaved());
        Assert.Equal(3.5e6, r.InvestmentSavedCny(), 3);
    }

    [Fact]
    public void Residential_v2g_with_the_peak_implied_by_table_2_needs_nine_units()
    {
        // Table 2 read swapped: V2G load rate 59.71 % of 9 × 1 000 kVA → peak 5 373.9 kW; ⌈5 373.9 / 850⌉ = 7 < 9 = ⌈S_R / 1 000⌉,
        // so the planned capacity decides: 9 units, three fewer than the disordered mode's 12 → CNY 5.25 M, as the text says.
        var region = CapacityRegions.Residential with
        {
            Modes = [new ChargingModeInput("disordered", 0.96, 0.8138 * 12000), new ChargingModeInput("V2G", 0.82, 0.5971 * 9000)],
        };
        var r = CapacityModel.Configure(region);
        Assert.True(r.Modes[1].PeakFromCurves);
        Assert.Equal(7, r.Modes[1].UnitsForLoad);
        Assert.Equal(9, r.Modes[1].Units);
        Assert.Equal(12, r.Modes[0].Units);
        Assert.Equal(5.25e6, r.InvestmentSavedCny(), 3);
    }

    [Fact]
    public void Commercial_and_station_defaults()
    {
        // Commercial: P_EV = (950 · 7 + 50 · 120) / 1000 = 12.65 kW, α = 1; S_ev = 12.65 · 1000 · 0.4 / 0.95 = 5 326.32 kW;
        // P_R = 1 000 kW; S_R = 1 000 / 0.68 = 1 470.6 kVA (2 units); γ·(S_ev + P_R): 0.88 · 6 326.32 = 5 567.2 kW → ⌈6.55⌉ = 7,
        // 0.79 · 6 326.32 = 4 997.8 kW → ⌈5.88⌉ = 6 (Table 3: 7 and 6), CNY 1.75 M saved as in the text.
        var c = CapacityModel.Configure(CapacityRegions.Commercial);
        Assert.Equal(12.65, c.MeanPileKw, 12);
        Assert.Equal(12.65 * 400 / 0.95, c.EvPlanningKw, 9);
        Assert.Equal(2, c.Modes[0].UnitsForCapacity);
        Assert.Equal(7, c.Modes[0].Units);
        Assert.Equal(6, c.Modes[1].Units);
        Assert.Equal(1.75e6, c.InvestmentSavedCny(), 3);

        // Station: S_ev = 120 · 5 000 · 0.45 / 0.95 = 284 210.5 kW, P_R = 40 000 kW, S_R = 58 823.5 kVA (59 units);
        // γ = 1: ⌈324 210.5 / 850⌉ = ⌈381.4⌉ = 382 units in both modes (Table 4's 26 / 23 cannot follow from §6.1).
        var s = CapacityModel.Configure(CapacityRegions.ChargingStation);
        Assert.Equal(270000 / 0.95, s.EvPlanningKw, 6);
        Assert.Equal(59, s.Modes[0].UnitsForCapacity);
        Assert.Equal(382, s.Modes[0].Units);
        Assert.Equal(0, s.UnitsSaved());
    }

    [Fact]
    public void Equations_one_two_and_three_from_profiles()
    {
        Assert.Equal(0.25, CapacityModel.PenetrationRate(50, 200));
        // β: peak EV load 2 100 kW of 1 000 EVs at 7 kW → 0.3.
        Assert.Equal(0.3, CapacityModel.SimultaneityRate([0, 700, 2100, 1400], 7, 1000), 14);
        // γ: base 1 000, 3 000; EV 2 000, 0 → total 3 000, 3 000: γ = 3 000 / 5 000 = 0.6.
        Assert.Equal(0.6, CapacityModel.SuperpositionRate([1000, 3000], [2000, 0]), 14);
    }

    [Fact]
    public void Bad_parameters_are_named()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => CapacityModel.Configure(CapacityRegions.Residential with { SimultaneityRate = 1.5 }));
        Assert.Equal("simultaneityRate", ex.ParamName);
        var modes = Assert.Throws<ArgumentOutOfRangeException>(() => CapacityModel.Configure(CapacityRegions.Residential with
        {
            Modes = [new ChargingModeInput("x", 0)],
        }));
        Assert.Equal("residential.x.SuperpositionRate", modes.ParamName);
        var noBase = Assert.Throws<ArgumentException>(() => CapacityModel.Configure(CapacityRegions.Commercial with { UserPlanningLoadKw = null }));
        Assert.Contains("UserPlanningLoadKw", noBase.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CapacityModel.PenetrationRate(10, 5));
    }
}
