using System.Diagnostics;
using System.Text.Json;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// Base of a step-wise run: owns the run's <see cref="RandomSource"/>, its <see cref="PopulationEvaluator"/>, the
/// iteration and evaluation counters, wall time, stagnation tracking, the convergence history and the checkpoint
/// header. A derived run implements <see cref="Initialize"/>, <see cref="Iterate"/>, the best-so-far accessors,
/// <see cref="SaveState"/>/<see cref="RestoreState"/> and <see cref="BuildResult"/>.
/// </summary>
public abstract class OptimizationRun : IOptimizationRun
{
    private readonly List<ConvergencePoint> _history = new();
    private readonly Stopwatch _stopwatch = new();
    private TimeSpan _elapsedBefore;
    private bool _initialized;
    private double _stagnationReference = double.PositiveInfinity;
    private int _iterationsWithoutImprovement;
    private ExitReason _exitReason;
    private bool _cancelledInsideIteration;

    /// <summary>Initialises a fresh run.</summary>
    /// <param name="optimizer">Optimizer name.</param>
    /// <param name="problem">Problem.</param>
    /// <param name="stopping">Stopping criteria (validated here).</param>
    /// <param name="seed">Seed of the run's generator.</param>
    /// <remarks>Population evaluation follows <see cref="ExecutionPolicy.Current"/> at this point (the run's execution
    /// policy).</remarks>
    protected OptimizationRun(string optimizer, IProblem problem, StoppingCriteria stopping, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(optimizer);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(stopping);
        stopping.Validate();
        if (problem.Bounds.Dimension != problem.Dimension)
        {
            throw new ArgumentException(
                $"Problem '{problem.Name}' has Dimension {problem.Dimension} but Bounds of dimension {problem.Bounds.Dimension}.",
                nameof(problem));
        }

        Optimizer = optimizer;
        Problem = problem;
        Stopping = stopping;
        Seed = seed;
        Random = new RandomSource(seed);
        Evaluator = new PopulationEvaluator(problem, ExecutionPolicy.Current.MaxDegreeOfParallelism);
    }

    /// <inheritdoc />
    public string Optimizer { get; }

    /// <summary>The problem.</summary>
    protected IProblem Problem { get; }

    /// <summary>The stopping criteria.</summary>
    protected StoppingCriteria Stopping { get; private set; }

    /// <summary>The run's seed.</summary>
    protected long Seed { get; }

    /// <summary>The run's one generator (draw only on the optimizer's thread).</summary>
    protected RandomSource Random { get; private set; }

    /// <summary>Population evaluator (parallel when the problem prefers it).</summary>
    protected PopulationEvaluator Evaluator { get; }

    /// <summary>Iterations completed (0 after the initial population).</summary>
    protected int Iteration { get; private set; }

    /// <summary>Evaluations used.</summary>
    protected long Evaluations { get; private set; }

    /// <summary>Best objective value so far (first objective of the best candidate).</summary>
    protected abstract double CurrentBestValue { get; }

    /// <summary>Total violation of the best candidate so far.</summary>
    protected abstract double CurrentBestViolation { get; }

    /// <summary>Size of the Pareto archive (multi-objective runs); 0 by default.</summary>
    protected virtual int ArchiveSize => 0;

    /// <inheritdoc />
    public RunStatus Status => new(Iteration, Evaluations, Elapsed, StoppingValue, _iterationsWithoutImprovement);

    /// <inheritdoc />
    public double Progress => _exitReason != ExitReason.None ? 1.0 : Stopping.Progress(Status);

    /// <inheritdoc />
    public double BestValue => CurrentBestValue;

    /// <inheritdoc />
    public bool IsFinished => _exitReason != ExitReason.None;

    /// <inheritdoc />
    public ExitReason ExitReason => _exitReason;

    /// <summary>Convergence history so far.</summary>
    protected IReadOnlyList<ConvergencePoint> History => _history;

