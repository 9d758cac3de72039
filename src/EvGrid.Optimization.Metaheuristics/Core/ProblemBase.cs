namespace EvGrid.Optimization.Metaheuristics;

/// <summary>
/// Convenience base for a stateless, thread-safe problem that is its own evaluator: derive, pass the sizes and bounds
/// and implement <see cref="Evaluate"/>.
/// </summary>
public abstract class ProblemBase : IProblem, IProblemEvaluator
{
    /// <summary>Initialises the sizes and bounds.</summary>
    /// <param name="name">Problem name.</param>
    /// <param name="bounds">Box bounds (their dimension is the problem's dimension).</param>
    /// <param name="objectiveCount">Number of objectives (at least 1).</param>
    /// <param name="constraintCount">Number of inequality constraints (at least 0).</param>
    protected ProblemBase(string name, Bounds bounds, int objectiveCount = 1, int constraintCount = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentOutOfRangeException.ThrowIfLessThan(objectiveCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(constraintCount);
        Name = name;
        Bounds = bounds;
        ObjectiveCount = objectiveCount;
        ConstraintCount = constraintCount;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public int Dimension => Bounds.Dimension;

    /// <inheritdoc />
    public Bounds Bounds { get; }

    /// <inheritdoc />
    public int ObjectiveCount { get; }

    /// <inheritdoc />
    public int ConstraintCount { get; }

    /// <inheritdoc />
    public virtual bool PreferParallelEvaluation => false;

    /// <inheritdoc />
    public IProblemEvaluator CreateEvaluator() => this;

    /// <inheritdoc />
    public abstract void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (n = {Dimension}, m = {ObjectiveCount}, k = {ConstraintCount})";
}
