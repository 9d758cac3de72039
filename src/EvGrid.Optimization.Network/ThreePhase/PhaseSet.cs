namespace EvGrid.Optimization.Network.ThreePhase;

/// <summary>The phases (a, b, c) present on a bus or a branch; any non-empty subset.</summary>
[Flags]
public enum PhaseSet
{
    /// <summary>No phase.</summary>
    None = 0,

    /// <summary>Phase a.</summary>
    A = 1,

    /// <summary>Phase b.</summary>
    B = 2,

    /// <summary>Phase c.</summary>
    C = 4,

    /// <summary>Phases a and b.</summary>
    AB = A | B,

    /// <summary>Phases a and c.</summary>
    AC = A | C,

    /// <summary>Phases b and c.</summary>
    BC = B | C,

    /// <summary>All three phases.</summary>
    ABC = A | B | C,
}

/// <summary>Helpers for <see cref="PhaseSet"/>.</summary>
public static class PhaseSets
{
    /// <summary>Whether phase index <paramref name="phase"/> (0 = a, 1 = b, 2 = c) is in the set.</summary>
    /// <param name="set">The phase set.</param>
    /// <param name="phase">Phase index 0..2.</param>
    /// <returns><see langword="true"/> when present.</returns>
    public static bool Has(this PhaseSet set, int phase) => ((int)set & (1 << phase)) != 0;

    /// <summary>The phase letter ("A", "B", "C") of a phase index.</summary>
    /// <param name="phase">Phase index 0..2.</param>
    /// <returns>The letter.</returns>
    public static string Letter(int phase) => phase switch
    {
        0 => "A",
        1 => "B",
        2 => "C",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "phase index must be 0, 1 or 2"),
    };

    /// <summary>Number of phases in the set.</summary>
    /// <param name="set">The phase set.</param>
    /// <returns>0..3.</returns>
    public static int Count(this PhaseSet set) => (set.Has(0) ? 1 : 0) + (set.Has(1) ? 1 : 0) + (set.Has(2) ? 1 : 0);

    /// <summary>Parses letters such as "ABC", "BC", "a" (case-insensitive; spaces, commas and N ignored).</summary>
    /// <param name="text">The phase letters.</param>
    /// <returns>The phase set.</returns>
    /// <exception cref="FormatException">An unknown letter or an empty set.</exception>
    public static PhaseSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var set = PhaseSet.None;
        foreach (var ch in text)
        {
            set |= char.ToUpperInvariant(ch) switch
            {
                'A' => PhaseSet.A,
                'B' => PhaseSet.B,
                'C' => PhaseSet.C,
                ' ' or ',' or '-' or 'N' => PhaseSet.None,
                _ => throw new FormatException($"phases '{text}': unknown phase letter '{ch}' (expected A, B, C)"),
            };
        }

        return set == PhaseSet.None ? throw new FormatException($"phases '{text}': no phase given") : set;
    }

    /// <summary>The letters of a set, e.g. "AC".</summary>
    /// <param name="set">The phase set.</param>
    /// <returns>The letters in a, b, c order.</returns>
    public static string ToLetters(this PhaseSet set) =>
        (set.Has(0) ? "A" : string.Empty) + (set.Has(1) ? "B" : string.Empty) + (set.Has(2) ? "C" : string.Empty);
}
