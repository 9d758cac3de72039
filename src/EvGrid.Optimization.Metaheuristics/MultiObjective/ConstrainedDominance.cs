namespace EvGrid.Optimization.Metaheuristics.MultiObjective;

/// <summary>
/// Pareto dominance of minimised objectives combined with Deb's feasibility rules (Deb 2000): a feasible solution
/// (total violation 0) beats an infeasible one, of two infeasible solutions the smaller total violation wins, and two
/// feasible solutions are compared by Pareto dominance.
/// </summary>
public static class ConstrainedDominance
{
    /// <summary>Compares two solutions.</summary>
    /// <param name="a">Objectives of a.</param>
    /// <param name="violationA">Total constraint violation of a (Σ max(g, 0), 0 when feasible).</param>
    /// <param name="b">Objectives of b.</param>
    /// <param name="violationB">Total constraint violation of b.</param>
    /// <returns>−1 if a dominates b, +1 if b dominates a, 0 if neither (including identical vectors).</returns>
    public static int Compare(ReadOnlySpan<double> a, double violationA, ReadOnlySpan<double> b, double violationB)
    {
        if (violationA > 0 || violationB > 0)
        {
            if (violationA < violationB)
            {
                return -1;
            }

            if (violationB < violationA)
            {
                return 1;
            }

            if (violationA > 0)
            {
                return 0;
            }
        }

        return Pareto(a, b);
    }

    /// <summary>Pareto dominance of minimised objectives.</summary>
    /// <param name="a">Objectives of a.</param>
    /// <param name="b">Objectives of b.</param>
    /// <returns>−1 if a dominates b, +1 if b dominates a, 0 otherwise.</returns>
    public static int Pareto(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var aBetter = false;
        var bBetter = false;
        for (var k = 0; k < a.Length; k++)
        {
            if (a[k] < b[k])
            {
                aBetter = true;
            }
            else if (b[k] < a[k])
            {
                bBetter = true;
            }
        }

        return aBetter == bBetter ? 0 : aBetter ? -1 : 1;
    }

    /// <summary>True when the two objective vectors are equal component by component.</summary>
    /// <param name="a">Objectives of a.</param>
    /// <param name="b">Objectives of b.</param>
    /// <returns>Whether a and b are identical.</returns>
    public static bool SameObjectives(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => a.SequenceEqual(b);

    /// <summary>Total violation Σ max(g_j, 0) of constraint values g (feasible when ≤ 0).</summary>
    /// <param name="constraints">Constraint values.</param>
    /// <returns>The total violation (0 when feasible).</returns>
    public static double Violation(ReadOnlySpan<double> constraints)
    {
        var v = 0.0;
        foreach (var g in constraints)
        {
            if (g > 0)
            {
                v += g;
            }
        }

        return v;
    }
}
