using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Network;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// <c>evgrid powerflow &lt;case&gt; [--solver sweep|newton] [--format table|json|csv]</c>: a balanced power flow on a
/// built-in feeder (<c>ieee33</c>, <c>pge69</c>) or a MATPOWER case file.
/// </summary>
internal static class PowerFlowCommand
{
    /// <summary>The output formats.</summary>
    public static readonly string[] Formats = ["table", "json", "csv"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var caseArgument = new Argument<string>("case")
        {
            Description = $"Built-in feeder ({string.Join(", ", GridCatalog.BalancedNames)}; three-phase: {string.Join(", ", GridCatalog.ThreePhaseNames)}) or path to a MATPOWER case file (.m).",
        };
        var solverOption = new Option<string>("--solver")
        {
            Description = "Solver: sweep (radial backward/forward sweep) or newton (Newton-Raphson, meshed networks too).",
            DefaultValueFactory = _ => BackwardForwardSweepSolver.SolverName,
        };
        var formatOption = new Option<string>("--format")
        {
            Description = "Output format: table, json or csv.",
            DefaultValueFactory = _ => "table",
        };
        var toleranceOption = new Option<double>("--tolerance")
        {
            Description = "Convergence tolerance in pu.",
            DefaultValueFactory = _ => PowerFlowOptions.Default.TolerancePu,
        };
        var maxIterationsOption = new Option<int>("--max-iterations")
        {
            Description = "Iteration cap.",
            DefaultValueFactory = _ => PowerFlowOptions.Default.MaxIterations,
        };

        var regulatorControlOption = ThreePhasePowerFlowCommand.CreateRegulatorControlOption();
        var injectionsOption = new Option<string?>("--injections")
        {
            Description = "CSV of constant-power injections for the snapshot: columns bus (or node and phases for three-phase), kw, optional kvar; positive kW = demand, negative = V2G or DG.",
        };
        var outOption = new Option<string?>("--out")
        {
            Description = $"Directory for {Reporting.VoltageProfileReport.PictureFile} (|V| per bus against the 0.93–1.07 pu limits), {Reporting.VoltageProfileReport.DataFile} and index.html (the tables beside the picture).",
        };
        var command = new Command("powerflow", "Balanced power flow of a feeder: bus voltages, losses, minimum voltage.")
        {
            caseArgument, solverOption, formatOption, toleranceOption, maxIterationsOption, regulatorControlOption, injectionsOption, outOption,
        };
        command.SetAction(parse =>
        {
            CheckSolverOptions(parse.GetValue(toleranceOption), parse.GetValue(maxIterationsOption));
            var dir = StudyRuns.PrepareOutputDirectory(parse.GetValue(outOption)); // before the run
            var caseName = parse.GetRequiredValue(caseArgument);
            var solver = parse.GetValue(solverOption) ?? BackwardForwardSweepSolver.SolverName;
            var format = parse.GetValue(formatOption) ?? "table";
            var code = ThreePhasePowerFlowCommand.TryRun(context, caseName, solver, format,
                    parse.GetValue(regulatorControlOption), parse.GetValue(toleranceOption),
                    parse.GetValue(maxIterationsOption), parse.GetValue(injectionsOption), dir)
                ?? Run(context, caseName, solver, format,
                    new PowerFlowOptions(parse.GetValue(toleranceOption), parse.GetValue(maxIterationsOption)),
                    parse.GetValue(injectionsOption), dir);
            if (dir is not null)
            {
                context.Error.WriteLine($"wrote {Reporting.VoltageProfileReport.PictureFile}, {Reporting.VoltageProfileReport.DataFile} and index.html to {dir}");
            }

            return code;
        });
        return command;
    }

    /// <summary>Checks the solver options in the command's words before any solver sees them (the library names its
    /// own properties).</summary>
    private static void CheckSolverOptions(double tolerancePu, int maxIterations)
    {
        CliChecks.Positive(tolerancePu, 1, "--tolerance (pu)");
        CliChecks.Range(maxIterations, 1, 1_000_000, "--max-iterations");
    }

    /// <summary>Runs a power flow and writes it; exit code 2 (and a line on standard error) when it did not converge.</summary>
    internal static int Run(CliContext context, string caseName, string solverName, string format, PowerFlowOptions options, string? injectionsPath = null, string? outDir = null)
    {
        format = format.ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            throw new ArgumentException($"unknown format '{format}'; use table, json or csv.");
        }

        options.Validate();
        var solver = FeederCatalog.Solver(solverName);
        var network = GridCatalog.Resolve(caseName) is BalancedGrid balanced
            ? balanced.Network
            : throw new ArgumentException($"case '{caseName}' is a three-phase feeder: it is solved by the three-phase sweep, not '{solverName}'.");
        var injections = injectionsPath is null ? null : InjectionsFile.Read(injectionsPath);
        if (injections is not null)
        {
            network = InjectionsFile.Apply(network, injections);
        }

        var result = solver.Solve(network, options);
        switch (format)
        {
            case "json":
                context.Output.WriteLine(ToJson(caseName, result, injections));
                break;
            case "csv":
                WriteCsv(context.Output, result);
                break;
            default:
                WriteTable(context.Output, caseName, result);
                break;
        }

