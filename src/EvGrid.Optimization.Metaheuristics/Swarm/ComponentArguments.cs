using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>The checks of the swarm parts' constructor arguments: a bad value throws when the part is made, naming the
/// part, the parameter and the value, instead of turning a run's velocities into NaN.</summary>
internal static class ComponentArguments
{
    /// <summary>Returns a finite value or throws.</summary>
    public static double Finite(double value, string part, string name)
        => double.IsFinite(value) ? value : throw Out(value, part, name, "finite");

    /// <summary>Returns a finite range with Min ≤ Max or throws.</summary>
    public static (double Min, double Max) Range((double Min, double Max) value, string part, string name)
        => double.IsFinite(value.Min) && double.IsFinite(value.Max) && value.Min <= value.Max
            ? value
            : throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture,
                    $"{part}.{name} must be a finite range with Min ≤ Max; got ({value.Min}, {value.Max})."));

    /// <summary>Returns a value in [−1, 1] or throws.</summary>
    public static double UnitFactor(double value, string part, string name)
        => value is >= -1 and <= 1 ? value : throw Out(value, part, name, "in [−1, 1]");

    private static ArgumentOutOfRangeException Out(double value, string part, string name, string rule)
        => new(name, value, string.Create(CultureInfo.InvariantCulture, $"{part}.{name} must be {rule}; got {value}."));
}
