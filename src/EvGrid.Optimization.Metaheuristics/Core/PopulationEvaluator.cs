using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// Evaluates a whole population stored in flat arrays (row i = candidate i), sequentially or in parallel. The
/// population is split into fixed blocks of <see cref="BlockSize"/> candidates, each block is evaluated by a thread
/// that owns its own <see cref="IProblemEvaluator"/>, and every candidate's values land in its own slots, so the
/// results are identical for any degree of parallelism. No random numbers are drawn here. The parallel path allocates
/// nothing per call: the calling thread and <see cref="MaxDegreeOfParallelism"/> − 1 pre-built thread-pool work items
/// read the call's buffers from fields, each owns one evaluator for the lifetime of this instance and claims blocks
/// from a shared counter; the caller waits for the work items before returning. An instance evaluates one population
/// at a time (it is not safe to call <see cref="Evaluate"/> concurrently on the same instance).
/// <para>Every evaluation passes the NaN rule of <see cref="IProblem"/>: a NaN objective throws an
/// <see cref="InvalidOperationException"/> naming the first such candidate (in row order, whatever the thread count).
/// While an <see cref="OptimizationRun"/> steps, the step's cancellation token is checked before each candidate, so a
/// cancelled run stops inside a population instead of after it.</para>
/// </summary>
public sealed class PopulationEvaluator
{
    private readonly IProblem _problem;
    private readonly IProblemEvaluator _primary;
    private readonly IPopulationProblem? _population;
    private readonly IProblemEvaluator?[] _workerEvaluators;
    private readonly WorkItem[] _workItems;
    private readonly object _sync = new();
    private readonly bool _parallel;
    private int _pending;

    // The population being evaluated by the current parallel call (cleared afterwards).
    private double[]? _positions;
    private double[]? _objectives;
    private double[]? _constraints;
    private double[]? _violations;
    private int _count;
    private int _blocks;
    private int _nextBlock;
    private CancellationToken _cancellation;

    /// <summary>Creates an evaluator for <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use: 1 = sequential, −1 = all cores. Parallel evaluation is
    /// used only when the problem prefers it (<see cref="IProblem.PreferParallelEvaluation"/>).</param>
    /// <param name="blockSize">Candidates per block (at least 1).</param>
    public PopulationEvaluator(IProblem problem, int maxDegreeOfParallelism = -1, int blockSize = 1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ExecutionPolicy.RequireThreads(maxDegreeOfParallelism, nameof(PopulationEvaluator), nameof(maxDegreeOfParallelism));

        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _problem = problem;
        _population = problem as IPopulationProblem;
        _primary = problem.CreateEvaluator();
        BlockSize = blockSize;
        var degree = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _parallel = problem.PreferParallelEvaluation && degree > 1;
        MaxDegreeOfParallelism = _parallel ? degree : 1;
        _workerEvaluators = new IProblemEvaluator?[MaxDegreeOfParallelism];
        _workItems = new WorkItem[MaxDegreeOfParallelism - 1];
        for (var w = 0; w < _workItems.Length; w++)
        {
            _workItems[w] = new WorkItem(this, w + 1);
        }
    }

    /// <summary>The problem.</summary>
    public IProblem Problem => _problem;

    /// <summary>Threads actually used (1 when the problem does not prefer parallel evaluation).</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Candidates per parallel block.</summary>
    public int BlockSize { get; }

    /// <summary>The token checked before each candidate (set by <see cref="OptimizationRun.Step"/> for its duration).</summary>
    internal CancellationToken Cancellation
    {
        get => _cancellation;
        set => _cancellation = value;
    }

    /// <summary>Evaluates one candidate on the calling thread.</summary>
    /// <param name="x">Decision vector.</param>
    /// <param name="objectives">Receives the objectives.</param>
    /// <param name="constraints">Receives the constraint values (length = constraint count).</param>
    /// <returns>Total violation Σ max(0, gⱼ).</returns>
    /// <exception cref="InvalidOperationException">An objective is NaN (see <see cref="IProblem"/>).</exception>
    /// <exception cref="OperationCanceledException">The step's token was cancelled before the evaluation.</exception>
    public double EvaluateOne(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        _cancellation.ThrowIfCancellationRequested();
        if (_population is { } population)
        {
            population.EvaluatePopulation(x, 1, objectives, constraints);
        }
        else
        {
            _primary.Evaluate(x, objectives, constraints);
        }

        ObjectiveGuard.Check(_problem, x, objectives);
        return Dominance.Violation(constraints);
    }