        if (outDir is not null)
        {
            var c = CultureInfo.InvariantCulture;
            Reporting.VoltageProfileReport.Write(outDir, caseName, result.Solver, result.Converged,
                [.. result.Network.Buses.Select(b => b.Id.ToString(c))], [("", result.VoltageMagnitudesPu)],
                [("Power flow", SummaryTable(caseName, result)), ("Bus voltages", BusTable(result))]);
        }

        if (!result.Converged)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"error: the {result.Solver} power flow of '{caseName}' did not converge ({result.Status} after {result.Iterations} iterations, largest mismatch {result.MaxMismatchPu:G3} pu)."));
            return CliApp.NotConverged;
        }

        return CliApp.Success;
    }

    /// <summary>The JSON object of the issue: case, solver, converged, iterations, maxMismatchPu, lossesKw, lossesKvar,
    /// minVoltagePu, minVoltageBus, buses [{id, vmPu, vaDeg}], plus status, slack power and branch flows; with
    /// <c>--injections</c> also injections [{bus, kw, kvar}] as applied.</summary>
    internal static string ToJson(string caseName, PowerFlowResult r, IReadOnlyList<InjectionRow>? injections = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("case", caseName);
            w.WriteString("solver", r.Solver);
            w.WriteBoolean("converged", r.Converged);
            w.WriteNumber("iterations", r.Iterations);
            w.WriteFiniteNumber("maxMismatchPu", r.MaxMismatchPu);
            w.WriteFiniteNumber("lossesKw", r.LossesKw);
            w.WriteFiniteNumber("lossesKvar", r.LossesKvar);
            w.WriteFiniteNumber("minVoltagePu", r.MinVoltagePu);
            w.WriteNumber("minVoltageBus", r.MinVoltageBusId);
            w.WriteString("status", r.Status.ToString());
            w.WriteString("network", r.Network.Name);
            w.WriteFiniteNumber("slackPKw", r.SlackPKw);
            w.WriteFiniteNumber("slackQKvar", r.SlackQKvar);
            w.WriteStartArray("buses");
            for (var i = 0; i < r.Network.BusCount; i++)
            {
                w.WriteStartObject();
                w.WriteNumber("id", r.Network.Buses[i].Id);
                w.WriteFiniteNumber("vmPu", r.VoltageMagnitudesPu[i]);
                w.WriteFiniteNumber("vaDeg", r.VoltageAnglesDeg[i]);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("branches");
            foreach (var b in r.Branches)
            {
                w.WriteStartObject();
                w.WriteNumber("from", b.FromBus);
                w.WriteNumber("to", b.ToBus);
                w.WriteFiniteNumber("currentA", b.CurrentA);
                w.WriteFiniteNumber("pFromKw", b.PFromKw);
                w.WriteFiniteNumber("qFromKvar", b.QFromKvar);
                w.WriteFiniteNumber("lossKw", b.LossKw);
                w.WriteFiniteNumber("lossKvar", b.LossKvar);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (injections is not null)
            {
                InjectionsFile.WriteJson(w, injections, threePhase: false);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }


    private static void WriteCsv(TextWriter output, PowerFlowResult r)
    {
        output.WriteLine("bus,vmPu,vaDeg");
        for (var i = 0; i < r.Network.BusCount; i++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Network.Buses[i].Id},{r.VoltageMagnitudesPu[i]:R},{r.VoltageAnglesDeg[i]:R}"));
        }
    }

    private static void WriteTable(TextWriter output, string caseName, PowerFlowResult r)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 100;
        console.Write(SummaryTable(caseName, r).ToSpectre(hideHeaders: true));
        console.Write(BusTable(r).ToSpectre());
    }

    /// <summary>The summary as printed (key, value) and as index.html shows it.</summary>
    internal static Reporting.TextTable SummaryTable(string caseName, PowerFlowResult r)
    {
        var c = CultureInfo.InvariantCulture;
        return new(["key", "value"],
        [
            ["case", caseName],
            ["solver", r.Solver],
            ["converged", r.Converged ? "yes" : $"NO ({r.Status})"],
            ["iterations", r.Iterations.ToString(c)],
            ["max mismatch (pu)", r.MaxMismatchPu.ToString("E2", c)],
            ["losses (kW / kVAr)", string.Create(c, $"{r.LossesKw:F3} / {r.LossesKvar:F3}")],
            ["slack power (kW / kVAr)", string.Create(c, $"{r.SlackPKw:F3} / {r.SlackQKvar:F3}")],
            ["minimum voltage (pu)", string.Create(c, $"{r.MinVoltagePu:F6} at bus {r.MinVoltageBusId}")],
        ], 2);
    }

    /// <summary>The bus voltages as printed and as index.html shows them.</summary>
    internal static Reporting.TextTable BusTable(PowerFlowResult r)
    {
        var c = CultureInfo.InvariantCulture;
        return new(["bus", "Vm (pu)", "Va (deg)"],
            [.. Enumerable.Range(0, r.Network.BusCount).Select(i => new[]
            {
                r.Network.Buses[i].Id.ToString(c), r.VoltageMagnitudesPu[i].ToString("F6", c), r.VoltageAnglesDeg[i].ToString("F4", c),
            })],
            0);
    }
}
