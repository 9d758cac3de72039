using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>Why a run ended.</summary>
public enum ExitReason
{
    /// <summary>The run has not ended.</summary>
    None = 0,

    /// <summary>The iteration limit was reached.</summary>
    MaxIterations = 1,

    /// <summary>The evaluation budget was used. The built-in optimizers end at exactly the budget: their last
    /// iteration evaluates only the candidates the budget still pays for (the initial population is always evaluated
    /// whole, so a budget below its size ends after it).</summary>
    MaxEvaluations = 2,

    /// <summary>The best feasible objective reached the target value.</summary>
    TargetReached = 3,

    /// <summary>The wall-time limit passed.</summary>
    WallTime = 4,

    /// <summary>The best value did not improve for the stagnation window.</summary>
    Stagnation = 5,

    /// <summary>The caller cancelled the run.</summary>
    Cancelled = 6,
}

/// <summary>Where a run stands, as seen by <see cref="StoppingCriteria"/> (after each iteration).</summary>
/// <param name="Iteration">Iterations completed (the initial population is iteration 0).</param>
/// <param name="Evaluations">Objective evaluations used so far.</param>
/// <param name="Elapsed">Wall time used so far (accumulated across resumes).</param>
/// <param name="BestValue">Best feasible objective so far (single objective; +∞ when none is feasible or when
/// the problem has several objectives).</param>
/// <param name="IterationsWithoutImprovement">Iterations since <paramref name="BestValue"/> last improved by more than
/// the stagnation tolerance.</param>
public readonly record struct RunStatus(
    int Iteration, long Evaluations, TimeSpan Elapsed, double BestValue, int IterationsWithoutImprovement);

/// <summary>
/// Composable stopping criteria: a run stops as soon as any criterion that is set is met. Combine with
/// <c>with</c> expressions or <see cref="Or"/>; e.g. <c>StoppingCriteria.Iterations(1000) with { TargetValue = 1e-8 }</c>.
/// <see cref="Progress"/> reports the fraction of the budget used, in [0, 1].
/// </summary>
public sealed record StoppingCriteria
{
    /// <summary>Stop after this many iterations (generations) beyond the initial population.</summary>
    public int? MaxIterations { get; init; }

    /// <summary>Stop once this many objective evaluations have been used: the fair budget for comparing optimizers
    /// that evaluate different numbers of candidates per iteration (see <see cref="ExitReason.MaxEvaluations"/>).</summary>
    public long? MaxEvaluations { get; init; }

    /// <summary>Stop once the best feasible objective is ≤ this value (single objective only).</summary>
    public double? TargetValue { get; init; }

    /// <summary>Stop once this much wall time has passed (not reproducible: a timed-out run depends on the machine).</summary>
    public TimeSpan? MaxWallTime { get; init; }

    /// <summary>Stop when the best objective has not improved by more than <see cref="StagnationTolerance"/> for
    /// this many consecutive iterations (single objective only).</summary>
    public int? StagnationIterations { get; init; }

    /// <summary>Improvement (absolute) below which an iteration counts as stagnant. Default 0.</summary>
    public double StagnationTolerance { get; init; }

    /// <summary>An iteration limit.</summary>
    /// <param name="iterations">Iterations (at least 1).</param>
    /// <returns>The criteria.</returns>
    public static StoppingCriteria Iterations(int iterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        return new StoppingCriteria { MaxIterations = iterations };
    }

