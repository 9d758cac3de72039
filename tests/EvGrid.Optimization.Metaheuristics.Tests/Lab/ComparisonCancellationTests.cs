using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

/// <summary>
/// Cancelling a comparison (the library's convention, see <see cref="IOptimizer"/>): before any run has finished it
/// throws; later it returns the runs that finished, exactly as an uncancelled comparison computes them, leaves out a
/// run cut short, and says it was cancelled. One run at a time and cancellation at an exact run or evaluation count,
/// so nothing depends on timing.
/// </summary>
public class ComparisonCancellationTests
{
    private static IOptimizerRegistry Registry => LabSetup.Registry;

    /// <summary>Two optimizers, four runs each, exactly 100 evaluations per run, one run at a time. Jobs run
    /// run-major: (run 0, pso), (run 0, hs), (run 1, pso), …</summary>
    private static ComparisonRequest Request => new()
    {
        Functions = ["sphere"], Optimizers = ["pso", "hs"], Dimension = 3, PopulationSize = 10, Evaluations = 100,
        Runs = 4, Seed = 3, MaxDegreeOfParallelism = 1,
    };

    [Fact]
    public void Cancelled_after_three_finished_runs_keeps_exactly_those_runs()
    {
        var full = new SolverComparison(Registry).Run(Request);
        Assert.False(full.Cancelled);
        Assert.Equal(8, full.FinishedRuns);

        using var cts = new CancellationTokenSource();
        var reports = new List<double>();
        var cut = new SolverComparison(Registry).Run(Request, new Sink(f =>
        {
            reports.Add(f);
            if (reports.Count == 3)
            {
                cts.Cancel();
            }
        }), cts.Token);

        Assert.True(cut.Cancelled);
        Assert.Equal(3, cut.FinishedRuns);
        Assert.Equal(8, cut.PlannedRuns);
        Assert.Equal([1 / 8.0, 2 / 8.0, 3 / 8.0], reports);
        var pso = cut.Rows.Single(r => r.Optimizer == "pso");
        var hs = cut.Rows.Single(r => r.Optimizer == "hs");
        Assert.Equal(full.Rows[0].Values.Take(2), pso.Values); // runs 0 and 1, as the full comparison has them
        Assert.Equal(full.Rows[1].Values.Take(1), hs.Values);
        Assert.Equal(2, pso.Runs);
        Assert.Equal(pso.Values.Average(), pso.Mean, 15);
        Assert.Equal([100L, 100L], pso.RunEvaluations);
    }

    [Fact]
    public void A_run_cut_short_is_left_out_and_stops_at_the_next_evaluation()
    {
        // Cancelled at evaluation 240: inside the third run (run 1 of pso), after its initial population.
        using var cts = new CancellationTokenSource();
        var problem = new CountingSphere(cts, cancelAt: 240);
        var cut = new SolverComparison(Registry, (_, _) => problem).Run(Request, null, cts.Token);
        Assert.Equal(240, problem.Evaluations); // not one evaluation more
        Assert.True(cut.Cancelled);
        Assert.Equal(2, cut.FinishedRuns);
        Assert.Equal([1, 1], cut.Rows.Select(r => r.Runs));
    }

    [Fact]
    public void Cancelled_before_any_run_finished_throws()
    {
        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.Throws<OperationCanceledException>(() => new SolverComparison(Registry).Run(Request, null, before.Token));

        // Inside the first run, after its initial population: that run is cut short and nothing has finished.
        using var cts = new CancellationTokenSource();
        var problem = new CountingSphere(cts, cancelAt: 40);
        Assert.Throws<OperationCanceledException>(() => new SolverComparison(Registry, (_, _) => problem).Run(Request, null, cts.Token));
        Assert.Equal(40, problem.Evaluations);
        Assert.Throws<OperationCanceledException>(() => new ParetoComparison(Registry).Run(ParetoRequest, null, before.Token));
    }

    private static ParetoComparisonRequest ParetoRequest => new()
    {
        Problems = ["zdt1"], Optimizers = ["nsga2"], Evaluations = 300, Runs = 3, Seed = 2, MaxDegreeOfParallelism = 1,
    };

    [Fact]
    public void A_cancelled_pareto_comparison_keeps_its_finished_runs()
    {
        var full = new ParetoComparison(Registry).Run(ParetoRequest);
        using var cts = new CancellationTokenSource();
        var cut = new ParetoComparison(Registry).Run(ParetoRequest, new Sink(_ => cts.Cancel()), cts.Token);
        Assert.True(cut.Cancelled);
        Assert.Equal(1, cut.FinishedRuns);
        Assert.Equal(3, cut.PlannedRuns);
        Assert.Equal(full.Runs[0].Front, cut.Runs.Single().Front);
        var summary = cut.Summaries.Single();
        Assert.Equal(1, summary.Runs);
        Assert.Equal(full.Runs[0].Igd, summary.IgdMean);
        Assert.Equal(0.0, summary.IgdStd); // one run
    }

    /// <summary>Reports on the caller's thread (a Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }

    /// <summary>Σx² on [−5, 5]³ that cancels a source at its n-th evaluation (counted over every run).</summary>
    private sealed class CountingSphere(CancellationTokenSource source, int cancelAt) : ProblemBase("sphere", Bounds.Uniform(3, -5, 5))
    {
        private int _evaluations;

        public int Evaluations => Volatile.Read(ref _evaluations);

        public override void Evaluate(ReadOnlySpan<double> x, Span<double> f, Span<double> g)
        {
            if (Interlocked.Increment(ref _evaluations) == cancelAt)
            {
                source.Cancel();
            }

            var s = 0.0;
            foreach (var v in x)
            {
                s += v * v;
            }

            f[0] = s;
        }
    }
}
