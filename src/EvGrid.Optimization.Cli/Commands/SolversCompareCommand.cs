using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Cli.Reporting;
using EvGrid.Optimization.Metaheuristics.SingleObjective;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// <c>evgrid solvers compare</c>: the seed 002 Table 10 protocol (best, worst, mean, median, std, mean seconds per run)
/// for any registered optimizers on the single-objective test functions; a thin shell over
/// <see cref="SolverComparison"/>.
/// </summary>
internal static class SolversCompareCommand
{
    public static Command Create(CliContext context)
    {
        var functions = new Option<string>("--functions")
        {
            Description = "Comma-separated test functions (sphere, schwefel222, schaffer6, rastrigin, rosenbrock, ackley, griewank).",
            DefaultValueFactory = _ => "sphere,schwefel222,schaffer6,rastrigin",
        };
        var dim = new Option<int>("--dim") { Description = "Dimension n (schaffer6 is always 2-D).", DefaultValueFactory = _ => 30 };
        var swarm = new Option<int>("--swarm") { Description = "Population size of every optimizer.", DefaultValueFactory = _ => 50 };
        var iterations = new Option<int>("--iterations")
        {
            Description = "Iterations per run (seed 002's protocol; ignored with --evaluations).",
            DefaultValueFactory = _ => 1000,
        };
        var evaluations = new Option<long?>("--evaluations")
        {
            Description = "Objective evaluations per run, at least --swarm: every optimizer stops at exactly this many (a fair budget).",
        };
        var shift = new Option<bool>("--shift") { Description = "Shifted variants of the functions (optimum moved off the centre, drawn from --seed)." };
        var rotate = new Option<bool>("--rotate") { Description = "Rotated variants of the functions (random orthogonal matrix drawn from --seed)." };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the pairwise tests.", DefaultValueFactory = _ => 0.05 };
        var outDir = new Option<string?>("--out")
        {
            Description = "Directory for convergence curves (convergence-<function>.svg: median and interquartile band), every run's history (histories.csv) and index.html (the tables beside the curves).",
        };
        var runs = new Option<int>("--runs") { Description = "Independent runs per optimizer and function.", DefaultValueFactory = _ => 100 };
        var optimizers = new Option<string>("--optimizers")
        {
            Description = "Comma-separated optimizer names (see `evgrid solvers list`).",
            DefaultValueFactory = _ => "pso,ihspso,hs",
        };
        var seed = new Option<long>("--seed") { Description = "Series seed (results are reproducible).", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json", "csv");
        var threads = new Option<int>("--threads")
        {
            Description = "Runs executed at once (-1 = all cores); results do not depend on it.",
            DefaultValueFactory = _ => -1,
        };
        var plugin = SolversCommand.PluginOption();

        var command = new Command("compare", "Compare optimizers on test functions (seed 002 Table 10 protocol).");
        var quiet = StudyRuns.QuietOption();
        foreach (var o in new Option[] { functions, dim, swarm, iterations, evaluations, runs, optimizers, seed, shift, rotate, alpha, format, outDir, threads, plugin, quiet })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            CheckSizes(parse.GetValue(dim), parse.GetValue(swarm), parse.GetValue(iterations), parse.GetValue(runs), parse.GetValue(threads));
            if (parse.GetValue(evaluations) is { } budget)
            {
                var population = parse.GetValue(swarm);
                if (budget < population)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"--evaluations ({budget}) must be at least --swarm ({population}): the first population alone takes that many evaluations."));
                }

