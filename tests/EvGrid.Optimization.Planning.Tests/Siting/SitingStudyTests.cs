using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Objectives.Siting;
using EvGrid.Optimization.Planning.Siting;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Planning.Tests.Siting;

public class SitingStudyTests(ITestOutputHelper output)
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());
    private static readonly Lazy<SitingModel> Ieee33 = new(() => SitingModel.Build(SitingCase.Ieee33));
    private static readonly Lazy<ObjectiveReferences> Refs = new(() => SitingStudy.References(Ieee33.Value));

    private static SitingPlan Plan => new([10, 8, 10], [7, 0, 0], [254, 288, 211, 309, 296]); // Table 3, scheme 1

    [Fact]
    public void PlanFiguresMatchAnIndependentRecomputationFromTheDaySeries()
    {
        var m = Ieee33.Value;
        var c = m.Case;
        var o = m.CreateEvaluator().Evaluate(Plan, SitingScheme.V2gMultiObjective);
        Assert.True(o.Days.All(d => d.Converged));
        // Eqs. (4)–(10), (12)–(14) written out directly from the hourly series of each typical day.
        double sales = 0, purchase = 0, charging = 0, subsidy = 0, om = 0, loss = 0, env = 0, f3 = 0, f4 = 0;
        var cleanValue = ((639.2 * (0.01 + 0.02)) + (3.587 * (1 + 6)) + (1.544 * (2 + 8))) / 1000;
        var co2 = 80.0 / 1000 * 7 / 21.5;
        foreach (var d in o.Days)
        {
            var days = d.Probability * 365;
            double charged = 0, discharged = 0, paid = 0;
            var net = new double[24];
            for (var t = 0; t < 24; t++)
            {
                var prices = c.Tariff.PricesAt(t + 0.5);
                var l = d.BaseLoadKw[t];
                var w = d.WindKw[t];
                var p = d.PvKw[t];
                var ch = d.ChargeKw[t];
                var dis = d.DischargeKw[t];
                sales += days * prices.Sale * l;
                purchase += days * prices.Cost * (l - w - p + ch - dis);
                charging += days * ((prices.Charging * ch) - ((prices.DischargeCompensation + 0.854) * dis));
                subsidy += days * ((0.1 * w) + (0.36 * p));
                om += days * ((0.0296 * w) + (0.0096 * p));
                loss += days * prices.Sale * d.LossKw[t];
                env += days * (w + p) * cleanValue;
                charged += ch;
                discharged += dis;
                paid += prices.Charging * ch;
                net[t] = l + ch - dis - w - p;
            }

            env += days * Math.Max(0, charged - discharged) * co2;
            var mean = net.Average();
            f3 += d.Probability * Math.Sqrt(net.Sum(x => (x - mean) * (x - mean)) / 24);
            f4 += d.Probability * ((0.4 * d.Completion) + (0.6 / (paid / charged)));
            Assert.Equal(paid / charged, d.UnitCostCnyPerKwh, 12);
        }

        var crf = 0.08 * Math.Pow(1.08, 20) / (Math.Pow(1.08, 20) - 1);
        var investment = ((5381 * 2800.0) + (4735 * 700.0) + (5 * 3e6) + (6000 * 1358.0)) * crf;
        om += 100 * 1358.0;
        var f1 = sales + charging - purchase + subsidy - investment - om - loss + env;
        Near(f1, o.Objectives.F1);
        Near(investment, o.Profit.InvestmentCny);
        Near(loss, o.Profit.LossCostCny);
        Near(env, o.Profit.EnvironmentCny);
        Near(f3, o.Objectives.F3);
        Near(f4, o.Objectives.F4);
        output.WriteLine($"F1 {o.Objectives.F1 / 1e4:F3} F2 {o.Objectives.F2:F4} F3 {o.Objectives.F3:F2} F4 {o.Objectives.F4:F4}");
    }

    [Fact]
    public void ParallelDaysGiveTheSameOutcomeAsSequentialDays()
    {
        var m = Ieee33.Value;
        var a = m.CreateEvaluator().Evaluate(Plan, SitingScheme.V2gMultiObjective);
        var b = SitingStudy.EvaluateParallel(m, Plan, SitingScheme.V2gMultiObjective);
        Assert.Equal(a.Objectives, b.Objectives);
        Assert.Equal(a.Profit, b.Profit);
    }

    [Fact]
    public void V2gLowerLevelImprovesOnPlugAndChargeForTheSamePlan()
    {
        var m = Ieee33.Value;
        var ev = m.CreateEvaluator();
        var v2g = ev.Evaluate(Plan, SitingScheme.V2gMultiObjective);
        var plug = ev.Evaluate(Plan, SitingScheme.PlugAndChargeMultiObjective);
        var profitOnly = ev.Evaluate(Plan, SitingScheme.V2gProfitOnly);
        var w = m.Case.Weights;
        output.WriteLine($"index V2G {w.Index(Refs.Value, v2g.Objectives):F4} plug {w.Index(Refs.Value, plug.Objectives):F4}; F1 profit-only {profitOnly.Objectives.F1:F0} plug {plug.Objectives.F1:F0}");
        // The lower level starts from plug-and-charge and only accepts improvements of its own objective.
        Assert.True(v2g.Objectives.F3 < plug.Objectives.F3);
        Assert.True(v2g.Objectives.F4 > plug.Objectives.F4);
        Assert.True(profitOnly.Objectives.F1 > plug.Objectives.F1);
    }

    [Fact]
    public void EachSchemeDoesItsOwnJobOnIeee33()
    {
        var m = Ieee33.Value;
        var options = new SitingStudyOptions { Swarm = 8, Iterations = 6 };
        var study = new SitingStudy(Registry);
        var s1 = study.RunScheme(m, SitingScheme.V2gMultiObjective, Refs.Value, options);
        var s2 = study.RunScheme(m, SitingScheme.PlugAndChargeMultiObjective, Refs.Value, options);
        var s3 = study.RunScheme(m, SitingScheme.V2gProfitOnly, Refs.Value, options);
        foreach (var s in new[] { s1, s2, s3 })
        {
            output.WriteLine($"scheme {(int)s.Scheme}: F1 {s.Outcome.Objectives.F1 / 1e4:F3} index {s.Index:F4} evaluations {s.Evaluations} {s.Seconds:F1} s");
            Assert.True(s.Outcome.IsFeasible);
        }

        Assert.True(s3.Outcome.Objectives.F1 >= s1.Outcome.Objectives.F1);
        Assert.True(s1.Index > s2.Index);
        Assert.True(s1.Index > s3.Index);
    }

    [Fact]
    public void AnInterruptedRunResumesFromItsCheckpointToTheSameAnswer()
    {
        var m = Ieee33.Value;
        var dir = Directory.CreateTempSubdirectory("evgrid-plan-").FullName;
        try
        {
            var options = new SitingStudyOptions { Swarm = 6, Iterations = 6 };
            var study = new SitingStudy(Registry);
            var whole = study.RunScheme(m, SitingScheme.PlugAndChargeMultiObjective, Refs.Value, options);
            using var cancel = new CancellationTokenSource();
            var withCheckpoints = options with { CheckpointDirectory = dir };
            var cut = study.RunScheme(m, SitingScheme.PlugAndChargeMultiObjective, Refs.Value, withCheckpoints,
                new SyncProgress(p =>
                {
                    if (p.Optimizer.Iteration >= 2)
                    {
                        cancel.Cancel();
                    }
                }), cancel.Token);
            Assert.Equal(ExitReason.Cancelled, cut.ExitReason);
            var resumed = study.RunScheme(m, SitingScheme.PlugAndChargeMultiObjective, Refs.Value, withCheckpoints);
            Assert.True(resumed.Resumed);
            Assert.Equal(whole.Outcome.Plan.Key, resumed.Outcome.Plan.Key);
            Assert.Equal(whole.Index, resumed.Index);
            Assert.Equal(whole.Evaluations, resumed.Evaluations);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void CaseDataFollowTheSeedAndBadInputIsNamed()
    {
        var c = SitingCase.Ieee33;
        Assert.Equal([13, 23, 31], c.WindNodes);
        Assert.Equal([7, 21, 28], c.PvNodes);
        Assert.Equal([4, 8, 14, 20, 29], c.StationNodes);
        Assert.Equal([14, 31, 40, 45, 61], SitingCase.Pge69.StationNodes);
        var m = Ieee33.Value;
        Assert.Equal(900, m.Timeline.EvCount);
        Assert.InRange(m.Timeline.Fleet.Kinds.ToArray().Count(k => k == Fleet.EvKind.PrivateCar), 735, 745);
        Assert.Equal(1.0, m.Probabilities.Sum(), 12);
        var bad = c with { StationNodes = [4, 99] };
        Assert.Contains("StationNodes", Assert.Throws<ArgumentException>(() => SitingModel.Build(bad)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SitingPlan.Decode(c, [1, 2, 3]));
        var decoded = SitingPlan.Decode(c, [10.99, 0, 3.5, 0, 0, 0, 99, 700, 250.4, 250.6, 300]);
        Assert.Equal([10, 0, 3], decoded.WindUnits);
        Assert.Equal([100, 600, 250, 251, 300], decoded.StationKw);
    }

    private static void Near(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private sealed class SyncProgress(Action<SitingProgress> action) : IProgress<SitingProgress>
    {
        public void Report(SitingProgress value) => action(value);
    }
}

public class SitingLowerLevelBudgetTests(ITestOutputHelper output)
{
    [Fact]
    public void TenTimesTheLowerLevelPassesChangesTheDayObjectivesLittle()
    {
        var small = SitingModel.Build(SitingCase.Ieee33);
        var large = SitingModel.Build(SitingCase.Ieee33, new SitingModelOptions { LowerLevelPasses = 30 });
        var refs = SitingStudy.References(small);
        var w = SitingCase.Ieee33.Weights;
        var worst = 0.0;
        foreach (var plan in SitingStudy.AnchorPlans(SitingCase.Ieee33))
        {
            var a = small.CreateEvaluator().Evaluate(plan, SitingScheme.V2gMultiObjective);
            var b = large.CreateEvaluator().Evaluate(plan, SitingScheme.V2gMultiObjective);
            var gap = (w.Index(refs, b.Objectives) - w.Index(refs, a.Objectives)) / w.Index(refs, b.Objectives);
            output.WriteLine($"{plan.Key}: index 3 passes {w.Index(refs, a.Objectives):F6}, 30 passes {w.Index(refs, b.Objectives):F6}, gap {gap:E2}");
            worst = Math.Max(worst, Math.Abs(gap));
        }

        // Observed up to 1.3e-3 (see docs/validation.md): coordinate descent has mostly stopped improving after 3 passes.
        Assert.True(worst <= 5e-3, $"worst relative index gap {worst:E2}");
    }
}
