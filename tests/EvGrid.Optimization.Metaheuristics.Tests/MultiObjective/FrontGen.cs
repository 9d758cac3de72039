using FsCheck;
using FsCheck.Fluent;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

/// <summary>Generators of small fronts for the property tests: values on a 0.01 grid in [0, 1].</summary>
internal static class FrontGen
{
    /// <summary>A row-major front of 1..maxPoints points of <paramref name="objectives"/> objectives.</summary>
    public static Gen<double[]> Front(int objectives, int maxPoints) =>
        from n in Gen.Choose(1, maxPoints)
        from values in Gen.ArrayOf(Gen.Choose(0, 100).Select(v => v / 100.0), n * objectives)
        select values;

    /// <summary>Exact hypervolume by inclusion–exclusion over every subset (for ≤ 10 points).</summary>
    public static double InclusionExclusion(double[] front, int m, double[] reference)
    {
        var n = front.Length / m;
        var total = 0.0;
        var corner = new double[m];
        for (var mask = 1; mask < (1 << n); mask++)
        {
            Array.Fill(corner, double.NegativeInfinity);
            var bits = 0;
            for (var i = 0; i < n; i++)
            {
                if ((mask & (1 << i)) == 0)
                {
                    continue;
                }

                bits++;
                for (var k = 0; k < m; k++)
                {
                    corner[k] = Math.Max(corner[k], front[(i * m) + k]);
                }
            }

            var vol = 1.0;
            for (var k = 0; k < m; k++)
            {
                vol *= Math.Max(0.0, reference[k] - corner[k]);
            }

            total += (bits % 2 == 1 ? 1 : -1) * vol;
        }

        return total;
    }
}