    /// <summary>Wall time so far (accumulated across resumes).</summary>
    protected TimeSpan Elapsed => _elapsedBefore + _stopwatch.Elapsed;

    private double StoppingValue => Problem.ObjectiveCount == 1 && CurrentBestViolation <= 0 ? CurrentBestValue : double.PositiveInfinity;

    /// <inheritdoc />
    public bool Step(CancellationToken cancellationToken = default)
    {
        if (IsFinished)
        {
            return false;
        }

        if (!_initialized)
        {
            // Nothing evaluated yet: there is no best so far to return (see IOptimizer's cancellation convention).
            cancellationToken.ThrowIfCancellationRequested();
        }

        if (cancellationToken.IsCancellationRequested)
        {
            _exitReason = ExitReason.Cancelled;
            return false;
        }

        _stopwatch.Start();
        Evaluator.Cancellation = cancellationToken;
        try
        {
            if (!_initialized)
            {
                Initialize();
                _initialized = true;
            }
            else
            {
                Iterate();
                Iteration++;
            }

            UpdateStagnation();
            _history.Add(new ConvergencePoint(Iteration, Evaluations, CurrentBestValue, CurrentBestViolation, ArchiveSize));
        }
        catch (OperationCanceledException) when (_initialized && cancellationToken.IsCancellationRequested)
        {
            // Cancelled inside an iteration's population: the best so far (updated only after a whole population)
            // stands; the half-moved population cannot be checkpointed.
            _exitReason = ExitReason.Cancelled;
            _cancelledInsideIteration = true;
            return false;
        }
        finally
        {
            Evaluator.Cancellation = CancellationToken.None;
            _stopwatch.Stop();
        }

        _exitReason = Stopping.Check(Status);
        return !IsFinished;
    }

    /// <inheritdoc />
    public OptimizationCheckpoint CreateCheckpoint() => _cancelledInsideIteration
        ? throw new InvalidOperationException(
            "The run was cancelled inside an iteration; its population is half-moved and cannot be checkpointed (checkpoint between steps instead).")
        : new()
    {
        Optimizer = Optimizer,
        Problem = Problem.Name,
        Dimension = Problem.Dimension,
        ObjectiveCount = Problem.ObjectiveCount,
        Seed = Seed,
        Stopping = Stopping,
        Iteration = Iteration,
        Evaluations = Evaluations,
        ElapsedTicks = Elapsed.Ticks,
        Initialized = _initialized,
        StagnationReference = _stagnationReference,
        IterationsWithoutImprovement = _iterationsWithoutImprovement,
        Random = Random.GetState(),
        History = _history.ToArray(),
        State = _initialized ? SaveState() : default,
    };

    /// <summary>Loads a checkpoint into this freshly constructed run (call from the optimizer's Resume).</summary>
    /// <param name="checkpoint">The checkpoint.</param>
    /// <param name="stopping">Replacement stopping criteria, or null to keep the checkpoint's.</param>
    /// <exception cref="ArgumentException">The checkpoint belongs to another optimizer or problem.</exception>
    public void Restore(OptimizationCheckpoint checkpoint, StoppingCriteria? stopping = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (!string.Equals(checkpoint.Optimizer, Optimizer, StringComparison.Ordinal)
            || !string.Equals(checkpoint.Problem, Problem.Name, StringComparison.Ordinal)
            || checkpoint.Dimension != Problem.Dimension || checkpoint.ObjectiveCount != Problem.ObjectiveCount)
        {
            throw new ArgumentException(
                $"Checkpoint of '{checkpoint.Optimizer}' on '{checkpoint.Problem}' (n = {checkpoint.Dimension}) does not " +
                $"match '{Optimizer}' on '{Problem.Name}' (n = {Problem.Dimension}).", nameof(checkpoint));
        }

        if (_initialized || Iteration != 0)
        {
            throw new InvalidOperationException("Restore must be called on a run that has not been stepped.");
        }

        Stopping = stopping ?? checkpoint.Stopping;
        Stopping.Validate();
        Iteration = checkpoint.Iteration;
        Evaluations = checkpoint.Evaluations;
        _elapsedBefore = TimeSpan.FromTicks(checkpoint.ElapsedTicks);
        _initialized = checkpoint.Initialized;
        _stagnationReference = checkpoint.StagnationReference;
        _iterationsWithoutImprovement = checkpoint.IterationsWithoutImprovement;
        Random = new RandomSource(checkpoint.Random);
        _history.Clear();
        _history.AddRange(checkpoint.History);
        if (_initialized)
        {
            RestoreState(checkpoint.State);
            _exitReason = Stopping.Check(Status);
        }
    }

