using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Cli.Reporting;
using EvGrid.Optimization.Metaheuristics.MultiObjective;
using EvGrid.Optimization.Metaheuristics.Problems.MultiObjective;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// <c>evgrid solvers pareto</c>: mean and standard deviation of IGD and hypervolume per optimizer on the ZDT/DTLZ
/// problems at a fixed evaluation budget, with every run's front as CSV and SVG plots; a thin shell over
/// <see cref="ParetoComparison"/>.
/// </summary>
internal static class SolversParetoCommand
{
    public static Command Create(CliContext context)
    {
        var problem = new Option<string>("--problem")
        {
            Description = $"Problem, or a comma-separated list ({string.Join(", ", MultiObjectiveProblems.Names)}).",
            DefaultValueFactory = _ => "zdt1",
        };
        var optimizers = new Option<string>("--optimizers")
        {
            Description = "Comma-separated multi-objective optimizer names (see `evgrid solvers list`).",
            DefaultValueFactory = _ => "mopso,nsga2",
        };
        var evaluations = new Option<long>("--evaluations") { Description = "Objective evaluations per run.", DefaultValueFactory = _ => 25_000 };
        var runs = new Option<int>("--runs") { Description = "Independent runs per optimizer and problem.", DefaultValueFactory = _ => 30 };
        var seed = new Option<long>("--seed") { Description = "Series seed (results are reproducible).", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out")
        {
            Description = "Directory for the fronts (<optimizer>-<problem>-run<k>.csv, k from 1) and SVG plots.",
        };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json");
        var threads = new Option<int>("--threads")
        {
            Description = "Runs executed at once (-1 = all cores); results do not depend on it.",
            DefaultValueFactory = _ => -1,
        };
        var plugin = SolversCommand.PluginOption();

        var command = new Command("pareto",
            "Compare multi-objective optimizers on ZDT/DTLZ problems: IGD and hypervolume (mean, std), fronts as CSV and SVG.");
        var quiet = StudyRuns.QuietOption();
        foreach (var o in new Option[] { problem, optimizers, evaluations, runs, seed, outDir, format, threads, plugin, quiet })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            CliChecks.Range(parse.GetValue(evaluations), 1, 1_000_000_000, "--evaluations");
            CliChecks.Range(parse.GetValue(runs), 1, 100_000, "--runs");
            CliChecks.Threads(parse.GetValue(threads));
            var dir = parse.GetValue(outDir) is { Length: > 0 } given ? CliChecks.OutputDirectory(given) : null;
            var registry = SolversCommand.BuildRegistry(parse.GetValue(plugin));
            var request = new ParetoComparisonRequest
            {
                Problems = SolversCommand.SplitList(parse.GetValue(problem), "--problem"),
                Optimizers = SolversCommand.SplitList(parse.GetValue(optimizers), "--optimizers"),
                Evaluations = parse.GetValue(evaluations),
                Runs = parse.GetValue(runs),
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(threads),
            };
            var result = StudyRuns.WithProgress(context, parse.GetValue(quiet), "solvers pareto",
                progress => new ParetoComparison(registry).Run(request, progress));
            SayBudgetRaised(context, request.Evaluations, result);
            if (dir is not null)
            {
                WriteFronts(result, dir);
                context.Error.WriteLine($"wrote every run's front (CSV) and the median-IGD fronts (SVG) to {dir}");
            }

            context.Output.Write(parse.GetValue(format) == "json" ? Json(result) : Table(result));
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Says on standard error when a budget smaller than one generation was raised by the optimizers.</summary>
    private static void SayBudgetRaised(CliContext context, long requested, ParetoComparisonResult result)
    {
        var used = result.Summaries.Where(s => s.MeanEvaluations > requested).ToList();
        if (used.Count > 0)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"note: --evaluations {requested} is less than one generation; the runs used {used.Min(s => s.MeanEvaluations):F0}–{used.Max(s => s.MeanEvaluations):F0} evaluations."));
        }
    }

    internal static string Json(ParetoComparisonResult result)
    {
        var payload = new
        {
            results = result.Summaries.Select(s => new
            {
                optimizer = s.Optimizer, problem = s.Problem, runs = s.Runs, igdMean = s.IgdMean, igdStd = s.IgdStd,
                hvMean = s.HvMean, hvStd = s.HvStd, meanSecondsPerRun = s.MeanSecondsPerRun, igdPlusMean = s.IgdPlusMean,
                meanEvaluations = s.MeanEvaluations, hvReference = s.HvReference, trueFrontHv = s.TrueFrontHv,
            }),
        };
        return JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    internal static string Table(ParetoComparisonResult result)
    {
        var header = new[] { "problem", "optimizer", "runs", "igdMean", "igdStd", "hvMean", "hvStd", "igd+Mean", "s/run" };
        var cells = result.Summaries.Select(s => new[]
        {
            s.Problem, s.Optimizer, s.Runs.ToString(CultureInfo.InvariantCulture), E(s.IgdMean), E(s.IgdStd),
            F(s.HvMean), E(s.HvStd), E(s.IgdPlusMean), s.MeanSecondsPerRun.ToString("F3", CultureInfo.InvariantCulture),
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Max(row => row[c].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] row) =>
            sb.AppendLine(string.Join("  ", row.Select((v, c) => c < 2 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd());
        Line(header);
        sb.AppendLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in cells)
        {
            Line(row);
        }

        return sb.ToString();
    }

    /// <summary>Writes every run's front as CSV and, per problem and optimizer, an SVG of the median-IGD run.</summary>
    internal static void WriteFronts(ParetoComparisonResult result, string directory)
    {
        Directory.CreateDirectory(directory);
        foreach (var run in result.Runs)
        {
            var m = run.ObjectiveCount;
            var sb = new StringBuilder();
            sb.AppendLine(string.Join(',', Enumerable.Range(1, m).Select(k => "f" + k.ToString(CultureInfo.InvariantCulture))));
            foreach (var row in SortedRows(run.Front, m))
            {
                sb.AppendLine(string.Join(',', row.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
            }

            File.WriteAllText(Path.Combine(directory,
                $"{run.Optimizer}-{run.Problem}-run{(run.Run + 1).ToString(CultureInfo.InvariantCulture)}.csv"), sb.ToString());
        }

        foreach (var problemRuns in result.Runs.GroupBy(r => r.Problem))
        {
            var problem = MultiObjectiveProblems.Create(problemRuns.Key);
            var medians = problemRuns.GroupBy(r => r.Optimizer)
                .Select(g => g.OrderBy(r => r.Igd).ThenBy(r => r.Run).ElementAt((g.Count() - 1) / 2))
                .ToList();
            foreach (var median in medians)
            {
                File.WriteAllText(Path.Combine(directory, $"{median.Optimizer}-{problem.Name}.svg"), FrontsSvg(problem, [median]));
            }

            File.WriteAllText(Path.Combine(directory, $"pareto-{problem.Name}.svg"), FrontsSvg(problem, medians));
        }
    }

    /// <summary>The runs' fronts against the sampled true front, f1 against f2 (a projection for three objectives).</summary>
    private static string FrontsSvg(MultiObjectiveTestProblem problem, IReadOnlyList<ParetoRunResult> runs)
    {
        var m = problem.ObjectiveCount;
        static List<(double X, double Y)> Points(ReadOnlySpan<double> flat, int m)
        {
            var points = new List<(double X, double Y)>(flat.Length / m);
            for (var i = 0; i + 1 < flat.Length; i += m)
            {
                points.Add((flat[i], flat[i + 1]));
            }

            return points;
        }

        var title = $"{problem.Name}: obtained fronts vs sampled true front" + (m > 2 ? " (f1–f2 projection)" : string.Empty);
        return Charts.Fronts(title, "f1", "f2", Points(problem.TrueFront.ToArray(), m),
            [.. runs.Select(r => (string.Create(CultureInfo.InvariantCulture, $"{r.Optimizer} run {r.Run + 1} (IGD {r.Igd:0.0000})"),
                (IReadOnlyList<(double X, double Y)>)Points(r.Front, m)))]);
    }

    private static IEnumerable<double[]> SortedRows(double[] front, int m) =>
        Enumerable.Range(0, front.Length / m).Select(i => front.AsSpan(i * m, m).ToArray())
            .OrderBy(r => r[0]).ThenBy(r => m > 1 ? r[1] : 0);

    private static string E(double v) => v.ToString("0.000e+00", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F5", CultureInfo.InvariantCulture);
}
