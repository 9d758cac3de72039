using EvGrid.Optimization.Metaheuristics;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Core;

public class DominanceTests
{
    [Fact]
    public void Pareto_dominance_is_strict_and_antisymmetric()
    {
        Assert.Equal(-1, Dominance.ComparePareto([1, 2], [2, 2]));
        Assert.Equal(1, Dominance.ComparePareto([2, 2], [1, 2]));
        Assert.Equal(0, Dominance.ComparePareto([1, 3], [2, 2]));
        Assert.Equal(0, Dominance.ComparePareto([1, 2], [1, 2]));
    }

    [Fact]
    public void Deb_rules_feasible_beats_infeasible_and_smaller_violation_wins()
    {
        // Feasible but worse objective beats infeasible with better objective.
        Assert.True(Dominance.Dominates([10.0], 0.0, [1.0], 0.5));
        Assert.False(Dominance.Dominates([1.0], 0.5, [10.0], 0.0));
        // Both infeasible: smaller violation wins regardless of objectives.
        Assert.True(Dominance.Dominates([5.0, 5.0], 0.1, [0.0, 0.0], 0.2));
        Assert.Equal(0, Dominance.Compare([1.0], 0.3, [2.0], 0.3));
        // Both feasible: Pareto.
        Assert.True(Dominance.Dominates([1.0, 1.0], 0.0, [1.0, 2.0], 0.0));
    }

    [Fact]
    public void Scalar_feasibility_first_comparison()
    {
        Assert.True(Dominance.IsBetter(1.0, 0.0, 2.0, 0.0));
        Assert.False(Dominance.IsBetter(2.0, 0.0, 2.0, 0.0));
        Assert.True(Dominance.IsBetter(100.0, 0.0, -100.0, 1e-9));
        Assert.True(Dominance.IsBetter(100.0, 0.1, -100.0, 0.2));
        Assert.True(Dominance.IsBetter(1.0, 0.0, double.NaN, 0.0));
        Assert.False(Dominance.IsBetter(double.NaN, 0.0, 1.0, 0.0));
    }

    [Fact]
    public void Violation_sums_positive_parts_and_treats_NaN_as_infinite()
    {
        Assert.Equal(0.0, Dominance.Violation([-1.0, 0.0]));
        Assert.Equal(3.5, Dominance.Violation([1.0, -2.0, 2.5]));
        Assert.Equal(double.PositiveInfinity, Dominance.Violation([double.NaN]));
    }
}

public class BoundsAndBoundHandlingTests
{
    [Fact]
    public void Bounds_reject_bad_input_naming_the_dimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Bounds([0.0, 1.0], [1.0, 0.5]));
        Assert.Contains("dimension 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Bounds([0.0], [double.PositiveInfinity]));
        Assert.Throws<ArgumentException>(() => new Bounds([0.0], [1.0, 2.0]));
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 300)]
    public bool Any_position_is_brought_inside_the_bounds(OutOfBoundsCase input)
    {
        var mode = input.Mode;
        return Holds((input.Lo, input.Width, input.Raw, input.Seed));

        bool Holds((int lo, int width, int[] raw, int seed) t)
        {
            var bounds = Bounds.Uniform(5, t.lo, t.lo + (t.width / 10.0));
            var x = t.raw.Select(r => r / 100.0).ToArray();
            var v = new double[5];
            BoundHandler.Apply(x, v, bounds, mode, new RandomSource(t.seed));
            return bounds.Contains(x);
        }
    }

    [Fact]
    public void Clamp_uses_the_bound_and_reflect_mirrors()
    {
        var bounds = Bounds.Uniform(2, 0, 10);
        var x = new[] { -3.0, 12.0 };
        var v = new[] { -1.0, 1.0 };
        BoundHandler.Apply(x, v, bounds, BoundHandling.Clamp, new RandomSource(1));
        Assert.Equal([0.0, 10.0], x);
        x = [-3.0, 12.0];
        BoundHandler.Apply(x, v, bounds, BoundHandling.Reflect, new RandomSource(1));
        Assert.Equal([3.0, 8.0], x);
        Assert.Equal([1.0, -1.0], v);
    }

    [Fact]
    public void Clamp_mode_and_the_clamping_component_treat_every_coordinate_alike()
    {
        // One clamp convention: BoundHandler.Apply(Clamp) and the swarm kernel's ClampToBounds (velocity factor 1)
        // give the same position and velocity, including a NaN coordinate (lower bound, velocity 0).
        var bounds = Bounds.Uniform(5, -2, 2);
        double[] start = [-3.0, 2.5, double.NaN, 1.0, double.NegativeInfinity];
        double[] startV = [-0.5, 0.75, double.NaN, 0.25, -1.0];
        var x1 = start.ToArray();
        var v1 = startV.ToArray();
        var x2 = start.ToArray();
        var v2 = startV.ToArray();
        BoundHandler.Apply(x1, v1, bounds, BoundHandling.Clamp, new RandomSource(1));
        new Metaheuristics.Swarm.ClampToBounds().Apply(x2, v2, bounds, new RandomSource(1));
        Assert.Equal([-2.0, 2.0, -2.0, 1.0, -2.0], x1);
        Assert.Equal([-0.5, 0.75, 0.0, 0.25, -1.0], v1);
        Assert.Equal(x1, x2);
        Assert.Equal(v1, v2);
    }

    [Fact]
    public void Velocity_clamp_limits_each_component()
    {
        var vmax = BoundHandler.MaxVelocity(new Bounds([0.0, -5.0], [10.0, 5.0]), 0.2);
        Assert.Equal([2.0, 2.0], vmax);
        var v = new[] { 5.0, -7.0 };
        BoundHandler.ClampVelocity(v, vmax);
        Assert.Equal([2.0, -2.0], v);
    }
}

