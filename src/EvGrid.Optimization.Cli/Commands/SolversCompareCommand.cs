using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
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
        var iterations = new Option<int>("--iterations") { Description = "Iterations per run.", DefaultValueFactory = _ => 1000 };
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
        foreach (var o in new Option[] { functions, dim, swarm, iterations, runs, optimizers, seed, format, threads, plugin })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            CheckSizes(parse.GetValue(dim), parse.GetValue(swarm), parse.GetValue(iterations), parse.GetValue(runs), parse.GetValue(threads));
            var registry = SolversCommand.BuildRegistry(parse.GetValue(plugin));
            var request = new ComparisonRequest
            {
                Functions = SolversCommand.SplitList(parse.GetValue(functions), "--functions"),
                Optimizers = SolversCommand.SplitList(parse.GetValue(optimizers), "--optimizers"),
                Dimension = parse.GetValue(dim),
                PopulationSize = parse.GetValue(swarm),
                Iterations = parse.GetValue(iterations),
                Runs = parse.GetValue(runs),
                Seed = parse.GetValue(seed),
                MaxDegreeOfParallelism = parse.GetValue(threads),
            };
            var rows = new SolverComparison(registry).Run(request);
            var text = parse.GetValue(format) switch
            {
                "json" => Json(rows),
                "csv" => Csv(rows),
                _ => Table(rows),
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

    internal static string Json(IReadOnlyList<ComparisonRow> rows)
    {
        var payload = new
        {
            results = rows.Select(r => new
            {
                optimizer = r.Optimizer, function = r.Function, dim = r.Dim, runs = r.Runs, best = r.Best,
                worst = r.Worst, mean = r.Mean, median = r.Median, std = r.Std, meanSecondsPerRun = r.MeanSecondsPerRun,
                meanEvaluations = r.MeanEvaluations,
            }),
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
        var header = new[] { "function", "dim", "optimizer", "best", "worst", "mean", "median", "std", "s/run", "evals" };
        var cells = rows.Select(r => new[]
        {
            r.Function, I(r.Dim), r.Optimizer, E(r.Best), E(r.Worst), E(r.Mean), E(r.Median), E(r.Std),
            r.MeanSecondsPerRun.ToString("F4", CultureInfo.InvariantCulture), r.MeanEvaluations.ToString("F0", CultureInfo.InvariantCulture),
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(row => row[c].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(string[] row) => sb.AppendLine(string.Join("  ", row.Select((v, c) => c < 3 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd());
        Line(header);
        sb.AppendLine(new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in cells)
        {
            Line(row);
        }

        return sb.ToString();
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string E(double v) => v.ToString("0.000e+00", CultureInfo.InvariantCulture);
}
