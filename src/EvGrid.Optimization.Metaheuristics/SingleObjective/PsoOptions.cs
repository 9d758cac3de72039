using System.Globalization;
using EvGrid.Optimization.Metaheuristics.Swarm;

namespace EvGrid.Optimization.Metaheuristics.SingleObjective;

/// <summary>How the inertia weight ω varies over a run (t = iteration, T = iteration budget).</summary>
public enum InertiaSchedule
{
    /// <summary>ω = ω_start throughout.</summary>
    Constant = 0,

    /// <summary>ω = (ω_start − ω_end)(T − t)/T + ω_end, seed 000 eq. (27).</summary>
    LinearDecreasing = 1,

    /// <summary>ω = (ω_max − ω_min)/2 · cos(π t/T) + (ω_max + ω_min)/2, seed 002 eq. (33)
    /// (ω_max = start, ω_min = end).</summary>
    Cosine = 2,
}

/// <summary>How the initial population is placed in the box.</summary>
public enum InitializationMethod
{
    /// <summary>Uniformly at random.</summary>
    UniformRandom = 0,

    /// <summary>Logistic-map chaotic sequence across the dimensions of each particle, seed 002 eqs. (31)–(32):
    /// χᵢ,ⱼ₊₁ = λ χᵢ,ⱼ (1 − χᵢ,ⱼ), xᵢ,ⱼ = xⱼ^min + (xⱼ^max − xⱼ^min) χᵢ,ⱼ, with χᵢ,₁ uniform on (0, 1).</summary>
    LogisticChaotic = 1,
}

/// <summary>
/// Options of the particle swarm optimizer (global-best topology, synchronous update, seed 000 eqs. (25)–(27)).
/// Defaults: 50 particles, ω from 0.9 down to 0.4 (Shi &amp; Eberhart 1998; seed 000 eq. (27) gives the form, not the
/// values), c₁ = c₂ = 2.0 (seed 000: c₁, c₂ ∈ [0, 2]), |v| ≤ 0.2 of the range, positions clamped to the bounds
/// (seed 000 §5.3).
/// </summary>
public sealed record PsoOptions
{
    /// <summary>Number of particles N.</summary>
    public int SwarmSize { get; init; } = 50;

    /// <summary>Inertia schedule.</summary>
    public InertiaSchedule InertiaSchedule { get; init; } = InertiaSchedule.LinearDecreasing;

    /// <summary>Inertia at t = 0 (ω_start, ω_max).</summary>
    public double InertiaStart { get; init; } = 0.9;

    /// <summary>Inertia at t = T (ω_end, ω_min).</summary>
    public double InertiaEnd { get; init; } = 0.4;

    /// <summary>Cognitive coefficient c₁ at t = 0 (c₁max of seed 002 eq. (34)).</summary>
    public double C1Start { get; init; } = 2.0;

    /// <summary>Cognitive coefficient c₁ at t = T (c₁min of eq. (34)); equal to <see cref="C1Start"/> for a constant c₁.</summary>
    public double C1End { get; init; } = 2.0;

    /// <summary>Social coefficient c₂ at t = 0 (c₂min of eq. (34)).</summary>
    public double C2Start { get; init; } = 2.0;

    /// <summary>Social coefficient c₂ at t = T (c₂max of eq. (34)).</summary>
    public double C2End { get; init; } = 2.0;

    /// <summary>Velocity limit as a fraction of each dimension's range (vmaxⱼ = fraction · (upperⱼ − lowerⱼ)).</summary>
    public double VelocityClampFraction { get; init; } = 0.2;

    /// <summary>What happens to a coordinate that leaves its bounds.</summary>
    public BoundHandling BoundHandling { get; init; } = BoundHandling.Clamp;

    /// <summary>Initial placement.</summary>
    public InitializationMethod Initialization { get; init; } = InitializationMethod.UniformRandom;

    /// <summary>Logistic-map parameter λ of seed 002 eq. (32) (used by <see cref="InitializationMethod.LogisticChaotic"/>).</summary>
    public double LogisticLambda { get; init; } = 4.0;

    /// <summary>Velocity rule replacing eq. (25) with <see cref="C1Start"/> … <see cref="C2End"/> (null: that rule,
    /// <see cref="InertiaVelocity"/> with <see cref="CoefficientDraws.PairedHalves"/>).</summary>
    public IVelocityRule? VelocityRule { get; init; }

