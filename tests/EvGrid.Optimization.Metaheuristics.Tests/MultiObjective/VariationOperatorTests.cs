using EvGrid.Optimization.Metaheuristics.MultiObjective;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

/// <summary>
/// Simulated binary crossover and polynomial mutation (<see cref="VariationOperators"/>): children stay in the box,
/// the spread factor follows SBX's distribution, and one crossover and one mutation worked by hand for a known draw.
/// </summary>
public class VariationOperatorTests
{
    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 200)]
    public bool Crossover_children_stay_in_the_box_and_no_crossing_copies_the_parents(VariationCase c)
    {
        var bounds = new Bounds(c.Lower, c.Upper);
        var n = c.Lower.Length;
        var child1 = new double[n];
        var child2 = new double[n];
        var random = new RandomSource(c.Seed);
        for (var k = 0; k < 20; k++)
        {
            VariationOperators.SimulatedBinaryCrossover(c.Parent1, c.Parent2, child1, child2, bounds, 1.0, c.Eta, random);
            if (!bounds.Contains(child1) || !bounds.Contains(child2))
            {
                return false;
            }
        }

        VariationOperators.SimulatedBinaryCrossover(c.Parent1, c.Parent2, child1, child2, bounds, 0.0, c.Eta, random);
        return child1.SequenceEqual(c.Parent1) && child2.SequenceEqual(c.Parent2);
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 200)]
    public bool Mutation_stays_in_the_box_and_probability_zero_changes_nothing(VariationCase c)
    {
        var bounds = new Bounds(c.Lower, c.Upper);
        var random = new RandomSource(c.Seed);
        var x = c.Parent1.ToArray();
        for (var k = 0; k < 20; k++)
        {
            VariationOperators.PolynomialMutation(x, bounds, 1.0, c.Eta, random);
            if (!bounds.Contains(x))
            {
                return false;
            }
        }

        var before = x.ToArray();
        VariationOperators.PolynomialMutation(x, bounds, 0.0, c.Eta, random);
        return x.SequenceEqual(before);
    }

    [Fact]
    public void Crossover_of_0_2_and_0_6_by_hand()
    {
        // Seed 7 draws u = 0.700576 (< 1: the pair crosses), 0.278751 (≤ 0.5: the variable crosses), r = 0.839627 and
        // 0.981098 (> 0.5: no swap). Parents 0.2 and 0.6 in [0, 1], η_c = 2:
        //   β₁ = 1 + 2·(0.2 − 0)/0.4 = 2, α₁ = 2 − 2⁻³ = 1.875; r > 1/α₁, so β_q = (1/(2 − r·α₁))^(1/3) = 1.329329,
        //   c₁ = ½(0.8 − 1.329329·0.4) = 0.134134;
        //   β₂ = 1 + 2·(1 − 0.6)/0.4 = 3, α₂ = 2 − 3⁻³ = 1.962963, β_q = (1/(2 − r·α₂))^(1/3) = 1.416502,
        //   c₂ = ½(0.8 + 1.416502·0.4) = 0.683300.
        var draws = new RandomSource(7);
        Assert.Equal([0.7005764821796896, 0.2787512294737843, 0.8396274618764198, 0.9810977250149351],
            [draws.NextDouble(), draws.NextDouble(), draws.NextDouble(), draws.NextDouble()]);
        var child1 = new double[1];
        var child2 = new double[1];
        VariationOperators.SimulatedBinaryCrossover([0.2], [0.6], child1, child2, Bounds.Uniform(1, 0, 1), 1.0, 2.0, new RandomSource(7));

        // The figures above come from the same formulas evaluated elsewhere in double precision; Math.Pow may differ
        // from that evaluation in the last bit, so 1e-14.
        Assert.Equal(0.13413411157983046, child1[0], 1e-14);
        Assert.Equal(0.6833004570074496, child2[0], 1e-14);
    }

    [Fact]
    public void Mutation_of_0_3_by_hand()
    {
        // Seed 9 draws 0.002583 (< 1: the variable mutates) and r = 0.251489. x = 0.3 in [0, 2], η_m = 5:
        //   δ₁ = 0.15; r ≤ 0.5, so val = 2r + (1 − 2r)(1 − δ₁)⁶ = 0.502979 + 0.497021·0.377150 = 0.690430,
        //   δ_q = val^(1/6) − 1 = −0.059873, x' = 0.3 + δ_q·2 = 0.180254.
        var draws = new RandomSource(9);
        Assert.Equal([0.0025834396857136177, 0.25148937241585745], [draws.NextDouble(), draws.NextDouble()]);
        double[] x = [0.3];
        VariationOperators.PolynomialMutation(x, Bounds.Uniform(1, 0, 2), 1.0, 5.0, new RandomSource(9));
        Assert.Equal(0.18025439289569362, x[0], 1e-14);
    }

    [Fact]
    public void Spread_factor_follows_the_sbx_distribution()
    {
        // Parents 0.45 and 0.55 in [0, 1], η_c = 20: both ends are 10 gaps away, so α = 2 − 10⁻²¹ ≈ 2 and both
        // children share one β_q. SBX's distribution gives P(β_q ≤ b) = b²¹/2 for b ≤ 1 and (2 − b⁻²¹)/2 above:
        // P(β_q ≤ 0.9) = 0.0547, P(β_q ≤ 1) = 0.5, P(β_q ≤ 1.05) = 0.8206. Each variable crosses with probability 0.5.
        const int pairs = 40_000;
        var random = new RandomSource(2026);
        var bounds = Bounds.Uniform(1, 0, 1);
        var c1 = new double[1];
        var c2 = new double[1];
        var crossed = 0;
        var atMost = new int[3];
        double[] b = [0.9, 1.0, 1.05];
        for (var k = 0; k < pairs; k++)
        {
            VariationOperators.SimulatedBinaryCrossover([0.45], [0.55], c1, c2, bounds, 1.0, 20.0, random);
            if (c1[0] == 0.45 && c2[0] == 0.55)
            {
                continue;
            }

            crossed++;

            // Children are centred on the parents' mean (equal β_q on both sides).
            Assert.Equal(1.0, c1[0] + c2[0], 1e-12);
            var betaQ = Math.Abs(c2[0] - c1[0]) / 0.1;
            for (var i = 0; i < b.Length; i++)
            {
                atMost[i] += betaQ <= b[i] ? 1 : 0;
            }
        }

        // Binomial standard errors: 0.0025 for the crossing share over 40 000 pairs, at most 0.0050 for the shares
        // over about 20 000 crossings; the bounds are 4.5 standard errors.
        Assert.InRange(crossed / (double)pairs, 0.5 - 0.0113, 0.5 + 0.0113);
        double[] expected = [Math.Pow(0.9, 21) / 2, 0.5, (2 - Math.Pow(1.05, -21)) / 2];
        for (var i = 0; i < b.Length; i++)
        {
            var share = atMost[i] / (double)crossed;
            var se = Math.Sqrt(expected[i] * (1 - expected[i]) / crossed);
            Assert.True(Math.Abs(share - expected[i]) <= 4.5 * se, $"P(β_q ≤ {b[i]}) = {share:F4}, expected {expected[i]:F4} ± {4.5 * se:F4}");
        }
    }

    [Fact]
    public void Mutation_moves_each_variable_with_the_given_probability_and_equally_often_down_and_up()
    {
        // x = 0.5 in [0, 1]: δ₁ = δ₂ = 0.5, so r ≤ 0.5 moves down and r > 0.5 moves up, each with probability ½.
        const int trials = 40_000;
        var random = new RandomSource(11);
        var bounds = Bounds.Uniform(1, 0, 1);
        var moved = 0;
        var down = 0;
        double[] x = [0.5];
        for (var k = 0; k < trials; k++)
        {
            x[0] = 0.5;
            VariationOperators.PolynomialMutation(x, bounds, 0.25, 20.0, random);
            if (x[0] != 0.5)
            {
                moved++;
                down += x[0] < 0.5 ? 1 : 0;
            }
        }

        // 4.5 binomial standard errors: 0.0022·4.5 for the share moved (p = 0.25), 0.0050·4.5 for the share down.
        Assert.InRange(moved / (double)trials, 0.25 - 0.0098, 0.25 + 0.0098);
        Assert.InRange(down / (double)moved, 0.5 - 0.0225, 0.5 + 0.0225);
    }
}
