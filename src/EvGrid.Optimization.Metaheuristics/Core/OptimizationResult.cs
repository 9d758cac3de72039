namespace EvGrid.Optimization.Metaheuristics;

/// <summary>One evaluated candidate: decision vector, objectives, constraint values and total violation.</summary>
/// <param name="X">Decision vector.</param>
/// <param name="Objectives">Objective values (minimised).</param>
/// <param name="Constraints">Constraint values g(x) (≤ 0 feasible); empty when unconstrained.</param>
/// <param name="Violation">Total violation Σ max(0, gⱼ) (0 = feasible).</param>
public sealed record Solution(
    IReadOnlyList<double> X, IReadOnlyList<double> Objectives, IReadOnlyList<double> Constraints, double Violation)
{
    /// <summary>Whether the candidate satisfies every constraint.</summary>
    public bool IsFeasible => Violation <= 0;
}

/// <summary>One point of a convergence history, recorded after each iteration.</summary>
/// <param name="Iteration">Iteration (0 = initial population).</param>
/// <param name="Evaluations">Evaluations used up to this point.</param>
/// <param name="BestValue">Best objective so far (single objective; for several objectives, the smallest first
/// objective in the archive).</param>
/// <param name="BestViolation">Total constraint violation of that best candidate.</param>
/// <param name="ArchiveSize">Size of the Pareto archive (0 for single-objective runs).</param>
public readonly record struct ConvergencePoint(
    int Iteration, long Evaluations, double BestValue, double BestViolation, int ArchiveSize);

/// <summary>Progress report sent to an <see cref="IProgress{T}"/> after each iteration.</summary>
/// <param name="Optimizer">Optimizer name.</param>
/// <param name="Iteration">Iterations completed.</param>
/// <param name="Evaluations">Evaluations used.</param>
/// <param name="Fraction">Fraction of the stopping budget used, in [0, 1].</param>
/// <param name="BestValue">Best objective so far (see <see cref="ConvergencePoint.BestValue"/>).</param>
/// <param name="Elapsed">Wall time so far.</param>
public readonly record struct OptimizationProgress(
    string Optimizer, int Iteration, long Evaluations, double Fraction, double BestValue, TimeSpan Elapsed);

/// <summary>
/// The outcome of a run: the best candidate (single objective) or the Pareto archive (several objectives), the
/// budget used, the exit reason and the convergence history.
/// </summary>
public sealed class OptimizationResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="optimizer">Optimizer name.</param>
    /// <param name="problem">Problem name.</param>
    /// <param name="seed">The run's seed.</param>
    /// <param name="best">Best candidate by feasibility-first comparison (for several objectives, a representative
    /// member of the front: the one with the smallest first objective).</param>
    /// <param name="paretoFront">Final non-dominated archive (single objective: just <paramref name="best"/>).</param>
    /// <param name="iterations">Iterations completed.</param>
    /// <param name="evaluations">Evaluations used.</param>
    /// <param name="elapsed">Wall time.</param>
    /// <param name="exitReason">Why the run ended.</param>
    /// <param name="history">Convergence history, one point per iteration.</param>
    public OptimizationResult(
        string optimizer, string problem, long seed, Solution best, IReadOnlyList<Solution> paretoFront,
        int iterations, long evaluations, TimeSpan elapsed, ExitReason exitReason, IReadOnlyList<ConvergencePoint> history)
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(best);
        ArgumentNullException.ThrowIfNull(paretoFront);
        ArgumentNullException.ThrowIfNull(history);
        Optimizer = optimizer;
        Problem = problem;
        Seed = seed;
        Best = best;
        ParetoFront = paretoFront;
        Iterations = iterations;
        Evaluations = evaluations;
        Elapsed = elapsed;
        ExitReason = exitReason;
        History = history;
    }

    /// <summary>Optimizer name.</summary>
    public string Optimizer { get; }

    /// <summary>Problem name.</summary>
    public string Problem { get; }

    /// <summary>The run's seed.</summary>
    public long Seed { get; }

    /// <summary>Best candidate (feasibility first).</summary>
    public Solution Best { get; }

    /// <summary>Best decision vector.</summary>
    public IReadOnlyList<double> BestX => Best.X;

    /// <summary>Best objective value (first objective of <see cref="Best"/>).</summary>
    public double BestValue => Best.Objectives[0];

    /// <summary>The non-dominated archive (multi-objective), or the single best candidate.</summary>
    public IReadOnlyList<Solution> ParetoFront { get; }

    /// <summary>Iterations completed.</summary>
    public int Iterations { get; }

    /// <summary>Objective evaluations used.</summary>
    public long Evaluations { get; }

    /// <summary>Wall time of the run (accumulated across resumes).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Why the run ended.</summary>
    public ExitReason ExitReason { get; }

    /// <summary>Convergence history, one point per iteration (iteration 0 is the initial population).</summary>
    public IReadOnlyList<ConvergencePoint> History { get; }

    /// <summary>
    /// Whether the run found at least one candidate that satisfies every constraint. When it did not, <see cref="Best"/>
    /// is the least-violating candidate (see <see cref="Solution.Violation"/>), not an answer to the problem.
    /// </summary>
    public bool FoundFeasible => Best.IsFeasible || ParetoFront.Any(s => s.IsFeasible);

    /// <summary>One line: optimizer, problem, exit reason, budget used and the best value — or that nothing feasible
    /// was found, with the least violation.</summary>
    /// <returns>The summary.</returns>
    public override string ToString()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var outcome = FoundFeasible
            ? string.Create(c, $"best {BestValue:G6}")
            : string.Create(c, $"no feasible candidate found (least total violation {Best.Violation:G4})");
        return string.Create(c, $"{Optimizer} on {Problem}: {ExitReason} after {Iterations} iterations and {Evaluations} evaluations; {outcome}");
    }
}
