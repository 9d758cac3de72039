using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Objectives.Tests;

/// <summary>A load curve in kW (one value per slot).</summary>
public sealed record Curve(double[] Kw);

/// <summary>A base load and an EV load of the same length, in kW.</summary>
public sealed record CurvePair(double[] Base, double[] Ev);

/// <summary>Generators of load curves shared by the objective tests, for <c>[Property]</c>.</summary>
public static class ObjectivesArbitraries
{
    // Curves of 1–48 slots with values in ±5 000 kW on a 0.5 kW grid.
    private static Gen<double[]> CurveOf(int length) => Gen.Choose(-10000, 10000).Select(v => v / 2.0).ArrayOf(length);

    /// <summary>One curve of 1–48 slots.</summary>
    public static Arbitrary<Curve> Curves() => Arb.From(Gen.Choose(1, 48).SelectMany(CurveOf).Select(c => new Curve(c)));

    /// <summary>Two curves of one random length (1–48 slots).</summary>
    public static Arbitrary<CurvePair> CurvePairs() => Arb.From(
        Gen.Choose(1, 48).SelectMany(n => CurveOf(n).SelectMany(b => CurveOf(n).Select(e => new CurvePair(b, e)))));
}
