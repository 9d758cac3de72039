using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Objectives;
using EvGrid.Optimization.Objectives.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace EvGrid.Optimization.Objectives.Tests;

public class ObjectiveTests
{
    // Curve 1, 2, 3, 6 kW: mean 3, deviations −2, −1, 0, 3 → f1 = 4 + 1 + 0 + 9 = 14 kW², f2 = 6 − 1 = 5 kW,
    // population σ = √(14/4) = 1.8708 kW. Exact in binary floating point except σ (1e-12).
    private static readonly double[] Curve = [1, 2, 3, 6];

    [Fact]
    public void Load_variance_and_peak_valley_on_a_hand_curve()
    {
        Assert.Equal(14.0, LoadVariance.Evaluate(Curve));
        Assert.Equal(14.0, LoadVariance.Evaluate([1, 1, 1, 1], [0, 1, 2, 5]));
        Assert.Equal(5.0, PeakValley.Evaluate(Curve));
        Assert.Equal(5.0, PeakValley.Evaluate([1, 1, 1, 1], [0, 1, 2, 5]));
        Assert.Equal(Math.Sqrt(3.5), LoadVariance.StandardDeviation(Curve), 12);
        // A V2G curve with discharge below zero: 4, −2 → mean 1, f1 = 9 + 9 = 18, f2 = 6.
        Assert.Equal(18.0, LoadVariance.Evaluate([4, -2]));
        Assert.Equal(6.0, PeakValley.Evaluate([4, -2]));
    }

    // Two slots, two points, three phases; point 1 has only phase A (B and C absent, NaN).
    //   slot 0: point 0 = 1.02, 0.97, 1.00 ; point 1 = 0.95, NaN, NaN
    //   slot 1: point 0 = 0.99, 1.05, 0.90 ; point 1 = 1.08, NaN, NaN
    // |U − 1|: 0.02 + 0.03 + 0 + 0.05 + 0.01 + 0.05 + 0.10 + 0.08 = 0.34 pu over 8 present point-phase-slots.
    private static readonly double[] Values = [1.02, 0.97, 1.00, 0.95, double.NaN, double.NaN, 0.99, 1.05, 0.90, 1.08, double.NaN, double.NaN];
    private static readonly bool[] Mask = [true, true, true, true, false, false];

    [Fact]
    public void Voltage_offset_sum_mean_and_per_phase_maximum_on_a_hand_view()
    {
        var view = new VoltageView(2, 2, 3, Values, Mask);
        Assert.Equal(8, view.PresentCount);
        Assert.Equal(0.34, VoltageOffset.Evaluate(view), 12); // sums of pu differences: rounding ~1e-16
        Assert.Equal(0.34 / 8, VoltageOffset.EvaluateMean(view), 12);
        Span<double> max = stackalloc double[3];
        VoltageOffset.MaxPercentPerPhase(view, max);
        Assert.Equal(8.0, max[0], 9);  // |1.08 − 1| = 8 %
        Assert.Equal(5.0, max[1], 9);  // |1.05 − 1|
        Assert.Equal(10.0, max[2], 9); // |0.90 − 1|
        // Against 1.05 pu: |U − 1.05| = 0.03 + 0.08 + 0.05 + 0.10 + 0.06 + 0 + 0.15 + 0.03 = 0.50.
        Assert.Equal(0.50, VoltageOffset.Evaluate(view, 1.05), 12);
    }

    [Fact]
    public void Voltage_violation_sums_the_excess_over_the_limits()
    {
        var view = new VoltageView(2, 2, 3, Values, Mask);
        // ±7 %: 0.90 is 0.03 below 0.93, 1.08 is 0.01 above 1.07; the rest is inside.
        Assert.Equal(0.04, VoltageViolation.Evaluate(view), 12);
        // ±5 %: 0.95 → 0, 0.90 → 0.05, 1.08 → 0.03 (1.05 → 0 exactly at the limit).
        Assert.Equal(0.08, VoltageViolation.Evaluate(view, new VoltageLimits(0.95, 1.05)), 12);
        Assert.Equal(0.0, VoltageViolation.Evaluate(view, VoltageLimits.Around(1.0, 0.10)));
        Assert.Equal(0.93, VoltageLimits.Default.MinPu, 15);
        Assert.Equal(1.07, VoltageLimits.Default.MaxPu, 15);
    }

    [Fact]
    public void Capacity_violation_of_eq_20()
    {
        // Base 100, 300, 200; EV 150, 0, 100 → total 250, 300, 300: peak 300 kW, max EV + max base = 450 kW, γ = 2/3.
        double[] b = [100, 300, 200];
        double[] ev = [150, 0, 100];
        Assert.Equal(2.0 / 3.0, GridIndicators.SuperpositionRate(b, ev), 14);
        // S·cos φ = 400 · 0.7 = 280 kW < 300 kW → 20 kW excess; with γ given as 1: 450 − 280 = 170 kW.
        Assert.Equal(20.0, CapacityViolation.Evaluate(b, ev, 400, 0.7), 9);
        Assert.Equal(170.0, CapacityViolation.Evaluate(b, ev, 400, 0.7, superpositionRate: 1.0), 9);
        Assert.Equal(0.0, CapacityViolation.Evaluate(b, ev, 500, 0.7)); // 350 kW ≥ 300 kW
    }