    /// <inheritdoc />
    public OptimizationResult GetResult()
    {
        if (!_initialized)
        {
            throw new InvalidOperationException("The run has not evaluated its initial population yet.");
        }

        return BuildResult();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources held by the run (none by default).</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Creates and evaluates the initial population (iteration 0).</summary>
    protected abstract void Initialize();

    /// <summary>Performs one iteration.</summary>
    protected abstract void Iterate();

    /// <summary>Serialises the algorithm-specific state.</summary>
    /// <returns>The state as JSON.</returns>
    protected abstract JsonElement SaveState();

    /// <summary>Restores the algorithm-specific state written by <see cref="SaveState"/>.</summary>
    /// <param name="state">The state.</param>
    protected abstract void RestoreState(JsonElement state);

    /// <summary>Builds the result from the current state.</summary>
    /// <returns>The result.</returns>
    protected abstract OptimizationResult BuildResult();

    /// <summary>
    /// How many of <paramref name="requested"/> new candidates the evaluation budget still pays for: all of them
    /// without <see cref="StoppingCriteria.MaxEvaluations"/>, else at most the evaluations left (never negative). A run
    /// that evaluates only this many per iteration ends at exactly the budget, whatever it evaluates per iteration.
    /// </summary>
    /// <param name="requested">Candidates the iteration would evaluate.</param>
    /// <returns>Candidates to evaluate, in [0, <paramref name="requested"/>].</returns>
    protected int EvaluationAllowance(int requested)
        => Stopping.MaxEvaluations is { } budget ? (int)Math.Clamp(budget - Evaluations, 0, requested) : requested;

    /// <summary>Counts evaluations performed by the derived run.</summary>
    /// <param name="count">Number of evaluations.</param>
    protected void AddEvaluations(long count) => Evaluations += count;

    /// <summary>Builds a result for a single-objective run from the best candidate.</summary>
    /// <param name="best">Best candidate.</param>
    /// <returns>The result.</returns>
    protected OptimizationResult SingleObjectiveResult(Solution best)
    {
        ArgumentNullException.ThrowIfNull(best);
        return new OptimizationResult(Optimizer, Problem.Name, Seed, best, new[] { best }, Iteration, Evaluations,
            Elapsed, _exitReason, _history.ToArray());
    }

    /// <summary>Builds a result for a multi-objective run from its archive.</summary>
    /// <param name="best">Representative member of the front.</param>
    /// <param name="front">The non-dominated archive.</param>
    /// <returns>The result.</returns>
    protected OptimizationResult MultiObjectiveResult(Solution best, IReadOnlyList<Solution> front)
        => new(Optimizer, Problem.Name, Seed, best, front, Iteration, Evaluations, Elapsed, _exitReason,
            _history.ToArray());

    /// <summary>Serialises a state object with the checkpoint settings.</summary>
    /// <typeparam name="T">State type.</typeparam>
    /// <param name="state">State.</param>
    /// <returns>JSON element.</returns>
    protected static JsonElement ToElement<T>(T state)
        => JsonSerializer.SerializeToElement(state, OptimizationCheckpoint.JsonOptions);

    /// <summary>Deserialises a state object written by <see cref="ToElement{T}"/>.</summary>
    /// <typeparam name="T">State type.</typeparam>
    /// <param name="element">JSON element.</param>
    /// <returns>The state.</returns>
    protected static T FromElement<T>(JsonElement element)
        => element.Deserialize<T>(OptimizationCheckpoint.JsonOptions)
           ?? throw new FormatException($"Checkpoint state of type {typeof(T).Name} is missing.");

    /// <summary>Copies row <paramref name="row"/> of a flat matrix into a new solution.</summary>
    /// <param name="positions">Flat positions.</param>
    /// <param name="objectives">Flat objectives.</param>
    /// <param name="constraints">Flat constraints.</param>
    /// <param name="violation">Total violation of the row.</param>
    /// <param name="row">Row index.</param>
    /// <returns>The solution.</returns>
    protected Solution MakeSolution(double[] positions, double[] objectives, double[] constraints, double violation, int row)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(constraints);
        var n = Problem.Dimension;
        var m = Problem.ObjectiveCount;
        var k = Problem.ConstraintCount;
        return new Solution(positions.AsSpan(row * n, n).ToArray(), objectives.AsSpan(row * m, m).ToArray(),
            constraints.AsSpan(row * k, k).ToArray(), violation);
    }

