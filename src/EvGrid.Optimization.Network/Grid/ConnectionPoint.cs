using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Network.Grid;

/// <summary>How a <see cref="ConnectionPoint"/> names its place in the grid.</summary>
public enum ConnectionKind
{
    /// <summary>A bus of a balanced (single-phase equivalent) <see cref="PowerNetwork"/>, by its id.</summary>
    Bus = 0,

    /// <summary>A node of a three-phase feeder, by its id and the phases the connection uses.</summary>
    Node = 1,
}

/// <summary>
/// Where a controllable demand or injection (an EV charging station, a V2G aggregate, a DG unit) meets the grid:
/// a bus of a balanced network or a node (and phases) of a three-phase feeder, with the power factor used to derive
/// its reactive power when only kW are given.
/// </summary>
/// <remarks>
/// Sign convention: positive kW is demand (drawn from the grid), negative kW is an injection (V2G discharge, DG
/// output). Derived kVAr = kW · tan(acos(<see cref="PowerFactor"/>)): the same Q/P ratio whatever the sign, so Q
/// follows P's sign — a lagging demand draws kVAr, and the same point injecting exports kVAr at the same ratio.
/// A point on several phases splits its kW (and kVAr) evenly over them, each phase a wye constant-power element.
/// </remarks>
public sealed record ConnectionPoint
{
    private ConnectionPoint(ConnectionKind kind, string id, string phases, double powerFactor)
    {
        Kind = kind;
        Id = id;
        Phases = phases;
        PowerFactor = powerFactor;
    }

    /// <summary>Bus or node.</summary>
    public ConnectionKind Kind { get; }

    /// <summary>The bus id (balanced network, e.g. "18") or node id (three-phase feeder, e.g. "844-EVCS").</summary>
    public string Id { get; }

    /// <summary>Phase letters used by a node connection, e.g. "ABC" or "A"; "ABC" for a balanced bus.</summary>
    public string Phases { get; }

    /// <summary>Power factor in (0, 1] used to derive kVAr from kW when no kVAr are given (lagging for demand).</summary>
    public double PowerFactor { get; }

    /// <summary>A bus of a balanced network.</summary>
    /// <param name="busId">Bus id as in <see cref="Network.Bus.Id"/>, e.g. "18".</param>
    /// <param name="powerFactor">Power factor in (0, 1] (1 = no reactive power).</param>
    /// <returns>The connection point (validated against a network by <see cref="IGridTimeSeries.Connect"/>).</returns>
    public static ConnectionPoint Bus(string busId, double powerFactor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(busId);
        return new ConnectionPoint(ConnectionKind.Bus, busId, "ABC", powerFactor);
    }

    /// <summary>A node (and phases) of a three-phase feeder.</summary>
    /// <param name="nodeId">Node id as in <see cref="ThreePhaseFeeder.NodeIds"/>, e.g. "844-EVCS".</param>
    /// <param name="phases">Phase letters, e.g. "ABC", "A", "BC" (parsed by <see cref="PhaseSets.Parse"/>).</param>
    /// <param name="powerFactor">Power factor in (0, 1] (1 = no reactive power).</param>
    /// <returns>The connection point (validated against a feeder by <see cref="IGridTimeSeries.Connect"/>).</returns>
    public static ConnectionPoint Node(string nodeId, string phases = "ABC", double powerFactor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(nodeId);
        ArgumentNullException.ThrowIfNull(phases);
        return new ConnectionPoint(ConnectionKind.Node, nodeId, phases, powerFactor);
    }

    /// <summary>A short description for messages, e.g. <c>bus 18</c> or <c>node 844-EVCS (ABC)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind == ConnectionKind.Bus ? $"bus {Id}" : $"node {Id} ({Phases})";
}
