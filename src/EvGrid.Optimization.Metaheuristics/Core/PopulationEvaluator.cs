using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// Evaluates a whole population stored in flat arrays (row i = candidate i), sequentially or in parallel. The
/// population is split into fixed blocks of <see cref="BlockSize"/> candidates, each block is evaluated by a thread
/// that owns its own <see cref="IProblemEvaluator"/>, and every candidate's values land in its own slots, so the
/// results are identical for any degree of parallelism. No random numbers are drawn here.
/// </summary>
public sealed class PopulationEvaluator
{
    private readonly IProblem _problem;
    private readonly IProblemEvaluator _primary;
    private readonly ConcurrentBag<IProblemEvaluator> _pool = new();
    private readonly ParallelOptions _parallelOptions;
    private readonly bool _parallel;

    /// <summary>Creates an evaluator for <paramref name="problem"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use: 1 = sequential, −1 = all cores. Parallel evaluation is
    /// used only when the problem prefers it (<see cref="IProblem.PreferParallelEvaluation"/>).</param>
    /// <param name="blockSize">Candidates per block (at least 1).</param>
    public PopulationEvaluator(IProblem problem, int maxDegreeOfParallelism = -1, int blockSize = 1)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                "MaxDegreeOfParallelism must be -1 (all cores) or at least 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        _problem = problem;
        _primary = problem.CreateEvaluator();
        BlockSize = blockSize;
        var degree = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : maxDegreeOfParallelism;
        _parallel = problem.PreferParallelEvaluation && degree > 1;
        _parallelOptions = new ParallelOptions { MaxDegreeOfParallelism = degree };
        MaxDegreeOfParallelism = _parallel ? degree : 1;
    }

    /// <summary>The problem.</summary>
    public IProblem Problem => _problem;

    /// <summary>Threads actually used (1 when the problem does not prefer parallel evaluation).</summary>
    public int MaxDegreeOfParallelism { get; }

    /// <summary>Candidates per parallel block.</summary>
    public int BlockSize { get; }

    /// <summary>Evaluates one candidate on the calling thread.</summary>
    /// <param name="x">Decision vector.</param>
    /// <param name="objectives">Receives the objectives.</param>
    /// <param name="constraints">Receives the constraint values (length = constraint count).</param>
    /// <returns>Total violation Σ max(0, gⱼ).</returns>
    public double EvaluateOne(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
    {
        _primary.Evaluate(x, objectives, constraints);
        return Dominance.Violation(constraints);
    }

    /// <summary>Evaluates candidates [0, <paramref name="count"/>) of a flat population.</summary>
    /// <param name="positions">count × n decision values, row-major.</param>
    /// <param name="count">Number of candidates.</param>
    /// <param name="objectives">Receives count × m objective values.</param>
    /// <param name="constraints">Receives count × k constraint values (may be empty when k = 0).</param>
    /// <param name="violations">Receives count total violations.</param>
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

        if (!_parallel || count <= BlockSize)
        {
            for (var i = 0; i < count; i++)
            {
                EvaluateAt(_primary, positions, objectives, constraints, violations, i, n, m, k);
            }

            return;
        }

        var blocks = (count + BlockSize - 1) / BlockSize;
        Parallel.For(0, blocks, _parallelOptions, Rent, (b, _, evaluator) =>
        {
            var end = Math.Min(count, (b + 1) * BlockSize);
            for (var i = b * BlockSize; i < end; i++)
            {
                EvaluateAt(evaluator, positions, objectives, constraints, violations, i, n, m, k);
            }

            return evaluator;
        }, _pool.Add);
    }

    private IProblemEvaluator Rent() => _pool.TryTake(out var e) ? e : _problem.CreateEvaluator();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EvaluateAt(
        IProblemEvaluator evaluator, double[] positions, double[] objectives, double[] constraints, double[] violations,
        int i, int n, int m, int k)
    {
        var g = constraints.AsSpan(i * k, k);
        evaluator.Evaluate(positions.AsSpan(i * n, n), objectives.AsSpan(i * m, m), g);
        violations[i] = Dominance.Violation(g);
    }
}
