namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>
/// Base of a single-objective run: keeps the best candidate found so far by feasibility-first comparison
/// (<see cref="Dominance.IsBetter"/>) and computes the schedule fraction t/T used by parameter schedules.
/// </summary>
public abstract class SingleObjectiveRun : OptimizationRun
{
    /// <summary>Initialises the run.</summary>
    /// <param name="optimizer">Optimizer name.</param>
    /// <param name="problem">A problem with one objective.</param>
    /// <param name="stopping">Stopping criteria.</param>
    /// <param name="seed">Seed.</param>
    /// <exception cref="ArgumentException">The problem has several objectives.</exception>
    protected SingleObjectiveRun(string optimizer, IProblem problem, StoppingCriteria stopping, long seed)
        : base(optimizer, RequireSingle(problem, optimizer), stopping, seed)
    {
        BestX = new double[problem.Dimension];
        BestG = new double[problem.ConstraintCount];
    }

    /// <summary>Best decision vector so far.</summary>
    protected double[] BestX { get; private set; }

    /// <summary>Constraint values of the best candidate.</summary>
    protected double[] BestG { get; private set; }

    /// <summary>Objective of the best candidate (+∞ before the first evaluation).</summary>
    protected double BestF { get; private set; } = double.PositiveInfinity;

    /// <summary>Total violation of the best candidate (+∞ before the first evaluation).</summary>
    protected double BestV { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc />
    protected override double CurrentBestValue => BestF;

    /// <inheritdoc />
    protected override double CurrentBestViolation => BestV;

    /// <summary>Replaces the best candidate when (f, v) is strictly better (feasibility first).</summary>
    /// <param name="x">Decision vector.</param>
    /// <param name="f">Objective.</param>
    /// <param name="g">Constraint values.</param>
    /// <param name="v">Total violation.</param>
    /// <returns>Whether it was replaced.</returns>
    protected bool ConsiderBest(ReadOnlySpan<double> x, double f, ReadOnlySpan<double> g, double v)
    {
        if (!Dominance.IsBetter(f, v, BestF, BestV))
        {
            return false;
        }

        x.CopyTo(BestX);
        g.CopyTo(BestG);
        BestF = f;
        BestV = v;
        return true;
    }

    /// <summary>Restores the best candidate from a checkpoint.</summary>
    /// <param name="best">Saved best.</param>
    protected void RestoreBest(BestSnapshot best)
    {
        ArgumentNullException.ThrowIfNull(best);
        BestX = best.X;
        BestG = best.G;
        BestF = best.F;
        BestV = best.V;
    }

    /// <summary>Captures the best candidate for a checkpoint.</summary>
    /// <returns>A copy.</returns>
    protected BestSnapshot SaveBest() => new() { X = BestX.ToArray(), G = BestG.ToArray(), F = BestF, V = BestV };

    /// <inheritdoc />
    protected override OptimizationResult BuildResult()
        => SingleObjectiveResult(new Solution(BestX.ToArray(), [BestF], BestG.ToArray(), BestV));

    /// <summary>
    /// Schedule fraction t/T in [0, 1] for the iteration about to run: t = iterations completed, T = the iteration
    /// limit, else the evaluation budget divided by <paramref name="evaluationsPerIteration"/>, else the stopping
    /// progress (wall time).
    /// </summary>
    /// <param name="evaluationsPerIteration">Evaluations one iteration uses.</param>
    /// <param name="initialEvaluations">Evaluations of the initial population.</param>
    /// <returns>t/T clamped to [0, 1].</returns>
    protected double ScheduleFraction(int evaluationsPerIteration, int initialEvaluations)
        => Stopping.IterationHorizon(evaluationsPerIteration, initialEvaluations) is { } total
            ? Math.Clamp(Iteration / (double)total, 0.0, 1.0)
            : Progress;

    /// <summary>The schedule position of this iteration for a swarm's parameter schedules: the fraction is
    /// <see cref="ScheduleFraction"/>'s; the horizon T is <see cref="StoppingCriteria.IterationHorizon"/>, or
    /// <see cref="int.MaxValue"/> when the run stops on time or a target only.</summary>
    /// <param name="evaluationsPerIteration">Evaluations one iteration uses.</param>
    /// <param name="initialEvaluations">Evaluations of the initial population.</param>
    /// <returns>The clock.</returns>
    protected Swarm.SwarmClock ScheduleClock(int evaluationsPerIteration, int initialEvaluations)
    {
        var horizon = (int)Math.Min(int.MaxValue,
            Stopping.IterationHorizon(evaluationsPerIteration, initialEvaluations) ?? int.MaxValue);
        return new Swarm.SwarmClock(Math.Min(Iteration, horizon), horizon,
            ScheduleFraction(evaluationsPerIteration, initialEvaluations));
    }

    private static IProblem RequireSingle(IProblem problem, string optimizer)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.ObjectiveCount != 1)
        {
            throw new ArgumentException(
                $"Optimizer '{optimizer}' is single-objective but problem '{problem.Name}' has {problem.ObjectiveCount} objectives.",
                nameof(problem));
        }

        return problem;
    }

    /// <summary>Serialisable copy of the best candidate.</summary>
    protected internal sealed class BestSnapshot
    {
        /// <summary>Decision vector.</summary>
        public double[] X { get; set; } = [];

        /// <summary>Constraint values.</summary>
        public double[] G { get; set; } = [];

        /// <summary>Objective.</summary>
        public double F { get; set; }

        /// <summary>Total violation.</summary>
        public double V { get; set; }
    }
}
