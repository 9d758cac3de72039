using Xunit;
using EvGrid.Optimization.Metaheuristics.Indicators;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;
using FsCheck.Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

public class IndicatorTests
{
    [Fact]
    public void Hypervolume2DOfTwoPointsIsTheUnionOfTheirBoxes()
    {
        // Boxes [1,3]x[2,3] (area 2) and [2,3]x[1,3] (area 2) overlap on [2,3]x[2,3] (area 1): union 3.
        Assert.Equal(3.0, Hypervolume.Compute([1, 2, 2, 1], 2, [3, 3]), 12);
    }

    [Fact]
    public void HypervolumeIgnoresPointsOutsideTheReferenceBox()
    {
        Assert.Equal(0.0, Hypervolume.Compute([3, 0, 0, 4], 2, [3, 3]));
        Assert.Equal(1.0, Hypervolume.Compute([3, 0, 2, 2, 0, 4], 2, [3, 3]), 12);
    }

    [Fact]
    public void Hypervolume3DOfOnePointIsItsBox()
    {
        Assert.Equal(6.0, Hypervolume.Compute([0, 0, 0], 3, [1, 2, 3]), 12);
    }

    [Fact]
    public void Hypervolume1DIsTheDistanceOfTheBestPointToTheReference()
    {
        Assert.Equal(0.75, Hypervolume.Compute([0.5, 0.25, 0.9], 1, [1]), 12);
    }

    [Fact]
    public void HypervolumeOfSampledZdtFrontsApproachesTheAnalyticArea()
    {
        // Reference (1.1, 1.1): HV = ∫0^1 (1.1 − f2(f1)) df1 + 0.1·1.1.
        var zdt1 = Hypervolume.Compute(ParetoFronts.Zdt1(), 2, [1.1, 1.1]);
        var zdt2 = Hypervolume.Compute(ParetoFronts.Zdt2(), 2, [1.1, 1.1]);
        Assert.InRange(1.1 - (1.0 / 3.0) + 0.11 - zdt1, 0.0, 1e-3);
        Assert.InRange(1.1 - (2.0 / 3.0) + 0.11 - zdt2, 0.0, 1e-3);
    }

