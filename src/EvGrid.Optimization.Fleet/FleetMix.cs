namespace EvGrid.Optimization.Fleet;

/// <summary>One EV type and its relative share in a <see cref="FleetMix"/>.</summary>
/// <param name="Type">The EV type.</param>
/// <param name="Share">Relative share (any positive number; shares are normalised).</param>
public sealed record FleetMixEntry(EvType Type, double Share);

/// <summary>
/// A fleet composition: EV types with relative shares. The sampler apportions a fleet of N EVs to the types by the
/// largest-remainder method, so the counts are exact and deterministic (no sampling noise in the mix).
/// </summary>
public sealed class FleetMix
{
    /// <summary>Creates a mix and validates every type and share.</summary>
    /// <param name="name">Display name.</param>
    /// <param name="entries">Types and shares.</param>
    public FleetMix(string name, IEnumerable<FleetMixEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Entries = [.. entries];
        if (Entries.Count == 0)
        {
            throw new ArgumentException($"Fleet mix '{name}' must hold at least one EV type.", nameof(entries));
        }

        foreach (var e in Entries)
        {
            ArgumentNullException.ThrowIfNull(e);
            e.Type.Validate();
            if (!(e.Share > 0) || double.IsInfinity(e.Share))
            {
                throw new ArgumentException($"Fleet mix '{name}': share of '{e.Type.Name}' must be finite and > 0, got {e.Share}.", nameof(entries));
            }
        }
    }

    /// <summary>Display name.</summary>
    public string Name { get; }

    /// <summary>Types and shares.</summary>
    public IReadOnlyList<FleetMixEntry> Entries { get; }

    /// <summary>
    /// Seed 002 §3: buses : taxis : business cars : private cars = 1 : 2.4 : 10.2 : 63.5 (900 EVs → 741 private
    /// cars; the paper states 740).
    /// </summary>
    public static FleetMix Seed002 { get; } = new("seed002",
    [
        new FleetMixEntry(EvType.Seed002Bus, 1.0),
        new FleetMixEntry(EvType.Seed002Taxi, 2.4),
        new FleetMixEntry(EvType.Seed002BusinessCar, 10.2),
        new FleetMixEntry(EvType.Seed002PrivateCar, 63.5),
    ]);

    /// <summary>Private cars only (seed 002's V2G-schedulable population).</summary>
    public static FleetMix PrivateOnly { get; } = new("private", [new FleetMixEntry(EvType.Seed002PrivateCar, 1.0)]);

    /// <summary>Seed 000's residential area: 25 kWh cars on 7 kW AC piles with charging efficiency 0.95.</summary>
    public static FleetMix Seed000Residential { get; } = new("seed000", [new FleetMixEntry(EvType.Seed000ResidentialCar, 1.0)]);

    /// <summary>Looks a preset up by name: <c>seed002</c>, <c>private</c> or <c>seed000</c> (case-insensitive).</summary>
    /// <param name="name">Preset name.</param>
    /// <returns>The preset.</returns>
    public static FleetMix FromName(string name) => name?.ToUpperInvariant() switch
    {
        "SEED002" => Seed002,
        "PRIVATE" => PrivateOnly,
        "SEED000" => Seed000Residential,
        _ => throw new ArgumentException($"Unknown fleet mix '{name}': expected seed002, private or seed000.", nameof(name)),
    };

    /// <summary>Splits <paramref name="evCount"/> EVs over the entries by the largest-remainder method.</summary>
    /// <param name="evCount">Fleet size (≥ 0).</param>
    /// <returns>The count of each entry, in entry order, summing to <paramref name="evCount"/>.</returns>
    public int[] Apportion(int evCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(evCount);
        var total = 0.0;
        foreach (var e in Entries)
        {
            total += e.Share;
        }

        var counts = new int[Entries.Count];
        var remainders = new double[Entries.Count];
        var assigned = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var exact = evCount * Entries[i].Share / total;
            counts[i] = (int)Math.Floor(exact);
            remainders[i] = exact - counts[i];
            assigned += counts[i];
        }

        while (assigned < evCount)
        {
            var best = 0;
            for (var i = 1; i < counts.Length; i++)
            {
                if (remainders[i] > remainders[best])
                {
                    best = i;
                }
            }

            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }

        return counts;
    }
}