    private void UpdateStagnation()
    {
        var value = StoppingValue;
        if (value < _stagnationReference - Stopping.StagnationTolerance
            || (double.IsPositiveInfinity(_stagnationReference) && !double.IsPositiveInfinity(value)))
        {
            _stagnationReference = value;
            _iterationsWithoutImprovement = 0;
        }
        else if (Iteration > 0)
        {
            _iterationsWithoutImprovement++;
        }
    }
}

/// <summary>
/// Base of a resumable optimizer: <see cref="Optimize"/> starts a run and steps it to the end, reporting progress
/// after each iteration.
/// </summary>
public abstract class ResumableOptimizer : IResumableOptimizer
{
    /// <inheritdoc />
    public abstract string Name { get; }

    /// <inheritdoc />
    public OptimizationResult Optimize(
        IProblem problem, StoppingCriteria stopping, long seed, IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        using var run = Start(problem, stopping, seed);
        return RunToEnd(run, progress, cancellationToken);
    }

    /// <inheritdoc />
    public IOptimizationRun Start(IProblem problem, StoppingCriteria stopping, long seed) =>
        CreateRun(problem, stopping, seed);

    /// <inheritdoc />
    public IOptimizationRun Resume(
        IProblem problem, OptimizationCheckpoint checkpoint, StoppingCriteria? stopping = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var run = CreateRun(problem, checkpoint.Stopping, checkpoint.Seed);
        run.Restore(checkpoint, stopping);
        return run;
    }

    /// <summary>
    /// Creates a fresh run of this optimizer (initialised on its first step). <see cref="Start"/> returns it as is;
    /// <see cref="Resume"/> creates one with the checkpoint's stopping criteria and seed and restores the checkpoint
    /// into it, so an optimizer implements only this.
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="stopping">When the run ends.</param>
    /// <param name="seed">The run's seed.</param>
    /// <returns>The run.</returns>
    protected abstract OptimizationRun CreateRun(IProblem problem, StoppingCriteria stopping, long seed);

    /// <summary>Steps a run until it ends and returns its result.</summary>
    /// <param name="run">The run.</param>
    /// <param name="progress">Progress sink, or null.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <returns>The result.</returns>
    public static OptimizationResult RunToEnd(
        IOptimizationRun run, IProgress<OptimizationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        while (run.Step(cancellationToken))
        {
            Report(run, progress);
        }

        Report(run, progress);
        return run.GetResult();
    }

    private static void Report(IOptimizationRun run, IProgress<OptimizationProgress>? progress)
    {
        if (progress is null)
        {
            return;
        }

        var s = run.Status;
        progress.Report(new OptimizationProgress(run.Optimizer, s.Iteration, s.Evaluations, run.Progress,
            run.BestValue, s.Elapsed));
    }
}
