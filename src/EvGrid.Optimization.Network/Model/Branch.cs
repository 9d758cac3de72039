namespace EvGrid.Optimization.Network;

/// <summary>
/// A line or cable between two buses, modelled as a π section: series impedance R + jX and a total shunt
/// (charging) susceptance B split half at each end. Values are per unit on the network's kVA base and the
/// from-bus kV base (see <see cref="NetworkBuilder.AddBranchOhm"/> for ohmic input).
/// </summary>
/// <param name="FromBus">Id of the sending-end bus.</param>
/// <param name="ToBus">Id of the receiving-end bus.</param>
/// <param name="ResistancePu">Series resistance in pu; finite and not negative.</param>
/// <param name="ReactancePu">Series reactance in pu; finite (R and X not both zero).</param>
/// <param name="ChargingSusceptancePu">Total shunt susceptance in pu (half at each end); finite.</param>
/// <param name="InService">False for an open switch (e.g. a normally-open tie line): the branch is ignored.</param>
public sealed record Branch(
    int FromBus,
    int ToBus,
    double ResistancePu,
    double ReactancePu,
    double ChargingSusceptancePu = 0.0,
    bool InService = true);
