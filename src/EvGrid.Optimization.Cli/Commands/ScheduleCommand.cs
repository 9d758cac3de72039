using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Cli.Reporting;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Planning.Scheduling;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// <c>evgrid schedule</c>: seed 000's scheduling study per region — disordered charging, the optimizer's compromise
/// V2G schedule and the exact f1 optimum, with the indicators of Tables 2–4, pictures and the full schedules as
/// JSON; a thin shell over <see cref="SchedulingStudy"/>.
/// </summary>
internal static class ScheduleCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context)
    {
        var region = new Option<string>("--region")
        {
            Description = "Region: residential, commercial, station or all.",
            DefaultValueFactory = _ => "all",
        };
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "Multi-objective optimizer (any registered name, see `evgrid solvers list`).",
            DefaultValueFactory = _ => "mopso",
        };
        var swarm = new Option<int>("--swarm") { Description = "Swarm (population) size, seed 000: 60.", DefaultValueFactory = _ => 60 };
        var iterations = new Option<int>("--iterations") { Description = "Iterations, seed 000: 300.", DefaultValueFactory = _ => 300 };
        var seed = new Option<long>("--seed") { Description = "Seed of the fleets and the optimizer (results are reproducible).", DefaultValueFactory = _ => 1 };
        var evs = new Option<int?>("--evs") { Description = "EVs per region instead of the paper's (1 000 / 1 000 / 5 000), for quick runs." };
        var outDir = new Option<string?>("--out")
        {
            Description = "Directory for the Pareto fronts (CSV + SVG), load curves and voltage offsets (SVG), summary.json and index.html (the tables beside the pictures).",
        };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json");
        var quiet = StudyRuns.QuietOption();
        var plugin = SolversCommand.PluginOption();

        var command = new Command("schedule",
            "Seed 000 V2G scheduling study on the modified IEEE 34 feeder: disordered vs optimised vs exact, per region.");
        foreach (var o in new Option[] { region, optimizer, swarm, iterations, seed, evs, outDir, format, quiet, plugin })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var regionName = (parse.GetValue(region) ?? "all").Trim();
            var regions = string.Equals(regionName, "all", StringComparison.OrdinalIgnoreCase)
                ? Seed000Regions.All
                : [Seed000Regions.All.FirstOrDefault(r => string.Equals(r.Name, regionName, StringComparison.OrdinalIgnoreCase))
                   ?? throw new ArgumentException($"--region: unknown region '{regionName}'; valid: {string.Join(", ", Seed000Regions.Names)}, all.")];
            CliChecks.Range(parse.GetValue(swarm), 2, 100_000, "--swarm");
            CliChecks.Range(parse.GetValue(iterations), 1, 1_000_000, "--iterations");
            if (parse.GetValue(evs) is { } n)
            {
                CliChecks.Range(n, 1, 100_000, "--evs");
            }

            var options = new SchedulingStudyOptions
            {
                Optimizer = parse.GetValue(optimizer) ?? "mopso",
                Swarm = parse.GetValue(swarm),
                Iterations = parse.GetValue(iterations),
                Seed = parse.GetValue(seed),
                EvCount = parse.GetValue(evs),
            };
            options.Validate();
            var registry = SolversCommand.BuildRegistry(parse.GetValue(plugin));
            if (!registry.TryGet(options.Optimizer, out var factory))
            {
                throw new ArgumentException($"--optimizer: unknown optimizer '{options.Optimizer}'; see `evgrid solvers list`.");
            }

            if (factory.Objectives == ObjectiveSupport.Single)
            {
                var multi = registry.Factories.Where(f => f.Objectives != ObjectiveSupport.Single).Select(f => f.Name);
                throw new ArgumentException(
                    $"--optimizer: '{factory.Name}' is single-objective, the scheduling problem has three objectives (f1, f2, f3); use one of {string.Join(", ", multi)}.");
            }

            var dir = StudyRuns.PrepareOutputDirectory(parse.GetValue(outDir));
            return StudyRuns.WithCtrlC(context, token =>
            {
                var study = new SchedulingStudy(registry);
                var reports = Run(study, regions, options, context, parse.GetValue(quiet), token);
                var json = Json(reports);
                var interrupted = reports.Any(r => r.ExitReason == ExitReason.Cancelled);
                if (dir is not null)
                {
                    WriteFiles(reports, json, dir, interrupted);
                    if (!parse.GetValue(quiet))
                    {
                        context.Error.WriteLine($"wrote the Pareto fronts, load curves, voltage offsets, summary.json and index.html to {Path.GetFullPath(dir)}");
                    }
                }

                return StudyRuns.PrintStudy(context, interrupted, InterruptedSentence, parse.GetValue(format) != "json",
                    () => Table(reports), json, () => NothingFeasible(context, reports));
            });
        });
        return command;
    }

    /// <summary>Exit code 2 and one line per region whose optimizer found no schedule within the limits.</summary>
    private static int NothingFeasible(CliContext context, IReadOnlyList<RegionScheduleReport> reports)
    {
        var failed = reports.Where(r => !r.FoundFeasible).ToList();
        foreach (var r in failed)
        {
            context.Error.WriteLine(string.Create(C,
                $"error: {r.Region.Name}: {r.Optimizer} found no schedule within the voltage and capacity limits ({r.ExitReason} after {r.Evaluations} evaluations); the optimised row shows its least-violating schedule ({r.Optimized.VoltageViolationPu:G3} pu, {r.Optimized.CapacityViolationKw:G3} kW beyond the limits)."));
        }

        return failed.Count == 0 ? CliApp.Success : CliApp.NotConverged;
    }

    private static IReadOnlyList<RegionScheduleReport> Run(SchedulingStudy study, IReadOnlyList<SchedulingRegion> regions,
        SchedulingStudyOptions options, CliContext context, bool quiet, CancellationToken token)
    {
        // The regions run side by side (SchedulingStudy.RunAll); each bar follows its own region.
        IReadOnlyList<RegionScheduleReport> reports = [];
        var interactive = !quiet && ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        if (interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().AutoClear(true).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = regions.ToDictionary(r => r.Name, r => ctx.AddTask(r.Name, maxValue: options.Iterations));
                    reports = study.RunAll(regions, options, r => new Progress(p => tasks[r.Name].Value = p.Iteration), token);
                    foreach (var task in tasks.Values)
                    {
                        task.Value = options.Iterations;
                    }
                });
        }
        else
        {
            reports = study.RunAll(regions, options, null, token);
        }

        if (!quiet)
        {
            foreach (var report in reports)
            {
                context.Error.WriteLine(string.Create(C,
                    $"{report.Region.Name}: {report.Evaluations} evaluations in {report.OptimizerSeconds:F1} s ({report.ExitReason})"));
            }
        }

        return reports;
    }

    internal static string Table(IReadOnlyList<RegionScheduleReport> reports)
    {
        var sb = new StringBuilder();
        foreach (var r in reports)
        {
            var (run, fleet, reduction) = Notes(r);
            sb.AppendLine(string.Create(C, $"{r.Region.Name}: {r.Region.Description}"));
            sb.AppendLine("  " + run);
            sb.Append(IndicatorTable(r).ToText("  "));
            sb.AppendLine("  " + fleet);
            sb.AppendLine("  " + reduction);
            sb.AppendLine();
        }

        return sb.ToString();
    }

    /// <summary>The lines printed around a region's table: the run, the fleet's simultaneity, the reductions.</summary>
    private static (string Run, string Fleet, string Reduction) Notes(RegionScheduleReport r) => (
        string.Create(C, $"{r.Timeline.EvCount} EVs, {r.Optimizer} {r.Evaluations} evaluations in {r.OptimizerSeconds:F1} s; {ExactNote(r.ExactSolve)}"),
        string.Create(C, $"simultaneity β of the sampled fleet {r.Simultaneity:F3} (seed 000 assumes {r.Region.PaperSimultaneity:F2}); exact optimum without discharge: peak-valley {r.ExactChargeOnly.F2:F1} kW, std {r.ExactChargeOnly.Indicators.LoadStdDevKw:F1} kW"),
        string.Create(C, $"peak-valley reduction vs disordered: optimized {100 * r.OptimizedPeakValleyReduction:F2} %, exact {100 * r.ExactPeakValleyReduction:F2} % (seed 000: residential 42.66, commercial 54.89, station 26.93)"));

    /// <summary>A region's indicators (seed 000 Tables 2–4) for the three schedules, as printed and as index.html
    /// shows them.</summary>
    internal static TextTable IndicatorTable(RegionScheduleReport r)
    {
        var rows = new (string Name, Func<ScheduleOutcome, string> Value)[]
        {
            ("load overlay rate γ", o => o.Indicators.SuperpositionRate.ToString("F3", C)),
            ("transformers (1000 kVA)", o => o.Indicators.TransformerCount.ToString(C)),
            ("maximum load rate", o => (100 * o.Indicators.MaximumLoadRate).ToString("F2", C) + " %"),
            ("peak-valley difference (kW)", o => o.F2.ToString("F1", C)),
            ("load standard deviation (kW)", o => o.Indicators.LoadStdDevKw.ToString("F1", C)),
            ("max voltage offset A/B/C (%)", o => string.Join(" / ", o.Indicators.MaxVoltageOffsetPercent.Select(v => v.ToString("F2", C)))),
            ("f1 load variance (kW²)", o => o.F1.ToString("E4", C)),
            ("f3 voltage offset (pu)", o => o.F3.ToString("F4", C)),
            ("violations V (pu) / capacity (kW)", o => string.Create(C, $"{o.VoltageViolationPu:G3} / {o.CapacityViolationKw:G3}")),
        };
        var outcomes = new[] { r.Disordered, r.Optimized, r.Exact };
        return new TextTable(["indicator", "disordered", "optimized", "exact"],
            [.. rows.Select(row => new[] { row.Name }.Concat(outcomes.Select(row.Value)).ToArray())]);
    }

    private static string ExactNote(ValleyFillingResult exact) => exact.RelaxationTight && exact.Converged
        ? string.Create(C, $"exact f1 optimum certified (relative duality gap {exact.RelativeGap:E1})")
        : string.Create(C, $"exact column: best feasible f1 found, within {100 * exact.RelativeBoundGap:F2} % of a proven lower bound (the V2G relaxation is not tight)");

    internal static string Json(IReadOnlyList<RegionScheduleReport> reports)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("regions");
            foreach (var r in reports)
            {
                w.WriteStartObject();
                w.WriteString("name", r.Region.Name);
                w.WriteString("description", r.Region.Description);
                w.WriteNumber("slotHours", r.Timeline.SlotHours);
                Numbers(w, "baseKw", r.Region.BaseKw);
                w.WriteString("optimizer", r.Optimizer);
                w.WriteString("exitReason", r.ExitReason.ToString());
                w.WriteBoolean("foundFeasible", r.FoundFeasible);
                w.WriteNumber("evaluations", r.Evaluations);
                w.WriteNumber("optimizerSeconds", r.OptimizerSeconds);
                w.WriteNumber("capacityKva", r.CapacityKva);
                w.WriteNumber("feederShare", r.Region.FeederShare);
                w.WriteNumber("simultaneity", r.Simultaneity);
                w.WriteNumber("paperSimultaneity", r.Region.PaperSimultaneity);
                w.WriteNumber("exactRelativeGap", r.ExactSolve.RelativeGap);
                w.WriteBoolean("exactRelaxationTight", r.ExactSolve.RelaxationTight);
                w.WriteNumber("exactLowerBoundF1", r.ExactSolve.LowerBoundKw2);
                w.WriteNumber("exactRelativeBoundGap", r.ExactSolve.RelativeBoundGap);
                Solution(w, "disordered", r.Disordered, r);
                Solution(w, "optimized", r.Optimized, r);
                Solution(w, "exact", r.Exact, r);
                Solution(w, "exactChargeOnly", r.ExactChargeOnly, r, withEvs: false);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void Solution(Utf8JsonWriter w, string name, ScheduleOutcome o, RegionScheduleReport r, bool withEvs = true)
    {
        w.WriteStartObject(name);
        w.WriteFiniteNumber("peakValleyKw", o.F2);
        w.WriteFiniteNumber("loadStdKw", o.Indicators.LoadStdDevKw);
        w.WriteFiniteNumber("maxLoadRate", o.Indicators.MaximumLoadRate);
        w.WriteFiniteNumber("overlayRate", o.Indicators.SuperpositionRate);
        w.WriteNumber("transformers", o.Indicators.TransformerCount);
        Numbers(w, "maxVoltageOffsetPct", o.Indicators.MaxVoltageOffsetPercent);
        w.WriteFiniteNumber("f1", o.F1);
        w.WriteFiniteNumber("f2", o.F2);
        w.WriteFiniteNumber("f3", o.F3);
        w.WriteFiniteNumber("peakKw", o.Indicators.PeakKw);
        w.WriteFiniteNumber("voltageViolationPu", o.VoltageViolationPu);
        w.WriteFiniteNumber("capacityViolationKw", o.CapacityViolationKw);
        w.WriteBoolean("powerFlowConverged", o.PowerFlowConverged);
        Numbers(w, "evKw", o.EvKw);
        Numbers(w, "totalKw", o.TotalKw);
        if (!withEvs)
        {
            w.WriteEndObject();
            return;
        }

        var timeline = r.Timeline;
        var fleet = timeline.Fleet;
        var slots = timeline.SlotsPerDay;
        w.WriteStartArray("evs");
        for (var i = 0; i < fleet.Count; i++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", fleet.Ids[i]);
            w.WriteNumber("arrivalSlot", timeline.FirstSlot[i]);
            w.WriteNumber("departureSlot", (timeline.FirstSlot[i] + timeline.SlotCount[i]) % slots);
            w.WriteNumber("arrivalHour", fleet.ArrivalHours[i]);
            w.WriteNumber("departureHour", fleet.DepartureHours[i]);
            w.WriteNumber("batteryKwh", fleet.BatteryKwh[i]);
            w.WriteNumber("socArrival", fleet.SocArrival[i]);
            w.WriteNumber("socMinDeparture", fleet.SocDepartureMin[i]);
            w.WriteNumber("socMin", fleet.SocFloor(i));
            w.WriteNumber("socMax", fleet.SocCeiling(i));
            w.WriteNumber("chargeKw", fleet.ChargeKw[i]);
            w.WriteNumber("dischargeKw", fleet.V2g[i] ? fleet.DischargeKw[i] : 0.0);
            w.WriteNumber("etaCharge", fleet.EtaCharge[i]);
            w.WriteNumber("etaDischarge", fleet.EtaDischarge[i]);
            w.WriteStartArray("kw");
            var row = o.Schedule.Row(i);
            for (var s = 0; s < slots; s++)
            {
                w.WriteNumberValue(row[s]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IEnumerable<double> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                w.WriteNumberValue(v);
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }

    /// <summary>What an interrupted study's figures cover (printed, and in index.html).</summary>
    private const string InterruptedSentence = "Interrupted (Ctrl+C): each region shows its optimizer's best front so far.";

    private static void WriteFiles(IReadOnlyList<RegionScheduleReport> reports, string json, string dir, bool interrupted)
    {
        File.WriteAllText(Path.Combine(dir, "summary.json"), json);
        var report = new HtmlReport("evgrid schedule");
        if (interrupted)
        {
            report.Note(InterruptedSentence, warning: true);
        }

        foreach (var r in reports)
        {
            var name = r.Region.Name;
            var csv = new StringBuilder("f1_kw2,f2_kw,f3_pu,voltage_violation_pu,capacity_violation_kw,compromise\n");
            for (var k = 0; k < r.ParetoFront.Count; k++)
            {
                var s = r.ParetoFront[k];
                csv.AppendLine(string.Create(C,
                    $"{s.Objectives[0]:R},{s.Objectives[1]:R},{s.Objectives[2]:R},{(s.Constraints.Count > 0 ? s.Constraints[0] : 0):R},{(s.Constraints.Count > 1 ? s.Constraints[1] : 0):R},{(k == r.CompromiseIndex ? 1 : 0)}"));
            }

            File.WriteAllText(Path.Combine(dir, $"{name}-pareto.csv"), csv.ToString());
            var points = r.ParetoFront.Select(s => (s.Objectives[1], s.Objectives[2])).ToList();
            File.WriteAllText(Path.Combine(dir, $"{name}-pareto.svg"), Charts.Scatter(
                $"{name}: Pareto front of {r.Optimizer} (f2 against f3)", "f2 peak-valley difference (kW)", "f3 voltage offset (pu)",
                points, r.CompromiseIndex, "compromise (fuzzy max-min)"));
            File.WriteAllText(Path.Combine(dir, $"{name}-load.svg"), Charts.Lines(
                $"{name}: regional load, disordered vs V2G (seed 000 Figure 7)", "time of day (h)", "load (kW)", r.Timeline.SlotHours,
                [
                    new ChartSeries("base load", r.Region.BaseKw),
                    new ChartSeries("disordered charging", r.Disordered.TotalKw),
                    new ChartSeries($"V2G, {r.Optimizer} compromise", r.Optimized.TotalKw),
                    new ChartSeries("V2G, exact f1 optimum", r.Exact.TotalKw),
                ]));
            File.WriteAllText(Path.Combine(dir, $"{name}-voltage.svg"), Charts.Lines(
                $"{name}: largest voltage offset on the feeder per phase, V2G compromise (seed 000 Figure 5)", "time of day (h)",
                "max |U - 1| over nodes (%)", r.Timeline.SlotHours,
                [
                    new ChartSeries("phase A", Phase(r.Optimized, 0)),
                    new ChartSeries("phase B", Phase(r.Optimized, 1)),
                    new ChartSeries("phase C", Phase(r.Optimized, 2)),
                ]));
            var (run, fleet, reduction) = Notes(r);
            report.Heading($"{name}: {r.Region.Description}").Note(run);
            if (!r.FoundFeasible)
            {
                report.Note($"{r.Optimizer} found no schedule within the voltage and capacity limits ({r.ExitReason}); the optimized column shows its least-violating schedule.", warning: true);
            }

            report.Row(row => row
                    .Table("Indicators of seed 000 Tables 2–4: disordered charging, the optimizer's compromise and the exact f1 optimum", IndicatorTable(r))
                    .Picture($"{name}-load.svg", "Regional load over the day (kW): base load, disordered charging and the two V2G schedules"))
                .Note(fleet).Note(reduction)
                .Picture($"{name}-voltage.svg", "Largest voltage offset on the feeder per phase over the day (%), V2G compromise")
                .Picture($"{name}-pareto.svg", "Pareto front of the optimizer, f2 peak-valley difference (kW) against f3 voltage offset (pu), with the compromise");
        }

        report.Files("Data", ["summary.json", .. reports.Select(r => $"{r.Region.Name}-pareto.csv")]).Write(dir);
    }

    private static double[] Phase(ScheduleOutcome o, int phase) =>
        [.. Enumerable.Range(0, o.MaxVoltageOffsetPercentBySlot.Count / 3).Select(t => o.MaxVoltageOffsetPercentBySlot[t * 3 + phase])];

    private sealed class Progress(Action<OptimizationProgress> report) : IProgress<OptimizationProgress>
    {
        public void Report(OptimizationProgress value) => report(value);
    }
}
