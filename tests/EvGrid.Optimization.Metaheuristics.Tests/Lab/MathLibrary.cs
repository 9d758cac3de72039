using System.Globalization;

namespace EvGrid.Optimization.Metaheuristics.Tests.Lab;

/// <summary>
/// Whether this process's <see cref="Math.Cos"/>, <see cref="Math.Sin"/>, <see cref="Math.Exp"/>,
/// <see cref="Math.Log(double)"/> and <see cref="Math.Pow"/> return the same bits as the C library the pinned protocol
/// outputs were written with (glibc 2.36 on linux-x64). .NET hands these functions to the platform's C library, whose
/// last bits differ between glibc, the Windows CRT and Apple's libm; an optimizer run amplifies one differing bit into
/// a different trajectory, so exact pins of runs that call them hold only where the library is the same.
/// </summary>
internal static class MathLibrary
{
    /// <summary>The fingerprint on the platform of the pins (FNV-1a over the result bits of <see cref="Compute"/>).</summary>
    public const ulong PinnedFingerprint = 0x87E43C43361D6054UL;

    /// <summary>This process's fingerprint.</summary>
    public static ulong Fingerprint { get; } = Compute();

    /// <summary>Whether the pins can be compared bit for bit here.</summary>
    public static bool MatchesPinned => Fingerprint == PinnedFingerprint;

    /// <summary>A description for a skipped comparison.</summary>
    public static string Describe()
        => string.Create(CultureInfo.InvariantCulture, $"math library fingerprint {Fingerprint:X16}, pins written at {PinnedFingerprint:X16}");

    /// <summary>Hashes the five functions over 20 000 arguments spread over the ranges the optimizers use (angles up to
    /// ±40 rad, exponents of schedules, the powers of polynomial mutation and SBX).</summary>
    private static ulong Compute()
    {
        var hash = 14695981039346656037UL;
        for (var i = 0; i < 20_000; i++)
        {
            var x = -40.0 + (i * 0.004000123);
            Mix(Math.Cos(x));
            Mix(Math.Sin(x));
            Mix(Math.Exp(x / 4.0));
            Mix(Math.Log(Math.Abs(x) + 1e-3));
            Mix(Math.Pow(Math.Abs(x) / 40.0, 1.0 / (1.0 + (i % 40))));
        }

        return hash;

        void Mix(double value)
        {
            var bits = BitConverter.DoubleToUInt64Bits(value);
            for (var b = 0; b < 8; b++)
            {
                hash = unchecked((hash ^ ((bits >> (8 * b)) & 0xFF)) * 1099511628211UL);
            }
        }
    }
}
