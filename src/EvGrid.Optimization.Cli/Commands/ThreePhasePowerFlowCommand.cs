using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Network.ThreePhase;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// The three-phase branch of <c>evgrid powerflow</c>: <c>evgrid powerflow ieee13|ieee34|ieee34-mod
/// [--format table|json|csv] [--regulator-control]</c> runs the unbalanced three-phase sweep; taps are locked at the
/// published positions unless <c>--regulator-control</c> runs the line-drop-compensator loop.
/// </summary>
internal static class ThreePhasePowerFlowCommand
{
    /// <summary>Name of the solver in the output.</summary>
    public const string SolverName = "three-phase-sweep";

    /// <summary>Whether a case name is a built-in three-phase feeder.</summary>
    public static bool Handles(string caseName) =>
        Network.GridCatalog.IsThreePhase(caseName);

    /// <summary>The <c>--regulator-control</c> option.</summary>
    public static Option<bool> CreateRegulatorControlOption() => new("--regulator-control")
    {
        Description = "Three-phase feeders: run the regulators' line-drop-compensator loop instead of locking the published taps.",
    };

    /// <summary>
    /// Runs the three-phase power flow when <paramref name="caseName"/> is a three-phase feeder; returns null for other
    /// cases (the balanced command handles them). <c>--regulator-control</c> on a balanced case is an error.
    /// </summary>
    public static int? TryRun(CliContext context, string caseName, string solver, string format, bool regulatorControl, double tolerancePu, int maxIterations, string? injectionsPath = null, string? outDir = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(caseName);
        if (!Handles(caseName))
        {
            if (regulatorControl)
            {
                throw new ArgumentException($"--regulator-control applies to the three-phase feeders ({string.Join(", ", ThreePhaseFeeders.Names)}), not '{caseName}'.");
            }

            return null;
        }

        if (!string.Equals(solver, "sweep", StringComparison.OrdinalIgnoreCase) && !string.Equals(solver, SolverName, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"solver '{solver}' does not apply to the three-phase feeder '{caseName}': it is solved by the three-phase sweep.");
        }

        return Run(context, caseName.Trim().ToLowerInvariant(), format, regulatorControl, tolerancePu, maxIterations, injectionsPath, outDir);
    }

    /// <summary>Solves and writes one three-phase case; exit code 2 (and a line on standard error) if it did not converge.</summary>
    internal static int Run(CliContext context, string caseName, string format, bool regulatorControl, double tolerancePu, int maxIterations, string? injectionsPath = null, string? outDir = null)
    {
        format = format.ToLowerInvariant();
        if (format is not ("table" or "json" or "csv"))
        {
            throw new ArgumentException($"unknown format '{format}'; use table, json or csv.");
        }

        var options = new ThreePhaseSolveOptions { TolerancePu = tolerancePu, MaxIterations = maxIterations, RegulatorControl = regulatorControl };
        var feeder = Network.GridCatalog.Resolve(caseName) is Network.ThreePhaseGrid grid
            ? grid.Feeder
            : throw new ArgumentException($"case '{caseName}' is not a three-phase feeder ({string.Join(", ", Network.GridCatalog.ThreePhaseNames)}).");
        var injections = injectionsPath is null ? null : InjectionsFile.Read(injectionsPath);
        var workspace = feeder.CreateWorkspace();
        if (injections is not null)
        {
            InjectionsFile.Apply(workspace, injections);
        }

        var result = ThreePhasePowerFlowResult.From(workspace, ThreePhaseSweepSolver.Solve(workspace, options));
        switch (format)
        {
            case "json":
                context.Output.WriteLine(ToJson(caseName, regulatorControl, result, injections));
                break;
            case "csv":
                WriteCsv(context.Output, result);
                break;
            default:
                WriteTable(context.Output, caseName, regulatorControl, result);
                break;
        }

        if (outDir is not null)
        {
            var names = Buses(result).Select(v => v.Bus).Distinct(StringComparer.Ordinal).ToList();
            var curves = new[] { "A", "B", "C" }
                .Select(ph => (Name: ph, VmPu: (IReadOnlyList<double>)[.. names.Select(n =>
                    Buses(result).FirstOrDefault(v => v.Bus == n && v.Phase == ph)?.VmPu ?? double.NaN)]))
                .Where(k => k.VmPu.Any(double.IsFinite))
                .ToList();
            List<(string, Reporting.TextTable)> tables = [("Power flow", SummaryTable(caseName, regulatorControl, result))];
            if (result.RegulatorTaps.Count > 0)
            {
                tables.Add(("Regulator taps", TapTable(result)));
            }

            tables.Add(("Node voltages per phase (line-to-neutral pu, angle in degrees)", BusTable(result)));
            Reporting.VoltageProfileReport.Write(outDir, caseName, SolverName, result.Converged, names, curves, tables);
        }

        if (!result.Converged)
        {
            var why = result.Status.Converged
                ? "the regulator taps did not settle inside their bands"
                : $"the sweep did not converge after {result.Iterations} iterations (last change {result.Status.MaxChangePu:G3} pu, largest mismatch {result.MaxPowerMismatchPu:G3} pu)";
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: the three-phase power flow of '{caseName}' failed: {why}."));
            return CliApp.NotConverged;
        }

        return CliApp.Success;
    }

