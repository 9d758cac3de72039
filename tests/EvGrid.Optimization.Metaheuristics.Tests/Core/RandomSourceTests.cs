using EvGrid.Optimization.Metaheuristics;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Core;

public class RandomSourceTests
{
    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_sequence_for_state_1_2_3_4()
    {
        // Reference outputs of Blackman & Vigna's xoshiro256starstar.c for s = {1, 2, 3, 4}.
        var rng = new RandomSource(new RandomSourceState(1, 2, 3, 4));
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Fact]
    public void Seeding_expands_the_seed_with_SplitMix64()
    {
        // SplitMix64 from x = 0 starts 0xE220A8397B1DCDAF (Vigna's splitmix64.c).
        var state = new RandomSource(0).GetState();
        Assert.Equal(0xE220A8397B1DCDAFUL, state.S0);
        var seeded = new RandomSource(42).GetState();
        Assert.Equal(new RandomSourceState(13679457532755275413UL, 2949826092126892291UL, 5139283748462763858UL,
            6349198060258255764UL), seeded);
    }

    [Fact]
    public void Restored_state_continues_the_same_sequence()
    {
        var a = new RandomSource(7);
        for (var i = 0; i < 100; i++)
        {
            a.NextDouble();
        }

        var b = new RandomSource(a.GetState());
        for (var i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextUInt64(), b.NextUInt64());
        }
    }

    [Fact]
    public void All_zero_state_is_rejected()
        => Assert.Throws<ArgumentException>(() => new RandomSource(new RandomSourceState(0, 0, 0, 0)));

    [Fact]
    public void Doubles_are_in_unit_interval_and_have_mean_one_half()
    {
        var rng = new RandomSource(3);
        var sum = 0.0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            var u = rng.NextDouble();
            Assert.InRange(u, 0.0, 0.9999999999999999);
            sum += u;
        }

        // Standard error of the mean is 1/sqrt(12 n) ≈ 6.5e-4; allow 5 sigma.
        Assert.InRange(sum / n, 0.5 - 3.3e-3, 0.5 + 3.3e-3);
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool NextInt_stays_in_range_for_any_bound(BoundAndSeed input)
    {
        return Holds(input.Bound, input.Seed);

        bool Holds(int bound, int seed)
        {
            var rng = new RandomSource(seed);
            for (var i = 0; i < 50; i++)
            {
                var k = rng.NextInt(bound);
                if (k < 0 || k >= bound)
                {
                    return false;
                }
            }

            return true;
        }
    }

    [Fact]
    public void Derived_seeds_differ_per_run_and_are_stable()
    {
        var seeds = Enumerable.Range(0, 1000).Select(i => RandomSource.DeriveSeed(1, i)).ToHashSet();
        Assert.Equal(1000, seeds.Count);
        Assert.Equal(RandomSource.DeriveSeed(1, 5), RandomSource.DeriveSeed(1, 5));
        Assert.NotEqual(RandomSource.DeriveSeed(1, 5), RandomSource.DeriveSeed(2, 5));
    }
}