                CliChecks.Range(budget, 1, 1_000_000_000_000, "--evaluations"); // the upper bound; the lower is above
            }

            var level = parse.GetValue(alpha);
            if (!(level is > 0 and < 1))
            {
                throw new ArgumentException($"--alpha must be in (0, 1): {level.ToString(CultureInfo.InvariantCulture)}.");
            }

            var dir = parse.GetValue(outDir) is { Length: > 0 } given ? CliChecks.OutputDirectory(given) : null; // before the run
            var registry = SolversCommand.BuildRegistry(parse.GetValue(plugin));
            var request = new ComparisonRequest
            {
                Functions = SolversCommand.SplitList(parse.GetValue(functions), "--functions"),
                Optimizers = SolversCommand.SplitList(parse.GetValue(optimizers), "--optimizers"),
                Dimension = parse.GetValue(dim),
                PopulationSize = parse.GetValue(swarm),
                Iterations = parse.GetValue(iterations),
                Evaluations = parse.GetValue(evaluations),
                Runs = parse.GetValue(runs),
                Seed = parse.GetValue(seed),
                Shift = parse.GetValue(shift),
                Rotate = parse.GetValue(rotate),
                MaxDegreeOfParallelism = parse.GetValue(threads),
                RecordHistories = dir is not null,
            };
            return StudyRuns.WithCtrlC(context, token =>
            {
                var result = StudyRuns.WithProgress(context, parse.GetValue(quiet), "solvers compare",
                    progress => new SolverComparison(registry).Run(request, progress, token));
                var statistics = Statistics(result, request, level);
                if (dir is not null)
                {
                    var pictures = ConvergenceReport.Write(result.Rows, dir);
                    Report(result, statistics, pictures, dir);
                    context.Error.WriteLine($"wrote the convergence curves (SVG), histories.csv and index.html to {dir}");
                }

                var text = parse.GetValue(format) switch
                {
                    "json" => Json(result, statistics),
                    "csv" => Csv(result.Rows),
                    _ => Table(result, statistics),
                };
                context.Output.Write(text);
                return result.Cancelled
                    ? StudyRuns.ReportInterrupted(context, result.FinishedRuns, result.PlannedRuns)
                    : CliApp.Success;
            });
        });
        return command;
    }

    /// <summary>The significance tests, or null when an interrupted comparison left an optimizer without a finished
    /// run on some function (the tests compare every optimizer on every function).</summary>
    internal static ComparisonStatistics? Statistics(ComparisonResult result, ComparisonRequest request, double alpha) =>
        result.Rows.Count == request.Functions.Count * request.Optimizers.Count
            ? ComparisonStatistics.Compute(result.Rows, alpha)
            : null;

    /// <summary>What an interrupted comparison's table and report say first.</summary>
    internal static string InterruptedText(int finished, int planned) => string.Create(CultureInfo.InvariantCulture,
        $"Interrupted (Ctrl+C): {finished} of {planned} runs finished; the figures below cover the finished runs only (a run cut short is left out).");

    /// <summary>Writes index.html: the result table beside the convergence curves, then the statistics tables.</summary>
    private static void Report(ComparisonResult result, ComparisonStatistics? statistics, IReadOnlyList<(string File, string Function)> pictures, string dir)
    {
        var report = new HtmlReport("evgrid solvers compare");
        if (result.Cancelled)
        {
            report.Note(InterruptedText(result.FinishedRuns, result.PlannedRuns), warning: true);
        }

        report.Heading("Final best values (seed 002 Table 10 protocol)")
            .Table("Final best values over the runs; s/run = mean seconds per run, evals/run = objective evaluations per run", ResultTable(result.Rows))
            .Heading("Convergence: median best-so-far and interquartile band");
        foreach (var (file, function) in pictures)
        {
            report.Picture(file, $"{function}: median best-so-far value against objective evaluations, with the band between the quartiles of the runs");
        }

        if (statistics is null)
        {
            report.Note(StatisticsOmitted, warning: true);
        }
        else
        {
            report.Heading("Significance")
                .Row(r => r
                    .Table(PairsCaption(statistics), PairsTable(statistics))
                    .Table(FriedmanCaption(statistics), FriedmanTable(statistics))
                    .Table(WinTieLossCaption, WinTieLossTable(statistics)));
        }

        report.Files("Data", ["histories.csv"]).Write(dir);
    }

    private const string StatisticsOmitted =
        "No significance tests: the interrupted comparison left an optimizer without a finished run on some function.";

    private const string WinTieLossCaption = "Wins/ties/losses over functions (row optimizer against column optimizer):";

    /// <summary>
    /// Range checks in the command's words, and a memory estimate that refuses absurd sizes before allocating: each
    /// concurrent run holds a few population × dimension arrays (positions, velocities, personal bests, harmony memory),
    /// and its convergence history holds one point per iteration.
    /// </summary>
    internal static void CheckSizes(int dim, int swarm, int iterations, int runs, int threads)
    {
        CliChecks.Range(dim, 1, int.MaxValue, "--dim");
        CliChecks.Range(swarm, 2, 1_000_000, "--swarm");
        CliChecks.Range(iterations, 1, 100_000_000, "--iterations");
        CliChecks.Range(runs, 1, 1_000_000, "--runs");
        CliChecks.Threads(threads);
        var concurrent = (double)Math.Min(runs, threads == -1 ? Environment.ProcessorCount : threads);
        const double ArraysPerCandidate = 4, BytesPerDouble = 8, BytesPerHistoryPoint = 40;
        var perRunFixed = iterations * BytesPerHistoryPoint;
        var perDimension = ArraysPerCandidate * BytesPerDouble * (swarm + 2.0);
        CliChecks.Memory(concurrent * ((perDimension * dim) + perRunFixed),
            string.Create(CultureInfo.InvariantCulture, $"--dim {dim} with --swarm {swarm} on {concurrent} concurrent run(s)"),
            budget => string.Create(CultureInfo.InvariantCulture,
                $"--dim can be at most {Math.Max(0, Math.Floor(((budget / concurrent) - perRunFixed) / perDimension)):F0} with these settings"));
    }

    internal static string Json(ComparisonResult result, ComparisonStatistics? statistics)
    {
        var payload = new
        {
            cancelled = result.Cancelled,
            finishedRuns = result.FinishedRuns,
            plannedRuns = result.PlannedRuns,
            results = result.Rows.Select(r => new
            {
                optimizer = r.Optimizer, function = r.Function, dim = r.Dim, runs = r.Runs, best = r.Best,
                worst = r.Worst, mean = r.Mean, median = r.Median, std = r.Std, meanSecondsPerRun = r.MeanSecondsPerRun,
                meanEvaluations = r.MeanEvaluations, values = r.Values, evaluations = r.RunEvaluations,
            }),
            statistics = statistics is null ? null : new
            {
                test = statistics.Test,
                correction = statistics.Correction,
                alpha = statistics.Alpha,
                pairs = statistics.Pairs.Select(p => new
                {
                    function = p.Function, a = p.A, b = p.B, pValue = p.PValue, adjustedPValue = p.AdjustedPValue,
                    better = p.Better,
                }),
                friedmanRanks = statistics.FriedmanRanks.Select(f => new { optimizer = f.Optimizer, rank = f.Rank }),
                friedmanChiSquare = Finite(statistics.FriedmanChiSquare),
                friedmanPValue = Finite(statistics.FriedmanPValue),
                winTieLoss = statistics.WinTieLoss.Select(w => new
                {
                    optimizer = w.Optimizer, versus = w.Versus, wins = w.Wins, ties = w.Ties, losses = w.Losses,
                }),
            },
        };
        return JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
    }

    internal static string Csv(IReadOnlyList<ComparisonRow> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("optimizer,function,dim,runs,best,worst,mean,median,std,meanSecondsPerRun,meanEvaluations");
        foreach (var r in rows)
        {
            sb.AppendLine(string.Join(',', r.Optimizer, r.Function, I(r.Dim), I(r.Runs), R(r.Best), R(r.Worst), R(r.Mean),
                R(r.Median), R(r.Std), R(r.MeanSecondsPerRun), R(r.MeanEvaluations)));
        }

        return sb.ToString();
    }

    /// <summary>The printed output: the result table, then the statistics tables (or why there are none).</summary>
    internal static string Table(ComparisonResult result, ComparisonStatistics? statistics)
    {
        var sb = new StringBuilder();
        if (result.Cancelled)
        {
            sb.AppendLine(InterruptedText(result.FinishedRuns, result.PlannedRuns)).AppendLine();
        }

        sb.Append(ResultTable(result.Rows).ToText()).AppendLine();
        sb.Append(statistics is null ? StatisticsOmitted + Environment.NewLine : StatisticsTable(statistics));
        return sb.ToString();
    }

    /// <summary>The final values per (function, optimizer), as printed and as index.html shows them.</summary>
    internal static TextTable ResultTable(IReadOnlyList<ComparisonRow> rows) => new(
        ["function", "dim", "optimizer", "runs", "best", "worst", "mean", "median", "std", "s/run", "evals/run"],
        [.. rows.Select(r => new[]
        {
            r.Function, I(r.Dim), r.Optimizer, I(r.Runs), E(r.Best), E(r.Worst), E(r.Mean), E(r.Median), E(r.Std),
            r.MeanSecondsPerRun.ToString("F4", CultureInfo.InvariantCulture), EvaluationRange(r),
        })],
        3);

    /// <summary>The pairwise tests, Friedman ranks and win/tie/loss counts as text tables.</summary>
    internal static string StatisticsTable(ComparisonStatistics statistics)
    {
        var sb = new StringBuilder();
        sb.AppendLine(PairsCaption(statistics));
        sb.Append(PairsTable(statistics).ToText());
        sb.AppendLine();
        sb.AppendLine(FriedmanCaption(statistics));
        sb.Append(FriedmanTable(statistics).ToText());
        sb.AppendLine();
        sb.AppendLine(WinTieLossCaption);
        sb.Append(WinTieLossTable(statistics).ToText());
        return sb.ToString();
    }

    private static string PairsCaption(ComparisonStatistics statistics) => string.Create(CultureInfo.InvariantCulture,
        $"Two-sided Wilcoxon rank-sum tests on the final values, Holm-corrected per function (alpha = {statistics.Alpha}):");

    private static TextTable PairsTable(ComparisonStatistics statistics) => new(
        ["function", "a", "b", "p", "p (Holm)", "better"],
        [.. statistics.Pairs.Select(p => new[]
        {
            p.Function, p.A, p.B, P(p.PValue), P(p.AdjustedPValue),
            p.Better switch { "a" => p.A, "b" => p.B, _ => "-" },
        })],
        3);

    private static string FriedmanCaption(ComparisonStatistics statistics)
    {
        var chi = double.IsFinite(statistics.FriedmanChiSquare)
            ? string.Create(CultureInfo.InvariantCulture,
                $" (chi2 = {statistics.FriedmanChiSquare:F3}, p = {P(statistics.FriedmanPValue)})")
            : string.Empty;
        return "Friedman average ranks over functions (by mean final value, 1 = best)" + chi + ":";
    }

    private static TextTable FriedmanTable(ComparisonStatistics statistics) => new(
        ["optimizer", "rank"],
        [.. statistics.FriedmanRanks.Select(f => new[] { f.Optimizer, f.Rank.ToString("F3", CultureInfo.InvariantCulture) })]);

    private static TextTable WinTieLossTable(ComparisonStatistics statistics)
    {
        var names = statistics.FriedmanRanks.Select(f => f.Optimizer).ToArray();
        var lookup = statistics.WinTieLoss.ToDictionary(w => (w.Optimizer, w.Versus));
        return new TextTable(["optimizer", .. names],
            [.. names.Select(a => (string[])[a, .. names.Select(b => a == b ? "-" : Wtl(lookup[(a, b)]))])]);
    }

    private static string Wtl(WinTieLoss w) => string.Create(CultureInfo.InvariantCulture, $"{w.Wins}/{w.Ties}/{w.Losses}");

    private static string EvaluationRange(ComparisonRow r)
    {
        if (r.RunEvaluations.Count == 0)
        {
            return r.MeanEvaluations.ToString("F0", CultureInfo.InvariantCulture);
        }

        var lo = r.RunEvaluations.Min();
        var hi = r.RunEvaluations.Max();
        return lo == hi
            ? lo.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{lo}-{hi}");
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static string P(double v) => v.ToString("0.###e+00", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
