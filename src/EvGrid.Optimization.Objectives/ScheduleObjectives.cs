using EvGrid.Optimization.Metaheuristics;

namespace EvGrid.Optimization.Objectives;

/// <summary>
/// What a schedule objective sees of one evaluated schedule: the total load per slot (kW, base + EV), the slot length
/// (h) and the node voltages from the power flows of the slots (empty when no power flow was run).
/// </summary>
public readonly ref struct ScheduleEvaluation
{
    /// <summary>Bundles the evaluation data.</summary>
    /// <param name="totalLoadKw">Total load P_t = P_t^Base + P_t^EV (kW) per slot (at least one slot).</param>
    /// <param name="slotHours">Slot length Δt (h), positive.</param>
    /// <param name="voltages">The voltages of the slots (default: none).</param>
    public ScheduleEvaluation(ReadOnlySpan<double> totalLoadKw, double slotHours, VoltageView voltages = default)
    {
        if (totalLoadKw.IsEmpty)
        {
            throw new ArgumentException("totalLoadKw holds no slot.", nameof(totalLoadKw));
        }

        if (!(slotHours > 0) || !double.IsFinite(slotHours))
        {
            throw new ArgumentOutOfRangeException(nameof(slotHours), slotHours, "The slot length must be a positive number of hours.");
        }

        if (!voltages.IsEmpty && voltages.Slots != totalLoadKw.Length)
        {
            throw new ArgumentException($"The voltage view has {voltages.Slots} slots, the load curve {totalLoadKw.Length}.", nameof(voltages));
        }

        TotalLoadKw = totalLoadKw;
        SlotHours = slotHours;
        Voltages = voltages;
    }

    /// <summary>Total load (kW) per slot.</summary>
    public ReadOnlySpan<double> TotalLoadKw { get; }

    /// <summary>Slot length (h).</summary>
    public double SlotHours { get; }

    /// <summary>Node voltages per slot (empty when the problem runs no power flow).</summary>
    public VoltageView Voltages { get; }
}

/// <summary>
/// One objective of a scheduling problem, computed from a <see cref="ScheduleEvaluation"/>. Implementations are
/// stateless, thread-safe and allocation-free, so a problem can compose any of them in its evaluator.
/// </summary>
public interface IScheduleObjective
{
    /// <summary>Short name (e.g. <c>f1 load variance</c>).</summary>
    string Name { get; }

    /// <summary>Unit of the value (e.g. <c>kW²</c>).</summary>
    string Unit { get; }

    /// <summary>Whether smaller or larger is better.</summary>
    ObjectiveSense Sense { get; }

    /// <summary>The descriptor a problem reports through <see cref="IProblem.Objectives"/>.</summary>
    ObjectiveDescriptor Descriptor => new(Name, Unit, Sense);

    /// <summary>The objective's value.</summary>
    /// <param name="evaluation">The evaluated schedule.</param>
    /// <returns>The value, in <see cref="Unit"/>.</returns>
    double Evaluate(in ScheduleEvaluation evaluation);
}

/// <summary>f1 of seed 000, eq. (10): load variance Σ_t (P_t − P̄)² (kW²), minimised. See <see cref="LoadVariance"/>.</summary>
public sealed class LoadVarianceObjective : IScheduleObjective
{
    /// <summary>The shared instance.</summary>
    public static LoadVarianceObjective Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "f1 load variance";

    /// <inheritdoc />
    public string Unit => "kW²";

    /// <inheritdoc />
    public ObjectiveSense Sense => ObjectiveSense.Minimize;

    /// <inheritdoc />
    public double Evaluate(in ScheduleEvaluation evaluation) => LoadVariance.Evaluate(evaluation.TotalLoadKw);
}

/// <summary>f2 of seed 000, eq. (11): peak–valley difference max P_t − min P_t (kW), minimised. See <see cref="PeakValley"/>.</summary>
public sealed class PeakValleyObjective : IScheduleObjective
{
    /// <summary>The shared instance.</summary>
    public static PeakValleyObjective Instance { get; } = new();

    /// <inheritdoc />
    public string Name => "f2 peak-valley difference";

    /// <inheritdoc />
    public string Unit => "kW";

    /// <inheritdoc />
    public ObjectiveSense Sense => ObjectiveSense.Minimize;

    /// <inheritdoc />
    public double Evaluate(in ScheduleEvaluation evaluation) => PeakValley.Evaluate(evaluation.TotalLoadKw);
}

/// <summary>
/// f3 of seed 000, eq. (12): voltage offset Σ |U − U_0| (pu) over slots, points and present phases, minimised.
/// The default (<see cref="Sum"/>) is the sum as printed in eq. (12); <see cref="Mean"/> divides by the number of
/// present point-phase-slots. See <see cref="VoltageOffset"/>.
/// </summary>
public sealed class VoltageOffsetObjective : IScheduleObjective
{
    /// <summary>Creates the objective.</summary>
    /// <param name="normalised">True for the mean per present point-phase-slot, false (default) for the sum of eq. (12).</param>
    /// <param name="nominalPu">U_0 (pu), positive.</param>
    public VoltageOffsetObjective(bool normalised = false, double nominalPu = 1.0)
    {
        VoltageOffset.CheckNominal(nominalPu);
        Normalised = normalised;
        NominalPu = nominalPu;
    }

    /// <summary>The sum of eq. (12) against 1 pu (the default).</summary>
    public static VoltageOffsetObjective Sum { get; } = new();

    /// <summary>The mean per present point-phase-slot against 1 pu.</summary>
    public static VoltageOffsetObjective Mean { get; } = new(normalised: true);

    /// <summary>True for the mean, false for the sum.</summary>
    public bool Normalised { get; }

    /// <summary>U_0 (pu).</summary>
    public double NominalPu { get; }

    /// <inheritdoc />
    public string Name => Normalised ? "f3 mean voltage offset" : "f3 voltage offset";

    /// <inheritdoc />
    public string Unit => "pu";

    /// <inheritdoc />
    public ObjectiveSense Sense => ObjectiveSense.Minimize;

    /// <inheritdoc />
    public double Evaluate(in ScheduleEvaluation evaluation)
    {
        if (evaluation.Voltages.IsEmpty)
        {
            throw new ArgumentException("The voltage offset needs the voltages of the slots; the evaluation holds none.", nameof(evaluation));
        }

        return Normalised
            ? VoltageOffset.EvaluateMean(evaluation.Voltages, NominalPu)
            : VoltageOffset.Evaluate(evaluation.Voltages, NominalPu);
    }
}
