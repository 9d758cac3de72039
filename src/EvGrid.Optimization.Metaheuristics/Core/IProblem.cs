namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// An optimisation problem: minimise <see cref="ObjectiveCount"/> objectives of a real decision vector inside
/// <see cref="Bounds"/>, subject to <see cref="ConstraintCount"/> inequality constraints g(x) ≤ 0 (maximise by negating
/// inside the problem). Evaluation goes through per-thread <see cref="IProblemEvaluator"/>s.
/// </summary>
/// <remarks>
/// A candidate whose evaluation cannot be completed — e.g. a power flow inside the problem that does not converge for
/// some time slot — is not an error: the problem writes finite objective values (any finite stand-in, such as the
/// figures of the slots that did solve or a large constant) and +∞ in at least one constraint value. Feasibility-first
/// ranking then places the candidate behind every candidate with a finite violation, so it drops out of the search,
/// and no optimizer has to catch an exception or handle a NaN objective. An evaluator never throws for such a
/// candidate and never writes NaN.
/// <para><b>The NaN rule</b>, the same for every optimizer: a NaN constraint value counts as an infinite violation
/// (the candidate is infeasible), while a NaN objective breaks this contract and ends the run with an
/// <see cref="InvalidOperationException"/> that names the problem, the objective and the candidate, raised by
/// <see cref="PopulationEvaluator"/> right after the evaluation. No optimizer returns a NaN best value or front.</para>
/// </remarks>
public interface IProblem
{
    /// <summary>Short name used in results, tables and checkpoints (e.g. <c>sphere</c>).</summary>
    string Name { get; }

    /// <summary>Number of decision variables.</summary>
    int Dimension { get; }

    /// <summary>Box bounds of the decision vector (its <see cref="Bounds.Dimension"/> equals <see cref="Dimension"/>).</summary>
    Bounds Bounds { get; }

    /// <summary>Number of objectives (1 for single-objective problems).</summary>
    int ObjectiveCount { get; }

    /// <summary>Number of inequality constraints g(x) ≤ 0 (0 when unconstrained).</summary>
    int ConstraintCount { get; }

    /// <summary>
    /// Names, units and senses of the <see cref="ObjectiveCount"/> objectives, in order, for reports. The default is
    /// <see cref="ObjectiveDescriptor.Generic"/> (f1 … fn, minimised); problems with meaningful objectives override it.
    /// </summary>
    IReadOnlyList<ObjectiveDescriptor> Objectives => ObjectiveDescriptor.Generic(ObjectiveCount);

    /// <summary>
    /// Whether a population should be evaluated in parallel: <see langword="true"/> when one evaluation is costly
    /// enough (a power flow, a simulation) that threads pay off. Cheap analytic functions return <see langword="false"/>.
    /// Results never depend on this flag or on the thread count.
    /// </summary>
    bool PreferParallelEvaluation { get; }

    /// <summary>
    /// Creates an evaluator that owns whatever workspace one evaluation needs. Each evaluation thread gets its own
    /// evaluator, created once per run; an evaluator is never used by two threads at once.
    /// </summary>
    /// <returns>An evaluator (stateless problems may return a shared instance).</returns>
    IProblemEvaluator CreateEvaluator();
}

/// <summary>Evaluates decision vectors of one <see cref="IProblem"/>, on one thread at a time, without allocating.</summary>
public interface IProblemEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="x"/>: a pure function of <paramref name="x"/> (same input, same output, no random
    /// draws). Writes the objectives (to be minimised) and the constraint values g(x) (≤ 0 is feasible).
    /// </summary>
    /// <param name="x">Decision vector, length <see cref="IProblem.Dimension"/>, within the bounds.</param>
    /// <param name="objectives">Receives <see cref="IProblem.ObjectiveCount"/> values.</param>
    /// <param name="constraints">Receives <see cref="IProblem.ConstraintCount"/> values (empty when there are none).</param>
    void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints);
}
