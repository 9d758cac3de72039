using System.Globalization;
using System.Text.Json;
using EvGrid.Optimization.Cli;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>samples/CustomMopso (a MOPSO variant composed from swarm components) loaded by
/// <c>evgrid solvers pareto --plugin</c>.</summary>
public sealed class CustomMopsoSampleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("evgrid-custom-mopso-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_sample_variant_runs_as_a_plugin_and_reports_a_front()
    {
        // The test project references the sample, so its DLL is built beside the tests.
        var plugin = Path.Combine(AppContext.BaseDirectory, "CustomMopso.dll");
        Assert.True(File.Exists(plugin), plugin);
        var (code, output, error) = Run("solvers", "pareto", "--plugin", plugin, "--optimizers", "mopso,mopso-cosine",
            "--problem", "zdt1", "--runs", "1", "--evaluations", "10000", "--seed", "7", "--format", "json", "--out", _dir,
            "--quiet");
        Assert.True(code == CliApp.Success, error);

        var results = JsonDocument.Parse(output).RootElement.GetProperty("results").EnumerateArray()
            .ToDictionary(r => r.GetProperty("optimizer").GetString()!);
        var cosine = results["mopso-cosine"];
        Assert.Equal(10_000, cosine.GetProperty("meanEvaluations").GetDouble());
        var igd = cosine.GetProperty("igdMean").GetDouble();
        // ZDT1's IGD target of docs/validation.md (0.005, set for 25 000 evaluations) is met already at 10 000: seeds
        // 1–30 gave 3.6e-3 to 3.7e-3. (At 3 000 evaluations 3 seeds in 20 had not left a local front, 0.019–0.092, so a
        // trajectory changed by another platform's math library could fail there.)
        Assert.True(igd is > 0 and < 0.005, $"IGD {igd}");

        // The front the variant reports: every point on ZDT1's objective range, none dominating another.
        var front = ReadFront("mopso-cosine-zdt1-run1.csv");
        Assert.True(front.Count >= 10, $"{front.Count} points");
        Assert.All(front, p => Assert.InRange(p[0], 0.0, 1.0));
        Assert.DoesNotContain(front, a => front.Any(b => b[0] <= a[0] && b[1] <= a[1] && (b[0] < a[0] || b[1] < a[1])));

        // Its components change the search: with the same seed the default MOPSO's front is another one.
        Assert.NotEqual(ReadFront("mopso-zdt1-run1.csv").SelectMany(p => p), front.SelectMany(p => p));
    }

    private List<double[]> ReadFront(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(_dir, file));
        var header = lines[0].Split(',');
        var (f1, f2) = (Array.IndexOf(header, "f1"), Array.IndexOf(header, "f2"));
        Assert.True(f1 >= 0 && f2 >= 0, lines[0]);
        return lines.Skip(1).Select(l => l.Split(','))
            .Select(c => new[] { double.Parse(c[f1], CultureInfo.InvariantCulture), double.Parse(c[f2], CultureInfo.InvariantCulture) })
            .ToList();
    }
}
