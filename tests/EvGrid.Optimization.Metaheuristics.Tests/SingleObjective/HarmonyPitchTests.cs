using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

/// <summary>Harmony search's pitch-adjusting rate and bandwidth schedules and one pitch adjustment worked by hand.</summary>
public class HarmonyPitchTests
{
    [Fact]
    public void Improved_schedules_by_hand()
    {
        // Mahdavi et al. (2007) with the library's IHS defaults: PAR from 0.35 to 0.99 linearly; bandwidth from 5 % of
        // the range down to 1e-6 exponentially, so half-way it is 0.05·√(1e-6/0.05) = 0.05·√2e-5 = 2.2360680e-4.
        var o = HarmonySearchOptions.ImprovedDefaults;
        Assert.Equal(0.35, o.PitchAdjustRate(0), 15);
        Assert.Equal(0.67, o.PitchAdjustRate(0.5), 15);
        Assert.Equal(0.99, o.PitchAdjustRate(1), 15);
        Assert.Equal(0.05, o.BandwidthFraction(0), 15);
        Assert.Equal(2.2360679774997898e-4, o.BandwidthFraction(0.5), 1e-17);
        Assert.Equal(1e-6, o.BandwidthFraction(1), 1e-19);

        // Plain HS keeps PAR = 0.3 and a 1 % bandwidth throughout.
        var plain = new HarmonySearchOptions();
        Assert.Equal(0.3, plain.PitchAdjustRate(0.7), 15);
        Assert.Equal(0.01, plain.BandwidthFraction(0.7), 15);
    }

    [Fact]
    public void Pitch_adjustment_by_hand()
    {
        // Memory of two one-dimensional harmonies {1.0, 3.9} in [0, 4], HMCR = PAR = 1, bandwidth 10 % of the range.
        // Seed 11 draws 0.223274 (memory), row 0, 0.245261 (adjust), r = 0.443775:
        //   x = 1.0 + 0.1·4·(2r − 1) = 1.0 − 0.044980 = 0.955020.
        double[] memory = [1.0, 3.9];
        var bounds = Bounds.Uniform(1, 0, 4);
        var draws = new RandomSource(11);
        Assert.Equal(0.223274216617233, draws.NextDouble());
        Assert.Equal(0, draws.NextInt(2));
        Assert.Equal(0.24526072486170158, draws.NextDouble());
        Assert.Equal(0.4437749792835223, draws.NextDouble());
        var x = new double[1];
        HarmonyImproviser.Improvise(x, memory, 2, bounds, 1.0, 1.0, 0.1, new RandomSource(11));
        Assert.Equal(1.0 + (0.4 * ((2 * 0.4437749792835223) - 1)), x[0], 15);
        Assert.Equal(0.9550199834268178, x[0], 15);

        // Seed 4 picks row 1 and r = 0.977554: 3.9 + 0.4·0.955107 = 4.282 lies above the range and is clamped to 4.
        HarmonyImproviser.Improvise(x, memory, 2, bounds, 1.0, 1.0, 0.1, new RandomSource(4));
        Assert.Equal(4.0, x[0]);

        // PAR = 0: the memory value is taken unchanged (the adjust draw is still made).
        HarmonyImproviser.Improvise(x, memory, 2, bounds, 1.0, 0.0, 0.1, new RandomSource(11));
        Assert.Equal(1.0, x[0]);
    }

    [Theory]
    [InlineData(0.9, 0.3, 0.01, 1)]
    [InlineData(0.95, 0.99, 0.05, 2)]
    [InlineData(0.9, 0.35, 1e-10, 3)]
    [InlineData(1.0, 1.0, 0.5, 4)] // wide steps: many clamps at both bounds
    [InlineData(0.0, 0.5, 0.1, 5)] // random selection only
    public void Improvisation_equals_the_textbook_loop_draw_for_draw(double hmcr, double par, double bw, int seed)
    {
        // The improviser compares integers instead of doubles and precomputes the rejection threshold; the harmonies
        // and the generator state after them must be those of the plain loop written with NextDouble, NextInt and
        // Math.Clamp.
        const int n = 30;
        const int rows = 50;
        var bounds = new Bounds(Enumerable.Range(0, n).Select(j => -5.0 - j).ToArray(),
            Enumerable.Range(0, n).Select(j => 5.0 + (0.5 * j)).ToArray());
        var fill = new RandomSource(100 + seed);
        var memory = new double[rows * n];
        for (var i = 0; i < memory.Length; i++)
        {
            var j = i % n;
            memory[i] = fill.NextDouble(bounds.Lower[j], bounds.Upper[j]);
        }

        var fast = new RandomSource(seed);
        var plain = new RandomSource(seed);
        var x = new double[n];
        for (var harmony = 0; harmony < 200; harmony++)
        {
            HarmonyImproviser.Improvise(x, memory, rows, bounds, hmcr, par, bw, fast);
            for (var j = 0; j < n; j++)
            {
                double expected;
                if (plain.NextDouble() < hmcr)
                {
                    expected = memory[(plain.NextInt(rows) * n) + j];
                    if (plain.NextDouble() < par)
                    {
                        expected += bw * (bounds.Upper[j] - bounds.Lower[j]) * ((2.0 * plain.NextDouble()) - 1.0);
                        expected = Math.Clamp(expected, bounds.Lower[j], bounds.Upper[j]);
                    }
                }
                else
                {
                    expected = bounds.Lower[j] + ((bounds.Upper[j] - bounds.Lower[j]) * plain.NextDouble());
                }

                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(x[j]));
            }

            Assert.Equal(plain.GetState(), fast.GetState());
        }
    }

    [Fact]
    public void A_memory_smaller_than_rows_times_dimension_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => HarmonyImproviser.Improvise(new double[3], new double[5], 2,
            Bounds.Uniform(3, 0, 1), 0.9, 0.3, 0.01, new RandomSource(1)));
        Assert.Equal("memory", error.ParamName);
    }
}
