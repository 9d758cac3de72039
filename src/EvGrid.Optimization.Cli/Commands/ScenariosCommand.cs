using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Fleet;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary><c>evgrid scenarios</c>: reduces a year of wind, irradiance and load to typical days.</summary>
internal static class ScenariosCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var year = new Option<string>("--year") { Description = "'synthetic' for the seeded synthetic year, or a CSV file with columns wind_m_s, irradiance_kw_m2, load (one row per hour).", DefaultValueFactory = _ => "synthetic" };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic year and of the k-means++ seeding.", DefaultValueFactory = _ => 1 };
        var clusters = new Option<int?>("--clusters") { Description = "Use exactly this many typical days instead of the largest pseudo-F." };
        var maxClusters = new Option<int>("--max-clusters") { Description = "Largest cluster count tried by the pseudo-F choice.", DefaultValueFactory = _ => 10 };
        var format = new Option<string>("--format") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json");
        var quiet = StudyRuns.QuietOption();

        var command = new Command("scenarios", "Typical wind / PV / load days by k-means++ with the cluster count of the largest pseudo-F (seed 002 §2).")
        {
            year, seed, clusters, maxClusters, format, quiet,
        };
        command.SetAction(parse =>
        {
            var source = parse.GetValue(year)!;
            var s = parse.GetValue(seed);
            if (parse.GetValue(clusters) is { } k)
            {
                CliChecks.Range(k, 1, int.MaxValue, "--clusters");
            }

            CliChecks.Range(parse.GetValue(maxClusters), 2, int.MaxValue, "--max-clusters");
            var synthetic = string.Equals(source, "synthetic", StringComparison.OrdinalIgnoreCase);
            if (!synthetic && !File.Exists(source))
            {
                throw new ArgumentException($"--year: no file '{source}' (give 'synthetic' or a CSV file of hourly wind_m_s, irradiance_kw_m2, load).");
            }

            var data = synthetic
                ? new SyntheticYearGenerator().Generate(new SyntheticYearOptions { Seed = s })
                : WeatherYear.ReadCsvFile(source);
            if (parse.GetValue(clusters) is { } fixedCount && fixedCount > data.Days)
            {
                throw new ArgumentException($"--clusters must be at most the {data.Days} days of {source}, got {fixedCount}.");
            }

            var maxK = parse.GetValue(maxClusters);
            if (parse.GetValue(clusters) is null && maxK > data.Days)
            {
                context.Error.WriteLine($"note: --max-clusters {maxK} is more than the {data.Days} days of {source}; trying at most {data.Days}.");
                maxK = data.Days;
            }

            var options = new ScenarioReductionOptions { Seed = s, ClusterCount = parse.GetValue(clusters), MaxClusters = maxK };
            return StudyRuns.WithCtrlC(context, token =>
            {
                var set = StudyRuns.WithProgress(context, parse.GetValue(quiet), "scenarios",
                    progress => new ScenarioReducer().Reduce(data, options, progress, token));
                if (parse.GetValue(format) == "json")
                {
                    context.Output.WriteLine(Json(set, data, source, s));
                }
                else
                {
                    WriteTable(context.Output, set, data, source, s);
                }

                if (!set.Cancelled)
                {
                    return CliApp.Success;
                }

                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"interrupted: the typical days are the best of k = {TriedText(set)} (the cluster counts tried in full)."));
                return CliApp.Interrupted;
            });
        });
        return command;
    }

    /// <summary>The cluster counts whose pseudo-F was computed, e.g. "2–5".</summary>
    private static string TriedText(ScenarioSet set)
    {
        var tried = Enumerable.Range(0, set.PseudoF.Count).Where(k => !double.IsNaN(set.PseudoF[k])).ToList();
        return tried.Count <= 1
            ? string.Join(string.Empty, tried)
            : string.Create(CultureInfo.InvariantCulture, $"{tried[0]}–{tried[^1]}");
    }

    private static void WriteTable(TextWriter o, ScenarioSet set, WeatherYear data, string source, int seed)
    {
        var inv = CultureInfo.InvariantCulture;
        if (set.Cancelled)
        {
            o.WriteLine($"Interrupted (Ctrl+C): the best of k = {TriedText(set)}, the cluster counts tried in full.");
        }

        o.WriteLine(string.Create(inv, $"Typical days of {source} ({data.Days} days, seed {seed}): {set.Count} clusters"));
        o.Write("pseudo-F by k:");
        for (var k = 0; k < set.PseudoF.Count; k++)
        {
            if (!double.IsNaN(set.PseudoF[k]))
            {
                o.Write(string.Create(inv, $"  k={k}: {set.PseudoF[k]:F1}"));
            }
        }

        o.WriteLine();
        o.WriteLine();
        o.WriteLine($"day  probability  days  medoid  wind mean [m/s]  irradiance mean [kW/m2]  load mean [{data.LoadUnit}]  load peak [{data.LoadUnit}]");
        foreach (var d in set.Days)
        {
            o.WriteLine(string.Create(inv,
                $"{d.Index,3}  {d.Probability,11:F4}  {d.DayCount,4}  {d.MedoidDay,6}  {d.WindMps.Average(),15:F2}  {d.IrradianceKwPerM2.Average(),23:F3}  {d.Load.Average(),14:F3}  {d.Load.Max(),14:F3}"));
        }

        o.WriteLine();
        var header = new StringBuilder("hour");
        foreach (var d in set.Days)
        {
            header.Append(inv, $"  d{d.Index} wind  d{d.Index} irr  d{d.Index} load");
        }

        o.WriteLine(header.ToString());
        for (var h = 0; h < 24; h++)
        {
            var line = new StringBuilder(string.Create(inv, $"{h,4}"));
            foreach (var d in set.Days)
            {
                line.Append(inv, $"  {d.WindMps[h],7:F2}  {d.IrradianceKwPerM2[h],6:F3}  {d.Load[h],7:F3}");
            }

            o.WriteLine(line.ToString());
        }
    }

    private static string Json(ScenarioSet set, WeatherYear data, string source, int seed)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteBoolean("cancelled", set.Cancelled);
            w.WriteNumber("seed", seed);
            w.WriteString("source", source);
            w.WriteNumber("days", data.Days);
            w.WriteString("loadUnit", data.LoadUnit);
            w.WriteNumber("clusterCount", set.Count);
            w.WriteStartObject("pseudoF");
            for (var k = 0; k < set.PseudoF.Count; k++)
            {
                if (double.IsFinite(set.PseudoF[k]))
                {
                    w.WriteNumber(k.ToString(CultureInfo.InvariantCulture), set.PseudoF[k]);
                }
            }

            w.WriteEndObject();
            w.WriteStartArray("typicalDays");
            foreach (var d in set.Days)
            {
                w.WriteStartObject();
                w.WriteNumber("index", d.Index);
                w.WriteNumber("probability", d.Probability);
                w.WriteNumber("days", d.DayCount);
                w.WriteNumber("medoidDay", d.MedoidDay);
                Series(w, "windMps", d.WindMps);
                Series(w, "irradianceKwM2", d.IrradianceKwPerM2);
                Series(w, "load", d.Load);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Series(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }
}
