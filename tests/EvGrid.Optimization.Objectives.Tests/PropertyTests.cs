using EvGrid.Optimization.Objectives;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Objectives.Tests;

public class PropertyTests
{
    /// <summary>A shift in kW, voltages per unit with a phase mask and noise, and plain integer inputs.</summary>
    public static class Inputs
    {
        /// <summary>A constant shift in [−20 000, 20 000] kW.</summary>
        public static Arbitrary<Shift> Shifts() => Arb.From(Gen.Choose(-20000, 20000).Select(c => new Shift(c)));

        /// <summary>A transformer rating in [0, 20 000] kVA.</summary>
        public static Arbitrary<RatingKva> Ratings() => Arb.From(Gen.Choose(0, 20000).Select(s => new RatingKva(s)));

        /// <summary>Three-phase voltages of 1–4 slots × 1–5 points with a presence mask and replacement noise.</summary>
        public static Arbitrary<Views> VoltageViews() => Arb.From(
            from slots in Gen.Choose(1, 4)
            from points in Gen.Choose(1, 5)
            from values in Gen.Choose(850, 1150).Select(v => v / 1000.0).ArrayOf(slots * points * 3)
            from mask in Gen.Elements(true, false).ArrayOf(points * 3)
            from noise in Gen.Choose(-500, 500).Select(v => v / 100.0).ArrayOf(slots * points * 3)
            select new Views(slots, points, values, mask, noise));

        /// <summary>A rated load and a peak load, each in [0, 30 000] kVA.</summary>
        public static Arbitrary<SizingCase> Sizing() => Arb.From(
            from sr in Gen.Choose(0, 30000)
            from peak in Gen.Choose(0, 30000)
            select new SizingCase(sr, peak));
    }

    /// <summary>A constant shift in kW.</summary>
    public sealed record Shift(int Kw);

    /// <summary>A transformer rating in kVA.</summary>
    public sealed record RatingKva(int Kva);

    /// <summary>Voltages (pu) on slots × points × 3 phases, which phases are present, and noise for the absent ones.</summary>
    public sealed record Views(int Slots, int Points, double[] Values, bool[] Mask, double[] Noise);

    /// <summary>Rated and peak load in kVA.</summary>
    public sealed record SizingCase(int RatedKva, int PeakKva);

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Load_variance_is_invariant_to_a_constant_shift(Curve curve, Shift shift)
    {
        var x = curve.Kw;
        var c = shift.Kw;
        var shifted = x.Select(v => v + c).ToArray();
        var f = LoadVariance.Evaluate(x);
        // Shifting by up to 2e4 kW loses about |c|·ε per term in the mean and the deviations: 1e-9 relative, 1e-6 kW² absolute.
        return Math.Abs(LoadVariance.Evaluate(shifted) - f) <= 1e-9 * f + 1e-6;
    }

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Peak_valley_is_max_minus_min_and_the_two_curve_forms_agree(CurvePair p)
    {
        var total = p.Base.Zip(p.Ev, (b, e) => b + e).ToArray();
        return PeakValley.Evaluate(total) == total.Max() - total.Min()
               && PeakValley.Evaluate(p.Base, p.Ev) == PeakValley.Evaluate(total)
               && Math.Abs(LoadVariance.Evaluate(p.Base, p.Ev) - LoadVariance.Evaluate(total)) <= 1e-9 * LoadVariance.Evaluate(total) + 1e-6;
    }

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Voltage_offset_ignores_masked_phases(Views v)
    {
        var changed = (double[])v.Values.Clone();
        for (var i = 0; i < changed.Length; i++)
        {
            if (!v.Mask[i % (v.Points * 3)])
            {
                changed[i] = i % 2 == 0 ? double.NaN : v.Noise[i];
            }
        }

        var a = new VoltageView(v.Slots, v.Points, 3, v.Values, v.Mask);
        var b = new VoltageView(v.Slots, v.Points, 3, changed, v.Mask);
        var expected = 0.0;
        for (var i = 0; i < v.Values.Length; i++)
        {
            expected += v.Mask[i % (v.Points * 3)] ? Math.Abs(v.Values[i] - 1.0) : 0.0;
        }

        return VoltageOffset.Evaluate(a) == VoltageOffset.Evaluate(b)
               && Math.Abs(VoltageOffset.Evaluate(a) - expected) <= 1e-12
               && VoltageViolation.Evaluate(a) == VoltageViolation.Evaluate(b);
    }

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Voltage_violation_is_zero_exactly_when_every_present_voltage_is_within_the_limits(Views v)
    {
        var view = new VoltageView(v.Slots, v.Points, 3, v.Values, v.Mask);
        var inside = true;
        for (var i = 0; i < v.Values.Length; i++)
        {
            inside &= !v.Mask[i % (v.Points * 3)] || (v.Values[i] >= 0.93 - 1e-15 && v.Values[i] <= 1.07 + 1e-15);
        }

        var amount = VoltageViolation.Evaluate(view);
        return amount >= 0 && (amount == 0) == inside;
    }

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Capacity_violation_is_zero_exactly_when_eq_20_holds(CurvePair p, RatingKva rating)
    {
        var s = rating.Kva;
        var peak = p.Base.Zip(p.Ev, (b, e) => b + e).Max();
        var amount = CapacityViolation.Evaluate(p.Base, p.Ev, s, 0.85);
        return amount >= 0 && (amount == 0) == (peak <= s * 0.85) && (amount == 0 || Math.Abs(amount - (peak - s * 0.85)) <= 1e-9);
    }

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Superposition_rate_lies_in_half_to_one_for_non_negative_curves(CurvePair p)
    {
        var b = p.Base.Select(Math.Abs).Append(1).ToArray();
        var e = p.Ev.Select(Math.Abs).Append(0).ToArray();
        var g = GridIndicators.SuperpositionRate(b, e);
        return g >= 0.5 - 1e-12 && g <= 1 + 1e-12;
    }

    [Property(Arbitrary = new[] { typeof(ObjectivesArbitraries), typeof(Inputs) }, MaxTest = 200)]
    public bool Transformer_count_is_the_smallest_that_satisfies_both_lines_of_eq_8(SizingCase t)
    {
        var (sr, peak) = (t.RatedKva, t.PeakKva);
        var m = TransformerSizing.UnitCount(sr, peak, 1000, 0.85);
        var ok = (int k) => k * 1000.0 >= sr * (1 - 1e-9) && k * 850.0 >= peak * (1 - 1e-9);
        return ok(m) && (m == 1 || !ok(m - 1));
    }
}
