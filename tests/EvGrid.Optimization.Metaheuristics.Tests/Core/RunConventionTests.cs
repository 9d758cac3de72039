using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Core;

/// <summary>
/// The conventions every built-in optimizer shares (see <see cref="IOptimizer"/> and <see cref="IProblem"/>):
/// cancellation before the start throws, cancellation inside a population stops within about one evaluation and keeps
/// the best so far, a NaN objective is an error naming the candidate, and a run without a feasible candidate says so.
/// </summary>
public class RunConventionTests
{
    private static readonly OptimizerRegistry Registry = new(BuiltInOptimizers.All());

    public static TheoryData<string> AllOptimizers()
    {
        var data = new TheoryData<string>();
        foreach (var f in Registry.Factories)
        {
            data.Add(f.Name);
        }

        return data;
    }

    /// <summary>A problem of the right objective count for the optimizer (single or two objectives).</summary>
    private static int ObjectivesFor(string optimizer) =>
        Registry.Factories.Single(f => f.Name == optimizer).Objectives == ObjectiveSupport.Single ? 1 : 2;

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void A_token_cancelled_before_the_start_throws_OperationCanceledException(string name)
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var problem = new TestProblem(ObjectivesFor(name));
        Assert.Throws<OperationCanceledException>(() =>
            Registry.Create(name).Optimize(problem, StoppingCriteria.Iterations(5), seed: 1, cancellationToken: cts.Token));
        Assert.Equal(0, problem.Evaluations);
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void A_NaN_objective_ends_every_optimizer_with_an_error_naming_the_candidate(string name)
    {
        // NaN wherever x0 > 0.5: about a quarter of the initial population of any optimizer.
        var problem = new TestProblem(ObjectivesFor(name)) { NaNAbove = 0.5 };
        var ex = Assert.Throws<InvalidOperationException>(() =>
            Registry.Create(name).Optimize(problem, StoppingCriteria.Iterations(5), seed: 1));
        Assert.Contains("Problem 'convention' returned NaN for objective 0 at x = [", ex.Message, StringComparison.Ordinal);
        var x0 = double.Parse(ex.Message.Split("x = [")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(x0 > 0.5, ex.Message); // the candidate named is one that does give NaN
    }

    [Theory]
    [MemberData(nameof(AllOptimizers))]
    public void A_run_without_a_feasible_candidate_says_so(string name)
    {
        var infeasible = Registry.Create(name).Optimize(new TestProblem(ObjectivesFor(name)) { AlwaysInfeasible = true },
            StoppingCriteria.Iterations(3), seed: 1);
        Assert.False(infeasible.FoundFeasible);
        Assert.Contains("no feasible candidate found (least total violation ", infeasible.ToString(), StringComparison.Ordinal);
        Assert.True(infeasible.Best.Violation >= 1.0); // g = 1 + x0 ≥ 1 everywhere in the box

        var feasible = Registry.Create(name).Optimize(new TestProblem(ObjectivesFor(name)), StoppingCriteria.Iterations(3), seed: 1);
        Assert.True(feasible.FoundFeasible);
        Assert.Contains("; best ", feasible.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pso", 1, 0)]
    [InlineData("hs", 1, 5)]
    [InlineData("mopso", 2, 0)]
    [InlineData("nsga2", 2, 0)]
    public void Cancelling_inside_a_population_stops_at_the_next_evaluation_and_keeps_the_best_so_far(string name, int objectives, int kept)
    {
        // The token is cancelled by the 5th evaluation of the second step; the run must not start a 6th, whereas
        // checking only between iterations would finish the whole population first.
        var problem = new TestProblem(objectives);
        using var run = StepCancelledAtTheFifthEvaluation(name, problem, out var afterFirst);
        Assert.Equal(afterFirst + 5, problem.Evaluations);
        var result = run.GetResult();
        Assert.Equal(ExitReason.Cancelled, result.ExitReason);
        // Population-based steps keep the last whole population's best; harmony search has already merged each harmony
        // it evaluated, so its count includes them.
        Assert.Equal(afterFirst + kept, result.Evaluations);
        Assert.True(result.FoundFeasible);
        Assert.Throws<InvalidOperationException>(() => run.CreateCheckpoint());
    }

    [Fact]
    public void Cancelling_during_the_initial_population_throws_at_the_next_evaluation()
    {
        using var cts = new CancellationTokenSource();
        var problem = new TestProblem(1) { CancelAt = (3, cts) };
        Assert.ThrowsAny<OperationCanceledException>(() =>
            Registry.Create("pso").Optimize(problem, StoppingCriteria.Iterations(100), seed: 1, cancellationToken: cts.Token));
        Assert.Equal(3, problem.Evaluations); // of a swarm of 50
    }

    [Fact]
    public void Cancelling_a_parallel_population_stops_every_worker()
    {
        // Parallel evaluation on all cores: workers stop claiming candidates once the token is cancelled.
        var problem = new TestProblem(2) { Parallel = true, DelayMs = 2 };
        using var run = StepCancelledAtTheFifthEvaluation("nsga2", problem, out var afterFirst);
        // At most one candidate in flight per other worker when the token turned.
        Assert.InRange(problem.Evaluations - afterFirst, 5, 5 + Environment.ProcessorCount);
    }

    /// <summary>Runs the first step, then a second whose token the problem cancels at its 5th evaluation; the second
    /// step must end the run as cancelled.</summary>
    private static IOptimizationRun StepCancelledAtTheFifthEvaluation(string optimizer, TestProblem problem, out int afterFirst)
    {
        var run = ((IResumableOptimizer)Registry.Create(optimizer)).Start(problem, StoppingCriteria.Iterations(100), seed: 1);
        Assert.True(run.Step());
        afterFirst = problem.Evaluations;
        var cts = new CancellationTokenSource();
        problem.CancelAt = (afterFirst + 5, cts);
        Assert.False(run.Step(cts.Token));
        Assert.Equal(ExitReason.Cancelled, run.ExitReason);
        return run;
    }

    /// <summary>f1 = Σx², f2 = Σ(x − 1)² on [0, 1]³, with switches for NaN objectives, infeasibility and slowness.</summary>
    private sealed class TestProblem(int objectives) : ProblemBase("convention", Bounds.Uniform(3, 0, 1), objectives, 1)
    {
        private int _evaluations;

        public double NaNAbove { get; init; } = double.PositiveInfinity;

        public bool AlwaysInfeasible { get; init; }

        public int DelayMs { get; init; }

        public bool Parallel { get; init; }

        /// <summary>Cancels the source when the evaluation count reaches the given number.</summary>
        public (int At, CancellationTokenSource Source)? CancelAt { get; set; }

        public override bool PreferParallelEvaluation => Parallel;

        public int Evaluations => Volatile.Read(ref _evaluations);

        public override void Evaluate(ReadOnlySpan<double> x, Span<double> f, Span<double> g)
        {
            var count = Interlocked.Increment(ref _evaluations);
            if (CancelAt is { } cancel && count == cancel.At)
            {
                cancel.Source.Cancel();
            }

            if (DelayMs > 0)
            {
                Thread.Sleep(DelayMs);
            }

            double a = 0, b = 0;
            foreach (var v in x)
            {
                a += v * v;
                b += (v - 1) * (v - 1);
            }

            f[0] = x[0] > NaNAbove ? double.NaN : a;
            if (f.Length > 1)
            {
                f[1] = b;
            }

            g[0] = AlwaysInfeasible ? 1 + x[0] : -1;
        }
    }
}
