using System.Diagnostics;
using EvGrid.Optimization.Fleet;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Planning.Scheduling;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Planning.Tests.Scheduling;

public class SchedulingStudyTests(ITestOutputHelper output)
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());

    [Fact]
    public void ResidentialStudyAtThePapersSettingsReachesNinetyPercentOfTheExactPeakValleyReduction()
    {
        var watch = Stopwatch.StartNew();
        var report = new SchedulingStudy(Registry).Run(Seed000Regions.Residential);
        watch.Stop();
        foreach (var o in new[] { report.Disordered, report.Optimized, report.Exact })
        {
            output.WriteLine($"{o.Mode}: PV {o.F2:F1} kW std {o.Indicators.LoadStdDevKw:F1} f1 {o.F1:E4} f3 {o.F3:F4} units {o.Indicators.TransformerCount} rate {o.Indicators.MaximumLoadRate:P2} γ {o.Indicators.SuperpositionRate:F3} Vmax% {string.Join("/", o.Indicators.MaxVoltageOffsetPercent.Select(v => v.ToString("F2")))} gV {o.VoltageViolationPu:G3} gC {o.CapacityViolationKw:G3} conv {o.PowerFlowConverged}");
            Assert.True(ScheduleChecker.Check(o.Schedule).IsFeasible);
        }

        output.WriteLine($"evaluations {report.Evaluations}, optimizer {report.OptimizerSeconds:F2} s, total {watch.Elapsed.TotalSeconds:F2} s, exact gap {report.ExactSolve.RelativeGap:E2} tight {report.ExactSolve.RelaxationTight}");
        Assert.True(report.ExactSolve.RelativeGap <= 1e-6 && report.ExactSolve.RelaxationTight);
        output.WriteLine($"reduction optimized {report.OptimizedPeakValleyReduction:P2} exact {report.ExactPeakValleyReduction:P2}; front {report.ParetoFront.Count}");
        Assert.True(report.OptimizedPeakValleyReduction >= 0.9 * report.ExactPeakValleyReduction);
    }
}

public class ExactBoundTests
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());

    [Theory]
    [InlineData("mopso")]
    [InlineData("smpso")]
    [InlineData("nsga2")]
    public void NoOptimizerBeatsTheExactOptimumOnF1(string optimizer)
    {
        var report = new SchedulingStudy(Registry).Run(Seed000Regions.Residential,
            new SchedulingStudyOptions { Optimizer = optimizer, Iterations = 40, Swarm = 30 });
        var exact = report.ExactSolve;
        Assert.True(exact.RelativeGap <= 1e-6, $"certificate {exact.RelativeGap}");
        // The certificate bounds f1 − f1*: nothing may lie below the proven lower bound on the whole front.
        var lowerBound = exact.LowerBoundKw2;
        Assert.True(lowerBound >= exact.LoadVarianceKw2 * (1 - 1e-6));
        var bestOnFront = report.ParetoFront.Min(s => s.Objectives[0]);
        Assert.True(bestOnFront >= lowerBound, $"{optimizer}: front reaches f1 {bestOnFront} below the bound {lowerBound}");
        Assert.True(report.Disordered.F1 >= lowerBound);
    }

    [Fact]
    public void RegionsRunSideBySideGiveTheSameReportsAsOneByOne()
    {
        var options = new SchedulingStudyOptions { Iterations = 15, Swarm = 20, EvCount = 120 };
        var study = new SchedulingStudy(Registry);
        var together = study.RunAll(Seed000Regions.All, options);
        Assert.Equal(Seed000Regions.All.Select(r => r.Name), together.Select(r => r.Region.Name));
        for (var k = 0; k < together.Count; k++)
        {
            var alone = study.Run(Seed000Regions.All[k], options);
            var a = alone.ParetoFront.SelectMany(p => p.Objectives.ToArray()).ToArray();
            var b = together[k].ParetoFront.SelectMany(p => p.Objectives.ToArray()).ToArray();
            Assert.Equal(a, b);
            Assert.Equal(alone.Optimized.Schedule.PowerKw.ToArray(), together[k].Optimized.Schedule.PowerKw.ToArray());
            Assert.Equal(alone.Exact.F1, together[k].Exact.F1);
        }

        Assert.Contains("named more than once", Assert.Throws<ArgumentException>(
            () => study.RunAll([Seed000Regions.Residential, Seed000Regions.Residential], options)).Message);
        Assert.Throws<ArgumentException>(() => study.RunAll([], options));
    }
}

public class SchedulingCancellationTests
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());

    [Fact]
    public void ATokenCancelledBeforeTheStartThrows()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            new SchedulingStudy(Registry).Run(Seed000Regions.Residential, new SchedulingStudyOptions { EvCount = 50 }, null, cts.Token));
    }

    [Fact]
    public void CancellingDuringTheRunReportsTheBestFrontSoFarWithFeasibleSchedules()
    {
        using var cts = new CancellationTokenSource();
        var progress = new CancelAt(5, cts);
        var report = new SchedulingStudy(Registry).Run(Seed000Regions.Residential,
            new SchedulingStudyOptions { EvCount = 100, Iterations = 10_000 }, progress, cts.Token);
        Assert.Equal(ExitReason.Cancelled, report.ExitReason);
        Assert.InRange(report.Evaluations, 60, 60 * 20); // stopped within a few iterations of the request, far from 10 000
        Assert.True(ScheduleChecker.Check(report.Optimized.Schedule).IsFeasible);
        Assert.True(ScheduleChecker.Check(report.Exact.Schedule).IsFeasible); // the exact baseline completes after a cancel
    }

    private sealed class CancelAt(int iteration, CancellationTokenSource cts) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value)
        {
            if (value.Iteration >= iteration)
            {
                cts.Cancel();
            }
        }
    }
}

public class SchedulingFeasibilityTests
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());

    [Fact]
    public void AStudyWhoseLimitsNoScheduleMeetsSaysItFoundNothingFeasible()
    {
        // ±0.1 % around 1 pu: the modified IEEE 34 feeder sags well beyond that under its base load alone, so no
        // schedule can be feasible; the default ±7 % is met by the same short run.
        var quick = new SchedulingStudyOptions { Iterations = 3, Swarm = 10, EvCount = 50 };
        var tight = new SchedulingStudy(Registry).Run(Seed000Regions.Residential,
            quick with { VoltageLimits = EvGrid.Optimization.Objectives.VoltageLimits.Around(1.0, 0.001) });
        Assert.False(tight.FoundFeasible);
        Assert.True(tight.Optimized.VoltageViolationPu > 0);

        var usual = new SchedulingStudy(Registry).Run(Seed000Regions.Residential, quick);
        Assert.True(usual.FoundFeasible);
        Assert.Equal(0, usual.Optimized.VoltageViolationPu);
    }
}