    [Fact]
    public void HypervolumeOfSampledDtlzFrontsApproachesTheAnalyticVolume()
    {
        // DTLZ1: unit cube minus the simplex Σf ≤ 0.5 (volume 0.5³/6); DTLZ2: unit cube minus the sphere's octant (π/6).
        var dtlz1 = Hypervolume.Compute(ParetoFronts.Dtlz1(), 3, [1, 1, 1]);
        var dtlz2 = Hypervolume.Compute(ParetoFronts.Dtlz2(), 3, [1, 1, 1]);
        Assert.InRange(1.0 - (0.125 / 6.0) - dtlz1, 0.0, 5e-3);
        Assert.InRange(1.0 - (Math.PI / 6.0) - dtlz2, 0.0, 2e-2);
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 400)]
    public bool HypervolumeEqualsInclusionExclusionOnSmallFronts(SmallFront small)
    {
        var m = small.M;
        var reference = Enumerable.Repeat(1.05, m).ToArray();
        return Holds(small.Values);

        bool Holds(double[] front)
        {
            var expected = FrontGen.InclusionExclusion(front, m, reference);
            var actual = Hypervolume.Compute(front, m, reference);
            return Math.Abs(expected - actual) <= 1e-12;
        }
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool WfgIn4DMatchesTheExact3DSweepWhenTheLastObjectiveIsConstant(Front3D front3D)
    {
        return Holds(front3D.Values);

        bool Holds(double[] front)
        {
            var n = front.Length / 3;
            var lifted = new double[n * 4];
            for (var i = 0; i < n; i++)
            {
                Array.Copy(front, i * 3, lifted, i * 4, 3);
                lifted[(i * 4) + 3] = 0.25;
            }

            var hv3 = Hypervolume.Compute(front, 3, [1.1, 1.1, 1.1]);
            var hv4 = Hypervolume.Compute(lifted, 4, [1.1, 1.1, 1.1, 1.25]);
            return Math.Abs(hv3 - hv4) <= 1e-12;
        }
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 300)]
    public bool HypervolumeNeverDecreasesWhenAPointIsAddedAndIgnoresOrder(GrowingFront growing)
    {
        var m = growing.M;
        var reference = Enumerable.Repeat(1.1, m).ToArray();
        return Holds((growing.Values, growing.Extra, growing.Seed));

        bool Holds((double[] front, double[] extra, int seed) t)
        {
            var before = Hypervolume.Compute(t.front, m, reference);
            var grown = t.front.Concat(t.extra).ToArray();
            var after = Hypervolume.Compute(grown, m, reference);

            // Shuffle the rows of the grown front.
            var n = grown.Length / m;
            var perm = Enumerable.Range(0, n).ToArray();
            new Random(t.seed).Shuffle(perm);
            var shuffled = perm.SelectMany(i => grown.Skip(i * m).Take(m)).ToArray();
            var permuted = Hypervolume.Compute(shuffled, m, reference);
            return after >= before - 1e-12 && Math.Abs(after - permuted) <= 1e-12;
        }
    }

    [Fact]
    public void HypervolumeRejectsBadInput()
    {
        var ex = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([1, 2, 3], 2, [3, 3]));
        Assert.Contains("front", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([1, 2], 2, [3]));
        Assert.Contains("referencePoint", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => Hypervolume.Compute([1, double.NaN], 2, [3, 3]));
        Assert.Contains("NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IgdOfTheTrueFrontIsZero()
    {
        foreach (var front in new[] { ParetoFronts.Zdt1(), ParetoFronts.Zdt2(), ParetoFronts.Zdt3(), ParetoFronts.Zdt6() })
        {
            Assert.Equal(0.0, Igd.Compute(front, front, 2));
            Assert.Equal(0.0, IgdPlus.Compute(front, front, 2));
            Assert.Equal(0.0, GenerationalDistance.Compute(front, front, 2));
        }

        var dtlz2 = ParetoFronts.Dtlz2();
        Assert.Equal(0.0, Igd.Compute(dtlz2, dtlz2, 3));
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool IgdOfAnySupersetOfTheReferenceIsZeroAndOfASubsetIsPositive(Front2D referenceFront, Front2D extraFront)
    {
        return Holds(referenceFront.Values, extraFront.Values);

        bool Holds(double[] reference, double[] extra)
        {
            var superset = reference.Concat(extra).ToArray();
            var supersetIsZero = Igd.Compute(superset, reference, 2) == 0.0 && IgdPlus.Compute(superset, reference, 2) == 0.0;
            // Drop the reference's first point from it: unless another point sits on the same spot, that point is now
            // at a positive distance from the subset, so IGD (a mean of nearest distances) is positive.
            var subset = reference.Skip(2).ToArray();
            var duplicated = Enumerable.Range(1, (reference.Length / 2) - 1)
                .Any(i => reference[2 * i] == reference[0] && reference[(2 * i) + 1] == reference[1]);
            var subsetIsPositive = subset.Length == 0 || duplicated || Igd.Compute(subset, reference, 2) > 0.0;
            return supersetIsZero && subsetIsPositive;
        }
    }

    [Fact]
    public void DistanceIndicatorsMatchHandComputedValues()
    {
        // Reference Z = {(0,1), (1,0)}; front A = {(0.5, 0.5)}.
        double[] z = [0, 1, 1, 0];
        double[] a = [0.5, 0.5];
        Assert.Equal(Math.Sqrt(0.5), Igd.Compute(a, z, 2), 12);
        Assert.Equal(0.5, IgdPlus.Compute(a, z, 2), 12); // d+((0,1),(0.5,0.5)) = 0.5 on f1 only
        Assert.Equal(Math.Sqrt(0.5), GenerationalDistance.Compute(a, z, 2), 12);

        // IGD+ ignores the objectives in which the obtained point is better: A = {(0, 0.5)} vs Z = {(0,1)} → 0.
        Assert.Equal(0.0, IgdPlus.Compute([0, 0.5], [0, 1], 2));
        Assert.Equal(0.5, Igd.Compute([0, 0.5], [0, 1], 2), 12);

        // GD with p = 2: A = {(0,0), (3,4)}, Z = {(0,0)} → sqrt(0 + 25) / 2.
        Assert.Equal(2.5, GenerationalDistance.Compute([0, 0, 3, 4], [0, 0], 2, 2.0), 12);
        Assert.Equal(2.5, GenerationalDistance.Compute([0, 0, 3, 4], [0, 0], 2), 12);
    }

    [Fact]
    public void SpacingIsZeroForEvenlySpacedPointsAndMatchesAHandValue()
    {
        Assert.Equal(0.0, Spacing.Compute([0, 1, 0.25, 0.75, 0.5, 0.5, 0.75, 0.25, 1, 0], 2), 12);

        // Points (0,2), (1,1), (3,0): nearest city-block distances 2, 2, 3 → mean 7/3, S = sqrt(((1/3)²·2 + (2/3)²)/2).
        var expected = Math.Sqrt(((2.0 / 9.0) + (4.0 / 9.0)) / 2.0);
        Assert.Equal(expected, Spacing.Compute([0, 2, 1, 1, 3, 0], 2), 12);
        Assert.Equal(0.0, Spacing.Compute([0.5, 0.5], 2));
    }

    [Fact]
    public void DistanceIndicatorsRejectEmptyFronts()
    {
        Assert.Throws<ArgumentException>(() => Igd.Compute([], [0, 1], 2));
        Assert.Throws<ArgumentException>(() => IgdPlus.Compute([0, 1], [], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => GenerationalDistance.Compute([0, 1], [0, 1], 2, 0.5));
    }
}