    /// <summary>Inertia schedule replacing <see cref="InertiaSchedule"/>, <see cref="InertiaStart"/> and
    /// <see cref="InertiaEnd"/> (null: the schedule they describe).</summary>
    public IInertiaSchedule? InertiaRule { get; init; }

    /// <summary>Bound handler replacing <see cref="BoundHandling"/> (null: the handler of that value).</summary>
    public IBoundHandler? BoundRule { get; init; }

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it).</exception>
    public void Validate()
    {
        Require(SwarmSize >= 2, nameof(SwarmSize), SwarmSize);
        Require(double.IsFinite(InertiaStart), nameof(InertiaStart), InertiaStart);
        Require(double.IsFinite(InertiaEnd), nameof(InertiaEnd), InertiaEnd);
        Require(C1Start >= 0 && double.IsFinite(C1Start), nameof(C1Start), C1Start);
        Require(C1End >= 0 && double.IsFinite(C1End), nameof(C1End), C1End);
        Require(C2Start >= 0 && double.IsFinite(C2Start), nameof(C2Start), C2Start);
        Require(C2End >= 0 && double.IsFinite(C2End), nameof(C2End), C2End);
        Require(VelocityClampFraction > 0, nameof(VelocityClampFraction), VelocityClampFraction);
        Require(Enum.IsDefined(BoundHandling), nameof(BoundHandling), BoundHandling);
        Require(Enum.IsDefined(InertiaSchedule), nameof(InertiaSchedule), InertiaSchedule);
        Require(Enum.IsDefined(Initialization), nameof(Initialization), Initialization);
        Require(LogisticLambda > 0 && LogisticLambda <= 4, nameof(LogisticLambda), LogisticLambda);
    }

    /// <summary>Inertia ω at schedule fraction t/T (a schedule on iteration counts is read at t = round(fraction·T)
    /// of T = 2²⁰ iterations).</summary>
    /// <param name="fraction">t/T in [0, 1].</param>
    /// <returns>ω.</returns>
    public double Inertia(double fraction)
    {
        const int horizon = 1 << 20;
        return InertiaComponent().Weight(new SwarmClock((int)Math.Round(Math.Clamp(fraction, 0.0, 1.0) * horizon),
            horizon, fraction));
    }

    /// <summary>The swarm's parts: <see cref="VelocityRule"/>, <see cref="InertiaRule"/> and <see cref="BoundRule"/>,
    /// or, where null, the ones the enum and number options describe (seed 000 eqs. (25)–(27), seed 002 eqs.
    /// (33)–(34)). No mutation.</summary>
    /// <returns>The components.</returns>
    public SwarmComponents Components() => new(
        VelocityRule ?? new InertiaVelocity(C1Start, C1End, C2Start, C2End, CoefficientDraws.PairedHalves),
        InertiaComponent(),
        BoundRule ?? BoundHandlers.For(BoundHandling));

    private IInertiaSchedule InertiaComponent() => InertiaRule ?? InertiaSchedule switch
    {
        InertiaSchedule.Constant => new ConstantInertia(InertiaStart),
        InertiaSchedule.LinearDecreasing => new LinearInertia(InertiaStart, InertiaEnd),
        _ => new CosineInertia(InertiaStart, InertiaEnd),
    };

    /// <summary>Learning coefficients at schedule fraction t/T, seed 002 eq. (34) (constant when start = end), of
    /// <see cref="VelocityRule"/> when it is an <see cref="InertiaVelocity"/>, else of the numbers above.</summary>
    /// <param name="fraction">t/T in [0, 1].</param>
    /// <returns>(c₁, c₂).</returns>
    /// <exception cref="InvalidOperationException"><see cref="VelocityRule"/> is a rule without such coefficients.</exception>
    public (double C1, double C2) Coefficients(double fraction) => VelocityRule switch
    {
        null => new InertiaVelocity(C1Start, C1End, C2Start, C2End).Coefficients(fraction),
        InertiaVelocity rule => rule.Coefficients(fraction),
        var other => throw new InvalidOperationException(
            $"PsoOptions.Coefficients: the velocity rule {other.GetType().Name} has no c₁/c₂ schedule."),
    };

    internal static void Require(bool ok, string name, object value)
    {
        if (!ok)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Option {name} is out of range: {value}."), name);
        }
    }
}
