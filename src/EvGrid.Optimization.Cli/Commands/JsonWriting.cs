using System.Text.Json;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>JSON helpers shared by the commands' <c>--format json</c> output.</summary>
internal static class JsonWriting
{
    /// <summary>
    /// Writes a number, or <c>null</c> when it is not finite: JSON has no NaN or infinity, and a non-finite figure
    /// only appears when a computation did not converge, which the same object states.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="name">Property name.</param>
    /// <param name="value">The value.</param>
    public static void WriteFiniteNumber(this Utf8JsonWriter writer, string name, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumber(name, value);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
