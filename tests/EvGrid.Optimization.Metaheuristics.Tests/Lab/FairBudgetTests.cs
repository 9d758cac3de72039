using EvGrid.Optimization.Metaheuristics.Problems;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Metaheuristics.SingleObjective;
using Xunit;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

public class FairBudgetTests
{
    private static IOptimizerRegistry Registry => LabSetup.Registry;

    public static TheoryData<string, long> Cases() => new()
    {
        // Budgets that no iteration size divides: 20 particles (ihspso: 40 per iteration), 20 harmonies.
        { "pso", 1_013 }, { "ihspso", 1_013 }, { "ihspso", 1_031 }, { "hs", 1_013 }, { "ihs", 997 },
        { "mopso", 1_013 }, { "nsga2", 1_013 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_optimizer_stops_at_exactly_the_evaluation_budget(string name, long budget)
    {
        var (optimizer, problem) = LabSetup.Prepare(name, 20);
        var result = optimizer.Optimize(problem, StoppingCriteria.Evaluations(budget), 3);
        Assert.Equal(budget, result.Evaluations);
        Assert.Equal(ExitReason.MaxEvaluations, result.ExitReason);
        Assert.Equal(budget, result.History[^1].Evaluations);
    }

    [Theory]
    [InlineData(100, null, 50, 50, 100L)] // an iteration limit is the horizon
    [InlineData(null, 25_000L, 60, 60, 416L)] // MOPSO at 25 000: ⌈24 940 / 60⌉ = ⌈415.67⌉
    [InlineData(null, 50_050L, 50, 50, 1000L)] // PSO's Table 10 budget: 50 + 1 000 × 50
    [InlineData(null, 100_050L, 100, 50, 1000L)] // I-HSPSO: 50 + 1 000 × (50 + 50)
    [InlineData(null, 30L, 50, 50, 1L)] // a budget below the initial population still has one iteration
    public void Schedule_horizon_is_the_iteration_limit_or_what_the_budget_pays_for(int? iterations, long? evaluations,
        int perIteration, int initial, long expected)
        => Assert.Equal(expected, new StoppingCriteria { MaxIterations = iterations, MaxEvaluations = evaluations }
            .IterationHorizon(perIteration, initial));

    [Fact]
    public void A_run_stopped_by_time_only_has_no_schedule_horizon()
        => Assert.Null(StoppingCriteria.WallTime(TimeSpan.FromSeconds(1)).IterationHorizon(50, 50));

    [Fact]
    public void A_budget_that_iterations_divide_gives_the_same_run_as_the_iteration_limit()
    {
        // 20 particles + 30 iterations × (20 swarm + 20 harmonies) = 1 220 evaluations.
        var f = TestFunctions.Create("sphere", 4);
        var optimizer = new IHspso().WithPopulationSize(20);
        var byIterations = optimizer.Optimize(f, StoppingCriteria.Iterations(30), 5);
        var byEvaluations = optimizer.Optimize(f, StoppingCriteria.Evaluations(1_220), 5);
        Assert.Equal(1_220, byIterations.Evaluations);
        Assert.Equal(byIterations.BestValue, byEvaluations.BestValue);
        Assert.Equal(byIterations.BestX, byEvaluations.BestX);
    }

    [Fact]
    public void Comparison_with_an_evaluation_budget_reports_it_for_every_run()
    {
        var rows = new SolverComparison(Registry).Run(new ComparisonRequest
        {
            Functions = ["sphere", "schaffer6"],
            Optimizers = ["ihspso", "pso", "hs"],
            Dimension = 5,
            PopulationSize = 10,
            Evaluations = 2_345,
            Runs = 3,
            RecordHistories = true,
        }).Rows;
        foreach (var row in rows)
        {
            Assert.Equal([2_345L, 2_345L, 2_345L], row.RunEvaluations);
            Assert.Equal(2_345.0, row.MeanEvaluations);
            Assert.Equal(3, row.Histories.Count);
            Assert.All(row.Histories, h => Assert.Equal(2_345L, h.Evaluations[^1]));
            Assert.Equal(row.Values, row.Histories.Select(h => h.BestValues[^1]));
        }

        var ex = Assert.Throws<ArgumentException>(() => new SolverComparison(Registry).Run(new ComparisonRequest
        {
            Functions = ["sphere"], Optimizers = ["pso"], PopulationSize = 10, Evaluations = 5,
        }));
        Assert.Contains("Evaluations", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_listed_twice_is_refused_by_the_library_not_only_the_cli()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SolverComparison(Registry).Run(new ComparisonRequest
        {
            Functions = ["sphere"], Optimizers = ["pso", "PSO"], PopulationSize = 10, Iterations = 2,
        }));
        Assert.Equal("Optimizers", ex.ParamName);
        Assert.StartsWith("Optimizers: 'PSO' is given twice.", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => new Metaheuristics.MultiObjective.ParetoComparisonRequest
        {
            Problems = ["zdt1", "zdt1"], Optimizers = ["mopso"],
        }.Validate());
        Assert.Equal("Problems", ex.ParamName);
    }

    [Fact]
    public void Convergence_band_is_the_quartiles_of_the_runs_best_so_far()
    {
        // Three runs recorded at 10, 20, 30 evaluations; R type-7 quartiles of three values are the midpoints.
        RunHistory H(params double[] v) => new([10L, 20L, 30L], v);
        var row = new ComparisonRow("o", "f", 1, 3, 0, 0, 0, 0, 0, 0, 30, [3, 2, 1])
        {
            Histories = [H(9, 6, 3), H(8, 5, 2), H(7, 4, 1)],
        };
        var grid = ConvergenceBand.Grid([row], 5);
        Assert.Equal([10L, 15L, 20L, 25L, 30L], grid);
        var band = ConvergenceBand.From(row, grid);
        Assert.Equal([8.0, 8.0, 5.0, 5.0, 2.0], band.Median);
        Assert.Equal([7.5, 7.5, 4.5, 4.5, 1.5], band.LowerQuartile);
        Assert.Equal([8.5, 8.5, 5.5, 5.5, 2.5], band.UpperQuartile);
        Assert.Equal(double.PositiveInfinity, row.Histories[0].ValueAt(9));
    }
}
