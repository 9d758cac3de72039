namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>The inertia weight ω of seed 000 eq. (25) over a run. Implementations are immutable and draw no random
/// numbers; one instance may serve any number of runs at once.</summary>
public interface IInertiaSchedule
{
    /// <summary>ω at a point of the schedule.</summary>
    /// <param name="clock">The schedule position.</param>
    /// <returns>The inertia weight.</returns>
    double Weight(SwarmClock clock);
}

/// <summary>ω constant over the run.</summary>
/// <param name="Value">ω.</param>
public sealed record ConstantInertia(double Value) : IInertiaSchedule
{
    /// <summary>ω (finite).</summary>
    public double Value { get; init => field = ComponentArguments.Finite(value, nameof(ConstantInertia), nameof(Value)); }
        = ComponentArguments.Finite(Value, nameof(ConstantInertia), nameof(Value));

    /// <inheritdoc />
    public double Weight(SwarmClock clock) => Value;
}

/// <summary>
/// ω decreasing linearly from <paramref name="Start"/> to <paramref name="End"/>, seed 000 eq. (27):
/// ω = (ω_start − ω_end)(1 − t/T) + ω_end from the clock's fraction, or, with <see cref="FromIterationCount"/>,
/// ω = (ω_start − ω_end)(T − t)/T + ω_end from the integer t and T (the two forms differ in the last bit; PSO uses the
/// first, MOPSO the second).
/// </summary>
/// <param name="Start">ω at t = 0.</param>
/// <param name="End">ω at t = T.</param>
public sealed record LinearInertia(double Start, double End) : IInertiaSchedule
{
    /// <summary>ω at t = 0 (finite).</summary>
    public double Start { get; init => field = ComponentArguments.Finite(value, nameof(LinearInertia), nameof(Start)); }
        = ComponentArguments.Finite(Start, nameof(LinearInertia), nameof(Start));

    /// <summary>ω at t = T (finite).</summary>
    public double End { get; init => field = ComponentArguments.Finite(value, nameof(LinearInertia), nameof(End)); }
        = ComponentArguments.Finite(End, nameof(LinearInertia), nameof(End));

    /// <summary>Whether ω is computed from the integer iteration count rather than the fraction (MOPSO's form, which
    /// does not follow an evaluation budget's fraction within an iteration).</summary>
    public bool FromIterationCount { get; init; }

    /// <inheritdoc />
    public double Weight(SwarmClock clock) => FromIterationCount
        ? ((Start - End) * (clock.Horizon - clock.Iteration) / clock.Horizon) + End
        : ((Start - End) * (1.0 - clock.Fraction)) + End;
}

/// <summary>ω = (ω_max − ω_min)/2 · cos(π t/T) + (ω_max + ω_min)/2, seed 002 eq. (33).</summary>
/// <param name="Max">ω_max (at t = 0).</param>
/// <param name="Min">ω_min (at t = T).</param>
public sealed record CosineInertia(double Max, double Min) : IInertiaSchedule
{
    /// <summary>ω_max (finite).</summary>
    public double Max { get; init => field = ComponentArguments.Finite(value, nameof(CosineInertia), nameof(Max)); }
        = ComponentArguments.Finite(Max, nameof(CosineInertia), nameof(Max));

    /// <summary>ω_min (finite).</summary>
    public double Min { get; init => field = ComponentArguments.Finite(value, nameof(CosineInertia), nameof(Min)); }
        = ComponentArguments.Finite(Min, nameof(CosineInertia), nameof(Min));

    /// <inheritdoc />
    public double Weight(SwarmClock clock)
        => ((Max - Min) / 2.0 * Math.Cos(Math.PI * clock.Fraction)) + ((Max + Min) / 2.0);
}
