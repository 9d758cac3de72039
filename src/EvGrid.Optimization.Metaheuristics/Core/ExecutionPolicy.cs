using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// How a run may use the machine, chosen once per run rather than in every optimizer's options: today the number of
/// threads that evaluate a population (used only when the problem prefers parallel evaluation, see
/// <see cref="IProblem"/>). Results never depend on it. A run reads <see cref="Current"/> when it starts; set it for a
/// call with <see cref="OptimizerExecution.Optimize(IOptimizer, IProblem, StoppingCriteria, long, ExecutionPolicy, IProgress{OptimizationProgress}?, CancellationToken)"/>
/// or for a block of code (every run started inside, on any thread the block starts) with <see cref="Use"/>.
/// </summary>
public sealed record ExecutionPolicy
{
    private static readonly AsyncLocal<ExecutionPolicy?> Ambient = new();

    /// <summary>Threads for population evaluation: 1 = sequential, −1 = all cores (default).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>All cores (the default).</summary>
    public static ExecutionPolicy Default { get; } = new();

    /// <summary>One thread: everything on the optimizer's thread.</summary>
    public static ExecutionPolicy Sequential { get; } = new() { MaxDegreeOfParallelism = 1 };

    /// <summary>The policy runs started now on this flow use (<see cref="Default"/> unless <see cref="Use"/> set one).</summary>
    public static ExecutionPolicy Current => Ambient.Value ?? Default;

    /// <summary>A policy with <paramref name="maxDegreeOfParallelism"/> threads.</summary>
    /// <param name="maxDegreeOfParallelism">1 = sequential, −1 = all cores.</param>
    /// <returns>The policy (validated).</returns>
    /// <exception cref="ArgumentException">The value is 0 or below −1.</exception>
    public static ExecutionPolicy WithThreads(int maxDegreeOfParallelism)
    {
        var policy = new ExecutionPolicy { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        policy.Validate();
        return policy;
    }

    /// <summary>Makes <paramref name="policy"/> <see cref="Current"/> on this flow until the returned scope is disposed
    /// (the previous policy is then restored). Scopes nest.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException">The policy is invalid.</exception>
    public static IDisposable Use(ExecutionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        var scope = new Scope(Ambient.Value);
        Ambient.Value = policy;
        return scope;
    }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate() => RequireThreads(MaxDegreeOfParallelism, nameof(ExecutionPolicy), nameof(MaxDegreeOfParallelism));

    /// <summary>The one thread-count rule (−1 = all cores, or at least 1) of every options record that has one.</summary>
    /// <param name="value">The thread count.</param>
    /// <param name="owner">The type that holds it, for the message.</param>
    /// <param name="name">The parameter or property name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is 0 or below −1.</exception>
    internal static void RequireThreads(int value, string owner, string name)
    {
        if (value == 0 || value < -1)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture,
                $"{owner}.{name} must be -1 (all cores) or at least 1: {value}."));
        }
    }

    private sealed class Scope(ExecutionPolicy? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}

/// <summary>Runs an optimizer under an explicit <see cref="ExecutionPolicy"/>.</summary>
public static class OptimizerExecution
{
    /// <summary><see cref="IOptimizer.Optimize"/> with <paramref name="execution"/> as the run's policy.</summary>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="problem">The problem.</param>
    /// <param name="stopping">When to stop.</param>
    /// <param name="seed">Seed of the run's one generator.</param>
    /// <param name="execution">The run's execution policy.</param>
    /// <param name="progress">Receives a report after each iteration, or null.</param>
    /// <param name="cancellationToken">Cancels the run (see <see cref="IOptimizer"/>).</param>
    /// <returns>The result (the same for any policy).</returns>
    public static OptimizationResult Optimize(this IOptimizer optimizer, IProblem problem, StoppingCriteria stopping,
        long seed, ExecutionPolicy execution, IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        using var scope = ExecutionPolicy.Use(execution);
        return optimizer.Optimize(problem, stopping, seed, progress, cancellationToken);
    }
}
