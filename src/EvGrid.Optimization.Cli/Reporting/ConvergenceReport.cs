using System.Globalization;
using System.Text;
using EvGrid.Optimization.Metaheuristics.SingleObjective;

namespace EvGrid.Optimization.Cli.Reporting;

/// <summary>
/// The convergence files of <c>evgrid solvers compare --out</c>: per function an SVG of each optimizer's median
/// best-so-far value with its interquartile band against evaluations (<see cref="ConvergenceBand"/>), and
/// <c>histories.csv</c> with every run's best-so-far value after each iteration.
/// </summary>
internal static class ConvergenceReport
{
    /// <summary>Grid points of each curve.</summary>
    private const int GridPoints = 200;

    /// <summary>Writes the files.</summary>
    /// <param name="rows">Comparison rows with histories.</param>
    /// <param name="directory">Output directory (created when missing).</param>
    /// <returns>The pictures written, (file name, function) per function.</returns>
    public static IReadOnlyList<(string File, string Function)> Write(IReadOnlyList<ComparisonRow> rows, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ArgumentException($"--out: cannot create the directory '{directory}': {ex.Message}", ex);
        }

        using (var csv = new StreamWriter(Path.Combine(directory, "histories.csv"), false, new UTF8Encoding(false)))
        {
            csv.WriteLine("optimizer,function,run,iteration,evaluations,best");
            foreach (var row in rows)
            {
                for (var r = 0; r < row.Histories.Count; r++)
                {
                    var h = row.Histories[r];
                    for (var i = 0; i < h.Evaluations.Count; i++)
                    {
                        csv.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"{row.Optimizer},{row.Function},{r + 1},{i},{h.Evaluations[i]},{h.BestValues[i]:R}"));
                    }
                }
            }
        }

        var pictures = new List<(string File, string Function)>();
        foreach (var function in rows.GroupBy(r => r.Function, StringComparer.Ordinal))
        {
            var grid = ConvergenceBand.Grid(function, GridPoints);
            var bands = function.Select(row => ConvergenceBand.From(row, grid))
                .Select(b => (b.Optimizer, b.Evaluations, b.Median, b.LowerQuartile, b.UpperQuartile))
                .ToList();
            var (fewest, most) = (function.Min(r => r.Runs), function.Max(r => r.Runs));
            var runs = fewest == most
                ? fewest.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{fewest}–{most}");
            var svg = Charts.Bands(
                string.Create(CultureInfo.InvariantCulture, $"{function.Key} (n = {function.First().Dim}): median best-so-far and interquartile band over {runs} runs"),
                "objective evaluations", "best-so-far f (log scale; 0 drawn at the bottom)", bands);
            var file = $"convergence-{function.Key}.svg";
            File.WriteAllText(Path.Combine(directory, file), svg);
            pictures.Add((file, function.Key));
        }

        return pictures;
    }
}
