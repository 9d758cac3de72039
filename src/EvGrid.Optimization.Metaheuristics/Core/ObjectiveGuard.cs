using System.Globalization;
using System.Runtime.CompilerServices;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// The one NaN rule of every optimizer (see <see cref="IProblem"/>): a NaN objective breaks the problem's contract and
/// ends the run with an <see cref="InvalidOperationException"/> naming the problem, the objective and the candidate,
/// right after the evaluation that produced it. <see cref="PopulationEvaluator"/> applies it to every evaluation, so
/// no optimizer ranks, archives or returns a NaN.
/// </summary>
internal static class ObjectiveGuard
{
    /// <summary>Coordinates of the offending candidate shown in the message (the rest are elided).</summary>
    private const int ShownCoordinates = 10;

    /// <summary>Throws when a candidate's objectives hold a NaN.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="x">The candidate's decision vector.</param>
    /// <param name="objectives">Its objective values.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Check(IProblem problem, ReadOnlySpan<double> x, ReadOnlySpan<double> objectives)
    {
        var j = IndexOfNaN(objectives);
        if (j >= 0)
        {
            Throw(problem, x, j);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw(IProblem problem, ReadOnlySpan<double> x, int j)
    {
        var shown = x.Length <= ShownCoordinates ? x : x[..ShownCoordinates];
        var text = string.Join(", ", shown.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))
                   + (x.Length > ShownCoordinates ? $", … ({x.Length} in all)" : string.Empty);
        throw new InvalidOperationException(
            $"Problem '{problem.Name}' returned NaN for objective {j} at x = [{text}]; an evaluator must write finite objectives and mark a failed candidate with +∞ in a constraint (see IProblem).");
    }

    private static int IndexOfNaN(ReadOnlySpan<double> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
