namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>
/// The built-in three-phase feeders, embedded in the package: IEEE 13, IEEE 34 and the modified IEEE 34 of seed 000.
/// </summary>
public static class ThreePhaseFeeders
{
    /// <summary>Names accepted by <see cref="Get"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["ieee13", "ieee34", "ieee34-mod"];

    /// <summary>The IEEE 13-node test feeder (taps locked at the published 10, 8, 11).</summary>
    /// <param name="placement">Distributed-load placement.</param>
    /// <returns>The feeder.</returns>
    public static ThreePhaseFeeder Ieee13(DistributedLoadPlacement placement = DistributedLoadPlacement.KerstingExactLumped) =>
        Document("ieee13").ToBuilder(placement).Build();

    /// <summary>The IEEE 34-node test feeder (taps at the published 12/5/5 and 13/11/12, 800 held at 1.05 pu).</summary>
    /// <param name="placement">Distributed-load placement.</param>
    /// <returns>The feeder.</returns>
    public static ThreePhaseFeeder Ieee34(DistributedLoadPlacement placement = DistributedLoadPlacement.KerstingExactLumped) =>
        Document("ieee34").ToBuilder(placement).Build();

    /// <summary>A built-in feeder by name ("ieee13", "ieee34", "ieee34-mod"; case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <returns>The feeder.</returns>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ThreePhaseFeeder Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "ieee13" => Ieee13(),
            "ieee34" => Ieee34(),
            "ieee34-mod" or "ieee34mod" => ModifiedIeee34.Create(),
            _ => throw new ArgumentException($"unknown three-phase feeder '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
        };
    }

    /// <summary>The embedded JSON document of a feeder ("ieee13" or "ieee34").</summary>
    /// <param name="name">The name.</param>
    /// <returns>The parsed document.</returns>
    public static ThreePhaseFeederDocument Document(string name)
    {
        var resource = $"EvGrid.Optimization.Network.Resources.ThreePhase.{name}.json";
        using var stream = typeof(ThreePhaseFeeders).Assembly.GetManifestResourceStream(resource)
            ?? throw new ArgumentException($"no embedded three-phase feeder '{name}'", nameof(name));
        using var reader = new StreamReader(stream);
        return ThreePhaseFeederDocument.Parse(reader.ReadToEnd());
    }
}
