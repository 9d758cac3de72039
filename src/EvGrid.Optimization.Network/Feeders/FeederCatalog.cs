using System.Collections.Concurrent;

namespace EvGrid.Optimization.Network;

/// <summary>
/// The built-in balanced feeders, embedded in the assembly, and the one place that turns a case name or a file
/// path into a network:
/// <list type="bullet">
/// <item><c>ieee33</c> — IEEE 33-bus feeder, 12.66 kV, 3715 kW / 2300 kVAr (Baran &amp; Wu 1989, doi:10.1109/61.25627),
/// five tie switches open.</item>
/// <item><c>pge69</c> — 69-bus PG&amp;E feeder, 12.66 kV, 3802.2 kW / 2694.7 kVAr (Baran &amp; Wu 1989, doi:10.1109/61.19265).</item>
/// </list>
/// </summary>
public static class FeederCatalog
{
    /// <summary>Name of the IEEE 33-bus feeder.</summary>
    public const string Ieee33Name = "ieee33";

    /// <summary>Name of the PG&amp;E 69-bus feeder.</summary>
    public const string Pge69Name = "pge69";

    private static readonly ConcurrentDictionary<string, Lazy<PowerNetwork>> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names of the built-in balanced feeders.</summary>
    public static IReadOnlyList<string> Names { get; } = [Ieee33Name, Pge69Name];

    /// <summary>The IEEE 33-bus feeder (Baran &amp; Wu 1989), tie switches open.</summary>
    /// <returns>The network (shared, immutable).</returns>
    public static PowerNetwork Ieee33() => Get(Ieee33Name);

    /// <summary>The PG&amp;E 69-bus feeder (Baran &amp; Wu 1989).</summary>
    /// <returns>The network (shared, immutable).</returns>
    public static PowerNetwork Pge69() => Get(Pge69Name);

    /// <summary>A built-in feeder by name (case-insensitive).</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The network (shared, immutable).</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static PowerNetwork Get(string name) =>
        TryGet(name, out var network)
            ? network
            : throw new ArgumentException($"unknown feeder '{name}'; built-in feeders are {string.Join(", ", Names)}.");

    /// <summary>Looks a built-in feeder up by name (case-insensitive).</summary>
    /// <param name="name">A name.</param>
    /// <param name="network">The network when found.</param>
    /// <returns>True when the name is a built-in feeder.</returns>
    public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PowerNetwork? network)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            network = null;
            return false;
        }

        network = Cache.GetOrAdd(name.ToLowerInvariant(), n => new Lazy<PowerNetwork>(() => LoadEmbedded(n))).Value;
        return true;
    }

    /// <summary>
    /// Resolves a case: a built-in feeder name, a MATPOWER case file (<c>.m</c>) or a file in
    /// <see cref="FeederTextFormat"/> (any other extension).
    /// </summary>
    /// <param name="caseNameOrPath">Name or path.</param>
    /// <returns>The network.</returns>
    /// <exception cref="ArgumentException">Neither a built-in name nor an existing file.</exception>
    public static PowerNetwork Resolve(string caseNameOrPath)
    {
        ArgumentNullException.ThrowIfNull(caseNameOrPath);
        if (TryGet(caseNameOrPath, out var network))
        {
            return network;
        }

        if (!File.Exists(caseNameOrPath))
        {
            throw new ArgumentException(
                $"case '{caseNameOrPath}' is neither a built-in feeder ({string.Join(", ", Names)}) nor an existing file.");
        }

        if (caseNameOrPath.EndsWith(".m", StringComparison.OrdinalIgnoreCase))
        {
            return MatpowerCaseReader.ReadFile(caseNameOrPath);
        }

        using var reader = File.OpenText(caseNameOrPath);
        return FeederTextFormat.Read(reader, Path.GetFileName(caseNameOrPath));
    }

    /// <summary>Names of the balanced solvers: <c>sweep</c>, <c>newton</c>.</summary>
    public static IReadOnlyList<string> SolverNames { get; } = [BackwardForwardSweepSolver.SolverName, NewtonRaphsonSolver.SolverName];

    /// <summary>A solver by name (case-insensitive): <c>sweep</c> or <c>newton</c>.</summary>
    /// <param name="name">Solver name.</param>
    /// <returns>A new solver.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static IPowerFlowSolver Solver(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            BackwardForwardSweepSolver.SolverName => new BackwardForwardSweepSolver(),
            NewtonRaphsonSolver.SolverName => new NewtonRaphsonSolver(),
            _ => throw new ArgumentException($"unknown solver '{name}'; use {string.Join(" or ", SolverNames)}."),
        };
    }

    private static PowerNetwork LoadEmbedded(string name)
    {
        var assembly = typeof(FeederCatalog).Assembly;
        var resource = assembly.GetManifestResourceNames()
            .Single(r => r.EndsWith($".Feeders.{name}.feeder", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded feeder '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return FeederTextFormat.Read(reader, $"{name}.feeder");
    }
}
