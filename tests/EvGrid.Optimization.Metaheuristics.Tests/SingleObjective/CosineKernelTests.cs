using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Tests.Lab;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

/// <summary>
/// The vectorised cosine behind Rastrigin and Ackley returns what <see cref="Math.Cos"/> returns, bit for bit, on the C
/// library the pins were written with; elsewhere it returns the correctly rounded cosine where it can prove it, so it
/// may differ from a less accurate platform cosine by at most one ulp.
/// </summary>
public class CosineKernelTests
{
    /// <summary>Angles the kernel sees: Rastrigin's ±2π·5.12, Ackley's ±2π·32, and up to its vector limit 2²⁰.</summary>
    [Theory]
    [InlineData(32.17, 1)]
    [InlineData(201.1, 2)]
    [InlineData(1048576.0, 3)]
    [InlineData(0.05, 4)]
    public void Random_angles_give_math_cos(double range, int seed)
    {
        var random = new Random(seed);
        var angles = new double[250_003]; // not a multiple of four: the padded tail runs too
        for (var i = 0; i < angles.Length; i++)
        {
            angles[i] = range * ((2.0 * random.NextDouble()) - 1.0);
        }

        var cosines = new double[angles.Length];
        CosineKernel.Cos(angles, cosines);
        var inPlace = (double[])angles.Clone();
        CosineKernel.Cos(inPlace, inPlace);

        AssertMatches(angles, cosines);
        AssertMatches(angles, inPlace);
    }

    [Fact]
    public void Special_and_boundary_angles_give_math_cos()
    {
        double[] angles =
        [
            0.0, -0.0, double.Epsilon, 1e-300, 1e-9, 9.313225746154785e-10, Math.PI / 64, Math.PI / 4, Math.PI / 2,
            Math.PI, 2 * Math.PI, 2 * Math.PI * 5.12, -2 * Math.PI * 5.12, 1048576.0, Math.BitIncrement(1048576.0),
            -1048576.0, 1e10, double.MaxValue, double.NaN, double.PositiveInfinity, double.NegativeInfinity,
            Math.PI / 128, Math.BitDecrement(Math.PI / 128), Math.BitIncrement(Math.PI / 128),
        ];
        var near = new List<double>(angles);
        for (var k = -200; k <= 200; k++)
        {
            var a = k * Math.PI / 64; // the table points and their neighbours: the 2^-30 guard and the exact first step
            near.Add(a);
            near.Add(Math.BitIncrement(a));
            near.Add(Math.BitDecrement(a));
            near.Add(a + 1e-9);
            near.Add(a + (Math.PI / 128) - 1e-15);
        }

        var all = near.ToArray();
        var cosines = new double[all.Length];
        CosineKernel.Cos(all, cosines);
        AssertMatches(all, cosines);
        Assert.True(double.IsNaN(cosines[Array.IndexOf(all, double.PositiveInfinity)]));
    }

    [Fact]
    public void Short_destination_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => CosineKernel.Cos(new double[5], new double[4]));
        Assert.Equal("cosine", ex.ParamName);
    }

    /// <summary>Rastrigin and Ackley through the kernel's sink equal their formulas written with Math.Cos, with and
    /// without a padded last vector.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(131)]
    public void Rastrigin_and_ackley_equal_their_math_cos_formulas(int n)
    {
        var random = new Random(n);
        var rastrigin = new RastriginFunction(n);
        var ackley = new AckleyFunction(n);
        for (var trial = 0; trial < 200; trial++)
        {
            var x = new double[n];
            for (var j = 0; j < n; j++)
            {
                x[j] = 5.12 * ((2.0 * random.NextDouble()) - 1.0);
            }

            var r = 0.0;
            var sq = 0.0;
            var cs = 0.0;
            foreach (var v in x)
            {
                r += (v * v) - (10.0 * Math.Cos(2.0 * Math.PI * v)) + 10.0;
                sq += v * v;
                cs += Math.Cos(2.0 * Math.PI * v);
            }

            var a = Math.Max((-20.0 * Math.Exp(-0.2 * Math.Sqrt(sq / n))) - Math.Exp(cs / n) + 20.0 + Math.E, 0.0);
            if (MathLibrary.MatchesPinned)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(r), BitConverter.DoubleToInt64Bits(rastrigin.Value(x)));
                Assert.Equal(BitConverter.DoubleToInt64Bits(a), BitConverter.DoubleToInt64Bits(ackley.Value(x)));
            }
            else
            {
                // Another C library: each cosine may differ by one ulp (2.3e-16 after the factor 10: 2.3e-15), and
                // each partial sum may then round the other way (half an ulp of the sum, 1.2e-16·|sum|).
                Assert.Equal(r, rastrigin.Value(x), n * (2.3e-15 + (1.2e-16 * r)));
                Assert.Equal(a, ackley.Value(x), 4e-15 * n);
            }
        }
    }

    private static void AssertMatches(double[] angles, double[] cosines)
    {
        for (var i = 0; i < angles.Length; i++)
        {
            var expected = Math.Cos(angles[i]);
            if (MathLibrary.MatchesPinned || double.IsNaN(expected))
            {
                Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(cosines[i])
                    || (double.IsNaN(expected) && double.IsNaN(cosines[i])),
                    $"cos({angles[i]:R}): Math.Cos {expected:R}, kernel {cosines[i]:R}");
            }
            else
            {
                // Another C library: the kernel's correctly rounded value is at most one ulp from a cosine within 1 ulp.
                Assert.True(Math.Abs(expected - cosines[i]) <= Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected),
                    $"cos({angles[i]:R}): Math.Cos {expected:R}, kernel {cosines[i]:R}");
            }
        }
    }
}
