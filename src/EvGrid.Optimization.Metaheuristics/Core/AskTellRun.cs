using System.Runtime.ExceptionServices;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// A problem that evaluates whole populations itself, e.g. by handing them to an outside simulator.
/// <see cref="PopulationEvaluator"/> passes every population to <see cref="EvaluatePopulation"/> in one call (and a
/// single candidate as a population of one) instead of evaluating candidate by candidate.
/// </summary>
public interface IPopulationProblem : IProblem
{
    /// <summary>Evaluates <paramref name="count"/> candidates.</summary>
    /// <param name="positions">count × n decision values, row-major.</param>
    /// <param name="count">Number of candidates.</param>
    /// <param name="objectives">Receives count × m objective values.</param>
    /// <param name="constraints">Receives count × k constraint values (empty when k = 0).</param>
    void EvaluatePopulation(ReadOnlySpan<double> positions, int count, Span<double> objectives, Span<double> constraints);
}

/// <summary>
/// Drives any <see cref="IOptimizer"/> from the caller's own loop (ask/tell): <see cref="Ask"/> returns the
/// population the optimizer wants evaluated, <see cref="Tell"/> hands back its objective (and constraint) values and
/// lets the optimizer advance to its next request. For problems evaluated by outside simulators, where the caller
/// owns the evaluation loop. The optimizer runs unchanged on a private thread that waits while the caller evaluates,
/// so exactly one of the two runs at a time and a run told the true values ends bit-identical to
/// <see cref="IOptimizer.Optimize"/> on the real problem with the same seed. Optimizers built on
/// <see cref="OptimizationRun"/> ask for whole populations; an optimizer that evaluates candidate by candidate asks
/// for populations of one. Call <see cref="Ask"/> and <see cref="Tell"/> from one thread at a time; dispose the run to
/// abandon it early.
/// </summary>
public sealed class AskTellRun : IDisposable
{
    private readonly SemaphoreSlim _asked = new(0, 1);
    private readonly SemaphoreSlim _told = new(0, 1);
    private readonly Thread _thread;
    private readonly ExternalProblem _problem;
    private double[] _positions = [];
    private double[] _objectives = [];
    private double[] _constraints = [];
    private int _count;
    private volatile bool _pending;
    private bool _handedOut; // the pending population was returned by Ask (its signal consumed) and awaits Tell
    private bool _started;
    private bool _joined;
    private volatile bool _abandoned;
    private volatile bool _finished;
    private OptimizationResult? _result;
    private Exception? _error;

