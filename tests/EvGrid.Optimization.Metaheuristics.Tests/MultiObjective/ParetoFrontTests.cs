using Xunit;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

public class ParetoFrontTests
{
    [Fact]
    public void ZdtFrontsHaveAThousandPointsWithF1EvenlySpaced()
    {
        var zdt1 = ParetoFronts.Zdt1();
        Assert.Equal(2000, zdt1.Length);
        Assert.Equal(0.0, zdt1[0]);
        Assert.Equal(1.0, zdt1[1]);
        Assert.Equal(1.0, zdt1[1998]);
        Assert.Equal(0.0, zdt1[1999]);
        Assert.Equal(1.0 / 999.0, zdt1[2], 15);
        Assert.Equal(1.0 - Math.Sqrt(0.5), ParetoFronts.Zdt1(3)[3], 15);
        Assert.Equal(0.75, ParetoFronts.Zdt2(3)[3], 15);
        var zdt6 = ParetoFronts.Zdt6();
        Assert.Equal(ParetoFronts.Zdt6MinF1, zdt6[0]);
        Assert.Equal(1 - (ParetoFronts.Zdt6MinF1 * ParetoFronts.Zdt6MinF1), zdt6[1], 15);
    }

    [Fact]
    public void Zdt3IntervalsAreTheNonDominatedPartsOfTheCurve()
    {
        // Independent check: a fine grid of the curve filtered by a running minimum of f2.
        const int n = 2_000_001;
        var intervals = new List<(double Low, double High)>();
        var best = double.PositiveInfinity;
        double start = 0, last = 0;
        var inside = false;
        for (var i = 0; i < n; i++)
        {
            var x = (double)i / (n - 1);
            var f = ParetoFronts.Zdt3Curve(x);
            if (f < best)
            {
                if (!inside)
                {
                    start = x;
                    inside = true;
                }

                best = f;
                last = x;
            }
            else if (inside)
            {
                intervals.Add((start, last));
                inside = false;
            }
        }

        if (inside)
        {
            intervals.Add((start, last));
        }

        Assert.Equal(5, intervals.Count);
        for (var k = 0; k < 5; k++)
        {
            Assert.Equal(ParetoFronts.Zdt3Intervals[k].Low, intervals[k].Low, 1e-6);
            Assert.Equal(ParetoFronts.Zdt3Intervals[k].High, intervals[k].High, 1e-6);
        }
    }

    [Fact]
    public void Zdt3FrontIsMutuallyNonDominatedAndInsideTheIntervals()
    {
        var front = ParetoFronts.Zdt3();
        Assert.Equal(2000, front.Length);
        var n = front.Length / 2;
        for (var i = 0; i < n; i++)
        {
            var f1 = front[2 * i];
            Assert.Contains(ParetoFronts.Zdt3Intervals, iv => f1 >= iv.Low && f1 <= iv.High);
            for (var j = 0; j < n; j++)
            {
                Assert.NotEqual(-1, Dominance.ComparePareto(front.AsSpan(2 * j, 2), front.AsSpan(2 * i, 2)));
            }
        }

        Assert.Equal(0.0, front[0]);
        Assert.Equal(ParetoFronts.Zdt3Intervals[^1].High, front[^2], 12);
    }

    [Fact]
    public void Zdt6MinimumF1IsTheMinimumOfItsF1Function()
    {
        var min = double.PositiveInfinity;
        for (var i = 0; i <= 1_000_000; i++)
        {
            var x = i / 1_000_000.0;
            min = Math.Min(min, 1 - (Math.Exp(-4 * x) * Math.Pow(Math.Sin(6 * Math.PI * x), 6)));
        }

        Assert.Equal(ParetoFronts.Zdt6MinF1, min, 1e-9);
    }

    [Fact]
    public void DtlzFrontsLieOnTheirAnalyticSurfaces()
    {
        var dtlz1 = ParetoFronts.Dtlz1();
        var dtlz2 = ParetoFronts.Dtlz2();
        Assert.Equal(1035 * 3, dtlz1.Length); // H = 44: C(46, 2) = 1 035 points
        Assert.Equal(1035 * 3, dtlz2.Length);
        for (var i = 0; i < 1035; i++)
        {
            Assert.Equal(0.5, dtlz1[3 * i] + dtlz1[(3 * i) + 1] + dtlz1[(3 * i) + 2], 12);
            var r2 = (dtlz2[3 * i] * dtlz2[3 * i]) + (dtlz2[(3 * i) + 1] * dtlz2[(3 * i) + 1]) +
                     (dtlz2[(3 * i) + 2] * dtlz2[(3 * i) + 2]);
            Assert.Equal(1.0, r2, 12);
        }

        Assert.Equal(15 * 3, ParetoFronts.SimplexLattice(3, 4).Length);
    }
}
