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

/// <summary>A plug-in optimizer whose <see cref="Optimize"/> always throws: the command line must end with exit code 1
/// and one line naming the plug-in, not an unhandled exception.</summary>
public sealed class FaultyOptimizer : IOptimizer
{
    public string Name => "faulty";

    public OptimizationResult Optimize(IProblem problem, StoppingCriteria stopping, long seed,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("the faulty plug-in gave up");
}

/// <summary>A plug-in optimizer whose constructor throws while <see cref="PluginFaults.FailConstruction"/> is set on
/// the calling flow (an <see cref="AsyncLocal{T}"/>, so tests running at the same time are unaffected).</summary>
public sealed class ConstructorFaultOptimizer : IOptimizer
{
    public ConstructorFaultOptimizer()
    {
        if (PluginFaults.FailConstruction.Value)
        {
            throw new InvalidOperationException("the plug-in's constructor failed");
        }
    }

    public string Name => "constructor-fault";

    public OptimizationResult Optimize(IProblem problem, StoppingCriteria stopping, long seed,
        IProgress<OptimizationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new CoordinateProbe().Optimize(problem, stopping, seed, progress, cancellationToken);
}

/// <summary>Switches for the faulty plug-ins.</summary>
public static class PluginFaults
{
    /// <summary>Makes <see cref="ConstructorFaultOptimizer"/>'s constructor throw on this flow.</summary>
    public static readonly AsyncLocal<bool> FailConstruction = new();
}
