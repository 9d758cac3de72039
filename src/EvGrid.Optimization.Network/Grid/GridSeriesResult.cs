namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// Results of an <see cref="IGridTimeSeries"/> run, allocated once by <see cref="IGridTimeSeries.CreateResult(int, bool)"/> and
/// overwritten by every run without allocation.
/// </summary>
/// <remarks>
/// <para>Voltages: |V| in pu, flat, index <c>(slot · VoltagePoints + point) · Phases + phase</c>. A phase absent at a
/// point holds <see cref="double.NaN"/> (never 0, which would read as a 1 pu deviation) and is false in
/// <see cref="PhasePresent"/> (index <c>point · Phases + phase</c>). A slot whose <see cref="Status"/> is not
/// <see cref="PowerFlowStatus.Converged"/> has NaN losses and substation figures and its last-iterate voltages.
/// </para>
/// <para>Branch currents (seed 002 eq. (27), |I_ij| ≤ I_ij,max): kept only by a result created with
/// <see cref="IGridTimeSeries.CreateResult(int, bool)"/> and <c>withBranchCurrents: true</c> (a result without them
/// costs a run nothing more). |I| in A, flat, index <c>(slot · BranchCount + branch) · Phases + phase</c>, branches
/// in the order of <see cref="IGridTimeSeries.BranchIds"/>; NaN where the branch lacks the phase (false in
/// <see cref="BranchPhasePresent"/>) and in every slot that did not converge. Balanced grid: the series current of
/// the π section (the current base of the from bus), as <see cref="BranchFlow.CurrentA"/>; three-phase feeder: the
/// current entering the element at its from end, as <see cref="ThreePhase.BranchPhaseFlow.CurrentInAmps"/>.</para>
/// </remarks>
public sealed class GridSeriesResult
{
    private readonly double[] _voltages;
    private readonly bool[] _present;

    private readonly double[] _branchCurrents;
    private readonly bool[] _branchPresent;

    internal GridSeriesResult(object grid, int slots, int points, int phases, bool[] present)
        : this(grid, slots, points, phases, present, [])
    {
    }

    /// <summary>Storage that also keeps the branch currents; <paramref name="branchPresent"/> has one entry per branch and phase (empty: none kept).</summary>
    internal GridSeriesResult(object grid, int slots, int points, int phases, bool[] present, bool[] branchPresent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        _branchPresent = branchPresent;
        BranchCount = branchPresent.Length / phases;
        _branchCurrents = new double[slots * branchPresent.Length];
        Owner = grid;
        Slots = slots;
        VoltagePoints = points;
        Phases = phases;
        _present = present;
        _voltages = new double[slots * points * phases];
        LossesKwArray = new double[slots];
        SubstationKwArray = new double[slots];
        SubstationKvaArray = new double[slots];
        StatusArray = new PowerFlowStatus[slots];
        IterationsArray = new int[slots];
    }

    /// <summary>Number of slots.</summary>
    public int Slots { get; }

    /// <summary>Number of voltage points (buses or nodes).</summary>
    public int VoltagePoints { get; }

    /// <summary>Phases per voltage point (1 or 3).</summary>
    public int Phases { get; }

    /// <summary>|V| in pu, index <c>(slot · VoltagePoints + point) · Phases + phase</c>; NaN where a phase is absent.</summary>
    public ReadOnlySpan<double> VoltagesPu => _voltages;

    /// <summary>Whether a phase exists at a point, index <c>point · Phases + phase</c>.</summary>
    public ReadOnlySpan<bool> PhasePresent => _present;

    /// <summary>Total active losses per slot, kW (NaN for a failed slot).</summary>
    public ReadOnlySpan<double> LossesKw => LossesKwArray;

    /// <summary>Active power drawn from the substation (slack/source) per slot, kW; negative = reverse flow (NaN for a failed slot).</summary>
    public ReadOnlySpan<double> SubstationKw => SubstationKwArray;

    /// <summary>Apparent power |S| at the substation per slot, kVA (NaN for a failed slot).</summary>
    public ReadOnlySpan<double> SubstationKva => SubstationKvaArray;

    /// <summary>Outcome per slot.</summary>
    public ReadOnlySpan<PowerFlowStatus> Status => StatusArray;

    /// <summary>Whether this result keeps branch currents (created with <c>withBranchCurrents: true</c>).</summary>
    public bool HasBranchCurrents => BranchCount > 0;

    /// <summary>Number of branches whose currents are kept (0 when <see cref="HasBranchCurrents"/> is false).</summary>
    public int BranchCount { get; }

    /// <summary>
    /// |I| per slot, branch and phase in A, index <c>(slot · BranchCount + branch) · Phases + phase</c> (seed 002
    /// eq. (27)); NaN where the phase is absent or the slot failed. Empty without <see cref="HasBranchCurrents"/>.
    /// </summary>
    public ReadOnlySpan<double> BranchCurrentsA => _branchCurrents;

