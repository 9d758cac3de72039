namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>
/// What happens to a particle that left the box after its move (seed 000 §5.3 clamps it to the bound). The
/// <see cref="SwarmKernel"/> calls it only for a particle with a coordinate outside its bounds (or NaN); it must leave
/// the coordinates inside their bounds unchanged and draw random numbers, if any, only for those outside. Immutable.
/// </summary>
public interface IBoundHandler
{
    /// <summary>Brings every coordinate of <paramref name="position"/> back inside <paramref name="bounds"/>.</summary>
    /// <param name="position">The particle's position, modified in place.</param>
    /// <param name="velocity">Its velocity, modified per the rule.</param>
    /// <param name="bounds">The box.</param>
    /// <param name="random">The run's generator.</param>
    void Apply(Span<double> position, Span<double> velocity, Bounds bounds, RandomSource random);
}

/// <summary>A coordinate outside its bounds is set to the violated bound and its velocity component multiplied by
/// <paramref name="VelocityFactor"/> (1 keeps it, as seed 000 and the 2004 MOPSO do; −1 reverses it, as SMPSO does;
/// 0 stops it); a NaN coordinate is set to the lower bound with zero velocity.</summary>
/// <param name="VelocityFactor">Factor in [−1, 1] applied to the velocity of a clamped coordinate.</param>
public sealed record ClampToBounds(double VelocityFactor = 1.0) : IBoundHandler
{
    /// <summary>Factor in [−1, 1] applied to the velocity of a clamped coordinate.</summary>
    public double VelocityFactor { get; init => field = ComponentArguments.UnitFactor(value, nameof(ClampToBounds), nameof(VelocityFactor)); }
        = ComponentArguments.UnitFactor(VelocityFactor, nameof(ClampToBounds), nameof(VelocityFactor));

    /// <inheritdoc />
    public void Apply(Span<double> position, Span<double> velocity, Bounds bounds, RandomSource random)
        => BoundHandler.Clamp(position, velocity, bounds, VelocityFactor);
}

/// <summary>A coordinate outside its bounds is mirrored back into the box (<see cref="BoundHandling.Reflect"/>) and
/// its velocity component reversed.</summary>
public sealed record ReflectAtBounds : IBoundHandler
{
    /// <inheritdoc />
    public void Apply(Span<double> position, Span<double> velocity, Bounds bounds, RandomSource random)
        => BoundHandler.Apply(position, velocity, bounds, BoundHandling.Reflect, random);
}

/// <summary>A coordinate outside its bounds is redrawn uniformly inside them with the run's generator
/// (<see cref="BoundHandling.RandomReinitialize"/>) and its velocity component set to zero.</summary>
public sealed record ReinitializeAtBounds : IBoundHandler
{
    /// <inheritdoc />
    public void Apply(Span<double> position, Span<double> velocity, Bounds bounds, RandomSource random)
        => BoundHandler.Apply(position, velocity, bounds, BoundHandling.RandomReinitialize, random);
}

/// <summary>The <see cref="IBoundHandler"/> of each <see cref="BoundHandling"/> value.</summary>
public static class BoundHandlers
{
    private static readonly ClampToBounds KeepVelocity = new();
    private static readonly ReflectAtBounds Reflect = new();
    private static readonly ReinitializeAtBounds Reinitialize = new();

    /// <summary>The handler of <paramref name="mode"/>.</summary>
    /// <param name="mode">The enum value of an options record.</param>
    /// <param name="velocityFactorAtClamp">With <see cref="BoundHandling.Clamp"/>: the velocity factor of
    /// <see cref="ClampToBounds"/>.</param>
    /// <returns>The handler (a shared instance for the common cases).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Unknown mode.</exception>
    public static IBoundHandler For(BoundHandling mode, double velocityFactorAtClamp = 1.0) => mode switch
    {
        BoundHandling.Clamp => velocityFactorAtClamp == 1.0 ? KeepVelocity : new ClampToBounds(velocityFactorAtClamp),
        BoundHandling.Reflect => Reflect,
        BoundHandling.RandomReinitialize => Reinitialize,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown bound handling."),
    };
}
