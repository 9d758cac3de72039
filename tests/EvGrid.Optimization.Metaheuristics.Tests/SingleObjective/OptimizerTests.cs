using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using FsCheck.Xunit;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

public class OptimizerTests
{
    public static TheoryData<string> Names => new() { "pso", "hs", "ihs", "ihspso" };

    private static IResumableOptimizer Create(string name, int population = 20) => name switch
    {
        "pso" => new Pso(new PsoOptions { SwarmSize = population }),
        "hs" => new HarmonySearch(new HarmonySearchOptions { MemorySize = population }),
        "ihs" => HarmonySearch.Improved(HarmonySearchOptions.ImprovedDefaults with
        {
            MemorySize = population, SteadyState = false,
        }),
        "ihspso" => new IHspso(new IHspsoOptions { Swarm = new IHspsoOptions().Swarm with { SwarmSize = population } }),
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Same_seed_gives_identical_results_on_one_or_several_threads(string name)
    {
        var one = new ParallelProbeProblem(Bounds.Uniform(6, -5, 5), constraintCount: 1);
        var four = new ParallelProbeProblem(Bounds.Uniform(6, -5, 5), constraintCount: 1);
        var stop = StoppingCriteria.Iterations(40);
        var sequential = Create(name).Optimize(one, stop, 11, ExecutionPolicy.Sequential);
        var parallel = Create(name).Optimize(four, stop, 11, ExecutionPolicy.WithThreads(4));
        Assert.Equal(sequential.BestX, parallel.BestX);
        Assert.Equal(sequential.BestValue, parallel.BestValue);
        Assert.Equal(sequential.History, parallel.History);
        // One evaluator on one thread; with four threads the workers got their own (the caller's plus up to three).
        Assert.Equal(1, one.EvaluatorsCreated);
        Assert.InRange(four.EvaluatorsCreated, 2, 4);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Different_seeds_give_different_results(string name)
    {
        var problem = TestFunctions.Create("rastrigin", 5);
        var stop = StoppingCriteria.Iterations(30);
        var a = Create(name).Optimize(problem, stop, 1);
        var b = Create(name).Optimize(problem, stop, 2);
        Assert.NotEqual(a.BestX, b.BestX);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Resumed_run_is_bit_identical_to_an_uninterrupted_one(string name)
    {
        var problem = TestFunctions.Create("ackley", 4);
        var stop = StoppingCriteria.Iterations(60);
        var optimizer = Create(name);
        var whole = optimizer.Optimize(problem, stop, 5);

        using var first = optimizer.Start(problem, stop, 5);
        for (var i = 0; i < 25; i++)
        {
            Assert.True(first.Step());
        }

        var json = first.CreateCheckpoint().ToJson();
        using var resumed = Create(name).Resume(problem, OptimizationCheckpoint.FromJson(json));
        var result = ResumableOptimizer.RunToEnd(resumed);

        Assert.Equal(whole.BestX, result.BestX);
        Assert.Equal(whole.BestValue, result.BestValue);
        Assert.Equal(whole.Evaluations, result.Evaluations);
        Assert.Equal(whole.Iterations, result.Iterations);
        Assert.Equal(whole.History, result.History);
        Assert.Equal(ExitReason.MaxIterations, result.ExitReason);
    }

    [Fact]
    public void Checkpoint_of_another_problem_is_rejected()
    {
        var pso = new Pso();
        using var run = pso.Start(TestFunctions.Create("sphere", 3), StoppingCriteria.Iterations(5), 1);
        run.Step();
        var checkpoint = run.CreateCheckpoint();
        var ex = Assert.Throws<ArgumentException>(() => pso.Resume(TestFunctions.Create("rastrigin", 3), checkpoint));
        Assert.Contains("rastrigin", ex.Message, StringComparison.Ordinal);
    }

    [Property(Arbitrary = new[] { typeof(MetaheuristicsArbitraries) }, MaxTest = 100)]
    public bool Every_evaluated_position_respects_the_bounds(BoxCase input)
    {
        var name = input.Name;
        return Holds((input.Lo, input.Width, input.Mode, input.Seed));

        bool Holds((int lo, int width, BoundHandling mode, int seed) t)
        {
            var problem = new ParallelProbeProblem(Bounds.Uniform(3, t.lo, t.lo + (t.width / 4.0)));
            IOptimizer optimizer = name switch
            {
                "pso" => new Pso(new PsoOptions { SwarmSize = 10, BoundHandling = t.mode, VelocityClampFraction = 2.0 }),
                "ihspso" => new IHspso(new IHspsoOptions
                {
                    Swarm = new IHspsoOptions().Swarm with { SwarmSize = 10, BoundHandling = t.mode, VelocityClampFraction = 2.0 },
                }),
                _ => Create(name, 10),
            };
            var result = optimizer.Optimize(problem, StoppingCriteria.Iterations(15), t.seed);
            return !problem.SawOutOfBounds && problem.Bounds.Contains(result.BestX.ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Feasibility_first_finds_the_constrained_optimum(string name)
    {
        // min sum (x - 0.3 range)^2 + sin(5 x0) subject to x0 >= 0.6 range: the optimum lies on the constraint.
        var problem = new ParallelProbeProblem(Bounds.Uniform(2, 0, 10), constraintCount: 1);
        var result = Create(name, 30).Optimize(problem, StoppingCriteria.Iterations(200), 3);
        Assert.True(result.Best.IsFeasible);
        Assert.InRange(result.BestX[0], 6.0, 6.3);
        Assert.InRange(result.BestX[1], 2.95, 3.05);
    }

    [Fact]
    public void Stopping_by_target_evaluations_and_cancellation_report_their_reason()
    {
        var sphere = TestFunctions.Create("sphere", 5);
        var byTarget = new Pso().Optimize(sphere, StoppingCriteria.Iterations(5000) with { TargetValue = 1e-3 }, 1);
        Assert.Equal(ExitReason.TargetReached, byTarget.ExitReason);
        Assert.True(byTarget.BestValue <= 1e-3);
        Assert.True(byTarget.Iterations < 5000);

        var byEvals = new Pso().Optimize(sphere, StoppingCriteria.Evaluations(1000), 1);
        Assert.Equal(ExitReason.MaxEvaluations, byEvals.ExitReason);
        Assert.Equal(1000, byEvals.Evaluations); // 50 initial + 19 x 50

        using var cts = new CancellationTokenSource();
        var reports = new List<OptimizationProgress>();
        var progress = new SynchronousProgress(p =>
        {
            reports.Add(p);
            if (p.Iteration == 10)
            {
                cts.Cancel();
            }
        });
        var cancelled = new Pso().Optimize(sphere, StoppingCriteria.Iterations(100), 1, progress, cts.Token);
        Assert.Equal(ExitReason.Cancelled, cancelled.ExitReason);
        Assert.Equal(10, cancelled.Iterations);
        Assert.All(reports, r => Assert.InRange(r.Fraction, 0.0, 1.0));
        Assert.Equal(0.1, reports[10].Fraction, 12);
    }

    [Fact]
    public void History_is_monotone_and_starts_with_the_initial_population()
    {
        var result = new IHspso().Optimize(TestFunctions.Create("griewank", 10), StoppingCriteria.Iterations(100), 4);
        Assert.Equal(101, result.History.Count);
        Assert.Equal(0, result.History[0].Iteration);
        Assert.Equal(50, result.History[0].Evaluations);
        for (var i = 1; i < result.History.Count; i++)
        {
            Assert.True(result.History[i].BestValue <= result.History[i - 1].BestValue);
        }

        Assert.Equal(result.BestValue, result.History[^1].BestValue);
    }

    [Fact]
    public void Bad_options_are_rejected_with_the_option_name()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Pso(new PsoOptions { SwarmSize = 1 }));
        Assert.Contains("SwarmSize", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new HarmonySearch(new HarmonySearchOptions { ConsiderationRate = 1.5 }));
        Assert.Contains("ConsiderationRate", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new Pso().Optimize(new TwoObjectiveProblem(), StoppingCriteria.Iterations(1), 1));
        Assert.Contains("2 objectives", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cosine_inertia_and_linear_coefficients_follow_seed_002_eqs_33_34()
    {
        var o = new IHspsoOptions().Swarm;
        Assert.Equal(0.95, o.Inertia(0.0), 12);
        Assert.Equal(0.675, o.Inertia(0.5), 12);
        Assert.Equal(0.4 + (0.55 * 0.75), o.Inertia(1.0 / 3.0), 12); // (0.55/2) cos(pi/3) + 0.675
        Assert.Equal(0.4, o.Inertia(1.0), 12);
        Assert.Equal((2.5, 0.5), o.Coefficients(0.0));
        Assert.Equal((1.5, 1.5), o.Coefficients(0.5));
        Assert.Equal((0.5, 2.5), o.Coefficients(1.0));
        var linear = new PsoOptions();
        Assert.Equal(0.65, linear.Inertia(0.5), 12);
        Assert.Equal(0.8, linear.Inertia(0.2), 12);
    }

    private sealed class TwoObjectiveProblem() : ProblemBase("two", Bounds.Uniform(2, 0, 1), 2)
    {
        public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
        {
            objectives[0] = x[0];
            objectives[1] = 1 - x[0];
        }
    }

    private sealed class SynchronousProgress(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value) => report(value);
    }
}