    /// <summary>Evaluates candidates [0, <paramref name="count"/>) of a flat population.</summary>
    /// <param name="positions">count × n decision values, row-major.</param>
    /// <param name="count">Number of candidates.</param>
    /// <param name="objectives">Receives count × m objective values.</param>
    /// <param name="constraints">Receives count × k constraint values (may be empty when k = 0).</param>
    /// <param name="violations">Receives count total violations.</param>
    /// <exception cref="InvalidOperationException">An objective is NaN (see <see cref="IProblem"/>).</exception>
    /// <exception cref="OperationCanceledException">The step's token was cancelled; the rows not yet evaluated keep
    /// their old values.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Evaluate(double[] positions, int count, double[] objectives, double[] constraints, double[] violations)
    {
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(objectives);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(violations);
        var n = _problem.Dimension;
        var m = _problem.ObjectiveCount;
        var k = _problem.ConstraintCount;
        if (positions.Length < count * n || objectives.Length < count * m || constraints.Length < count * k
            || violations.Length < count)
        {
            throw new ArgumentException($"Population buffers are too small for {count} candidates.", nameof(positions));
        }

        if (_population is { } population)
        {
            // The problem evaluates the population itself (an outside simulator, an ask/tell caller).
            _cancellation.ThrowIfCancellationRequested();
            population.EvaluatePopulation(positions.AsSpan(0, count * n), count, objectives.AsSpan(0, count * m),
                constraints.AsSpan(0, count * k));
            for (var i = 0; i < count; i++)
            {
                violations[i] = Dominance.Violation(constraints.AsSpan(i * k, k));
            }

            CheckObjectives(positions, objectives, count);
            return;
        }

        if (!_parallel || count <= BlockSize)
        {
            for (var i = 0; i < count; i++)
            {
                _cancellation.ThrowIfCancellationRequested();
                EvaluateAt(_primary, positions, objectives, constraints, violations, i, n, m, k);
            }

            CheckObjectives(positions, objectives, count);
            return;
        }

        _positions = positions;
        _objectives = objectives;
        _constraints = constraints;
        _violations = violations;
        _count = count;
        _blocks = (count + BlockSize - 1) / BlockSize;
        _nextBlock = -1;
        var helpers = Math.Min(_workItems.Length, _blocks - 1);
        _pending = helpers;
        for (var w = 0; w < helpers; w++)
        {
            _workItems[w].Error = null;
            ThreadPool.UnsafeQueueUserWorkItem(_workItems[w], preferLocal: false);
        }

        try
        {
            RunWorker(0);
        }
        finally
        {
            lock (_sync)
            {
                while (_pending > 0)
                {
                    Monitor.Wait(_sync);
                }
            }

            _positions = _objectives = _constraints = _violations = null;
        }

        for (var w = 0; w < helpers; w++)
        {
            if (_workItems[w].Error is { } error)
            {
                ExceptionDispatchInfo.Throw(error);
            }
        }

        _cancellation.ThrowIfCancellationRequested();
        CheckObjectives(positions, objectives, count);
    }

    // The NaN rule, applied on the calling thread in row order so the candidate named is the same for any thread count.
    private void CheckObjectives(double[] positions, double[] objectives, int count)
    {
        var n = _problem.Dimension;
        var m = _problem.ObjectiveCount;
        var values = objectives.AsSpan(0, count * m);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                var row = i / m; // the first row with a NaN, as a row-by-row check would name
                ObjectiveGuard.Check(_problem, positions.AsSpan(row * n, n), objectives.AsSpan(row * m, m));
            }
        }
    }

    private void WorkerDone()
    {
        lock (_sync)
        {
            if (--_pending == 0)
            {
                Monitor.PulseAll(_sync);
            }
        }
    }

    // Worker w (0 = the calling thread, 1 … degree − 1 = work items) uses its own evaluator and claims blocks until none
    // is left; each worker index runs once per call, so no evaluator is used by two threads at the same time. Which worker evaluates a block does
    // not matter: every candidate is evaluated independently into its own slots.
    private void RunWorker(int worker)
    {
        var evaluator = _workerEvaluators[worker] ??= worker == 0 ? _primary : _problem.CreateEvaluator();
        var positions = _positions!;
        var objectives = _objectives!;
        var constraints = _constraints!;
        var violations = _violations!;
        var n = _problem.Dimension;
        var m = _problem.ObjectiveCount;
        var k = _problem.ConstraintCount;
        var cancellation = _cancellation;
        int b;
        while ((b = Interlocked.Increment(ref _nextBlock)) < _blocks)
        {
            var end = Math.Min(_count, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    return; // the calling thread throws once every worker has stopped
                }

                EvaluateAt(evaluator, positions, objectives, constraints, violations, i, n, m, k);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluateAt(
        IProblemEvaluator evaluator, double[] positions, double[] objectives, double[] constraints, double[] violations,
        int i, int n, int m, int k)
    {
        var g = constraints.AsSpan(i * k, k);
        evaluator.Evaluate(positions.AsSpan(i * n, n), objectives.AsSpan(i * m, m), g);
        violations[i] = Dominance.Violation(g);
    }

    private sealed class WorkItem(PopulationEvaluator owner, int worker) : IThreadPoolWorkItem
    {
        public Exception? Error { get; set; }

        public void Execute()
        {
            try
            {
                owner.RunWorker(worker);
            }
#pragma warning disable CA1031 // rethrown on the calling thread by Evaluate
            catch (Exception e)
#pragma warning restore CA1031
            {
                Error = e;
            }
            finally
            {
                owner.WorkerDone();
            }
        }
    }
}
