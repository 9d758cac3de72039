using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics;

/// <summary>Whether an objective is to be minimised or maximised, as reported to the user.</summary>
/// <remarks>
/// Optimizers always minimise the values a problem writes (<see cref="IProblem"/>); a problem with a
/// <see cref="Maximize"/> objective writes its negative and says so here, so reports can print the original sign.
/// </remarks>
public enum ObjectiveSense
{
    /// <summary>Smaller is better.</summary>
    Minimize = 0,

    /// <summary>Larger is better (the problem writes the negated value).</summary>
    Maximize = 1,
}

/// <summary>Describes one objective of a problem for tables, plots and reports.</summary>
/// <param name="Name">Short name (e.g. <c>f1</c>, <c>load variance</c>).</param>
/// <param name="Unit">Unit of the value (e.g. <c>kW²</c>, <c>pu</c>); empty when dimensionless.</param>
/// <param name="Sense">Whether the objective is minimised or maximised.</param>
public sealed record ObjectiveDescriptor(string Name, string Unit, ObjectiveSense Sense)
{
    private static readonly ObjectiveDescriptor[][] Cache = Enumerable.Range(0, 9).Select(Build).ToArray();

    /// <summary>Generic descriptors <c>f1 … fn</c>, dimensionless and minimised: the default of <see cref="IProblem.Objectives"/>.</summary>
    /// <param name="count">Number of objectives (at least 0).</param>
    /// <returns>The descriptors (a shared instance for up to 8 objectives).</returns>
    public static IReadOnlyList<ObjectiveDescriptor> Generic(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        return count < Cache.Length ? Cache[count] : Build(count);
    }

    private static ObjectiveDescriptor[] Build(int count)
        => Enumerable.Range(1, count)
            .Select(i => new ObjectiveDescriptor("f" + i.ToString(CultureInfo.InvariantCulture), "", ObjectiveSense.Minimize))
            .ToArray();
}