    [Fact]
    public void Indicators_of_tables_2_to_4_on_a_hand_case()
    {
        // Base 500, 900, 700, 400; EV 300, 0, 600, 100 → total 800, 900, 1300, 500 kW.
        // γ = 1300 / (600 + 900) = 0.8667; peak 1300, valley 500, mean 875; σ² = (75² + 25² + 425² + 375²)/4 = 81875
        // → σ = 286.14 kW. Units of 1 000 kVA at cos φ 0.85: ⌈1300 / 850⌉ = 2 (S_R = 0); with S_R = 2 500 kVA: 3.
        var v = new VoltageView(1, 1, 2, [0.98, 1.03]);
        var r = GridIndicators.Compute([500, 900, 700, 400], [300, 0, 600, 100], TransformerData.Seed000, v);
        Assert.Equal(1300.0 / 1500.0, r.SuperpositionRate, 14);
        Assert.Equal(2, r.TransformerCount);
        Assert.Equal(2000.0, r.InstalledKva);
        Assert.Equal(0.65, r.MaximumLoadRate, 14);
        Assert.Equal(1300.0, r.PeakKw);
        Assert.Equal(500.0, r.ValleyKw);
        Assert.Equal(800.0, r.PeakValleyKw);
        Assert.Equal(875.0, r.MeanKw);
        Assert.Equal(Math.Sqrt(81875), r.LoadStdDevKw, 9);
        Assert.Equal(2.0, r.MaxVoltageOffsetPercent[0], 9);
        Assert.Equal(3.0, r.MaxVoltageOffsetPercent[1], 9);

        var withPlan = GridIndicators.Compute([500, 900, 700, 400], [300, 0, 600, 100], new TransformerData(RequiredKva: 2500));
        Assert.Equal(3, withPlan.TransformerCount);
        Assert.Empty(withPlan.MaxVoltageOffsetPercent);
    }

    [Fact]
    public void Transformer_count_takes_the_larger_of_the_two_lines_of_eq_8()
    {
        Assert.Equal(12, TransformerSizing.UnitCount(8470.6, 9773.8, 1000, 0.85)); // 9773.8/850 = 11.5 → 12
        Assert.Equal(9, TransformerSizing.UnitCount(8470.6, 5374, 1000, 0.85));    // S_R/1000 = 8.47 → 9
        Assert.Equal(10, TransformerSizing.UnitCount(0, 8500, 1000, 0.85));        // exactly 10 units, not 11
        Assert.Equal(1, TransformerSizing.UnitCount(0, 0, 1000, 0.85));
    }

    [Fact]
    public void Schedule_objectives_describe_themselves_and_evaluate_through_schedule_evaluation()
    {
        var view = new VoltageView(4, 1, 1, [1.01, 0.99, 1.0, 0.97]);
        var e = new ScheduleEvaluation(Curve, 1.0, view);
        Assert.Equal(14.0, LoadVarianceObjective.Instance.Evaluate(e));
        Assert.Equal(5.0, PeakValleyObjective.Instance.Evaluate(e));
        Assert.Equal(0.05, VoltageOffsetObjective.Sum.Evaluate(e), 12);
        Assert.Equal(0.0125, VoltageOffsetObjective.Mean.Evaluate(e), 12);
        IScheduleObjective f1 = LoadVarianceObjective.Instance;
        Assert.Equal(new ObjectiveDescriptor("f1 load variance", "kW²", ObjectiveSense.Minimize), f1.Descriptor);

        var ex = Assert.Throws<ArgumentException>(() => VoltageOffsetObjective.Sum.Evaluate(new ScheduleEvaluation(Curve, 1.0)));
        Assert.Contains("voltages", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_names_the_field()
    {
        Assert.Contains("totalKw[1]", Assert.Throws<ArgumentException>(() => LoadVariance.Evaluate([1, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Contains("evKw holds 1", Assert.Throws<ArgumentException>(() => PeakValley.Evaluate([1, 2], [1])).Message, StringComparison.Ordinal);
        Assert.Contains("valuesPu", Assert.Throws<ArgumentException>(() => new VoltageView(2, 1, 1, [1.0])).Message, StringComparison.Ordinal);
        var ex = Assert.Throws<ArgumentException>(() => VoltageOffset.Evaluate(new VoltageView(1, 1, 2, [1.0, double.NaN])));
        Assert.Contains("phase 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VoltageLimits(1.1, 0.9));
        Assert.Throws<ArgumentOutOfRangeException>(() => CapacityViolation.Evaluate([1], [1], 100, 1.5));
    }

    [Fact]
    public void Di_registers_the_three_objectives_once()
    {
        var services = new ServiceCollection().AddEvGridObjectives().AddEvGridObjectives();
        using var provider = services.BuildServiceProvider();
        var objectives = provider.GetServices<IScheduleObjective>().ToList();
        Assert.Equal(new[] { "f1 load variance", "f2 peak-valley difference", "f3 voltage offset" }, objectives.Select(o => o.Name));
        Assert.Same(VoltageLimits.Default, provider.GetRequiredService<VoltageLimits>());
        Assert.Same(TransformerData.Seed000, provider.GetRequiredService<TransformerData>());
    }
}