    /// <summary>Prepares a run (the optimizer starts on the first <see cref="Ask"/>).</summary>
    /// <param name="optimizer">Any optimizer.</param>
    /// <param name="name">Problem name (for results and checkpoints).</param>
    /// <param name="bounds">Box bounds of the decision vector.</param>
    /// <param name="objectiveCount">Objectives per candidate (at least 1).</param>
    /// <param name="constraintCount">Constraint values per candidate (g ≤ 0 feasible; at least 0).</param>
    /// <param name="stopping">When the run ends.</param>
    /// <param name="seed">Seed of the run.</param>
    public AskTellRun(IOptimizer optimizer, string name, Bounds bounds, int objectiveCount, int constraintCount,
        StoppingCriteria stopping, long seed)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(stopping);
        stopping.Validate();
        _problem = new ExternalProblem(this, name, bounds, objectiveCount, constraintCount);
        _thread = new Thread(() =>
        {
            try
            {
                _result = optimizer.Optimize(_problem, stopping, seed);
            }
            catch (OperationCanceledException) when (_abandoned)
            {
                // Disposed while the optimizer waited for values: nothing to report.
            }
#pragma warning disable CA1031 // rethrown on the caller's thread by Ask
            catch (Exception e)
#pragma warning restore CA1031
            {
                _error = e;
            }
            finally
            {
                _finished = true;
                _asked.Release();
            }
        })
        {
            IsBackground = true,
            Name = "ask-tell " + optimizer.Name,
        };
    }

    /// <summary>The problem the optimizer sees (sizes and bounds as given).</summary>
    public IProblem Problem => _problem;

    /// <summary>Whether the optimizer has ended (then <see cref="Result"/> is available).</summary>
    public bool IsFinished => _finished && !_pending;

    /// <summary>The run's result once <see cref="IsFinished"/>.</summary>
    /// <exception cref="InvalidOperationException">The run has not ended.</exception>
    public OptimizationResult Result => IsFinished && _result is not null
        ? _result
        : throw new InvalidOperationException("The ask/tell run has not ended yet: keep calling Ask and Tell.");

    /// <summary>
    /// The next population to evaluate (the same one again until it is told), or null once the run has ended.
    /// </summary>
    /// <returns>count × n decision values, row-major (a copy the caller may keep), or null.</returns>
    /// <exception cref="ObjectDisposedException">The run was disposed.</exception>
    /// <exception cref="Exception">Whatever the optimizer threw, rethrown here.</exception>
    public double[]? Ask()
    {
        ObjectDisposedException.ThrowIf(_abandoned, this);

        // Every signal of the optimizer's thread (one per population, one at its end) is consumed by exactly one Wait
        // here: asking again before Tell returns the same population without waiting.
        if (_handedOut)
        {
            return _positions.AsSpan(0, _count * _problem.Dimension).ToArray();
        }

        if (_joined)
        {
            return Finished();
        }

        if (!_started)
        {
            _started = true;
            _thread.Start();
        }

        _asked.Wait();
        if (!_pending)
        {
            _thread.Join();
            _joined = true;
            return Finished();
        }

        _handedOut = true;
        return _positions.AsSpan(0, _count * _problem.Dimension).ToArray();
    }

    /// <summary>Hands back the values of the population returned by <see cref="Ask"/>.</summary>
    /// <param name="objectives">count × m objective values, row-major, in the order asked (none NaN).</param>
    /// <param name="constraints">count × k constraint values (empty when the problem has none).</param>
    /// <exception cref="InvalidOperationException">No population is waiting for values.</exception>
    /// <exception cref="ArgumentException">A length is wrong or an objective is NaN.</exception>
    public void Tell(ReadOnlySpan<double> objectives, ReadOnlySpan<double> constraints = default)
    {
        ObjectDisposedException.ThrowIf(_abandoned, this);
        if (!_handedOut)
        {
            throw new InvalidOperationException("Tell needs a population from Ask first.");
        }

        var m = _problem.ObjectiveCount;
        var k = _problem.ConstraintCount;
        if (objectives.Length != _count * m)
        {
            throw new ArgumentException(
                $"Tell expects {_count * m} objective values ({_count} candidates × {m}), got {objectives.Length}.",
                nameof(objectives));
        }

        if (constraints.Length != _count * k)
        {
            throw new ArgumentException(
                $"Tell expects {_count * k} constraint values ({_count} candidates × {k}), got {constraints.Length}.",
                nameof(constraints));
        }

        for (var i = 0; i < objectives.Length; i++)
        {
            if (double.IsNaN(objectives[i]))
            {
                throw new ArgumentException($"Tell: objective value {i} is NaN.", nameof(objectives));
            }
        }

        objectives.CopyTo(_objectives);
        constraints.CopyTo(_constraints);
        _handedOut = false;
        _pending = false;
        _told.Release();
    }

    /// <summary>Abandons a run that has not ended (its optimizer thread unwinds) and releases the run's resources.</summary>
    public void Dispose()
    {
        if (_abandoned)
        {
            return;
        }

        _abandoned = true;
        if (_started && !_joined)
        {
            // Unless a population is handed out (its signal consumed, the thread waiting for values), the thread's
            // next signal (a population or its end) is still to come or unconsumed: take it. Then wake a waiting
            // thread so that it unwinds.
            if (!_handedOut)
            {
                _asked.Wait();
            }

            if (_pending)
            {
                _handedOut = false;
                _pending = false;
                _told.Release();
            }

            _thread.Join();
        }

        _asked.Dispose();
        _told.Dispose();
    }

    private double[]? Finished()
    {
        if (_error is not null)
        {
            ExceptionDispatchInfo.Throw(_error);
        }

        return null;
    }

    // Runs on the optimizer's thread: publish the population, wait for the caller's values, copy them back.
    private void Exchange(ReadOnlySpan<double> positions, int count, Span<double> objectives, Span<double> constraints)
    {
        var n = _problem.Dimension;
        var m = _problem.ObjectiveCount;
        var k = _problem.ConstraintCount;
        if (_positions.Length < count * n)
        {
            _positions = new double[count * n];
            _objectives = new double[count * m];
            _constraints = new double[count * k];
        }

        positions[..(count * n)].CopyTo(_positions);
        _count = count;
        _pending = true;
        _asked.Release();
        _told.Wait();
        if (_abandoned)
        {
            throw new OperationCanceledException("The ask/tell run was disposed.");
        }

        _objectives.AsSpan(0, count * m).CopyTo(objectives);
        _constraints.AsSpan(0, count * k).CopyTo(constraints);
    }

    private sealed class ExternalProblem(AskTellRun owner, string name, Bounds bounds, int objectiveCount, int constraintCount)
        : ProblemBase(name, bounds, objectiveCount, constraintCount), IPopulationProblem
    {
        public void EvaluatePopulation(ReadOnlySpan<double> positions, int count, Span<double> objectives, Span<double> constraints)
            => owner.Exchange(positions, count, objectives, constraints);

        public override void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
            => owner.Exchange(x, 1, objectives, constraints);
    }
}
