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

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.3)]
    [InlineData(0.9)]
    [InlineData(0.95)]
    [InlineData(0.5)] // exactly 2^52·2^-53: the draw k = 2^52 is not below it
    [InlineData(1.1102230246251565e-16)] // 2^-53: only k = 0 is below it
    [InlineData(0.35000000000000003)]
    [InlineData(0.9899999999999999)]
    public void Integer_Bernoulli_threshold_takes_the_same_decisions_as_comparing_the_double(double p)
    {
        // The hot loops compare the top 53 bits with ⌈p·2^53⌉ instead of NextDouble() with p; both generators must
        // decide alike on every draw, including the draw equal to p.
        var threshold = Xoshiro256StarStarCore.BernoulliThreshold(p);
        var bits = new RandomSource(5).Core;
        var doubles = new RandomSource(5);
        for (var i = 0; i < 20_000; i++)
        {
            Assert.Equal(doubles.NextDouble() < p, bits.NextBits53() < threshold);
        }

        Assert.Equal(p, threshold / 9007199254740992.0, p * 1e-15); // T·2^-53 is p rounded up to the 53-bit grid
        Assert.Equal(0L, Xoshiro256StarStarCore.BernoulliThreshold(-0.5));
        Assert.Equal(1L << 53, Xoshiro256StarStarCore.BernoulliThreshold(1.5));
    }

    [Fact]
    public void Integer_threshold_at_a_draw_exactly_on_the_grid()
    {
        // k·2^-53 < p is false for p = k·2^-53, and k < ⌈k⌉ = k is false too; the next double above p lets k through.
        var rng = new RandomSource(9).Core;
        var k = rng.NextBits53();
        var p = k / 9007199254740992.0;
        Assert.False(k < Xoshiro256StarStarCore.BernoulliThreshold(p));
        Assert.True(k < Xoshiro256StarStarCore.BernoulliThreshold(Math.BitIncrement(p)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(30)]
    [InlineData(50)]
    [InlineData(int.MaxValue)]
    public void NextInt_with_a_precomputed_threshold_draws_the_same_integers(int bound)
    {
        var threshold = Xoshiro256StarStarCore.RejectionThreshold(bound);
        Assert.Equal(unchecked(0UL - (ulong)bound) % (ulong)bound, threshold);
        var plain = new RandomSource(13);
        var fast = new RandomSource(13).Core;
        for (var i = 0; i < 20_000; i++)
        {
            Assert.Equal(plain.NextInt(bound), fast.NextInt(bound, threshold));
        }

        Assert.Equal(plain.GetState(), new RandomSourceState(fast.S0, fast.S1, fast.S2, fast.S3));
    }

    [Fact]
    public void NextInt_with_a_precomputed_threshold_rejects_like_the_plain_one()
    {
        // State {1, 2, 3, 4} gives 11520 and then 0; x = 0 gives the low word 0, below (2^64 − 3) mod 3 = 1, so both
        // forms must reject it and draw again (the rejection path is otherwise met once in 2^60 draws).
        Assert.Equal(1UL, Xoshiro256StarStarCore.RejectionThreshold(3));
        var plain = new RandomSource(new RandomSourceState(1, 2, 3, 4));
        var fast = plain.Core;
        plain.NextUInt64();
        fast.NextUInt64();
        var expected = plain.NextInt(3);
        var afterPlain = plain.GetState();
        Assert.Equal(expected, fast.NextInt(3, 1));
        Assert.Equal(afterPlain, new RandomSourceState(fast.S0, fast.S1, fast.S2, fast.S3));
        var reference = new RandomSource(new RandomSourceState(1, 2, 3, 4));
        reference.NextUInt64();
        reference.NextUInt64(); // the rejected 0
        Assert.Equal((int)Math.BigMul(reference.NextUInt64(), 3UL, out _), expected);
    }
}
