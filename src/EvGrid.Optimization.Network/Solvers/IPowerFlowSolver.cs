namespace EvGrid.Optimization.Network;

/// <summary>A balanced power-flow solver.</summary>
public interface IPowerFlowSolver
{
    /// <summary>Short name (<c>sweep</c>, <c>newton</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Solves the power flow of <paramref name="network"/>. Non-convergence is reported in
    /// <see cref="PowerFlowResult.Converged"/> and <see cref="PowerFlowResult.Status"/>; invalid input throws.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="options">Tolerance and iteration cap; null for <see cref="PowerFlowOptions.Default"/>.</param>
    /// <returns>The result, converged or not.</returns>
    PowerFlowResult Solve(PowerNetwork network, PowerFlowOptions? options = null);
}

/// <summary>Options shared by the power-flow solvers.</summary>
/// <param name="TolerancePu">
/// Convergence tolerance in pu: the largest bus power mismatch for Newton–Raphson, the largest change |ΔV| of a bus
/// voltage phasor between two sweeps for the backward/forward sweep.
/// </param>
/// <param name="MaxIterations">Iteration cap; reaching it without meeting the tolerance is reported as not converged.</param>
public sealed record PowerFlowOptions(double TolerancePu = 1e-8, int MaxIterations = 100)
{
    /// <summary>Tolerance 1e-8 pu, at most 100 iterations.</summary>
    public static PowerFlowOptions Default { get; } = new();

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Tolerance not finite positive, or iteration cap below 1.</exception>
    public void Validate()
    {
        if (!double.IsFinite(TolerancePu) || TolerancePu <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TolerancePu), TolerancePu, $"TolerancePu must be finite and positive, got {TolerancePu}.");
        }

        if (MaxIterations < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, $"MaxIterations must be at least 1, got {MaxIterations}.");
        }
    }
}

/// <summary>How a power-flow run ended.</summary>
public enum PowerFlowStatus
{
    /// <summary>The tolerance was met.</summary>
    Converged = 0,

    /// <summary>The iteration cap was reached before the tolerance was met.</summary>
    MaxIterationsReached = 1,

    /// <summary>The iterates diverged (non-finite values or voltage collapse), e.g. under an absurd overload.</summary>
    Diverged = 2,

    /// <summary>
    /// Three-phase feeder under regulator control: the sweeps converged but the tap-control loop ended with a relay
    /// voltage outside its band (the taps did not settle). A failed slot like the others.
    /// </summary>
    TapsNotSettled = 3,
}
