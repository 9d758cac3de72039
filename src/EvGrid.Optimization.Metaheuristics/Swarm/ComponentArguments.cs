using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics.Swarm;

/// <summary>The checks of the swarm parts' arguments: a bad value throws when the part is made or changed with
/// <c>with</c> / an object initialiser (each property checks in its initialiser and in its <c>init</c> accessor), naming
/// the part, the parameter and the value, instead of turning a run's velocities into NaN.</summary>
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

    /// <summary>Returns a value of at least 1 or throws.</summary>
    public static int AtLeastOne(int value, string part, string name)
        => value >= 1 ? value : throw Out(value, part, name, "at least 1");

    /// <summary>Returns a non-negative finite value or throws.</summary>
    public static double NonNegative(double value, string part, string name)
        => value >= 0 && double.IsFinite(value) ? value : throw Out(value, part, name, "non-negative and finite");

    /// <summary>Returns a positive finite value or throws.</summary>
    public static double Positive(double value, string part, string name)
        => value > 0 && double.IsFinite(value) ? value : throw Out(value, part, name, "positive and finite");

    /// <summary>Returns a probability in [0, 1], or NaN (meaning 1/n), or throws.</summary>
    public static double ProbabilityOrNaN(double value, string part, string name)
        => double.IsNaN(value) || value is >= 0 and <= 1 ? value : throw Out(value, part, name, "in [0, 1] or NaN (1/n)");

    /// <summary>Returns a defined enum value or throws.</summary>
    public static TEnum Defined<TEnum>(TEnum value, string part, string name)
        where TEnum : struct, Enum
        => Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(name, value,
                string.Create(CultureInfo.InvariantCulture, $"{part}.{name} is not a {typeof(TEnum).Name} value; got {value}."));

    private static ArgumentOutOfRangeException Out(double value, string part, string name, string rule)
        => new(name, value, string.Create(CultureInfo.InvariantCulture, $"{part}.{name} must be {rule}; got {value}."));
}
