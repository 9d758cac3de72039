using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;

namespace EvGrid.Optimization.Metaheuristics.Tests.MultiObjective;

/// <summary>A problem that asks for parallel evaluation (to exercise the threaded path) and delegates to another.</summary>
internal sealed class ParallelProblem(IProblem inner) : IProblem
{
    public string Name => inner.Name;

    public int Dimension => inner.Dimension;

    public Bounds Bounds => inner.Bounds;

    public int ObjectiveCount => inner.ObjectiveCount;

    public int ConstraintCount => inner.ConstraintCount;

    public bool PreferParallelEvaluation => true;

    public IProblemEvaluator CreateEvaluator() => inner.CreateEvaluator();
}

/// <summary>
/// Srinivas &amp; Deb (1994) SRN: f1 = 2 + (x1 − 2)² + (x2 − 1)², f2 = 9 x1 − (x2 − 1)², subject to
/// x1² + x2² ≤ 225 and x1 − 3 x2 + 10 ≤ 0, x ∈ [−20, 20]². Much of the box is infeasible.
/// </summary>
internal sealed class Srinivas() : ProblemBase("srn", Bounds.Uniform(2, -20, 20), 2, 2)
{
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        objectives[0] = 2 + ((x[0] - 2) * (x[0] - 2)) + ((x[1] - 1) * (x[1] - 1));
        objectives[1] = (9 * x[0]) - ((x[1] - 1) * (x[1] - 1));
        constraints[0] = (x[0] * x[0]) + (x[1] * x[1]) - 225;
        constraints[1] = x[0] - (3 * x[1]) + 10;
    }
}

/// <summary>Returns NaN for f2 when x1 &gt; 0.9 (a broken user model).</summary>
internal sealed class NaNProblem() : ProblemBase("nan", Bounds.Uniform(2, 0, 1), 2)
{
    public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        objectives[0] = x[0];
        objectives[1] = x[0] > 0.9 ? double.NaN : 1 - x[0] + x[1];
    }
}

internal static class Fronts
{
    public static double[] Flatten(OptimizationResult result) =>
        result.ParetoFront.SelectMany(s => s.Objectives).ToArray();

    public static double IgdOf(OptimizationResult result, MultiObjectiveTestProblem problem) =>
        Indicators.Igd.Compute(Flatten(result), problem.TrueFront, problem.ObjectiveCount);
}
