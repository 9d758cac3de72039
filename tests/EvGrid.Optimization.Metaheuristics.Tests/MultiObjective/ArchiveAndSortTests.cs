using Xunit;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using FsCheck.Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

public class ArchiveAndSortTests
{
    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool ArchiveIsMutuallyNonDominatedAndWithinItsCap(ArchiveInput input)
    {
        return Holds((input.Cap, input.M, input.Front));

        bool Holds((int cap, int m, double[] front) t)
        {
            var archive = new CrowdingArchive(t.cap, 1, t.m);
            var n = t.front.Length / t.m;
            for (var i = 0; i < n; i++)
            {
                archive.Add([i], t.front.AsSpan(i * t.m, t.m), 0.0);
            }

            if (archive.Count > t.cap || archive.Count == 0)
            {
                return false;
            }

            for (var i = 0; i < archive.Count; i++)
            {
                for (var j = 0; j < archive.Count; j++)
                {
                    if (i != j && (Dominance.ComparePareto(archive.Objectives(i), archive.Objectives(j)) != 0 ||
                                   archive.Objectives(i).SequenceEqual(archive.Objectives(j))))
                    {
                        return false;
                    }
                }

                // The stored position is the one that came with the objectives.
                var row = (int)archive.Position(i)[0];
                if (!t.front.AsSpan(row * t.m, t.m).SequenceEqual(archive.Objectives(i)))
                {
                    return false;
                }
            }

            return true;
        }
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool AdaptiveGridArchiveIsMutuallyNonDominatedAndWithinItsCap(ArchiveInput input)
    {
        return Holds((input.Cap, input.M, input.Front, input.Seed));

        bool Holds((int cap, int m, double[] front, int seed) t)
        {
            var archive = new AdaptiveGridArchive(t.cap, 1, t.m, 0, 5);
            var random = new RandomSource(t.seed);
            var n = t.front.Length / t.m;
            for (var i = 0; i < n; i++)
            {
                archive.Add([i], t.front.AsSpan(i * t.m, t.m), [], 0.0, random);
            }

            for (var i = 0; i < archive.Count; i++)
            {
                for (var j = 0; j < archive.Count; j++)
                {
                    if (i != j && (Dominance.ComparePareto(archive.Objectives(i), archive.Objectives(j)) != 0 ||
                                   archive.Objectives(i).SequenceEqual(archive.Objectives(j))))
                    {
                        return false;
                    }
                }
            }

            var leader = archive.SelectLeader(random);
            return archive.Count >= 1 && archive.Count <= t.cap && leader >= 0 && leader < archive.Count;
        }
    }

    [Fact]
    public void GridRouletteFavoursSparseHypercubes()
    {
        // Two divisions per objective on the members' span: (0,1) alone in its cell; (0.9,0.1), (0.95,0.05),
        // (1,0) share the opposite cell. Hypercube fitness 10/1 vs 10/3: the lone member leads with probability 3/4.
        var archive = new AdaptiveGridArchive(10, 1, 2, 0, 2);
        archive.Add([0], [0.0, 1.0], 0);
        archive.Add([1], [0.9, 0.1], 0);
        archive.Add([2], [0.95, 0.05], 0);
        archive.Add([3], [1.0, 0.0], 0);
        Assert.Equal(1, archive.CellCount(0));
        Assert.Equal(3, archive.CellCount(3));
        var random = new RandomSource(1);
        var lone = 0;
        const int draws = 40_000;
        for (var i = 0; i < draws; i++)
        {
            if (archive.SelectLeader(random) == 0)
            {
                lone++;
            }
        }

        Assert.InRange((double)lone / draws, 0.74, 0.76);
    }

    [Fact]
    public void FullGridArchiveRejectsANewcomerInTheMostCrowdedHypercube()
    {
        var archive = new AdaptiveGridArchive(3, 1, 2, 0, 2);
        archive.Add([0], [0.0, 1.0], 0);
        archive.Add([1], [0.9, 0.1], 0);
        archive.Add([2], [1.0, 0.0], 0);

        // (0.95, 0.05) joins the crowded corner cell: it is the one that leaves.
        Assert.False(archive.Add([3], [0.95, 0.05], [], 0, new RandomSource(2)));
        Assert.Equal(3, archive.Count);

        // (0.4, 0.45) lands in a cell of its own: it enters and a member of the crowded cell leaves.
        Assert.True(archive.Add([4], [0.4, 0.45], [], 0, new RandomSource(2)));
        Assert.Equal(3, archive.Count);
        Assert.Contains(Enumerable.Range(0, 3), i => archive.Objectives(i)[0] == 0.0);
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool UnboundedArchiveHoldsExactlyTheNonDominatedSet(LargeFront2D front2D)
    {
        return Holds(front2D.Values);

        bool Holds(double[] front)
        {
            var n = front.Length / 2;
            var archive = new CrowdingArchive(n, 1, 2);
            for (var i = 0; i < n; i++)
            {
                archive.Add([i], front.AsSpan(2 * i, 2), 0.0);
            }

            var expected = Enumerable.Range(0, n)
                .Where(i => Enumerable.Range(0, n).All(j => Dominance.ComparePareto(front.AsSpan(2 * j, 2), front.AsSpan(2 * i, 2)) != -1))
                .Select(i => (front[2 * i], front[(2 * i) + 1]))
                .Distinct()
                .OrderBy(p => p)
                .ToArray();
            var actual = Enumerable.Range(0, archive.Count)
                .Select(i => (archive.Objectives(i)[0], archive.Objectives(i)[1]))
                .OrderBy(p => p)
                .ToArray();
            return expected.SequenceEqual(actual);
        }
    }

    [Fact]
    public void ArchiveTruncationDropsTheMostCrowdedMember()
    {
        var archive = new CrowdingArchive(3, 1, 2);
        archive.Add([0], [0.0, 1.0], 0);
        archive.Add([1], [1.0, 0.0], 0);
        archive.Add([2], [0.5, 0.5], 0);
        Assert.Equal(3, archive.Count);

        // (0.45, 0.55) crowds (0.5, 0.5). Crowding distances of the four (ranges 1 in both objectives): the extremes ∞,
        // (0.45, 0.55): (0.5 − 0) + (1 − 0.5) = 1.0, (0.5, 0.5): (1 − 0.45) + (0.55 − 0) = 1.1; the smallest leaves, so
        // the newcomer is the one dropped and (0.5, 0.5) stays.
        archive.Add([3], [0.45, 0.55], 0);
        Assert.Equal(3, archive.Count);
        var kept = Enumerable.Range(0, 3).Select(i => (archive.Position(i)[0], archive.Objectives(i)[0])).OrderBy(p => p.Item2).ToArray();
        Assert.Equal([(0.0, 0.0), (2.0, 0.5), (1.0, 1.0)], kept);
    }

    [Fact]
    public void ArchivePrefersFeasibleSolutions()
    {
        var archive = new CrowdingArchive(5, 1, 2);
        archive.Add([0], [0.0, 0.0], 2.0);
        archive.Add([1], [5.0, 5.0], 1.0); // less violated: replaces
        Assert.Equal(1, archive.Count);
        Assert.Equal(1.0, archive.Violation(0));
        archive.Add([2], [9.0, 9.0], 0.0); // feasible beats infeasible
        Assert.Equal(1, archive.Count);
        Assert.Equal(0.0, archive.Violation(0));
        Assert.False(archive.Add([3], [0.0, 0.0], 0.5));
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool FastNonDominatedSortMatchesTheDefinitionOfRanks(Front3D front3D)
    {
        var sorter = new NonDominatedSorter();
        return Holds(front3D.Values);

        bool Holds(double[] front)
        {
            var n = front.Length / 3;
            var rank = new int[n];
            var fronts = sorter.Sort(front, 3, [], rank);

            // Reference: peel non-dominated layers.
            var expected = new int[n];
            var remaining = Enumerable.Range(0, n).ToList();
            var layer = 0;
            while (remaining.Count > 0)
            {
                var nd = remaining.Where(i => remaining.All(j => Dominance.ComparePareto(front.AsSpan(3 * j, 3), front.AsSpan(3 * i, 3)) != -1)).ToList();
                foreach (var i in nd)
                {
                    expected[i] = layer;
                }

                remaining.RemoveAll(nd.Contains);
                layer++;
            }

            return fronts == layer && expected.SequenceEqual(rank);
        }
    }

    [Fact]
    public void SortRanksFeasibleBeforeInfeasible()
    {
        var rank = new int[3];
        var fronts = new NonDominatedSorter().Sort([0, 0, 1, 1, 2, 2], 2, [3.0, 0.0, 1.0], rank);
        Assert.Equal(3, fronts);
        Assert.Equal([2, 0, 1], rank);
    }

    [Fact]
    public void CrowdingDistanceMatchesAHandExample()
    {
        // Front (0,4), (1,2), (2,1), (4,0): ranges 4 and 4.
        double[] f = [0, 4, 1, 2, 2, 1, 4, 0];
        var d = new double[4];
        CrowdingDistance.Compute(f, 2, [0, 1, 2, 3], d, new int[4]);
        Assert.True(double.IsPositiveInfinity(d[0]));
        Assert.True(double.IsPositiveInfinity(d[3]));
        Assert.Equal((2.0 / 4) + (3.0 / 4), d[1], 12); // f1 neighbours 0 and 2; f2 neighbours 4 and 1
        Assert.Equal((3.0 / 4) + (2.0 / 4), d[2], 12);
    }
}
