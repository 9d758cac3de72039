using System.CommandLine;
using System.Globalization;

namespace EvGrid.Optimization.Cli;

/// <summary>
/// Input checks every command shares, all speaking the command line's words: option names and valid ranges, never
/// the library's property names. Each failure is an <see cref="ArgumentException"/> that <see cref="CliApp"/> turns
/// into exit code 1 and one line on standard error.
/// </summary>
internal static class CliChecks
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>Throws unless <paramref name="value"/> lies in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <param name="value">The value given.</param>
    /// <param name="min">Smallest valid value.</param>
    /// <param name="max">Largest valid value.</param>
    /// <param name="option">The option's name, e.g. <c>--runs</c>.</param>
    public static void Range(long value, long min, long max, string option)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException(string.Create(C, $"{option} must be in [{min}, {max}], got {value}."));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is -1 (all cores) or in [1, 1024].</summary>
    /// <param name="value">The <c>--threads</c> value.</param>
    public static void Threads(int value)
    {
        if (value != -1 && value is < 1 or > 1024)
        {
            throw new ArgumentException(string.Create(C, $"--threads must be -1 (all cores) or in [1, 1024], got {value}."));
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is finite and in (0, <paramref name="max"/>].</summary>
    /// <param name="value">The value given.</param>
    /// <param name="max">Largest valid value.</param>
    /// <param name="option">The option's name.</param>
    public static void Positive(double value, double max, string option)
    {
        if (!double.IsFinite(value) || value <= 0 || value > max)
        {
            throw new ArgumentException(string.Create(C, $"{option} must be a number in (0, {max:G}], got {value:G}."));
        }
    }

    /// <summary>
    /// Refuses a run whose estimated memory exceeds half of what this process may use, before anything is allocated.
    /// </summary>
    /// <param name="estimatedBytes">Estimated peak memory of the run, in bytes (may exceed <see cref="long.MaxValue"/>).</param>
    /// <param name="what">The option and value responsible, e.g. <c>--evs 2000000000</c>.</param>
    /// <param name="largestAllowed">Describes the largest value that fits, given the budget in bytes.</param>
    public static void Memory(double estimatedBytes, string what, Func<double, string> largestAllowed)
    {
        ArgumentNullException.ThrowIfNull(largestAllowed);
        var budget = MemoryBudgetBytes;
        if (estimatedBytes > budget)
        {
            throw new ArgumentException(string.Create(C,
                $"{what} would need about {Bytes(estimatedBytes)} of memory; the limit here is {Bytes(budget)} (half of the memory available), so {largestAllowed(budget)}."));
        }
    }

    /// <summary>Half of the memory this process may use (physical memory or the container limit), in bytes.</summary>
    public static double MemoryBudgetBytes => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 2.0;

    /// <summary>
    /// Checks an output directory before a run: creates it and proves that a file can be written there, so a long run
    /// never ends in an error about its output.
    /// </summary>
    /// <param name="directory">The directory given.</param>
    /// <param name="option">The option's name (<c>--out</c>).</param>
    /// <returns>The full path.</returns>
    public static string OutputDirectory(string directory, string option = "--out")
    {
        try
        {
            var full = Path.GetFullPath(directory);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".evgrid-write-check-{Environment.ProcessId.ToString(C)}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return full;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"{option}: cannot write to the directory '{directory}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Makes a string option accept one of <paramref name="values"/> in any letter case; the parsed value is the
    /// lower-case form, and anything else is a parse error that lists the valid values.
    /// </summary>
    /// <param name="option">The option.</param>
    /// <param name="values">The valid values, lower case.</param>
    /// <returns>The same option.</returns>
    public static Option<string> OneOf(this Option<string> option, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(option);
        option.CustomParser = result =>
        {
            var token = result.Tokens.Count == 0 ? string.Empty : result.Tokens[^1].Value.Trim();
            var match = values.FirstOrDefault(v => string.Equals(v, token, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                result.AddError($"{option.Name}: unknown value '{token}'; valid: {string.Join(", ", values)} (any letter case).");
                return null;
            }

            return match;
        };
        option.CompletionSources.Add(values);
        option.HelpName = string.Join('|', values);
        return option;
    }

    /// <summary>A size in bytes for a message (kB, MB, GB, TB).</summary>
    /// <param name="bytes">Bytes.</param>
    /// <returns>The size with its unit.</returns>
    public static string Bytes(double bytes)
    {
        string[] units = ["bytes", "kB", "MB", "GB", "TB", "PB", "EB"];
        var u = 0;
        while (bytes >= 1000 && u < units.Length - 1)
        {
            bytes /= 1000;
            u++;
        }

        return string.Create(C, $"{bytes:0.#} {units[u]}");
    }
}
