using EvGrid.Optimization.Metaheuristics;

namespace EvGrid.Optimization.Metaheuristics.Tests.SingleObjective;

/// <summary>Shifted sphere that asks for parallel evaluation and hands out a fresh evaluator (workspace) per thread;
/// counts evaluators and flags any evaluation outside the bounds.</summary>
internal sealed class ParallelProbeProblem : IProblem
{
    private int _outOfBounds;
    private int _evaluators;

    public ParallelProbeProblem(Bounds bounds, int constraintCount = 0)
    {
        Bounds = bounds;
        ConstraintCount = constraintCount;
    }

    public string Name => "probe";

    public int Dimension => Bounds.Dimension;

    public Bounds Bounds { get; }

    public int ObjectiveCount => 1;

    public int ConstraintCount { get; }

    public bool PreferParallelEvaluation => true;

    public bool SawOutOfBounds => Volatile.Read(ref _outOfBounds) != 0;

    public int EvaluatorsCreated => Volatile.Read(ref _evaluators);

    public IProblemEvaluator CreateEvaluator()
    {
        Interlocked.Increment(ref _evaluators);
        return new Evaluator(this);
    }

    private sealed class Evaluator(ParallelProbeProblem owner) : IProblemEvaluator
    {
        private readonly double[] _workspace = new double[owner.Dimension];

        public void Evaluate(ReadOnlySpan<double> x, Span<double> objectives, Span<double> constraints)
        {
            if (!owner.Bounds.Contains(x))
            {
                Interlocked.Exchange(ref owner._outOfBounds, 1);
            }

            var lower = owner.Bounds.Lower;
            var upper = owner.Bounds.Upper;
            var s = 0.0;
            for (var j = 0; j < x.Length; j++)
            {
                // Optimum at 30 % of each range, so that bound handling matters.
                _workspace[j] = x[j] - (lower[j] + (0.3 * (upper[j] - lower[j])));
                s += _workspace[j] * _workspace[j];
            }

            objectives[0] = s + Math.Sin(5 * x[0]);
            if (constraints.Length > 0)
            {
                // Feasible only when x0 >= 60 % of its range.
                constraints[0] = lower[0] + (0.6 * (upper[0] - lower[0])) - x[0];
            }
        }
    }
}