    /// <summary>An evaluation budget.</summary>
    /// <param name="evaluations">Evaluations (at least 1).</param>
    /// <returns>The criteria.</returns>
    public static StoppingCriteria Evaluations(long evaluations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluations, 1);
        return new StoppingCriteria { MaxEvaluations = evaluations };
    }

    /// <summary>A wall-time limit.</summary>
    /// <param name="time">Positive time.</param>
    /// <returns>The criteria.</returns>
    public static StoppingCriteria WallTime(TimeSpan time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(time, TimeSpan.Zero);
        return new StoppingCriteria { MaxWallTime = time };
    }

    /// <summary>Combines two sets of criteria: the run stops when either would stop it (the tighter limit of each
    /// kind is kept).</summary>
    /// <param name="other">Other criteria.</param>
    /// <returns>The combination.</returns>
    public StoppingCriteria Or(StoppingCriteria other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new StoppingCriteria
        {
            MaxIterations = Min(MaxIterations, other.MaxIterations),
            MaxEvaluations = Min(MaxEvaluations, other.MaxEvaluations),
            TargetValue = Max(TargetValue, other.TargetValue),
            MaxWallTime = Min(MaxWallTime, other.MaxWallTime),
            StagnationIterations = Min(StagnationIterations, other.StagnationIterations),
            StagnationTolerance = Math.Max(StagnationTolerance, other.StagnationTolerance),
        };
    }

    /// <summary>Checks that at least one budget (iterations, evaluations or wall time) bounds the run and that the
    /// values are sensible.</summary>
    /// <exception cref="ArgumentException">No budget is set or a value is out of range.</exception>
    public void Validate()
    {
        if (MaxIterations is null && MaxEvaluations is null && MaxWallTime is null && StagnationIterations is null)
        {
            throw new ArgumentException(
                "StoppingCriteria needs MaxIterations, MaxEvaluations, MaxWallTime or StagnationIterations.");
        }

        Require(MaxIterations is null or >= 1, nameof(MaxIterations), MaxIterations);
        Require(MaxEvaluations is null or >= 1, nameof(MaxEvaluations), MaxEvaluations);
        Require(MaxWallTime is null || MaxWallTime > TimeSpan.Zero, nameof(MaxWallTime), MaxWallTime);
        Require(StagnationIterations is null or >= 1, nameof(StagnationIterations), StagnationIterations);
        Require(StagnationTolerance >= 0 && double.IsFinite(StagnationTolerance), nameof(StagnationTolerance),
            StagnationTolerance);
        Require(TargetValue is null || !double.IsNaN(TargetValue.Value), nameof(TargetValue), TargetValue);
    }

    /// <summary>
    /// The horizon T of an optimizer's parameter schedules (inertia, PAR, bandwidth, mutation, seed 000 eq. (27)): the
    /// iteration limit, else the iterations the evaluation budget pays for after the initial population,
    /// max(1, ⌈(evaluations − initial) / per iteration⌉), else null (the run stops on time, a target or stagnation
    /// only). The one rule of every built-in optimizer.
    /// </summary>
    /// <param name="evaluationsPerIteration">Evaluations one iteration uses (≥ 1 is assumed; smaller counts as 1).</param>
    /// <param name="initialEvaluations">Evaluations of the initial population.</param>
    /// <returns>T in iterations, or null.</returns>
    public long? IterationHorizon(int evaluationsPerIteration, int initialEvaluations)
    {
        if (MaxIterations is { } iterations)
        {
            return Math.Max(1, iterations);
        }

        if (MaxEvaluations is { } evaluations)
        {
            return (long)Math.Max(1.0,
                Math.Ceiling((double)(evaluations - initialEvaluations) / Math.Max(1, evaluationsPerIteration)));
        }

        return null;
    }

    /// <summary>Whether the run should stop, and why (checked in the order iterations, evaluations, target,
    /// stagnation, wall time).</summary>
    /// <param name="status">Where the run stands.</param>
    /// <returns>The reason to stop, or <see cref="ExitReason.None"/> to continue.</returns>
    public ExitReason Check(in RunStatus status)
    {
        if (MaxIterations is { } it && status.Iteration >= it)
        {
            return ExitReason.MaxIterations;
        }

        if (MaxEvaluations is { } ev && status.Evaluations >= ev)
        {
            return ExitReason.MaxEvaluations;
        }

        if (TargetValue is { } target && status.BestValue <= target)
        {
            return ExitReason.TargetReached;
        }

        if (StagnationIterations is { } st && status.IterationsWithoutImprovement >= st)
        {
            return ExitReason.Stagnation;
        }

        if (MaxWallTime is { } wt && status.Elapsed >= wt)
        {
            return ExitReason.WallTime;
        }

        return ExitReason.None;
    }

    /// <summary>Fraction of the budget used, in [0, 1]: the largest of iterations, evaluations, wall time and
    /// stagnation fractions; 1 once <see cref="Check"/> says stop.</summary>
    /// <param name="status">Where the run stands.</param>
    /// <returns>Progress in [0, 1].</returns>
    public double Progress(in RunStatus status)
    {
        if (Check(status) != ExitReason.None)
        {
            return 1.0;
        }

        var p = 0.0;
        if (MaxIterations is { } it)
        {
            p = Math.Max(p, (double)status.Iteration / it);
        }

        if (MaxEvaluations is { } ev)
        {
            p = Math.Max(p, (double)status.Evaluations / ev);
        }

        if (MaxWallTime is { } wt)
        {
            p = Math.Max(p, status.Elapsed / wt);
        }

        if (StagnationIterations is { } st)
        {
            p = Math.Max(p, (double)status.IterationsWithoutImprovement / st);
        }

        return Math.Clamp(p, 0.0, 1.0);
    }

    private static void Require(bool ok, string name, object? value)
    {
        if (!ok)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"StoppingCriteria.{name} is out of range: {value}."), name);
        }
    }

    private static T? Min<T>(T? a, T? b) where T : struct, IComparable<T>
        => a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) <= 0 ? a : b;

    private static T? Max<T>(T? a, T? b) where T : struct, IComparable<T>
        => a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) >= 0 ? a : b;
}
