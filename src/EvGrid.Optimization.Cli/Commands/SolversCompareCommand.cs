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
            Description = "Objective evaluations per run: every optimizer stops at exactly this many (a fair budget).",
        };
        var shift = new Option<bool>("--shift") { Description = "Shifted variants of the functions (optimum moved off the centre, drawn from --seed)." };
        var rotate = new Option<bool>("--rotate") { Description = "Rotated variants of the functions (random orthogonal matrix drawn from --seed)." };
        var alpha = new Option<double>("--alpha") { Description = "Significance level of the pairwise tests.", DefaultValueFactory = _ => 0.05 };
        var outDir = new Option<string?>("--out")
        {
            Description = "Directory for convergence curves (convergence-<function>.svg: median and interquartile band) and every run's history (histories.csv).",
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
                CliChecks.Range(budget, 1, 1_000_000_000_000, "--evaluations");
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
            var rows = StudyRuns.WithProgress(context, parse.GetValue(quiet), "solvers compare",
                progress => new SolverComparison(registry).Run(request, progress));
            var statistics = ComparisonStatistics.Compute(rows, level);
            if (dir is not null)
            {
                ConvergenceReport.Write(rows, dir);
                context.Error.WriteLine($"wrote the convergence curves (SVG) and histories.csv to {dir}");
            }

            var text = parse.GetValue(format) switch
            {
                "json" => Json(rows, statistics),
                "csv" => Csv(rows),
                _ => Table(rows) + Environment.NewLine + StatisticsTable(statistics),
            };
            context.Output.Write(text);
            return CliApp.Success;
        });
        return command;
    }

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

    internal static string Json(IReadOnlyList<ComparisonRow> rows, ComparisonStatistics statistics)
    {
        var payload = new
        {
            results = rows.Select(r => new
            {
                optimizer = r.Optimizer, function = r.Function, dim = r.Dim, runs = r.Runs, best = r.Best,
                worst = r.Worst, mean = r.Mean, median = r.Median, std = r.Std, meanSecondsPerRun = r.MeanSecondsPerRun,
                meanEvaluations = r.MeanEvaluations, values = r.Values, evaluations = r.RunEvaluations,
            }),
            statistics = new
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

    internal static string Table(IReadOnlyList<ComparisonRow> rows)
    {
        var header = new[] { "function", "dim", "optimizer", "best", "worst", "mean", "median", "std", "s/run", "evals/run" };
        var cells = rows.Select(r => new[]
        {
            r.Function, I(r.Dim), r.Optimizer, E(r.Best), E(r.Worst), E(r.Mean), E(r.Median), E(r.Std),
            r.MeanSecondsPerRun.ToString("F4", CultureInfo.InvariantCulture), EvaluationRange(r),
        }).ToList();
        return Grid(header, cells, 3);
    }

    /// <summary>The pairwise tests, Friedman ranks and win/tie/loss counts as text tables.</summary>
    internal static string StatisticsTable(ComparisonStatistics statistics)
    {
        var sb = new StringBuilder();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Two-sided Wilcoxon rank-sum tests on the final values, Holm-corrected per function (alpha = {statistics.Alpha}):"));
        sb.Append(Grid(["function", "a", "b", "p", "p (Holm)", "better"],
            statistics.Pairs.Select(p => new[]
            {
                p.Function, p.A, p.B, P(p.PValue), P(p.AdjustedPValue),
                p.Better switch { "a" => p.A, "b" => p.B, _ => "-" },
            }).ToList(), 3));
        sb.AppendLine();
        var chi = double.IsFinite(statistics.FriedmanChiSquare)
            ? string.Create(CultureInfo.InvariantCulture,
                $" (chi2 = {statistics.FriedmanChiSquare:F3}, p = {P(statistics.FriedmanPValue)})")
            : string.Empty;
        sb.AppendLine("Friedman average ranks over functions (by mean final value, 1 = best)" + chi + ":");
        sb.Append(Grid(["optimizer", "rank"],
            statistics.FriedmanRanks.Select(f => new[] { f.Optimizer, f.Rank.ToString("F3", CultureInfo.InvariantCulture) }).ToList(), 1));
        sb.AppendLine();
        sb.AppendLine("Wins/ties/losses over functions (row optimizer against column optimizer):");
        var names = statistics.FriedmanRanks.Select(f => f.Optimizer).ToArray();
        var lookup = statistics.WinTieLoss.ToDictionary(w => (w.Optimizer, w.Versus));
        sb.Append(Grid(["optimizer", .. names],
            names.Select(a => (string[])[a, .. names.Select(b => a == b ? "-" : Wtl(lookup[(a, b)]))]).ToList(), 1));
        return sb.ToString();
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

    private static string Grid(string[] header, List<string[]> cells, int leftAligned)
    {
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(row => row[c].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] row) => sb.AppendLine(string.Join("  ", row.Select((v, c) => c < leftAligned ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd());
        Line(header);
        sb.AppendLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in cells)
        {
            Line(row);
        }

        return sb.ToString();
    }

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;

    private static string P(double v) => v.ToString("0.###e+00", CultureInfo.InvariantCulture);

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
