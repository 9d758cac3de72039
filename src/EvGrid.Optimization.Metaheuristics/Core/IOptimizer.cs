namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// An optimizer: a named algorithm with an immutable options record (whose defaults are its paper's settings) that
/// minimises an <see cref="IProblem"/>. A run is reproducible: the same seed gives the same result, whatever the
/// degree of parallelism.
/// </summary>
/// <remarks>
/// <para><b>Cancellation</b> (one convention for every optimizer): a token cancelled before the initial population has
/// been evaluated — before the call, or during that first evaluation — throws <see cref="OperationCanceledException"/>,
/// since there is nothing to return. Once a population has been evaluated, cancellation ends the run with
/// <see cref="ExitReason.Cancelled"/> and the best found so far. The token is checked before each candidate's
/// evaluation, not only between iterations, so a run with slow evaluations stops within about one evaluation.</para>
/// <para><b>Failures</b>: a NaN objective throws <see cref="InvalidOperationException"/> (the rule of
/// <see cref="IProblem"/>); a run that found no feasible candidate returns normally and says so in
/// <see cref="OptimizationResult.FoundFeasible"/> and <see cref="OptimizationResult.ToString"/>.</para>
/// </remarks>
public interface IOptimizer
{
    /// <summary>Registry name (lower case, e.g. <c>pso</c>, <c>ihspso</c>).</summary>
    string Name { get; }

    /// <summary>Runs to completion.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="stopping">When to stop (at least one budget).</param>
    /// <param name="seed">Seed of the run's one generator.</param>
    /// <param name="progress">Receives a report after each iteration (on the optimizer's thread), or null.</param>
    /// <param name="cancellationToken">Cancels the run (see the cancellation convention above): the result then says
    /// <see cref="ExitReason.Cancelled"/> and holds the best found so far.</param>
    /// <returns>The result.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before the initial population was
    /// evaluated.</exception>
    /// <exception cref="InvalidOperationException">The problem returned a NaN objective.</exception>
    OptimizationResult Optimize(
        IProblem problem, StoppingCriteria stopping, long seed, IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default);
}

/// <summary>
/// An optimizer whose run can be stepped one iteration at a time and checkpointed between iterations
/// (System.Text.Json). A run resumed from a checkpoint ends bit-identical to an uninterrupted one.
/// </summary>
public interface IResumableOptimizer : IOptimizer
{
    /// <summary>Starts a run (nothing is evaluated until the first <see cref="IOptimizationRun.Step"/>).</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="stopping">When to stop.</param>
    /// <param name="seed">Seed of the run's one generator.</param>
    /// <returns>The run.</returns>
    IOptimizationRun Start(IProblem problem, StoppingCriteria stopping, long seed);

    /// <summary>Continues a run from a checkpoint written by this optimizer (same options) on the same problem.</summary>
    /// <param name="problem">The problem (its name and dimension must match the checkpoint).</param>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="stopping">New stopping criteria, or null to keep the checkpoint's.</param>
    /// <returns>The run, positioned after the checkpointed iteration.</returns>
    IOptimizationRun Resume(IProblem problem, OptimizationCheckpoint checkpoint, StoppingCriteria? stopping = null);
}

/// <summary>A run in progress: step it, checkpoint it, read its result.</summary>
public interface IOptimizationRun : IDisposable
{
    /// <summary>Optimizer name.</summary>
    string Optimizer { get; }

    /// <summary>Where the run stands.</summary>
    RunStatus Status { get; }

    /// <summary>Fraction of the stopping budget used, in [0, 1].</summary>
    double Progress { get; }

    /// <summary>Best objective value so far (first objective of the best candidate; see
    /// <see cref="ConvergencePoint.BestValue"/>).</summary>
    double BestValue { get; }

    /// <summary>Whether the run has ended.</summary>
    bool IsFinished { get; }

    /// <summary>Why the run ended (<see cref="ExitReason.None"/> while running).</summary>
    ExitReason ExitReason { get; }

    /// <summary>Performs one iteration (the first call evaluates the initial population), then checks the stopping
    /// criteria.</summary>
    /// <param name="cancellationToken">Checked before the step and before each candidate's evaluation: the run then
    /// ends with <see cref="ExitReason.Cancelled"/> and its best so far; a run cancelled inside an iteration can no
    /// longer be checkpointed.</param>
    /// <returns><see langword="true"/> while the run continues; <see langword="false"/> once it has ended.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the first step (the
    /// initial population), when there is no best so far.</exception>
    bool Step(CancellationToken cancellationToken = default);

    /// <summary>Captures the complete state between iterations.</summary>
    /// <returns>A checkpoint (serialise with <see cref="OptimizationCheckpoint.ToJson"/>).</returns>
    OptimizationCheckpoint CreateCheckpoint();

    /// <summary>The result so far (final once <see cref="IsFinished"/>).</summary>
    /// <returns>The result.</returns>
    OptimizationResult GetResult();
}

/// <summary>
/// An optimizer whose population size (swarm, harmony memory, …) can be set from outside, e.g. by a comparison
/// protocol such as seed 002 Table 10 (50 particles).
/// </summary>
public interface IPopulationBasedOptimizer : IOptimizer
{
    /// <summary>Population size (particles, harmonies, individuals).</summary>
    int PopulationSize { get; }

    /// <summary>A copy of this optimizer with another population size and otherwise the same options.</summary>
    /// <param name="size">Population size (at least 2).</param>
    /// <returns>The new optimizer.</returns>
    IOptimizer WithPopulationSize(int size);
}