    private static IEnumerable<NodePhaseVoltage> Buses(ThreePhasePowerFlowResult r) => r.Voltages.Where(v => !v.IsInternal);

    /// <summary>
    /// JSON: case, solver, converged, iterations, maxMismatchPu (largest node-phase power mismatch at the returned
    /// voltages, pu on 1 MVA), maxVoltageChangePu (voltage change of the last sweep, pu), lossesKw, lossesKvar, lossesKwPerPhase,
    /// lossesKvarPerPhase, inputKw(PerPhase), minVoltagePu/Bus/Phase, regulatorTaps [{regulator, phase, tap,
    /// relayVolts, bandLowVolts, bandHighVolts, inBand (the last three for controlled regulators)}], buses [{id, phase, vmPu, vaDeg}] (one per node and phase, line-to-neutral base), branches; with
    /// <c>--injections</c> also injections [{node, phases, kw, kvar}] as applied.
    /// </summary>
    internal static string ToJson(string caseName, bool regulatorControl, ThreePhasePowerFlowResult r, IReadOnlyList<InjectionRow>? injections = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("case", caseName);
            w.WriteString("solver", SolverName);
            w.WriteBoolean("converged", r.Converged);
            w.WriteNumber("iterations", r.Iterations);
            w.WriteFiniteNumber("maxMismatchPu", r.MaxPowerMismatchPu);
            w.WriteFiniteNumber("maxVoltageChangePu", r.Status.MaxChangePu);
            w.WriteBoolean("regulatorControl", regulatorControl);
            w.WriteBoolean("tapsSettled", r.Status.TapsSettled);
            w.WriteNumber("controlIterations", r.Status.ControlIterations);
            w.WriteFiniteNumber("lossesKw", r.TotalLossKw);
            w.WriteFiniteNumber("lossesKvar", r.TotalLossKvar);
            PerPhase(w, "lossesKwPerPhase", r.LossKwPerPhase);
            PerPhase(w, "lossesKvarPerPhase", r.LossKvarPerPhase);
            w.WriteFiniteNumber("inputKw", r.TotalInputKw);
            w.WriteFiniteNumber("inputKvar", r.TotalInputKvar);
            PerPhase(w, "inputKwPerPhase", r.InputKwPerPhase);
            PerPhase(w, "inputKvarPerPhase", r.InputKvarPerPhase);
            PerPhase(w, "loadKwPerPhase", r.LoadKwPerPhase);
            PerPhase(w, "loadKvarPerPhase", r.LoadKvarPerPhase);
            var min = Buses(r).MinBy(v => v.VmPu);
            if (min is not null)
            {
                w.WriteFiniteNumber("minVoltagePu", min.VmPu);
                w.WriteString("minVoltageBus", min.Bus);
                w.WriteString("minVoltagePhase", min.Phase);
            }

            w.WriteStartArray("regulatorTaps");
            foreach (var t in r.RegulatorTaps)
            {
                w.WriteStartObject();
                w.WriteString("regulator", t.Regulator);
                w.WriteString("phase", t.Phase);
                w.WriteNumber("tap", t.Tap);
                w.WriteFiniteNumber("relayVolts", t.RelayVolts);
                if (t.IsControlled)
                {
                    w.WriteNumber("bandLowVolts", t.BandLowVolts);
                    w.WriteNumber("bandHighVolts", t.BandHighVolts);
                    w.WriteBoolean("inBand", t.InBand);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("buses");
            foreach (var v in Buses(r))
            {
                w.WriteStartObject();
                w.WriteString("id", v.Bus);
                w.WriteString("phase", v.Phase);
                w.WriteFiniteNumber("vmPu", v.VmPu);
                w.WriteFiniteNumber("vaDeg", v.VaDeg);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("branches");
            foreach (var b in r.Branches)
            {
                w.WriteStartObject();
                w.WriteString("element", b.Element);
                w.WriteString("kind", b.Kind.ToString());
                w.WriteString("from", b.From);
                w.WriteString("to", b.To);
                w.WriteString("phase", b.Phase);
                w.WriteFiniteNumber("currentA", b.CurrentInAmps);
                w.WriteFiniteNumber("currentDeg", b.CurrentInDeg);
                w.WriteFiniteNumber("lossKw", b.LossKw);
                w.WriteFiniteNumber("lossKvar", b.LossKvar);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (injections is not null)
            {
                InjectionsFile.WriteJson(w, injections, threePhase: true);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void PerPhase(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartObject(name);
        for (var p = 0; p < 3; p++)
        {
            w.WriteFiniteNumber(PhaseSets.Letter(p), values[p]);
        }

        w.WriteEndObject();
    }


    private static void WriteCsv(TextWriter output, ThreePhasePowerFlowResult r)
    {
        output.WriteLine("bus,phase,vmPu,vaDeg");
        foreach (var v in Buses(r))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{v.Bus},{v.Phase},{v.VmPu:R},{v.VaDeg:R}"));
        }
    }

    private static void WriteTable(TextWriter output, string caseName, bool regulatorControl, ThreePhasePowerFlowResult r)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 100;
        console.Write(SummaryTable(caseName, regulatorControl, r).ToSpectre(hideHeaders: true));
        if (r.RegulatorTaps.Count > 0)
        {
            console.Write(TapTable(r).ToSpectre());
        }

        console.Write(BusTable(r).ToSpectre());
    }

    /// <summary>The summary as printed (key, value) and as index.html shows it.</summary>
    private static Reporting.TextTable SummaryTable(string caseName, bool regulatorControl, ThreePhasePowerFlowResult r)
    {
        var c = CultureInfo.InvariantCulture;
        List<string[]> rows =
        [
            ["case", caseName],
            ["solver", SolverName],
            ["converged", r.Converged ? "yes" : (r.Status.Converged ? "NO (taps not settled)" : "NO")],
            ["iterations", r.Iterations.ToString(c)],
            ["max mismatch (pu, 1 MVA)", r.MaxPowerMismatchPu.ToString("E2", c)],
            ["regulators", regulatorControl ? string.Create(c, $"LDC control ({r.Status.ControlIterations} rounds)") : "taps locked"],
            ["input (kW / kVAr)", string.Create(c, $"{r.TotalInputKw:F3} / {r.TotalInputKvar:F3}")],
            ["losses (kW / kVAr)", string.Create(c, $"{r.TotalLossKw:F3} / {r.TotalLossKvar:F3}")],
        ];
        for (var p = 0; p < 3; p++)
        {
            rows.Add([$"phase {PhaseSets.Letter(p)} in / loss (kW)", string.Create(c, $"{r.InputKwPerPhase[p]:F3} / {r.LossKwPerPhase[p]:F3}")]);
        }

        return new(["key", "value"], rows, 2);
    }

    private static Reporting.TextTable TapTable(ThreePhasePowerFlowResult r) => new(
        ["regulator", "phase", "tap", "relay (V)", "band (V)", "in band"],
        [.. r.RegulatorTaps.Select(t => new[]
        {
            t.Regulator, t.Phase, t.Tap.ToString(CultureInfo.InvariantCulture), t.RelayVolts.ToString("F2", CultureInfo.InvariantCulture),
            t.IsControlled ? string.Create(CultureInfo.InvariantCulture, $"{t.BandLowVolts:F1}–{t.BandHighVolts:F1}") : "",
            t.IsControlled ? (t.InBand ? "yes" : "no") : "",
        })],
        2);

    private static Reporting.TextTable BusTable(ThreePhasePowerFlowResult r)
    {
        var c = CultureInfo.InvariantCulture;
        string[] phases = ["A", "B", "C"];
        return new(["bus", .. phases.SelectMany(ph => new[] { $"{ph} Vm (pu)", $"{ph} Va (deg)" })],
            [.. Buses(r).GroupBy(v => v.Bus).Select(group => (string[])[group.Key, .. phases.SelectMany(ph =>
            {
                var v = group.FirstOrDefault(x => x.Phase == ph);
                return new[] { v is null ? "" : v.VmPu.ToString("F4", c), v is null ? "" : v.VaDeg.ToString("F2", c) };
            })])]);
    }
}
