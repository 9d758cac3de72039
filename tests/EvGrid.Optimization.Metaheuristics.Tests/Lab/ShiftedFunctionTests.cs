using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

public class ShiftedFunctionTests
{
    public static TheoryData<string> Names() => new(TestFunctions.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void The_minimiser_moves_off_the_centre_and_the_optimum_value_stays_zero(string name)
    {
        foreach (var (shift, rotate) in new[] { (true, false), (false, true), (true, true) })
        {
            var f = TestFunctions.Create(name, 6, shift, rotate, seed: 11);
            var o = f.Minimizer();

            // Only floating-point rounding of M (o − o) + x* separates the value from 0.
            Assert.Equal(0.0, f.Value(o), 1e-12);
            Assert.True(f.Bounds.Contains(o));
            if (shift)
            {
                var plain = TestFunctions.Create(name, 6);
                Assert.True(plain.Value(o) > 1e-3, $"{f.Name}: plain value at the shifted minimiser {plain.Value(o)}");
                var centre = plain.Minimizer();
                Assert.True(f.Value(centre) > 1e-3, $"{f.Name}: value at the plain minimiser {f.Value(centre)}");
            }
        }
    }

    [Fact]
    public void The_rotation_is_orthogonal_and_the_variant_depends_on_the_seed_only()
    {
        var f = (ShiftedRotatedFunction)TestFunctions.Create("rastrigin", 7, true, true, seed: 3);
        var m = f.Rotation!;
        for (var i = 0; i < 7; i++)
        {
            for (var k = 0; k < 7; k++)
            {
                var dot = 0.0;
                for (var j = 0; j < 7; j++)
                {
                    dot += m[(i * 7) + j] * m[(k * 7) + j];
                }

                Assert.Equal(i == k ? 1.0 : 0.0, dot, 1e-12);
            }
        }

        Assert.Equal("rastrigin-shifted-rotated", f.Name);
        Assert.Equal(f.Minimizer(), TestFunctions.Create("rastrigin", 7, true, true, seed: 3).Minimizer());
        Assert.NotEqual(f.Minimizer(), TestFunctions.Create("rastrigin", 7, true, true, seed: 4).Minimizer());
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool A_variant_is_the_plain_function_in_moved_coordinates(MovedPoint input)
    {
        // f'(x) = f(M (x - o) + x*): evaluating at x = o + Mᵀ (z - x*) must give f(z) for any z.
        return Holds((input.Seed, input.Z));

        bool Holds((int seed, double[] z) t)
        {
            var plain = TestFunctions.Create("rosenbrock", 5);
            var f = (ShiftedRotatedFunction)TestFunctions.Create("rosenbrock", 5, true, true, t.seed);
            var m = f.Rotation!;
            var o = f.Minimizer();
            var x = new double[5];
            for (var j = 0; j < 5; j++)
            {
                x[j] = o[j];
                for (var i = 0; i < 5; i++)
                {
                    x[j] += m[(i * 5) + j] * (t.z[i] - 1.0);
                }
            }

            var expected = plain.Value(t.z);
            return Math.Abs(f.Value(x) - expected) <= 1e-9 * Math.Max(1.0, expected);
        }
    }

    [Fact]
    public void Comparison_runs_the_shifted_variant_under_its_own_name()
    {
        var registry = LabSetup.Registry;
        ComparisonRequest Request(bool shift) => new()
        {
            Functions = ["sphere"], Optimizers = ["pso"], Dimension = 3, PopulationSize = 10, Iterations = 40, Runs = 2,
            Shift = shift,
        };
        var plain = new SolverComparison(registry).Run(Request(false)).Rows.Single();
        var shifted = new SolverComparison(registry).Run(Request(true)).Rows.Single();
        Assert.Equal("sphere-shifted", shifted.Function);
        Assert.NotEqual(plain.Values, shifted.Values);
        Assert.All(shifted.Values, v => Assert.InRange(v, 0.0, 1.0)); // 400 evaluations on a 3-D sphere still converge
    }
}