public class ThreadCountRuleTests
{
    [Fact]
    public void Every_thread_count_is_refused_below_one_except_minus_one_with_its_owner_and_value()
    {
        // One rule (ExecutionPolicy.RequireThreads) for the evaluator, the policy and both comparison requests: the
        // exception type, parameter name and message must be the same shape wherever it is checked.
        void Refused(Action act, string paramName, string owner, int value)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(act);
            Assert.Equal(paramName, e.ParamName);
            Assert.Equal(value, e.ActualValue);
            Assert.Contains($"{owner}.{paramName} must be -1 (all cores) or at least 1: {value}.", e.Message,
                StringComparison.Ordinal);
        }

        foreach (var bad in new[] { 0, -2 })
        {
            Refused(() => _ = new PopulationEvaluator(new Metaheuristics.Problems.SphereFunction(2), bad), "maxDegreeOfParallelism",
                nameof(PopulationEvaluator), bad);
            Refused(() => new ExecutionPolicy { MaxDegreeOfParallelism = bad }.Validate(), "MaxDegreeOfParallelism",
                nameof(ExecutionPolicy), bad);
            Refused(() => new Metaheuristics.SingleObjective.ComparisonRequest { Functions = ["sphere"], Optimizers = ["pso"],
                MaxDegreeOfParallelism = bad }.Validate(), "MaxDegreeOfParallelism", "ComparisonRequest", bad);
            Refused(() => new Metaheuristics.MultiObjective.ParetoComparisonRequest { Problems = ["zdt1"], Optimizers = ["nsga2"],
                MaxDegreeOfParallelism = bad }.Validate(), "MaxDegreeOfParallelism", "ParetoComparisonRequest", bad);
        }

        Assert.Equal(1, new PopulationEvaluator(new Metaheuristics.Problems.SphereFunction(2), 1).MaxDegreeOfParallelism);
        new ExecutionPolicy { MaxDegreeOfParallelism = -1 }.Validate();
    }
}

public class StoppingCriteriaTests
{
    [Fact]
    public void Each_criterion_stops_with_its_reason()
    {
        var s = new StoppingCriteria
        {
            MaxIterations = 10, MaxEvaluations = 1000, TargetValue = 1e-6, StagnationIterations = 5,
            MaxWallTime = TimeSpan.FromSeconds(1),
        };
        Assert.Equal(ExitReason.None, s.Check(new RunStatus(3, 100, TimeSpan.Zero, 1.0, 0)));
        Assert.Equal(ExitReason.MaxIterations, s.Check(new RunStatus(10, 100, TimeSpan.Zero, 1.0, 0)));
        Assert.Equal(ExitReason.MaxEvaluations, s.Check(new RunStatus(3, 1000, TimeSpan.Zero, 1.0, 0)));
        Assert.Equal(ExitReason.TargetReached, s.Check(new RunStatus(3, 100, TimeSpan.Zero, 1e-7, 0)));
        Assert.Equal(ExitReason.Stagnation, s.Check(new RunStatus(3, 100, TimeSpan.Zero, 1.0, 5)));
        Assert.Equal(ExitReason.WallTime, s.Check(new RunStatus(3, 100, TimeSpan.FromSeconds(2), 1.0, 0)));
    }

    [Fact]
    public void Or_keeps_the_tighter_limit_of_each_kind()
    {
        var s = StoppingCriteria.Iterations(100).Or(StoppingCriteria.Evaluations(500)).Or(StoppingCriteria.Iterations(50));
        Assert.Equal(50, s.MaxIterations);
        Assert.Equal(500, s.MaxEvaluations);
    }

    [Fact]
    public void Validation_requires_a_budget_and_names_bad_values()
    {
        Assert.Throws<ArgumentException>(() => new StoppingCriteria { TargetValue = 0 }.Validate());
        var ex = Assert.Throws<ArgumentException>(() => new StoppingCriteria { MaxIterations = 0 }.Validate());
        Assert.Contains("MaxIterations", ex.Message, StringComparison.Ordinal);
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool Progress_is_in_unit_interval_and_reaches_one_when_stopping(RunStatus input)
    {
        var s = new StoppingCriteria
        {
            MaxIterations = 1000, MaxEvaluations = 100_000, StagnationIterations = 50, MaxWallTime = TimeSpan.FromSeconds(3),
        };
        return Holds(input);

        bool Holds(RunStatus status)
        {
            var p = s.Progress(status);
            var stop = s.Check(status) != ExitReason.None;
            return p >= 0 && p <= 1 && (!stop || p == 1.0) && (stop || p < 1.0);
        }
    }
}
