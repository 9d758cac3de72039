namespace EvGrid.Optimization.Network;

/// <summary>
/// Shares of a ZIP load: the part of the nominal power that behaves as constant impedance (∝ V²), constant
/// current (∝ V) and constant power (independent of V). Each share lies in [0, 1] and they sum to 1.
/// </summary>
/// <param name="ConstantImpedance">Z share.</param>
/// <param name="ConstantCurrent">I share.</param>
/// <param name="ConstantPower">P share.</param>
public readonly record struct ZipShares(double ConstantImpedance, double ConstantCurrent, double ConstantPower)
{
    /// <summary>A pure constant-power load (the usual assumption of the IEEE test feeders).</summary>
    public static ZipShares ConstantPowerOnly => new(0, 0, 1);

    /// <summary>A pure constant-current load.</summary>
    public static ZipShares ConstantCurrentOnly => new(0, 1, 0);

    /// <summary>A pure constant-impedance load.</summary>
    public static ZipShares ConstantImpedanceOnly => new(1, 0, 0);

    /// <summary>Power drawn at voltage <paramref name="vPu"/> as a fraction of the nominal power: z·V² + i·V + p.</summary>
    /// <param name="vPu">Voltage magnitude in pu.</param>
    /// <returns>The factor multiplying the nominal power.</returns>
    public double Factor(double vPu) => (ConstantImpedance * vPu * vPu) + (ConstantCurrent * vPu) + ConstantPower;
}

/// <summary>
/// A load at a bus, nominal power at 1 pu voltage with ZIP voltage dependence:
/// P(V) = P₀ (z<sub>p</sub>V² + i<sub>p</sub>V + p<sub>p</sub>), Q(V) = Q₀ (z<sub>q</sub>V² + i<sub>q</sub>V + p<sub>q</sub>).
/// A negative P₀ is a net injection.
/// </summary>
/// <param name="Bus">Id of the bus.</param>
/// <param name="PKw">Nominal active power in kW (consumption positive).</param>
/// <param name="QKvar">Nominal reactive power in kVAr (inductive positive).</param>
/// <param name="PShares">ZIP shares of the active power; null for constant power.</param>
/// <param name="QShares">ZIP shares of the reactive power; null for the same shares as <paramref name="PShares"/>.</param>
public sealed record Load(int Bus, double PKw, double QKvar, ZipShares? PShares = null, ZipShares? QShares = null)
{
    /// <summary>The effective active-power shares.</summary>
    public ZipShares EffectivePShares => PShares ?? ZipShares.ConstantPowerOnly;

    /// <summary>The effective reactive-power shares.</summary>
    public ZipShares EffectiveQShares => QShares ?? PShares ?? ZipShares.ConstantPowerOnly;
}

/// <summary>
/// A constant-admittance shunt at a bus, rated at 1 pu voltage: a capacitor bank (positive <paramref name="QKvar"/>
/// supplies reactive power) and/or a conductance (positive <paramref name="PKw"/> consumes active power).
/// </summary>
/// <param name="Bus">Id of the bus.</param>
/// <param name="QKvar">Reactive power supplied at 1 pu in kVAr (capacitor positive, reactor negative).</param>
/// <param name="PKw">Active power consumed at 1 pu in kW (usually 0).</param>
public sealed record ShuntElement(int Bus, double QKvar, double PKw = 0.0);

/// <summary>
/// A distributed generator modelled as a constant-power injection (PQ): photovoltaic, wind or a discharging
/// storage unit at a fixed output.
/// </summary>
/// <param name="Bus">Id of the bus.</param>
/// <param name="PKw">Active power injected in kW.</param>
/// <param name="QKvar">Reactive power injected in kVAr (positive supplies reactive power).</param>
public sealed record DistributedGenerator(int Bus, double PKw, double QKvar = 0.0);
