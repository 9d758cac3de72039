using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Objectives;
using EvGrid.Optimization.Objectives.Siting;
using EvGrid.Optimization.Planning.Siting;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Planning.Tests.Siting;

/// <summary>Branch-current limits (seed 002 eq. (27)) and voltage limits as outcomes of the planning study.</summary>
public sealed class SitingLimitsTests(ITestOutputHelper output) : IDisposable
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());

    // Feeder 1 – 2 – 3 – 4 at 12.66 kV on 10 MVA, loads 200 + j100, 200 + j100 and 100 + j50 kW at buses 2–4, branch
    // impedances of 0.0005 + j0.0005 pu (8 + j8 mΩ): at most 0.05 pu of current through three of them keeps every
    // voltage within 1e-4 pu of 1, so |I| = |S| / (√3 · 12.66 kV) by hand to 1e-4 relative.
    private const string Tiny = """
        function mpc = tiny4
        mpc.version = '2';
        mpc.baseMVA = 10;
        mpc.bus = [
            1 3 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
            2 1 0.2 0.1 0 0 1 1 0 12.66 1 1.1 0.9;
            3 1 0.2 0.1 0 0 1 1 0 12.66 1 1.1 0.9;
            4 1 0.1 0.05 0 0 1 1 0 12.66 1 1.1 0.9;
        ];
        mpc.gen = [ 1 0 0 10 -10 1 100 1 10 0 ];
        mpc.branch = [
            1 2 0.0005 0.0005 0 0 0 0 0 0 1 -360 360;
            2 3 0.0005 0.0005 0 0 0 0 0 0 1 -360 360;
            3 4 0.0005 0.0005 0 0 0 0 0 0 1 -360 360;
        ];
        """;

    // Two typical days and two k-means restarts: the test is about the network, not the year.
    private static readonly SitingModelOptions Quick = new() { Scenarios = new Fleet.ScenarioReductionOptions { ClusterCount = 2, Restarts = 2 } };

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"evgrid-tiny4-{Guid.NewGuid():N}.m");

    public void Dispose() => File.Delete(_path);

    private SitingCase TinyCase(BranchRatings ratings)
    {
        File.WriteAllText(_path, Tiny);
        return new SitingCase
        {
            Name = "tiny4",
            Network = _path,
            WindNodes = [4],
            PvNodes = [],
            StationNodes = [3],
            MaxTotalDgKw = 1000,
            EvCount = 30,
            BranchRatings = ratings,
        };
    }

    /// <summary>Per day and slot, |I| of branch 3–4 in A worked by hand: bus 4's load less n wind units, at 1 pu.</summary>
    private static double[][] HandCurrents(PlanOutcome withOneUnit, int units) =>
    [
        .. withOneUnit.Days.Select(d => d.BaseLoadKw.Select((l, t) =>
        {
            var p = (l * 100 / 500) - (units * d.WindKw[t]);
            var q = l * 50 / 500;
            return Math.Sqrt((p * p) + (q * q)) / (Math.Sqrt(3) * 12.66);
        }).ToArray()),
    ];

    [Fact]
    public void A_binding_branch_limit_caps_the_dg_the_plan_may_export()
    {
        var free = SitingModel.Build(TinyCase(BranchRatings.Unlimited), Quick);
        var one = free.CreateEvaluator().Evaluate(new SitingPlan([1], [], [100]), SitingScheme.V2gProfitOnly);
        var i4 = HandCurrents(one, 4);
        var i5 = HandCurrents(one, 5);
        var max4 = i4.Max(d => d.Max());
        var max5 = i5.Max(d => d.Max());
        Assert.True(max5 > max4 * 1.02, $"the fifth unit must add visibly to the current ({max4:F2} → {max5:F2} A)");

        // Rate branch 3-4 halfway between the currents of four and five units; every other branch by the rule.
        var rating = (max4 + max5) / 2;
        var limited = TinyCase(new BranchRatings { Ampacities = [new BranchAmpacity(4, 3, rating)] });
        var model = SitingModel.Build(limited, Quick);
        Assert.Equal(new[] { "1-2", "2-3", "3-4" }, model.BranchIds);

        // Branch 1-2 carries |500 + j250| kVA in the base case, 25.5 A: twice that is below the 100 A floor.
        Assert.Equal(new[] { 100, 100, rating }, model.BranchRatingsA);

        var evaluator = model.CreateEvaluator();
        var four = evaluator.Evaluate(new SitingPlan([4], [], [100]), SitingScheme.V2gProfitOnly);
        var five = evaluator.Evaluate(new SitingPlan([5], [], [100]), SitingScheme.V2gProfitOnly);

        // The power flow's |I| against the hand values, to the 1e-4 relative of the hand values' 1 pu voltage
        // (observed 2e-5).
        Assert.True(four.IsFeasible);
        Assert.Equal(0, four.BranchOverloadPu);
        Assert.Equal(max4 / rating, four.MaxBranchLoading, 1e-4 * max4 / rating);
        Assert.False(five.IsFeasible);
        Assert.Equal(max5 / rating, five.MaxBranchLoading, 1e-4 * max5 / rating);
        var handOverload = i5.Sum(d => d.Sum(i => Math.Max(0, (i / rating) - 1)));
        Assert.True(handOverload > 0);
        // Each slot's loading carries at most that 1e-4 relative error, so their sum bounds the error of the total.
        Assert.Equal(handOverload, five.BranchOverloadPu, 1e-4 * i5.Sum(d => d.Sum(i => i / rating)));
        output.WriteLine($"loading 4 units {four.MaxBranchLoading:R} (hand {max4 / rating:R}), 5 units {five.MaxBranchLoading:R} (hand {max5 / rating:R}), overload {five.BranchOverloadPu:R} (hand {handOverload:R})");

        // The upper level: profit grows with every unit (without the limit it takes all ten), so the limit binds
        // and the best plan is the largest one within it.
        var options = new SitingStudyOptions { Swarm = 8, Iterations = 6 };
        var study = new SitingStudy(Registry);
        var unlimited = study.RunScheme(free, SitingScheme.V2gProfitOnly, SitingStudy.References(free), options);
        var bound = study.RunScheme(model, SitingScheme.V2gProfitOnly, SitingStudy.References(model), options);
        output.WriteLine($"unlimited: {unlimited.Outcome.Plan.WindUnits[0]} units, loading {unlimited.Outcome.MaxBranchLoading:F3}; limited: {bound.Outcome.Plan.WindUnits[0]} units, loading {bound.Outcome.MaxBranchLoading:F3}; rating {rating:F2} A");
        Assert.Equal(10, unlimited.Outcome.Plan.WindUnits[0]);
        Assert.Equal(4, bound.Outcome.Plan.WindUnits[0]);
        Assert.True(bound.Outcome.IsFeasible && bound.Outcome.MaxBranchLoading <= 1);
    }

    [Fact]
    public void Ratings_follow_the_rule_on_ieee33_and_a_rating_must_name_an_in_service_branch()
    {
        var network = Network.FeederCatalog.Ieee33();
        var ratings = BranchRatings.Default.Resolve(network);
        Assert.Equal(32, ratings.Length);
        output.WriteLine($"head rating {ratings[0]:R} A");

        // Head branch 1-2: about 2 × 210.3 A (|3 918 + j2 435| kVA at the head's solved voltage); the far end of each
        // lateral: the 100 A floor.
        Assert.Equal(420.5, ratings[0], 0.5);
        Assert.Equal(100, ratings[^1]);
        Assert.Equal(250, new BranchRatings { Ampacities = [new BranchAmpacity(2, 1, 250)] }.Resolve(network)[0]);
        Assert.All(BranchRatings.Unlimited.Resolve(network), r => Assert.Equal(double.PositiveInfinity, r));

        // 8-21 is one of case33bw's open ties.
        var tie = Assert.Throws<ArgumentException>(() => new BranchRatings { Ampacities = [new BranchAmpacity(8, 21, 200)] }.Resolve(network));
        Assert.Contains("8-21", tie.Message, StringComparison.Ordinal);
        var negative = Assert.Throws<ArgumentException>(() => new BranchRatings { Ampacities = [new BranchAmpacity(1, 2, -5)] }.Validate());
        Assert.Contains("-5", negative.Message, StringComparison.Ordinal);
        var margin = Assert.Throws<ArgumentException>(() => new BranchRatings { BaseLoadingMargin = 0 }.Validate());
        Assert.Contains("BaseLoadingMargin", margin.Message, StringComparison.Ordinal);

        // A 0 A floor would rate an unloaded branch at 0 A (loading 0/0); a null entry is named by its index.
        var floor = Assert.Throws<ArgumentException>(() => new BranchRatings { MinimumA = 0 }.Validate());
        Assert.Contains("MinimumA must be > 0 A", floor.Message, StringComparison.Ordinal);
        var missing = Assert.Throws<ArgumentException>(() => new BranchRatings { Ampacities = [null!] }.Validate());
        Assert.Contains("Ampacities[0] is null", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Voltage_limits_tighter_than_the_feeders_own_drop_give_an_infeasible_report_not_an_exception()
    {
        // ±2 %: IEEE 33 sags 9 % at peak, so eq. (22) is negative for every anchor plan; the F2 reference becomes
        // the ideal value (1 for symmetric limits) and each scheme reports its least-violating plan as infeasible.
        var tight = SitingCase.Ieee33 with { VoltageLimits = new VoltageLimits(0.98, 1.02) };
        var report = new SitingStudy(Registry).Run(tight,
            [SitingScheme.V2gMultiObjective, SitingScheme.PlugAndChargeMultiObjective],
            new SitingStudyOptions { Swarm = 4, Iterations = 1 });
        Assert.Equal(1.0, report.References.F2Max, 1e-12);
        Assert.Equal(2, report.Schemes.Count);
        Assert.All(report.Schemes, s =>
        {
            Assert.False(s.Outcome.IsFeasible);
            Assert.True(s.Outcome.VoltageViolationPu > 0);
            Assert.True(double.IsFinite(s.Index));
            Assert.True(s.Outcome.Objectives.F2 < 0);
        });
    }

    [Theory]
    [InlineData(1.02, 1.1, "MinPu = 1.02")]
    [InlineData(0.9, 0.99, "MaxPu = 0.99")]
    public void Voltage_limits_that_exclude_the_rated_voltage_are_rejected_before_the_run(double min, double max, string named)
    {
        var bad = SitingCase.Ieee33 with { VoltageLimits = new VoltageLimits(min, max) };
        var error = Assert.Throws<ArgumentException>(() => new SitingStudy(Registry).Run(bad, [SitingScheme.V2gMultiObjective]));
        Assert.Contains("VoltageLimits", error.Message, StringComparison.Ordinal);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_ideal_voltage_quality_is_one_for_symmetric_limits_and_the_mid_band_product_otherwise()
    {
        Assert.Equal(1.0, VoltageQuality.UpperBound(new VoltageLimits(0.9, 1.1)), 1e-15);

        // Mid-band 0.975 pu: (0.075 / 0.05) · (0.075 / 0.1) = 1.125.
        Assert.Equal(1.125, VoltageQuality.UpperBound(new VoltageLimits(0.9, 1.05)), 1e-12);
        var v = new double[] { 0.975 };
        Assert.Equal(1.125, VoltageQuality.Day(v, [1.0], 1, new VoltageLimits(0.9, 1.05)), 1e-12);
    }
}
