using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Network;

/// <summary>
/// The one resolver over both catalogs: a built-in balanced feeder (<see cref="FeederCatalog"/>: <c>ieee33</c>,
/// <c>pge69</c>), a built-in three-phase feeder (<see cref="ThreePhaseFeeders"/>: <c>ieee13</c>, <c>ieee34</c>,
/// <c>ieee34-mod</c>) or a balanced case file (MATPOWER <c>.m</c>, otherwise <see cref="FeederTextFormat"/>).
/// Names are case-insensitive and may carry surrounding blanks; a built-in name wins over a file of the same name.
/// </summary>
public static class GridCatalog
{
    /// <summary>Names of the built-in balanced feeders (those of <see cref="FeederCatalog.Names"/>).</summary>
    public static IReadOnlyList<string> BalancedNames => FeederCatalog.Names;

    /// <summary>Names of the built-in three-phase feeders (those of <see cref="ThreePhaseFeeders.Names"/>).</summary>
    public static IReadOnlyList<string> ThreePhaseNames => ThreePhaseFeeders.Names;

    /// <summary>Every built-in name, balanced first, then three-phase.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. FeederCatalog.Names, .. ThreePhaseFeeders.Names];

    /// <summary>Whether <paramref name="nameOrPath"/> names a built-in three-phase feeder (case-insensitive).</summary>
    /// <param name="nameOrPath">A name or a path.</param>
    /// <returns>True for <c>ieee13</c>, <c>ieee34</c>, <c>ieee34-mod</c> in any case.</returns>
    public static bool IsThreePhase(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        return Canonical(ThreePhaseFeeders.Names, nameOrPath) is not null;
    }

    /// <summary>
    /// Resolves a built-in name (either catalog, case-insensitive) or the path of an existing balanced case file.
    /// </summary>
    /// <param name="nameOrPath">A built-in name (see <see cref="Names"/>) or a file path.</param>
    /// <returns>A <see cref="BalancedGrid"/> or a <see cref="ThreePhaseGrid"/>, with its canonical name (the
    /// lower-case built-in name, or the path as given).</returns>
    /// <exception cref="ArgumentException">Neither a built-in name nor an existing file; the message names the value
    /// and lists the valid names.</exception>
    /// <exception cref="FormatException">The file cannot be read as a case.</exception>
    /// <exception cref="NetworkValidationException">The case in the file is not a valid network.</exception>
    public static ResolvedGrid Resolve(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (Canonical(FeederCatalog.Names, nameOrPath) is { } balanced)
        {
            return new BalancedGrid(balanced, FeederCatalog.Get(balanced));
        }

        if (Canonical(ThreePhaseFeeders.Names, nameOrPath) is { } threePhase)
        {
            return new ThreePhaseGrid(threePhase, ThreePhaseFeeders.Get(threePhase));
        }

        if (!File.Exists(nameOrPath))
        {
            throw new ArgumentException(
                $"unknown grid '{nameOrPath}': neither a built-in feeder (balanced: {string.Join(", ", BalancedNames)}; " +
                $"three-phase: {string.Join(", ", ThreePhaseNames)}) nor an existing case file (MATPOWER .m or feeder text).",
                nameof(nameOrPath));
        }

        return new BalancedGrid(nameOrPath, FeederCatalog.Resolve(nameOrPath));
    }

    private static string? Canonical(IReadOnlyList<string> names, string nameOrPath)
    {
        var trimmed = nameOrPath.Trim();
        foreach (var name in names)
        {
            if (string.Equals(name, trimmed, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }
}

/// <summary>
/// What <see cref="GridCatalog.Resolve"/> found: either a <see cref="BalancedGrid"/> or a <see cref="ThreePhaseGrid"/>
/// (no other kind exists; switch on the type).
/// </summary>
public abstract class ResolvedGrid
{
    private protected ResolvedGrid(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Canonical name: the lower-case built-in name, or the file path as given.</summary>
    public string Name { get; }

    /// <summary>Whether this is a three-phase feeder (<see cref="ThreePhaseGrid"/>).</summary>
    public abstract bool IsThreePhase { get; }
}

/// <summary>A balanced (positive-sequence) network: a built-in balanced feeder or a case file.</summary>
public sealed class BalancedGrid : ResolvedGrid
{
    /// <summary>Creates the result.</summary>
    /// <param name="name">Canonical name.</param>
    /// <param name="network">The network.</param>
    public BalancedGrid(string name, PowerNetwork network)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(network);
        Network = network;
    }

    /// <summary>The network.</summary>
    public PowerNetwork Network { get; }

    /// <inheritdoc />
    public override bool IsThreePhase => false;
}

/// <summary>An unbalanced three-phase feeder: one of <see cref="ThreePhaseFeeders.Names"/>.</summary>
public sealed class ThreePhaseGrid : ResolvedGrid
{
    /// <summary>Creates the result.</summary>
    /// <param name="name">Canonical name.</param>
    /// <param name="feeder">The feeder.</param>
    public ThreePhaseGrid(string name, ThreePhaseFeeder feeder)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(feeder);
        Feeder = feeder;
    }

    /// <summary>The feeder.</summary>
    public ThreePhaseFeeder Feeder { get; }

    /// <inheritdoc />
    public override bool IsThreePhase => true;
}
