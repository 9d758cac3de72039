using System.Runtime.CompilerServices;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// Comparison of candidate solutions with Deb's feasibility rules (Deb 2000; Deb et al. 2002 "constrained
/// domination"): a feasible solution beats an infeasible one; of two infeasible ones the smaller total violation
/// wins; of two feasible ones Pareto dominance (or the smaller value, with one objective) decides.
/// </summary>
public static class Dominance
{
    /// <summary>Total constraint violation Σ max(0, gⱼ): 0 for a feasible point.</summary>
    /// <param name="constraints">Constraint values g(x) (≤ 0 feasible).</param>
    /// <returns>The violation (NaN constraint values count as +∞, i.e. never feasible).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Violation(ReadOnlySpan<double> constraints)
    {
        var sum = 0.0;
        foreach (var g in constraints)
        {
            if (g > 0)
            {
                sum += g;
            }
            else if (double.IsNaN(g))
            {
                return double.PositiveInfinity;
            }
        }

        return sum;
    }

    /// <summary>Pareto dominance of two objective vectors (minimisation), ignoring constraints.</summary>
    /// <param name="a">Objectives of a.</param>
    /// <param name="b">Objectives of b (same length).</param>
    /// <returns>-1 when a dominates b, 1 when b dominates a, 0 when neither does (or they are equal).</returns>
    public static int ComparePareto(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Objective vectors differ in length ({a.Length} vs {b.Length}).", nameof(b));
        }

        var aBetter = false;
        var bBetter = false;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] < b[i])
            {
                aBetter = true;
            }
            else if (b[i] < a[i])
            {
                bBetter = true;
            }

            if (aBetter && bBetter)
            {
                return 0;
            }
        }

        return aBetter ? -1 : bBetter ? 1 : 0;
    }

    /// <summary>Constrained dominance (Deb's rules) of two candidates given their objectives and total violations.</summary>
    /// <param name="a">Objectives of a.</param>
    /// <param name="violationA">Total violation of a (0 = feasible).</param>
    /// <param name="b">Objectives of b.</param>
    /// <param name="violationB">Total violation of b (0 = feasible).</param>
    /// <returns>-1 when a constrained-dominates b, 1 when b constrained-dominates a, 0 otherwise.</returns>
    public static int Compare(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB)
    {
        var feasibleA = violationA <= 0;
        var feasibleB = violationB <= 0;
        if (feasibleA && feasibleB)
        {
            return ComparePareto(a, b);
        }

        if (feasibleA)
        {
            return -1;
        }

        if (feasibleB)
        {
            return 1;
        }

        return violationA < violationB ? -1 : violationB < violationA ? 1 : 0;
    }

    /// <summary>Whether a constrained-dominates b (Deb's rules).</summary>
    /// <param name="a">Objectives of a.</param>
    /// <param name="violationA">Total violation of a.</param>
    /// <param name="b">Objectives of b.</param>
    /// <param name="violationB">Total violation of b.</param>
    /// <returns><see langword="true"/> when a is strictly preferred.</returns>
    public static bool Dominates(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB)
        => Compare(a, violationA, b, violationB) < 0;

    /// <summary>
    /// Feasibility-first comparison of two single-objective candidates: whether (fa, va) is strictly better than
    /// (fb, vb). Feasible beats infeasible, smaller violation beats larger, then the smaller objective wins; NaN
    /// objectives never win.
    /// </summary>
    /// <param name="fa">Objective of a.</param>
    /// <param name="violationA">Total violation of a.</param>
    /// <param name="fb">Objective of b.</param>
    /// <param name="violationB">Total violation of b.</param>
    /// <returns><see langword="true"/> when a is strictly better than b.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBetter(double fa, double violationA, double fb, double violationB)
    {
        if (violationA <= 0)
        {
            return violationB > 0 || fa < fb || (double.IsNaN(fb) && !double.IsNaN(fa));
        }

        return violationA < violationB;
    }
}
