using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>Rejects NaN objective values right after a population is evaluated (a run never returns a NaN front).</summary>
internal static class ObjectiveGuard
{
    /// <summary>Throws when any of the first <paramref name="count"/> rows holds a NaN objective.</summary>
    public static void Check(IProblem problem, double[] positions, double[] objectives, int count)
    {
        var m = problem.ObjectiveCount;
        for (var i = 0; i < count * m; i++)
        {
            if (double.IsNaN(objectives[i]))
            {
                var row = i / m;
                var x = string.Join(", ", positions.AsSpan(row * problem.Dimension, problem.Dimension).ToArray()
                    .Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
                throw new InvalidOperationException(
                    $"Problem '{problem.Name}' returned NaN for objective {i % m} at x = [{x}].");
            }
        }
    }
}
