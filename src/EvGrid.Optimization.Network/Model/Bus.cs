namespace EvGrid.Optimization.Network;

/// <summary>The role of a bus in a power flow.</summary>
public enum BusKind
{
    /// <summary>A load (PQ) bus: active and reactive injections are given, voltage is solved for.</summary>
    Load = 0,

    /// <summary>The slack (reference) bus: voltage magnitude and angle are given, its injection balances the network.</summary>
    Slack = 1,
}

/// <summary>A bus (node) of a balanced network.</summary>
/// <param name="Id">Identifier from the source data (e.g. 1–33 for IEEE 33); unique in a network.</param>
/// <param name="BaseKv">Voltage base in kV (line-to-line); positive.</param>
/// <param name="Kind">Slack or load bus.</param>
/// <param name="VoltageSetpointPu">Voltage magnitude of the slack bus in pu (ignored for load buses); angle is 0°.</param>
public sealed record Bus(int Id, double BaseKv, BusKind Kind = BusKind.Load, double VoltageSetpointPu = 1.0);
