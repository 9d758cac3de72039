using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

public class AskTellTests
{
    public static TheoryData<string> Names() => new(LabSetup.Registry.Factories.Select(f => f.Name));

    [Theory]
    [MemberData(nameof(Names))]
    public void A_run_driven_by_ask_and_tell_ends_identical_to_optimize(string name)
    {
        var (optimizer, problem) = LabSetup.Prepare(name, 12, 4);
        var stopping = StoppingCriteria.Evaluations(611);
        var direct = optimizer.Optimize(problem, stopping, 9);

        using var run = new AskTellRun(optimizer, problem.Name, problem.Bounds, problem.ObjectiveCount, 0, stopping, 9);
        var evaluator = problem.CreateEvaluator();
        var m = problem.ObjectiveCount;
        var n = problem.Dimension;
        var asks = 0;
        while (run.Ask() is { } population)
        {
            var count = population.Length / n;
            var values = new double[count * m];
            for (var i = 0; i < count; i++)
            {
                evaluator.Evaluate(population.AsSpan(i * n, n), values.AsSpan(i * m, m), []);
            }

            run.Tell(values);
            asks++;
        }

        Assert.True(run.IsFinished);
        Assert.True(asks > 1);
        var told = run.Result;
        Assert.Equal(direct.Evaluations, told.Evaluations);
        Assert.Equal(direct.BestValue, told.BestValue);
        Assert.Equal(direct.BestX, told.BestX);
        Assert.Equal(direct.ParetoFront.Count, told.ParetoFront.Count);
    }

    [Fact]
    public async Task A_population_posted_before_the_caller_asks_is_taken_once_and_the_run_ends()
    {
        // After each Tell the caller waits until the optimizer's thread has posted its next population (or ended), so
        // Ask always finds one ready: the case that once left a stale signal behind and deadlocked the next Ask.
        var problem = new EvGrid.Optimization.Metaheuristics.Problems.SphereFunction(3);
        var stopping = StoppingCriteria.Iterations(6);
        var direct = new Pso(new PsoOptions { SwarmSize = 4 }).Optimize(problem, stopping, 3);
        using var run = new AskTellRun(new Pso(new PsoOptions { SwarmSize = 4 }), "sphere", problem.Bounds, 1, 0, stopping, 3);
        var evaluator = problem.CreateEvaluator();
        var loop = Task.Run(() =>
        {
            while (run.Ask() is { } population)
            {
                Assert.Equal(population, run.Ask()); // asking again before Tell: the same population, no wait
                var values = new double[population.Length / 3];
                for (var i = 0; i < values.Length; i++)
                {
                    evaluator.Evaluate(population.AsSpan(i * 3, 3), values.AsSpan(i, 1), []);
                }

                run.Tell(values);
                Thread.Sleep(20);
            }
        });

        // The bug this guards against was a deadlock in Ask: it must fail the test (TimeoutException), not hang the suite.
        await loop.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(direct.BestValue, run.Result.BestValue);
        Assert.Equal(direct.Evaluations, run.Result.Evaluations);
        Assert.Null(run.Ask()); // after the end, Ask keeps answering null
    }

    [Fact]
    public void Tell_checks_its_input_and_dispose_abandons_the_run()
    {
        var run = new AskTellRun(new Pso(new PsoOptions { SwarmSize = 5 }), "external",
            Bounds.Uniform(2, -1, 1), 1, 0, StoppingCriteria.Iterations(100), 1);
        Assert.Throws<InvalidOperationException>(() => run.Tell([1.0]));
        var population = run.Ask()!;
        Assert.Equal(10, population.Length); // 5 particles x 2 variables
        Assert.Equal(population, run.Ask()); // asked again before telling: the same population
        var ex = Assert.Throws<ArgumentException>(() => run.Tell([1.0, 2.0]));
        Assert.Contains("5 objective values", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => run.Tell([1.0, 2.0, double.NaN, 4.0, 5.0]));
        Assert.Throws<InvalidOperationException>(() => run.Result);
        run.Dispose(); // the optimizer thread waits inside its first evaluation: it must unwind
        Assert.Throws<ObjectDisposedException>(() => run.Ask());
    }

    [Fact]
    public void Dispose_right_after_a_tell_or_after_the_end_returns()
    {
        for (var told = 0; told < 3; told++)
        {
            var run = new AskTellRun(new Pso(new PsoOptions { SwarmSize = 4 }), "external", Bounds.Uniform(1, -1, 1), 1, 0,
                StoppingCriteria.Iterations(1), 1);
            for (var i = 0; i < told; i++)
            {
                var x = run.Ask()!;
                run.Tell(x.Select(v => v * v).ToArray());
            }

            run.Dispose(); // after 0, 1 or 2 tells (2 = the run's whole budget): no hang, no exception
        }

        using var finished = new AskTellRun(new Pso(new PsoOptions { SwarmSize = 4 }), "external", Bounds.Uniform(1, -1, 1), 1,
            0, StoppingCriteria.Iterations(1), 1);
        while (finished.Ask() is { } x)
        {
            finished.Tell(x.Select(v => v * v).ToArray());
        }

        Assert.Equal(8, finished.Result.Evaluations);
    }
}
