namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>Where a swarm run stands in its schedule, as the parameter schedules of seed 000 eq. (27) and seed 002
/// eqs. (33)–(34) read it.</summary>
/// <param name="Iteration">Iteration t (0-based count of completed moves, capped at <paramref name="Horizon"/>).</param>
/// <param name="Horizon">Schedule length T in iterations (at least 1).</param>
/// <param name="Fraction">t/T in [0, 1] (for an evaluation budget, the share of the budget already used).</param>
public readonly record struct SwarmClock(int Iteration, int Horizon, double Fraction)
{
    /// <summary>A clock whose fraction is t/T.</summary>
    /// <param name="iteration">t (capped at <paramref name="horizon"/>).</param>
    /// <param name="horizon">T (at least 1).</param>
    /// <returns>The clock.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="horizon"/> is below 1 or
    /// <paramref name="iteration"/> negative.</exception>
    public static SwarmClock At(int iteration, int horizon)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(horizon, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(iteration);
        var t = Math.Min(iteration, horizon);
        return new SwarmClock(t, horizon, (double)t / horizon);
    }

    /// <summary>Returns a clock that the schedules can read (T ≥ 1, 0 ≤ t ≤ T, t/T in [0, 1]) or throws.</summary>
    internal static SwarmClock Check(SwarmClock clock, string name)
        => clock.Horizon >= 1 && clock.Iteration >= 0 && clock.Iteration <= clock.Horizon && clock.Fraction is >= 0 and <= 1
            ? clock
            : throw new ArgumentOutOfRangeException(name, clock,
                "A swarm clock needs Horizon ≥ 1, 0 ≤ Iteration ≤ Horizon and Fraction in [0, 1]; use SwarmClock.At.");
}

/// <summary>What one swarm move knows of the schedule: the clock and the inertia weight the run's
/// <see cref="IInertiaSchedule"/> gives for it.</summary>
/// <param name="Clock">The schedule position.</param>
/// <param name="Inertia">Inertia weight ω of seed 000 eq. (25) for this move.</param>
public readonly record struct SwarmStep(SwarmClock Clock, double Inertia);
