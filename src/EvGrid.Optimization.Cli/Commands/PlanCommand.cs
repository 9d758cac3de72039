using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Cli.Reporting;
using EvGrid.Optimization.Metaheuristics;
using EvGrid.Optimization.Metaheuristics.Registry;
using EvGrid.Optimization.Planning.Siting;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// <c>evgrid plan</c>: seed 002's bi-level DG and charging-station planning in V2G mode (schemes 1–3 of §6.2) on the
/// IEEE 33 or PG&amp;E 69 case, with tables shaped like Tables 3–9; a thin shell over <see cref="SitingStudy"/>.
/// </summary>
internal static class PlanCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create(CliContext context)
    {
        var network = new Option<string>("--network") { Description = "Case: ieee33 or pge69.", DefaultValueFactory = _ => "ieee33" };
        network.OneOf([.. SitingCase.BuiltInNames]);
        var scheme = new Option<string>("--scheme")
        {
            Description = "Scheme: 1 = multi-objective with V2G, 2 = multi-objective plug-and-charge, 3 = V2G profit only, or all.",
            DefaultValueFactory = _ => "all",
        };
        scheme.OneOf("1", "2", "3", "all");
        var optimizer = new Option<string>("--optimizer")
        {
            Description = "Upper-level single-objective optimizer (any registered name, see `evgrid solvers list`).",
            DefaultValueFactory = _ => "ihspso",
        };
        var seed = new Option<long>("--seed") { Description = "Seed of the year, typical days, fleet and optimizer.", DefaultValueFactory = _ => 1 };
        var outDir = new Option<string?>("--out")
        {
            Description = "Directory for plan.json, schemes.csv, SVG pictures of the typical days and net-load curves, index.html (the tables beside the pictures), and per-scheme checkpoints (a rerun with the same directory resumes).",
        };
        var format = new Option<string>("--format") { Description = "Output format.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json");
        var quiet = StudyRuns.QuietOption();

        var command = new Command("plan",
            "Seed 002 bi-level DG / charging-station planning in V2G mode (I-HSPSO upper level, EV cluster scheduling lower level).");
        foreach (var o in new Option[] { network, scheme, optimizer, seed, outDir, format, quiet })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var siting = SitingCase.BuiltIn(parse.GetValue(network) ?? "ieee33");
            var schemeText = parse.GetValue(scheme) ?? "all";
            IReadOnlyList<SitingScheme> schemes = schemeText == "all"
                ? [SitingScheme.V2gMultiObjective, SitingScheme.PlugAndChargeMultiObjective, SitingScheme.V2gProfitOnly]
                : [(SitingScheme)int.Parse(schemeText, C)];
            var registry = SolversCommand.BuildRegistry(null);
            var name = parse.GetValue(optimizer) ?? "ihspso";
            if (!registry.TryGet(name, out var factory))
            {
                throw new ArgumentException($"--optimizer: unknown optimizer '{name}'; see `evgrid solvers list`.");
            }

            if (factory.Objectives == ObjectiveSupport.Multi)
            {
                throw new ArgumentException($"--optimizer: '{factory.Name}' is multi-objective only; the upper level maximises one index (eq. (16)).");
            }

            var dir = StudyRuns.PrepareOutputDirectory(parse.GetValue(outDir));
            var options = new SitingStudyOptions { Optimizer = name, Seed = parse.GetValue(seed), CheckpointDirectory = dir };
            return StudyRuns.WithCtrlC(context, token =>
            {
                var report = Run(new SitingStudy(registry), siting, schemes, options, context, parse.GetValue(quiet), token);
                var interrupted = report.Schemes.Count < schemes.Count
                                  || report.Schemes.Any(s => s.ExitReason == ExitReason.Cancelled);
                var json = Json(report, schemes, interrupted);
                if (dir is not null)
                {
                    WriteFiles(report, json, dir, interrupted);
                    if (!parse.GetValue(quiet))
                    {
                        context.Error.WriteLine($"wrote plan.json, schemes.csv, the SVG pictures and index.html to {Path.GetFullPath(dir)}");
                    }
                }

                return StudyRuns.PrintStudy(context, interrupted, InterruptedSentence, parse.GetValue(format) != "json",
                    () => Table(report), json, () => NothingFeasible(context, report));
            });
        });
        return command;
    }

    /// <summary>Exit code 2 and one line per scheme whose best plan breaks eq. (18), the voltage limits or the branch-current limits (eq. (27)).</summary>
    internal static int NothingFeasible(CliContext context, SitingStudyReport report)
    {
        var failed = report.Schemes.Where(s => !s.Outcome.IsFeasible).ToList();
        foreach (var s in failed)
        {
            context.Error.WriteLine(string.Create(C,
                $"error: scheme {(int)s.Scheme}: no plan within the DG penetration limit (eq. 18), the voltage limits (eq. 26) and the branch-current limits (eq. 27) was found ({s.ExitReason} after {s.Evaluations} evaluations); the tables show the least-violating plan."));
        }

        return failed.Count == 0 ? CliApp.Success : CliApp.NotConverged;
    }

    /// <summary>What an interrupted study's figures cover (printed, and in index.html).</summary>
    private const string InterruptedSentence =
        "Interrupted (Ctrl+C): each scheme shows the best plan found so far; schemes not started are left out.";

    private static SitingStudyReport Run(SitingStudy study, SitingCase siting, IReadOnlyList<SitingScheme> schemes,
        SitingStudyOptions options, CliContext context, bool quiet, CancellationToken token)
    {
        var interactive = !quiet && ReferenceEquals(context.Error, Console.Error) && !Console.IsErrorRedirected;
        SitingStudyReport? report = null;
        if (interactive)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            console.Progress().AutoClear(true).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    var tasks = schemes.ToDictionary(s => s, s => ctx.AddTask($"scheme {(int)s}", maxValue: 1.0));
                    var progress = new SyncProgress(p => tasks[p.Scheme].Value = p.Optimizer.Fraction);
                    report = study.Run(siting, schemes, options, progress, token);
                });
        }
        else
        {
            report = study.Run(siting, schemes, options, null, token);
            if (!quiet)
            {
                foreach (var s in report.Schemes)
                {
                    context.Error.WriteLine(string.Create(C,
                        $"scheme {(int)s.Scheme}: {s.Evaluations} evaluations ({s.DistinctPlans} distinct plans) in {s.Seconds:F1} s ({s.ExitReason})"));
                }
            }
        }

        if (report!.Schemes.Count < schemes.Count && !quiet)
        {
            context.Error.WriteLine(string.Create(C, $"interrupted: reporting {report.Schemes.Count} of {schemes.Count} schemes"));
        }

        return report;
    }

    /// <summary>Reports on the caller's thread (the optimizer's), so the progress bar never lags behind the run.</summary>
    private sealed class SyncProgress(Action<SitingProgress> action) : IProgress<SitingProgress>
    {
        public void Report(SitingProgress value) => action(value);
    }

    internal static string Allocation(SitingCase c, SitingPlan p, bool dg) => dg
        ? string.Join('.', c.WindNodes.Select((n, i) => (n, p.WindUnits[i])).Concat(c.PvNodes.Select((n, i) => (n, p.PvUnits[i])))
            .Where(x => x.Item2 > 0).Select(x => string.Create(C, $"{x.n}({x.Item2})")))
        : string.Join('.', c.StationNodes.Select((n, i) => string.Create(C, $"{n}({p.StationKw[i]:F0})")));

    /// <summary>The report's tables (Tables 3–9 of seed 002), as printed and as shown in index.html.</summary>
    internal static IReadOnlyList<(string Title, TextTable Table)> Tables(SitingStudyReport report)
    {
        var c = report.Model.Case;
        var schemes = report.Schemes;
        var head = new[] { "" }.Concat(schemes.Select(s => $"scheme {(int)s.Scheme}")).ToArray();
        (string, TextTable) Block(string title, IEnumerable<(string Name, Func<SchemeReport, string> Value)> rows) =>
            (title, new TextTable(head, [.. rows.Select(r => new[] { r.Name }.Concat(schemes.Select(r.Value)).ToArray())]));

        return
        [
            Block("Allocation (Table 3 / 8): node(units of 100 kW) and node(kW)",
            [
                ("DG", s => Allocation(c, s.Outcome.Plan, true)),
                ("DG capacity (kW)", s => (s.Outcome.Plan.WindKw(c) + s.Outcome.Plan.PvKw(c)).ToString("F0", C)),
                ("EVCS", s => Allocation(c, s.Outcome.Plan, false)),
                ("EVCS capacity (kW)", s => s.Outcome.Plan.StationKw.Sum().ToString("F0", C)),
            ]),
            Block("Objectives (Table 4 / 9)",
            [
                ("F1 comprehensive profit (10^4 CNY)", s => (s.Outcome.Objectives.F1 / 1e4).ToString("F3", C)),
                ("F2 voltage quality (pu)", s => s.Outcome.Objectives.F2.ToString("F3", C)),
                ("F3 load fluctuation (kW)", s => s.Outcome.Objectives.F3.ToString("F3", C)),
                ("F4 charging satisfaction", s => s.Outcome.Objectives.F4.ToString("F3", C)),
                ("comprehensive index fU (pu)", s => s.Index.ToString("F3", C)),
                ("max branch loading |I|/Imax (eq. 27)", s => s.Outcome.MaxBranchLoading.ToString("F3", C)),
                ("feasible (eqs. 18, 26, 27)", s => s.Outcome.IsFeasible ? "yes" : "no"),
            ]),
            Block("Profit breakdown (Table 5, 10^4 CNY/year)",
            [
                ("electricity sales", s => (s.Outcome.Profit.ElectricitySalesCny / 1e4).ToString("F3", C)),
                ("charging station revenue", s => (s.Outcome.Profit.ChargingRevenueCny / 1e4).ToString("F3", C)),
                ("electricity purchasing cost", s => (s.Outcome.Profit.PurchaseCostCny / 1e4).ToString("F3", C)),
                ("investment", s => (s.Outcome.Profit.InvestmentCny / 1e4).ToString("F3", C)),
                ("maintenance", s => (s.Outcome.Profit.MaintenanceCny / 1e4).ToString("F3", C)),
                ("government subsidy", s => (s.Outcome.Profit.SubsidyCny / 1e4).ToString("F3", C)),
                ("network loss cost", s => (s.Outcome.Profit.LossCostCny / 1e4).ToString("F3", C)),
                ("environmental benefit", s => (s.Outcome.Profit.EnvironmentCny / 1e4).ToString("F3", C)),
            ]),
            Block("Charging satisfaction and clean energy (Tables 6, 7)",
            [
                ("charging completion (%)", s => (100 * s.Outcome.ChargingCompletion).ToString("F3", C)),
                ("unit charging cost (CNY/kWh)", s => s.Outcome.UnitChargingCost.ToString("F3", C)),
                ("DG energy used (MWh)", s => s.Outcome.DgEnergyMwh.ToString("F0", C)),
                ("charging load accepted (MWh)", s => s.Outcome.ChargingAcceptedMwh.ToString("F0", C)),
                ("evaluations / distinct plans", s => string.Create(C, $"{s.Evaluations} / {s.DistinctPlans}")),
                ("optimizer seconds", s => s.Seconds.ToString("F1", C)),
            ]),
        ];
    }

    /// <summary>The line above the tables: the model the schemes share.</summary>
    private static string ModelLine(SitingStudyReport report)
    {
        var m = report.Model;
        return string.Create(C,
            $"{m.Case.Name}: {m.Scenarios.Count} typical days (pseudo-F), {m.Timeline.EvCount} EVs in {m.WillingClusterCount} V2G clusters ({m.TimingOptionCount} timing options); model built in {report.ModelSeconds:F1} s");
    }

    /// <summary>The line below the tables: the eq. (15) references and the weights every index uses.</summary>
    private static string ReferencesLine(SitingStudyReport report)
    {
        var (r, w) = (report.References, report.Model.Case.Weights);
        return string.Create(C,
            $"eq. (15) references: F1max {r.F1Max / 1e4:F3} (10^4 CNY), F2max {r.F2Max:F3}, F3min {r.F3Min:F3} kW, F4max {r.F4Max:F3}; weights ({w.W1}, {w.W2}, {w.W3}, {w.W4})");
    }

    internal static string Table(SitingStudyReport report)
    {
        var sb = new StringBuilder().AppendLine(ModelLine(report)).AppendLine();
        foreach (var (title, table) in Tables(report))
        {
            sb.AppendLine(title).Append(table.ToText("  ")).AppendLine();
        }

        return sb.AppendLine(ReferencesLine(report)).ToString();
    }

    /// <summary>The study as JSON; <c>cancelled</c> and <c>plannedSchemes</c> say whether Ctrl+C cut it short and what
    /// was asked for (the comparisons' <c>cancelled</c> / <c>plannedRuns</c>), each scheme's <c>exitReason</c> how it
    /// ended.</summary>
    internal static string Json(SitingStudyReport report, IReadOnlyList<SitingScheme> planned, bool cancelled)
    {
        var m = report.Model;
        var c = m.Case;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteBoolean("cancelled", cancelled);
            w.WriteStartArray("plannedSchemes");
            foreach (var p in planned)
            {
                w.WriteNumberValue((int)p);
            }

            w.WriteEndArray();
            w.WriteString("network", c.Name);
            w.WriteStartObject("weights");
            w.WriteNumber("w1", c.Weights.W1);
            w.WriteNumber("w2", c.Weights.W2);
            w.WriteNumber("w3", c.Weights.W3);
            w.WriteNumber("w4", c.Weights.W4);
            w.WriteEndObject();
            w.WriteStartObject("references");
            w.WriteNumber("F1Max", report.References.F1Max);
            w.WriteNumber("F2Max", report.References.F2Max);
            w.WriteNumber("F3Min", report.References.F3Min);
            w.WriteNumber("F4Max", report.References.F4Max);
            w.WriteEndObject();
            w.WriteStartArray("typicalDays");
            foreach (var d in m.Scenarios.Days)
            {
                w.WriteStartObject();
                w.WriteNumber("probability", d.Probability);
                w.WriteNumber("days", d.DayCount);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("schemes");
            foreach (var s in report.Schemes)
            {
                var o = s.Outcome;
                w.WriteStartObject();
                w.WriteNumber("scheme", (int)s.Scheme);
                w.WriteStartArray("dg");
                for (var i = 0; i < c.WindNodes.Count; i++)
                {
                    Dg(w, c.WindNodes[i], "wind", o.Plan.WindUnits[i]);
                }

                for (var i = 0; i < c.PvNodes.Count; i++)
                {
                    Dg(w, c.PvNodes[i], "pv", o.Plan.PvUnits[i]);
                }

                w.WriteEndArray();
                w.WriteStartArray("evcs");
                for (var i = 0; i < c.StationNodes.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteNumber("node", c.StationNodes[i]);
                    w.WriteNumber("kw", o.Plan.StationKw[i]);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteFiniteNumber("F1", o.Objectives.F1);
                w.WriteFiniteNumber("F2", o.Objectives.F2);
                w.WriteFiniteNumber("F3", o.Objectives.F3);
                w.WriteFiniteNumber("F4", o.Objectives.F4);
                w.WriteFiniteNumber("index", s.Index);
                w.WriteStartObject("profit");
                w.WriteString("unit", "CNY/year");
                w.WriteNumber("supplyProfit", o.Profit.SupplyProfitCny);
                w.WriteNumber("electricitySales", o.Profit.ElectricitySalesCny);
                w.WriteNumber("chargingRevenue", o.Profit.ChargingRevenueCny);
                w.WriteNumber("purchaseCost", o.Profit.PurchaseCostCny);
                w.WriteNumber("subsidy", o.Profit.SubsidyCny);
                w.WriteNumber("investment", o.Profit.InvestmentCny);
                w.WriteNumber("maintenance", o.Profit.MaintenanceCny);
                w.WriteNumber("lossCost", o.Profit.LossCostCny);
                w.WriteNumber("environment", o.Profit.EnvironmentCny);
                w.WriteNumber("total", o.Profit.TotalCny);
                w.WriteEndObject();
                w.WriteNumber("dgEnergyMwh", o.DgEnergyMwh);
                w.WriteNumber("chargingAcceptedMwh", o.ChargingAcceptedMwh);
                w.WriteNumber("chargingCompletion", o.ChargingCompletion);
                w.WriteNumber("unitChargingCost", o.UnitChargingCost);
                w.WriteNumber("evaluations", s.Evaluations);
                w.WriteNumber("seconds", s.Seconds);
                w.WriteNumber("distinctPlans", s.DistinctPlans);
                w.WriteString("optimizer", s.Optimizer);
                w.WriteString("exitReason", s.ExitReason.ToString());
                w.WriteBoolean("resumed", s.Resumed);
                w.WriteBoolean("feasible", o.IsFeasible);
                w.WriteFiniteNumber("voltageViolationPu", o.VoltageViolationPu);
                w.WriteFiniteNumber("branchOverloadPu", o.BranchOverloadPu);
                w.WriteFiniteNumber("maxBranchLoading", o.MaxBranchLoading);
                w.WriteNumber("minVoltagePu", o.Days.Min(d => d.MinVoltagePu));
                w.WriteNumber("maxVoltagePu", o.Days.Max(d => d.MaxVoltagePu));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private static void Dg(Utf8JsonWriter w, int node, string kind, int units)
    {
        w.WriteStartObject();
        w.WriteNumber("node", node);
        w.WriteString("kind", kind);
        w.WriteNumber("units", units);
        w.WriteEndObject();
    }

    private static void WriteFiles(SitingStudyReport report, string json, string dir, bool interrupted)
    {
        var m = report.Model;
        var c = m.Case;
        File.WriteAllText(Path.Combine(dir, "plan.json"), json);
        var csv = new StringBuilder("scheme,dg,dgKw,evcs,evcsKw,F1Cny,F2,F3Kw,F4,index,dgEnergyMwh,chargingAcceptedMwh,chargingCompletion,unitChargingCost,evaluations,seconds\n");
        foreach (var s in report.Schemes)
        {
            var o = s.Outcome;
            csv.AppendLine(string.Create(C,
                $"{(int)s.Scheme},{Allocation(c, o.Plan, true)},{o.Plan.WindKw(c) + o.Plan.PvKw(c)},{Allocation(c, o.Plan, false)},{o.Plan.StationKw.Sum()},{o.Objectives.F1:R},{o.Objectives.F2:R},{o.Objectives.F3:R},{o.Objectives.F4:R},{s.Index:R},{o.DgEnergyMwh:R},{o.ChargingAcceptedMwh:R},{o.ChargingCompletion:R},{o.UnitChargingCost:R},{s.Evaluations},{s.Seconds:F2}"));
        }

        File.WriteAllText(Path.Combine(dir, "schemes.csv"), csv.ToString());
        var days = m.Scenarios.Days;
        File.WriteAllText(Path.Combine(dir, "typical-days-wind.svg"), Charts.Lines("Typical days: wind speed", "hour", "m/s", 1,
            days.Select(d => new ChartSeries(string.Create(C, $"day {d.Index + 1} (p = {d.Probability:F3})"), d.WindMps))));
        File.WriteAllText(Path.Combine(dir, "typical-days-irradiance.svg"), Charts.Lines("Typical days: irradiance", "hour", "kW/m²", 1,
            days.Select(d => new ChartSeries(string.Create(C, $"day {d.Index + 1} (p = {d.Probability:F3})"), d.IrradianceKwPerM2))));
        File.WriteAllText(Path.Combine(dir, "typical-days-load.svg"), Charts.Lines("Typical days: conventional load", "hour", "pu of the yearly peak", 1,
            days.Select(d => new ChartSeries(string.Create(C, $"day {d.Index + 1} (p = {d.Probability:F3})"), d.Load))));
        foreach (var s in report.Schemes)
        {
            File.WriteAllText(Path.Combine(dir, string.Create(C, $"scheme{(int)s.Scheme}-net-load.svg")),
                Charts.Lines(string.Create(C, $"Scheme {(int)s.Scheme}: equivalent load P_L + P_EV − P_DG per typical day"), "hour", "kW", 1,
                    s.Outcome.Days.Select(d => new ChartSeries(string.Create(C, $"day {d.Day + 1}"), d.NetLoadKw))));
        }

        WriteReport(report, dir, interrupted);
    }

    /// <summary>Writes index.html: the printed tables beside the pictures.</summary>
    private static void WriteReport(SitingStudyReport report, string dir, bool interrupted)
    {
        var html = new HtmlReport("evgrid plan").Note(ModelLine(report));
        if (interrupted)
        {
            html.Note(InterruptedSentence, warning: true);
        }

        foreach (var (title, table) in Tables(report))
        {
            html.Table(title, table);
        }

        html.Note(ReferencesLine(report)).Heading("Equivalent load per typical day");
        foreach (var s in report.Schemes)
        {
            html.Picture(string.Create(C, $"scheme{(int)s.Scheme}-net-load.svg"),
                string.Create(C, $"Scheme {(int)s.Scheme}: P_L + P_EV − P_DG (kW) per hour of each typical day"));
        }

        html.Heading("Typical days")
            .Picture("typical-days-load.svg", "Typical days: conventional load (pu of the yearly peak) per hour")
            .Picture("typical-days-wind.svg", "Typical days: wind speed (m/s) per hour")
            .Picture("typical-days-irradiance.svg", "Typical days: irradiance (kW/m²) per hour")
            .Files("Data", ["plan.json", "schemes.csv"])
            .Write(dir);
    }
}