    /// <summary>Whether a branch carries a phase, index <c>branch · Phases + phase</c> (empty without branch currents).</summary>
    public ReadOnlySpan<bool> BranchPhasePresent => _branchPresent;

    /// <summary>|I| in A of one slot, branch and phase (NaN when the phase is absent or the slot failed).</summary>
    /// <param name="slot">Slot index.</param>
    /// <param name="branch">Branch index (order of <see cref="IGridTimeSeries.BranchIds"/>).</param>
    /// <param name="phase">Phase index (0 on a balanced grid).</param>
    /// <returns>|I|, A.</returns>
    /// <exception cref="InvalidOperationException">The result keeps no branch currents.</exception>
    public double BranchCurrentA(int slot, int branch, int phase = 0)
    {
        if (!HasBranchCurrents)
        {
            throw new InvalidOperationException("this result keeps no branch currents; create it with CreateResult(slots, withBranchCurrents: true)");
        }

        if ((uint)slot >= (uint)Slots || (uint)branch >= (uint)BranchCount || (uint)phase >= (uint)Phases)
        {
            throw new ArgumentOutOfRangeException(nameof(branch), $"slot {slot}, branch {branch}, phase {phase} outside {Slots} × {BranchCount} × {Phases}");
        }

        return _branchCurrents[(((slot * BranchCount) + branch) * Phases) + phase];
    }

    /// <summary>Sweeps per slot.</summary>
    public ReadOnlySpan<int> Iterations => IterationsArray;

    /// <summary>True when every slot converged.</summary>
    public bool AllConverged => FirstFailedSlot < 0;

    /// <summary>The first slot whose status is not <see cref="PowerFlowStatus.Converged"/>, or −1.</summary>
    public int FirstFailedSlot
    {
        get
        {
            for (var t = 0; t < StatusArray.Length; t++)
            {
                if (StatusArray[t] != PowerFlowStatus.Converged)
                {
                    return t;
                }
            }

            return -1;
        }
    }

    /// <summary>|V| in pu of one slot, point and phase (NaN when the phase is absent).</summary>
    /// <param name="slot">Slot index.</param>
    /// <param name="point">Voltage point index.</param>
    /// <param name="phase">Phase index (0 on a balanced grid).</param>
    /// <returns>|V|, pu.</returns>
    public double VoltagePu(int slot, int point, int phase = 0)
    {
        if ((uint)slot >= (uint)Slots || (uint)point >= (uint)VoltagePoints || (uint)phase >= (uint)Phases)
        {
            throw new ArgumentOutOfRangeException(nameof(slot), $"slot {slot}, point {point}, phase {phase} outside {Slots} × {VoltagePoints} × {Phases}");
        }

        return _voltages[(((slot * VoltagePoints) + point) * Phases) + phase];
    }

    /// <summary>The voltages of one slot, index <c>point · Phases + phase</c>.</summary>
    /// <param name="slot">Slot index.</param>
    /// <returns>|V| in pu.</returns>
    public ReadOnlySpan<double> SlotVoltagesPu(int slot) => _voltages.AsSpan(slot * VoltagePoints * Phases, VoltagePoints * Phases);

    internal object Owner { get; }

    internal double[] VoltageArray => _voltages;

    internal double[] BranchCurrentArray => _branchCurrents;

    internal double[] LossesKwArray { get; }

    internal double[] SubstationKwArray { get; }

    internal double[] SubstationKvaArray { get; }

    internal PowerFlowStatus[] StatusArray { get; }

    internal int[] IterationsArray { get; }

    /// <summary>Checks the result and injections fit a run on <paramref name="grid"/> (the network or feeder object).</summary>
    internal static void CheckRun(object grid, SlotInjections injections, GridSeriesResult result, int multipliers, int perSlot)
    {
        ArgumentNullException.ThrowIfNull(injections);
        ArgumentNullException.ThrowIfNull(result);
        if (!ReferenceEquals(injections.Map.Owner, grid))
        {
            throw new ArgumentException("the injections were built on a connection map of another grid; use this grid's Connect", nameof(injections));
        }

        if (!ReferenceEquals(result.Owner, grid))
        {
            throw new ArgumentException("the result was created by another grid; use this grid's CreateResult", nameof(result));
        }

        if (result.Slots != injections.Slots)
        {
            throw new ArgumentException($"the result holds {result.Slots} slots, the injections {injections.Slots}", nameof(result));
        }

        if (multipliers != injections.Slots * perSlot)
        {
            throw new ArgumentException($"expected {injections.Slots} × {perSlot} base load multipliers, got {multipliers}", nameof(multipliers));
        }

        injections.Validate();
    }
}
