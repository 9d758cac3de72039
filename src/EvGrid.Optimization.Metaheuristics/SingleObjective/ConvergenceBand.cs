using MathNet.Numerics.Statistics;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>
/// The median and interquartile band (25th–75th percentile, R's type 7 quantiles) of the best-so-far value of an
/// optimizer's runs on one function, on a common grid of evaluation counts: the convergence curve a comparison
/// reports. A run's value at e evaluations is its best after the last iteration that ended at or before e.
/// </summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Function">Function name.</param>
/// <param name="Evaluations">The grid (evaluations, increasing).</param>
/// <param name="Median">Median best-so-far value at each grid point.</param>
/// <param name="LowerQuartile">25th percentile at each grid point.</param>
/// <param name="UpperQuartile">75th percentile at each grid point.</param>
public sealed record ConvergenceBand(
    string Optimizer, string Function, IReadOnlyList<long> Evaluations, IReadOnlyList<double> Median,
    IReadOnlyList<double> LowerQuartile, IReadOnlyList<double> UpperQuartile)
{
    /// <summary>The band of one comparison row (which must hold its histories).</summary>
    /// <param name="row">A row of a comparison run with <see cref="ComparisonRequest.RecordHistories"/>.</param>
    /// <param name="grid">Evaluation counts (see <see cref="Grid"/>).</param>
    /// <returns>The band.</returns>
    /// <exception cref="ArgumentException">The row has no histories.</exception>
    public static ConvergenceBand From(ComparisonRow row, IReadOnlyList<long> grid)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(grid);
        if (row.Histories.Count == 0)
        {
            throw new ArgumentException(
                $"Row '{row.Optimizer}' on '{row.Function}' has no histories (set ComparisonRequest.RecordHistories).",
                nameof(row));
        }

        var median = new double[grid.Count];
        var q1 = new double[grid.Count];
        var q3 = new double[grid.Count];
        var values = new double[row.Histories.Count];
        for (var g = 0; g < grid.Count; g++)
        {
            for (var r = 0; r < values.Length; r++)
            {
                values[r] = row.Histories[r].ValueAt(grid[g]);
            }

            Array.Sort(values);
            q1[g] = SortedArrayStatistics.QuantileCustom(values, 0.25, QuantileDefinition.R7);
            median[g] = SortedArrayStatistics.QuantileCustom(values, 0.5, QuantileDefinition.R7);
            q3[g] = SortedArrayStatistics.QuantileCustom(values, 0.75, QuantileDefinition.R7);
        }

        return new ConvergenceBand(row.Optimizer, row.Function, grid.ToArray(), median, q1, q3);
    }

    /// <summary>An evenly spaced grid of evaluation counts from the earliest first point to the latest last point of
    /// the rows' histories (the points where every run has a value).</summary>
    /// <param name="rows">Rows with histories (usually those of one function).</param>
    /// <param name="points">Number of grid points (at least 2).</param>
    /// <returns>Distinct increasing evaluation counts.</returns>
    public static long[] Grid(IEnumerable<ComparisonRow> rows, int points)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var histories = rows.SelectMany(r => r.Histories).Where(h => h.Evaluations.Count > 0).ToArray();
        if (histories.Length == 0)
        {
            throw new ArgumentException("The rows hold no histories.", nameof(rows));
        }

        var start = histories.Max(h => h.Evaluations[0]);
        var end = histories.Max(h => h.Evaluations[^1]);
        return Enumerable.Range(0, points)
            .Select(i => start + (long)Math.Round((end - start) * (double)i / (points - 1)))
            .Distinct()
            .ToArray();
    }
}
