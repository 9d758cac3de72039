using System.Diagnostics;
using System.Globalization;
using System.Text;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.ThreePhase;
using EvGrid.Optimization.Tests.Shared;
using Xunit;
using Xunit.Abstractions;

namespace EvGrid.Optimization.Network.Tests;

/// <summary>
/// Seeded mutation fuzz of the two readers of outside files: the MATPOWER case reader and the three-phase feeder JSON
/// (parse, then build). Valid files are mutated by character flips, truncation, swapped tokens, huge or non-finite
/// numbers and dropped or repeated lines; every mutated input must end in a network or the reader's own error
/// (<see cref="FormatException"/> or <see cref="NetworkValidationException"/>), never another exception or a hang.
/// The suite runs the full 100 000 inputs, 50 000 per reader (33 s for both on two cores); <c>EVGRID_FUZZ_INPUTS</c>
/// sets another count per reader with the same seeds, so a longer hunt replays its first inputs exactly.
/// </summary>
public sealed class ReaderMutationFuzzTests(ITestOutputHelper output)
{
    /// <summary>Inputs per reader (50 000, or <c>EVGRID_FUZZ_INPUTS</c>).</summary>
    private static readonly int InputsPerReader =
        int.TryParse(Environment.GetEnvironmentVariable("EVGRID_FUZZ_INPUTS"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 50_000;

    private static readonly string[] HugeNumbers =
        ["1e308", "-1e308", "1e999", "99999999999999999999999", "NaN", "Inf", "-Inf", "0", "-0", "1e-320", "2147483648"];

    [Fact]
    public void Mutated_matpower_cases_end_in_a_network_or_a_format_error()
    {
        string[] seeds =
        [
            File.ReadAllText(SharedData.Path("matpower", "case33bw.m")),
            File.ReadAllText(SharedData.Path("matpower", "case69.m")),
        ];
        Fuzz("matpower", seeds, 2026_11_27, text => MatpowerCaseReader.Read(new StringReader(text), "fuzz.m"));
    }

    [Fact]
    public void Mutated_three_phase_feeder_documents_end_in_a_feeder_or_a_format_or_validation_error()
    {
        var folder = Path.Combine(SharedData.RepositoryRoot, "src", "EvGrid.Optimization.Network", "Resources", "ThreePhase");
        string[] seeds = [File.ReadAllText(Path.Combine(folder, "ieee13.json")), File.ReadAllText(Path.Combine(folder, "ieee34.json"))];
        Fuzz("three-phase JSON", seeds, 2026_11_28, text => ThreePhaseFeederDocument.Parse(text).ToBuilder().Build());
    }

    private void Fuzz(string reader, string[] seeds, int seed, Func<string, object> read)
    {
        // The unmutated files are read: the fuzz starts from inputs that work.
        foreach (var s in seeds)
        {
            Assert.NotNull(read(s));
        }

        var outcomes = new int[3]; // result, FormatException, NetworkValidationException
        var slowest = TimeSpan.Zero;
        var fuzz = Task.Run(() =>
        {
            var random = new Random(seed);
            var clock = new Stopwatch();
            for (var i = 0; i < InputsPerReader; i++)
            {
                var text = Mutate(seeds[i % seeds.Length], random);
                clock.Restart();
                try
                {
                    _ = read(text);
                    outcomes[0]++;
                }
                catch (NetworkValidationException)
                {
                    outcomes[2]++;
                }
                catch (FormatException)
                {
                    outcomes[1]++;
                }
                catch (Exception ex)
                {
                    Assert.Fail($"{reader} input #{i} (seed {seed}) threw {ex.GetType().Name}: {ex.Message}\n--- input ---\n{text}");
                }

                if (clock.Elapsed > slowest)
                {
                    slowest = clock.Elapsed;
                }
            }
        });
        // A hang fails the test instead of stalling the suite.
        var limit = TimeSpan.FromMilliseconds(Math.Max(120_000, InputsPerReader * 5.0));
        Assert.True(fuzz.Wait(limit), $"{reader}: the fuzz did not finish in {limit.TotalSeconds:F0} s (a reader hangs)");
        output.WriteLine($"{reader}: {outcomes[0]} read, {outcomes[1]} format errors, {outcomes[2]} validation errors; slowest input {slowest.TotalMilliseconds:F1} ms");
        Assert.Equal(InputsPerReader, outcomes.Sum());
        Assert.True(outcomes[0] > 0 && outcomes[1] > 0, "the mutations must reach both outcomes, or the fuzz checks nothing");
    }

    /// <summary>One to three mutations of a valid input.</summary>
    private static string Mutate(string text, Random random)
    {
        var count = 1 + random.Next(3);
        for (var m = 0; m < count && text.Length > 0; m++)
        {
            text = random.Next(6) switch
            {
                0 => FlipCharacters(text, random),
                1 => text[..random.Next(text.Length)],
                2 => SwapTokens(text, random),
                3 => ReplaceNumber(text, random),
                4 => DropLine(text, random),
                _ => RepeatLine(text, random),
            };
        }

        return text;
    }

    private static string FlipCharacters(string text, Random random)
    {
        var chars = text.ToCharArray();
        for (var k = 1 + random.Next(4); k > 0; k--)
        {
            // Mostly printable ASCII, sometimes any byte value, as a damaged file would hold.
            chars[random.Next(chars.Length)] = random.Next(4) == 0 ? (char)random.Next(256) : (char)random.Next(32, 127);
        }

        return new string(chars);
    }

    private static string SwapTokens(string text, Random random)
    {
        var tokens = Tokens(text);
        if (tokens.Count < 2)
        {
            return text;
        }

        var (a, b) = (tokens[random.Next(tokens.Count)], tokens[random.Next(tokens.Count)]);
        if (a.Start > b.Start)
        {
            (a, b) = (b, a);
        }

        if (a.Start + a.Length > b.Start)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        sb.Append(text, 0, a.Start).Append(text, b.Start, b.Length)
            .Append(text, a.Start + a.Length, b.Start - a.Start - a.Length)
            .Append(text, a.Start, a.Length).Append(text, b.Start + b.Length, text.Length - b.Start - b.Length);
        return sb.ToString();
    }

    private static string ReplaceNumber(string text, Random random)
    {
        var numbers = Tokens(text).Where(t => double.TryParse(text.AsSpan(t.Start, t.Length).Trim(",;]"), NumberStyles.Float,
            CultureInfo.InvariantCulture, out _)).ToList();
        if (numbers.Count == 0)
        {
            return text;
        }

        var n = numbers[random.Next(numbers.Count)];
        return string.Concat(text.AsSpan(0, n.Start), HugeNumbers[random.Next(HugeNumbers.Length)], text.AsSpan(n.Start + n.Length));
    }

    private static string DropLine(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        lines.RemoveAt(random.Next(lines.Count));
        return string.Join('\n', lines);
    }

    private static string RepeatLine(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        var i = random.Next(lines.Count);
        lines.Insert(i, lines[i]);
        return string.Join('\n', lines);
    }

    private static List<(int Start, int Length)> Tokens(string text)
    {
        var tokens = new List<(int, int)>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var separator = i == text.Length || char.IsWhiteSpace(text[i]) || text[i] is ':' or '"' or '[' or '{' or '}';
            if (!separator && start < 0)
            {
                start = i;
            }
            else if (separator && start >= 0)
            {
                tokens.Add((start, i - start));
                start = -1;
            }
        }

        return tokens;
    }
}
