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
            Description = "Directory for the fronts (<optimizer>-<problem>-run<k>.csv, k from 1), SVG plots and index.html (the table beside the plots).",
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
            return StudyRuns.WithCtrlC(context, token =>
            {
                var result = StudyRuns.WithProgress(context, parse.GetValue(quiet), "solvers pareto",
                    progress => new ParetoComparison(registry).Run(request, progress, token));
                SayBudgetRaised(context, request.Evaluations, result);
                if (dir is not null)
                {
                    var (pictures, files) = WriteFronts(result, dir);
                    Report(result, pictures, files, dir);
                    context.Error.WriteLine($"wrote every run's front (CSV), the median-IGD fronts (SVG) and index.html to {dir}");
                }

                context.Output.Write(parse.GetValue(format) == "json" ? Json(result) : Table(result));
                return result.Cancelled
                    ? StudyRuns.ReportInterrupted(context, result.FinishedRuns, result.PlannedRuns)
                    : CliApp.Success;
            });
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
            cancelled = result.Cancelled,
            finishedRuns = result.FinishedRuns,
            plannedRuns = result.PlannedRuns,
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
        var text = SummaryTable(result).ToText();
        return result.Cancelled
            ? SolversCompareCommand.InterruptedText(result.FinishedRuns, result.PlannedRuns) + Environment.NewLine + Environment.NewLine + text
            : text;
    }

    /// <summary>The indicators per (problem, optimizer), as printed and as index.html shows them.</summary>
    internal static TextTable SummaryTable(ParetoComparisonResult result) => new(
        ["problem", "optimizer", "runs", "igdMean", "igdStd", "hvMean", "hvStd", "igd+Mean", "s/run"],
        [.. result.Summaries.Select(s => new[]
        {
            s.Problem, s.Optimizer, s.Runs.ToString(CultureInfo.InvariantCulture), E(s.IgdMean), E(s.IgdStd),
            F(s.HvMean), E(s.HvStd), E(s.IgdPlusMean), s.MeanSecondsPerRun.ToString("F3", CultureInfo.InvariantCulture),
        })],
        2);

    /// <summary>Writes index.html: the indicator table beside the front pictures, and links to every run's front.</summary>
    private static void Report(ParetoComparisonResult result, IReadOnlyList<(string File, string Caption)> pictures,
        IReadOnlyList<string> files, string dir)
    {
        var report = new HtmlReport("evgrid solvers pareto");
        if (result.Cancelled)
        {
            report.Note(SolversCompareCommand.InterruptedText(result.FinishedRuns, result.PlannedRuns), warning: true);
        }

        report.Heading("IGD, IGD+ and hypervolume of the final fronts")
            .Table("Mean and standard deviation over the runs (IGD, IGD+ against the sampled true front; hypervolume with the problem's reference point); s/run = mean seconds per run",
                SummaryTable(result))
            .Heading("Fronts of the median-IGD run of each optimizer");
        foreach (var (file, caption) in pictures)
        {
            report.Picture(file, caption);
        }

        report.Files("Every run's front (CSV, objectives f1, f2, …)", files).Write(dir);
    }

    /// <summary>Writes every run's front as CSV and, per problem and optimizer, an SVG of the median-IGD run.</summary>
    /// <returns>The pictures (file name, caption) and the CSV file names written.</returns>
    internal static (IReadOnlyList<(string File, string Caption)> Pictures, IReadOnlyList<string> Files) WriteFronts(
        ParetoComparisonResult result, string directory)
    {
        var pictures = new List<(string File, string Caption)>();
        var files = new List<string>();
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

            var file = $"{run.Optimizer}-{run.Problem}-run{(run.Run + 1).ToString(CultureInfo.InvariantCulture)}.csv";
            File.WriteAllText(Path.Combine(directory, file), sb.ToString());
            files.Add(file);
        }

        foreach (var problemRuns in result.Runs.GroupBy(r => r.Problem))
        {
            var problem = MultiObjectiveProblems.Create(problemRuns.Key);
            var medians = problemRuns.GroupBy(r => r.Optimizer)
                .Select(g => g.OrderBy(r => r.Igd).ThenBy(r => r.Run).ElementAt((g.Count() - 1) / 2))
                .ToList();
            var all = $"pareto-{problem.Name}.svg";
            File.WriteAllText(Path.Combine(directory, all), FrontsSvg(problem, medians));
            pictures.Add((all, $"{problem.Name}: the median-IGD front of every optimizer against the sampled true front"));
            foreach (var median in medians)
            {
                var file = $"{median.Optimizer}-{problem.Name}.svg";
                File.WriteAllText(Path.Combine(directory, file), FrontsSvg(problem, [median]));
                pictures.Add((file, string.Create(CultureInfo.InvariantCulture,
                    $"{problem.Name}: {median.Optimizer}, run {median.Run + 1} (median IGD of its runs)")));
            }
        }

        return (pictures, files);
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
