using EvGrid.Optimization.Fleet;
using Xunit;

namespace EvGrid.Optimization.Fleet.Tests;

/// <summary>
/// Progress and cancellation of the typical-day reduction: cancelled before one cluster count was tried in full it
/// throws; later it returns the best of the counts tried in full, the same days as a reduction limited to them.
/// Cancellation comes from the progress sink at an exact k-means run, so nothing depends on timing.
/// </summary>
public class ScenarioCancellationTests
{
    private static readonly WeatherYear Year = new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = 4, Days = 60 });

    /// <summary>k = 2 … 5 with three restarts each: twelve k-means runs.</summary>
    private static readonly ScenarioReductionOptions Options = new() { Seed = 4, MinClusters = 2, MaxClusters = 5, Restarts = 3 };

    [Fact]
    public void Progress_counts_the_k_means_runs()
    {
        var reports = new List<double>();
        var set = new ScenarioReducer().Reduce(Year, Options, new Sink(reports.Add));
        Assert.False(set.Cancelled);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => i / 12.0), reports);
    }

    [Fact]
    public void Cancelled_inside_k_4_returns_the_best_of_k_2_and_3()
    {
        using var cts = new CancellationTokenSource();
        var count = 0;
        var set = new ScenarioReducer().Reduce(Year, Options, new Sink(_ =>
        {
            if (++count == 7) // k = 2 and 3 done, the first restart of k = 4 too
            {
                cts.Cancel();
            }
        }), cts.Token);
        Assert.True(set.Cancelled);
        Assert.Equal(7, count); // stopped before the next k-means run
        Assert.True(double.IsNaN(set.PseudoF[4]) && double.IsNaN(set.PseudoF[5]));

        var limited = new ScenarioReducer().Reduce(Year, Options with { MaxClusters = 3 });
        Assert.Equal(limited.PseudoF, set.PseudoF.Take(4));
        Assert.Equal(limited.Assignment, set.Assignment);
        Assert.Equal(limited.Count, set.Count);
    }

    [Fact]
    public void Cancelled_before_one_cluster_count_was_tried_in_full_throws()
    {
        using var before = new CancellationTokenSource();
        before.Cancel();
        Assert.Throws<OperationCanceledException>(() => new ScenarioReducer().Reduce(Year, Options, null, before.Token));

        using var cts = new CancellationTokenSource();
        Assert.Throws<OperationCanceledException>(() =>
            new ScenarioReducer().Reduce(Year, Options, new Sink(_ => cts.Cancel()), cts.Token));
    }

    private sealed class Sink(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
