using EvGrid.Optimization.Metaheuristics;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>A tiny optimizer exported by the test assembly, loaded through <c>--plugin</c>: evaluates the centre of
/// the box and one point per coordinate direction.</summary>
public sealed class CoordinateProbe : IOptimizer
{
    public string Name => "coordinate";

    public OptimizationResult Optimize(IProblem problem, StoppingCriteria stopping, long seed,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var evaluator = problem.CreateEvaluator();
        var n = problem.Dimension;
        var x = new double[n];
        for (var j = 0; j < n; j++)
        {
            x[j] = 0.5 * (problem.Bounds.Lower[j] + problem.Bounds.Upper[j]);
        }

        var f = new double[problem.ObjectiveCount];
        var g = new double[problem.ConstraintCount];
        evaluator.Evaluate(x, f, g);
        var best = new Solution(x, f, g, Dominance.Violation(g));
        return new OptimizationResult(Name, problem.Name, seed, best, [best], 0, 1, TimeSpan.Zero, ExitReason.MaxIterations, []);
    }
}
