namespace EvGrid.Optimization.Network;

/// <summary>
/// The per-unit system of a network: a three-phase power base in kVA shared by every bus, and a line-to-line
/// voltage base in kV per bus (stored on <see cref="Bus.BaseKv"/>). Impedance base
/// Z<sub>base</sub> = kV² · 1000 / kVA (ohms), current base I<sub>base</sub> = kVA / (√3 · kV) (amperes).
/// </summary>
public static class PerUnit
{
    /// <summary>Impedance base in ohms for a voltage base (kV, line-to-line) and a power base (kVA, three-phase).</summary>
    /// <param name="baseKv">Voltage base in kV.</param>
    /// <param name="baseKva">Power base in kVA.</param>
    /// <returns>Z<sub>base</sub> = kV² · 1000 / kVA in ohms.</returns>
    public static double ImpedanceBaseOhm(double baseKv, double baseKva)
    {
        RequirePositive(baseKv, nameof(baseKv));
        RequirePositive(baseKva, nameof(baseKva));
        return baseKv * baseKv * 1000.0 / baseKva;
    }

    /// <summary>Current base in amperes: I<sub>base</sub> = kVA / (√3 · kV).</summary>
    /// <param name="baseKv">Voltage base in kV (line-to-line).</param>
    /// <param name="baseKva">Power base in kVA (three-phase).</param>
    /// <returns>The current base in A.</returns>
    public static double CurrentBaseA(double baseKv, double baseKva)
    {
        RequirePositive(baseKv, nameof(baseKv));
        RequirePositive(baseKva, nameof(baseKva));
        return baseKva / (Math.Sqrt(3.0) * baseKv);
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite positive number, got {value}.");
        }
    }
}
