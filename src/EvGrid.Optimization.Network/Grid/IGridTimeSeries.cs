namespace EvGrid.Optimization.Network.Grid;

/// <summary>
/// A quasi-static time series of power flows on one grid — a balanced network (<see cref="BalancedGridTimeSeries"/>)
/// or a three-phase feeder (<see cref="ThreePhaseGridTimeSeries"/>) — evaluated for signed injections at connection
/// points: the seam between a scheduling problem and the network.
/// </summary>
/// <remarks>
/// <para>Each slot solves the grid with its own loads scaled by the slot's base multiplier plus the
/// <see cref="SlotInjections"/> of that slot (constant-power, positive = demand, negative = V2G or DG).</para>
/// <para>Failure convention: a slot that does not converge (or whose regulator taps do not settle) never throws; it is
/// marked in <see cref="GridSeriesResult.Status"/> (and <see cref="GridSeriesResult.FirstFailedSlot"/>), its
/// losses and substation figures are <see cref="double.NaN"/> and its voltages are the last iterate. A caller must
/// check <see cref="GridSeriesResult.AllConverged"/>; an optimizer's problem turns a failure into finite objectives
/// plus an infinite constraint violation.</para>
/// <para>An instance owns its solver workspace: use one per thread. The same input gives bit-identical results on a
/// reused instance whatever it ran before. Running allocates nothing.</para>
/// </remarks>
public interface IGridTimeSeries
{
    /// <summary>Phases per voltage point: 1 (balanced) or 3 (three-phase).</summary>
    int PhaseCount { get; }

    /// <summary>Number of voltage points: buses or nodes.</summary>
    int VoltagePointCount { get; }

    /// <summary>Ids of the voltage points (bus ids or node ids), in result order.</summary>
    IReadOnlyList<string> VoltagePointIds { get; }

    /// <summary>
    /// Number of independently scaled load groups for <see cref="RunGrouped"/> (1 on a balanced network; the input
    /// loads of a three-phase feeder, <see cref="ThreePhase.ThreePhaseFeeder.LoadGroupCount"/>).
    /// </summary>
    int LoadGroupCount { get; }

    /// <summary>Resolves and validates connection points against this grid (independent of the slot count).</summary>
    /// <param name="points">The points (columns of the injections).</param>
    /// <returns>The map.</returns>
    /// <exception cref="NetworkValidationException">An unknown bus or node, the slack/source bus, a phase absent at the node, a power factor outside (0, 1] — the message names the point.</exception>
    ConnectionMap Connect(IReadOnlyList<ConnectionPoint> points);

    /// <summary>Number of branches (balanced: in-service branches; three-phase: lines, transformers, regulators, switches).</summary>
    int BranchCount { get; }

    /// <summary>
    /// Ids of the branches, in the order of <see cref="GridSeriesResult.BranchCurrentsA"/> (balanced: <c>from-to</c>
    /// bus ids of the in-service branches in <see cref="PowerNetwork.Branches"/> order; three-phase: element names).
    /// </summary>
    IReadOnlyList<string> BranchIds { get; }

    /// <summary>Allocates a result for <paramref name="slots"/> slots (reuse it across runs); it keeps no branch currents.</summary>
    /// <param name="slots">Number of slots ≥ 1.</param>
    /// <returns>The result storage.</returns>
    GridSeriesResult CreateResult(int slots);

    /// <summary>
    /// Allocates a result for <paramref name="slots"/> slots that, when <paramref name="withBranchCurrents"/> is
    /// true, also keeps every branch's current per slot (<see cref="GridSeriesResult.BranchCurrentsA"/>, for the
    /// branch-current limits of seed 002 eq. (27)). Runs into it still allocate nothing.
    /// </summary>
    /// <param name="slots">Number of slots ≥ 1.</param>
    /// <param name="withBranchCurrents">Whether to keep the branch currents.</param>
    /// <returns>The result storage.</returns>
    GridSeriesResult CreateResult(int slots, bool withBranchCurrents);

    /// <summary>
    /// Runs one power flow per slot: the grid's own loads × <paramref name="baseLoadMultipliers"/>[slot] plus the
    /// injections of that slot.
    /// </summary>
    /// <param name="baseLoadMultipliers">One multiplier per slot (length = <see cref="SlotInjections.Slots"/>).</param>
    /// <param name="injections">Signed injections built on a map of this grid.</param>
    /// <param name="result">Result storage of the same slot count (see <see cref="CreateResult(int)"/>).</param>
    void Run(ReadOnlySpan<double> baseLoadMultipliers, SlotInjections injections, GridSeriesResult result);

    /// <summary>
    /// As <see cref="Run"/> with one multiplier per slot and load group, index <c>slot · LoadGroupCount + group</c>.
    /// </summary>
    /// <param name="groupMultipliers">Multipliers, length slots · <see cref="LoadGroupCount"/>.</param>
    /// <param name="injections">Signed injections built on a map of this grid.</param>
    /// <param name="result">Result storage of the same slot count.</param>
    void RunGrouped(ReadOnlySpan<double> groupMultipliers, SlotInjections injections, GridSeriesResult result);
}
