using EvGrid.Optimization.Objectives;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace EvGrid.Optimization.Objectives.Tests;

public class PropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200);

    // Curves of 1–48 slots with values in ±5 000 kW on a 0.5 kW grid.
    private static Gen<double[]> CurveGen(int length) => Gen.Choose(-10000, 10000).Select(v => v / 2.0).ArrayOf(length);

    private static readonly Gen<double[]> Curve = Gen.Choose(1, 48).SelectMany(CurveGen);

    private static readonly Gen<(double[] Base, double[] Ev)> Pair =
        Gen.Choose(1, 48).SelectMany(n => CurveGen(n).SelectMany(b => CurveGen(n).Select(e => (b, e))));

    [Fact]
    public void Load_variance_is_invariant_to_a_constant_shift()
    {
        Prop.ForAll(Arb.From(Curve), Arb.From(Gen.Choose(-20000, 20000)), (x, c) =>
        {
            var shifted = x.Select(v => v + c).ToArray();
            var f = LoadVariance.Evaluate(x);
            // Shifting by up to 2e4 kW loses about |c|·ε per term in the mean and the deviations: 1e-9 relative, 1e-6 kW² absolute.
            return Math.Abs(LoadVariance.Evaluate(shifted) - f) <= 1e-9 * f + 1e-6;
        }).Check(Quick);
    }

    [Fact]
    public void Peak_valley_is_max_minus_min_and_the_two_curve_forms_agree()
    {
        Prop.ForAll(Arb.From(Pair), p =>
        {
            var total = p.Base.Zip(p.Ev, (b, e) => b + e).ToArray();
            return PeakValley.Evaluate(total) == total.Max() - total.Min()
                   && PeakValley.Evaluate(p.Base, p.Ev) == PeakValley.Evaluate(total)
                   && Math.Abs(LoadVariance.Evaluate(p.Base, p.Ev) - LoadVariance.Evaluate(total)) <= 1e-9 * LoadVariance.Evaluate(total) + 1e-6;
        }).Check(Quick);
    }

    private static readonly Gen<(int Slots, int Points, double[] Values, bool[] Mask, double[] Noise)> Views =
        from slots in Gen.Choose(1, 4)
        from points in Gen.Choose(1, 5)
        from values in Gen.Choose(850, 1150).Select(v => v / 1000.0).ArrayOf(slots * points * 3)
        from mask in Gen.Elements(true, false).ArrayOf(points * 3)
        from noise in Gen.Choose(-500, 500).Select(v => v / 100.0).ArrayOf(slots * points * 3)
        select (slots, points, values, mask, noise);

    [Fact]
    public void Voltage_offset_ignores_masked_phases()
    {
        Prop.ForAll(Arb.From(Views), v =>
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
        }).Check(Quick);
    }

    [Fact]
    public void Voltage_violation_is_zero_exactly_when_every_present_voltage_is_within_the_limits()
    {
        Prop.ForAll(Arb.From(Views), v =>
        {
            var view = new VoltageView(v.Slots, v.Points, 3, v.Values, v.Mask);
            var inside = true;
            for (var i = 0; i < v.Values.Length; i++)
            {
                inside &= !v.Mask[i % (v.Points * 3)] || (v.Values[i] >= 0.93 - 1e-15 && v.Values[i] <= 1.07 + 1e-15);
            }

            var amount = VoltageViolation.Evaluate(view);
            return amount >= 0 && (amount == 0) == inside;
        }).Check(Quick);
    }

    [Fact]
    public void Capacity_violation_is_zero_exactly_when_eq_20_holds()
    {
        Prop.ForAll(Arb.From(Pair), Arb.From(Gen.Choose(0, 20000)), (p, s) =>
        {
            var peak = p.Base.Zip(p.Ev, (b, e) => b + e).Max();
            var amount = CapacityViolation.Evaluate(p.Base, p.Ev, s, 0.85);
            return amount >= 0 && (amount == 0) == (peak <= s * 0.85) && (amount == 0 || Math.Abs(amount - (peak - s * 0.85)) <= 1e-9);
        }).Check(Quick);
    }

    [Fact]
    public void Superposition_rate_lies_in_half_to_one_for_non_negative_curves()
    {
        // max(b + e) ≤ max b + max e, and max(b + e) ≥ max(max b, max e) ≥ (max b + max e) / 2.
        Prop.ForAll(Arb.From(Pair), p =>
        {
            var b = p.Base.Select(Math.Abs).Append(1).ToArray();
            var e = p.Ev.Select(Math.Abs).Append(0).ToArray();
            var g = GridIndicators.SuperpositionRate(b, e);
            return g >= 0.5 - 1e-12 && g <= 1 + 1e-12;
        }).Check(Quick);
    }

    [Fact]
    public void Transformer_count_is_the_smallest_that_satisfies_both_lines_of_eq_8()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, 30000)), Arb.From(Gen.Choose(0, 30000)), (sr, peak) =>
        {
            var m = TransformerSizing.UnitCount(sr, peak, 1000, 0.85);
            var ok = (int k) => k * 1000.0 >= sr * (1 - 1e-9) && k * 850.0 >= peak * (1 - 1e-9);
            return ok(m) && (m == 1 || !ok(m - 1));
        }).Check(Quick);
    }
}
