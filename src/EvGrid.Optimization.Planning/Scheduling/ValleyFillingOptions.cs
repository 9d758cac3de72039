using System.Globalization;

namespace EvGrid.Optimization.Planning.Scheduling;

/// <summary>Settings of <see cref="ValleyFillingSolver"/>.</summary>
public sealed record ValleyFillingOptions
{
    /// <summary>
    /// Lets EVs whose owners take part in V2G discharge (seed 000 §5.2.1); false schedules charging only. Default false.
    /// </summary>
    public bool AllowDischarge { get; init; }

    /// <summary>
    /// Stop once the Frank–Wolfe duality gap, a rigorous bound on f1 − f1*, is at most this fraction of f1. Default 1e-6.
    /// </summary>
    public double Tolerance { get; init; } = 1e-6;

    /// <summary>Largest number of sweeps over the fleet (one best response per EV each). Default 1 000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the field and value when a setting is invalid.</summary>
    public void Validate()
    {
        if (!(Tolerance > 0 && Tolerance < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance,
                string.Create(CultureInfo.InvariantCulture, $"Tolerance must lie in (0, 1), got {Tolerance}."));
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations,
                string.Create(CultureInfo.InvariantCulture, $"MaxIterations must be ≥ 1, got {MaxIterations}."));
        }
    }
}
