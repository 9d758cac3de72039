namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>Placeholder, replaced below.</summary>
public static class ModifiedIeee34
{
    /// <summary>Creates the modified IEEE 34 feeder.</summary>
    /// <returns>The feeder.</returns>
    public static ThreePhaseFeeder Create() => ThreePhaseFeeders.Ieee34();
}
