using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using EvGrid.Optimization.Planning.Capacity;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>
/// <c>evgrid capacity [--region residential|commercial|station|all] [--format table|json]</c>: the transformer capacity
/// configuration of seed 000 §4 (eqs. (1)–(9)) for the regions of §6.1, each equation with its numbers.
/// </summary>
internal static class CapacityCommand
{
    /// <summary>The region names.</summary>
    public static readonly string[] Regions = ["residential", "commercial", "station", "all"];

    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var region = new Option<string>("--region") { Description = "Region: residential, commercial, station or all.", DefaultValueFactory = _ => "all" };
        region.OneOf(Regions);
        var format = new Option<string>("--format") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
        format.OneOf("table", "json");

        var command = new Command("capacity", "Transformer capacity configuration of seed 000 §4 (eqs. 1-9): EV planning load, transformer count per charging mode, investment saved.")
        {
            region, format,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(region) ?? "all";
            var inputs = name == "all"
                ? CapacityRegions.All
                : [CapacityRegions.All.Single(r => r.Name == name)];
            var results = inputs.Select(CapacityModel.Configure).ToList();
            if (parse.GetValue(format) == "json")
            {
                context.Output.WriteLine(Json(results));
            }
            else
            {
                WriteTable(context.Output, results);
            }

            return CliApp.Success;
        });
        return command;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<CapacityConfiguration> results)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 140;
        var c = CultureInfo.InvariantCulture;
        foreach (var r in results)
        {
            var p = r.Input;
            console.WriteLine(string.Create(c, $"Region: {p.Name} (node {p.Nodes}), seed 000 §4 eqs. (1)-(9)"));
            var table = new Table().Border(TableBorder.Simple)
                .AddColumn("eq.")
                .AddColumn("quantity")
                .AddColumn("computation")
                .AddColumn(new TableColumn("value").RightAligned());
            table.AddRow("(1)", "penetration rate α", string.Create(c, $"N_EV / N_R = {p.EvCount} / {p.CarCount}"), string.Create(c, $"{r.PenetrationRate:F3}"));
            table.AddRow("(2)", "simultaneity rate β", "given (§6.1)", string.Create(c, $"{r.SimultaneityRate:F3}"));
            var piles = string.Join(" + ", p.Piles.Select(g => string.Create(c, $"{g.Count} x {g.RatedKw:G} kW {g.Kind}")));
            table.AddRow("", "pile rating P_EV (kW)", Markup.Escape(piles) + string.Create(c, $" / {p.Piles.Sum(g => g.Count)}"), string.Create(c, $"{r.MeanPileKw:F3}"));
            table.AddRow("(4)", "EV planning load S_ev (kW)",
                string.Create(c, $"P_EV·α·N_R·β/η = {r.MeanPileKw:G6}·{r.PenetrationRate:G4}·{p.CarCount}·{r.SimultaneityRate:G4}/{p.ChargingEfficiency:G4}"),
                string.Create(c, $"{r.EvPlanningKw:F2}"));
            var pj = p.Households is { } h
                ? string.Create(c, $"P_J = {p.KwPerHousehold:G4} kW x {h} households")
                : "given";
            table.AddRow(p.Households is null ? "" : "(6)", "user planning load P_J (kW)", Markup.Escape(pj), string.Create(c, $"{r.UserPlanningLoadKw:F2}"));
            table.AddRow("(5)", "planning load P_R (kW)",
                string.Create(c, $"P_J·ζ·δ = {r.UserPlanningLoadKw:G6}·{p.DemandCoefficient:G4}·{p.LoadSimultaneity:G4}"), string.Create(c, $"{r.PlanningLoadKw:F2}"));
            table.AddRow("(7)", "transformer capacity S_R (kVA)",
                string.Create(c, $"P_R/(φ·cos φ) = {r.PlanningLoadKw:G6}/({p.PlanningMargin:G4}·{p.PowerFactor:G4})"), string.Create(c, $"{r.TransformerKva:F2}"));
            foreach (var m in r.Modes)
            {
                var peak = m.PeakFromCurves
                    ? "given from the mode's curves"
                    : string.Create(c, $"γ·(S_ev + P_R) = {m.SuperpositionRate:G4}·({r.EvPlanningKw:F2} + {r.PlanningLoadKw:F2})");
                table.AddRow("(3)", Markup.Escape($"[{m.Name}] superposed peak (kW)"), Markup.Escape(peak), string.Create(c, $"{m.SuperposedPeakKw:F2}"));
                table.AddRow("(8)", Markup.Escape($"[{m.Name}] units (S_U = {p.UnitKva:G} kVA)"),
                    string.Create(c, $"max(⌈S_R/S_U⌉ = {m.UnitsForCapacity}, ⌈peak/(S_U·cos φ)⌉ = {m.UnitsForLoad})"), m.Units.ToString(c));
                table.AddRow("(9)", Markup.Escape($"[{m.Name}] installed (kVA), load rate"),
                    string.Create(c, $"{m.Units} x {p.UnitKva:G} kVA; peak / installed"), string.Create(c, $"{m.InstalledKva:F0}, {100 * m.LoadRate:F2} %"));
            }

            console.Write(table);
            if (r.Modes.Count >= 2)
            {
                console.WriteLine(string.Create(c,
                    $"{r.Modes[1].Name} vs {r.Modes[0].Name}: {r.UnitsSaved()} unit(s) saved x CNY {p.InvestmentPerUnitCny / 1e6:G4} M = CNY {r.InvestmentSavedCny() / 1e6:F2} M saved"));
            }

            console.WriteLine();
        }
    }

    private static string Json(IReadOnlyList<CapacityConfiguration> results)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("regions");
            foreach (var r in results)
            {
                var p = r.Input;
                w.WriteStartObject();
                w.WriteString("region", p.Name);
                w.WriteString("nodes", p.Nodes);
                w.WriteNumber("evCount", p.EvCount);
                w.WriteNumber("carCount", p.CarCount);
                w.WriteStartArray("piles");
                foreach (var g in p.Piles)
                {
                    w.WriteStartObject();
                    w.WriteNumber("count", g.Count);
                    w.WriteNumber("ratedKw", g.RatedKw);
                    w.WriteString("kind", g.Kind);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteNumber("chargingEfficiency", p.ChargingEfficiency);
                w.WriteNumber("demandCoefficient", p.DemandCoefficient);
                w.WriteNumber("loadSimultaneity", p.LoadSimultaneity);
                w.WriteNumber("planningMargin", p.PlanningMargin);
                w.WriteNumber("powerFactor", p.PowerFactor);
                w.WriteNumber("unitKva", p.UnitKva);
                w.WriteNumber("investmentPerUnitCny", p.InvestmentPerUnitCny);
                w.WriteFiniteNumber("penetrationRate", r.PenetrationRate);
                w.WriteFiniteNumber("simultaneityRate", r.SimultaneityRate);
                w.WriteFiniteNumber("meanPileKw", r.MeanPileKw);
                w.WriteFiniteNumber("ratedEvKw", r.RatedEvKw);
                w.WriteFiniteNumber("evPlanningKw", r.EvPlanningKw);
                w.WriteFiniteNumber("userPlanningLoadKw", r.UserPlanningLoadKw);
                w.WriteFiniteNumber("planningLoadKw", r.PlanningLoadKw);
                w.WriteFiniteNumber("transformerKva", r.TransformerKva);
                w.WriteStartArray("modes");
                foreach (var m in r.Modes)
                {
                    w.WriteStartObject();
                    w.WriteString("name", m.Name);
                    w.WriteFiniteNumber("superpositionRate", m.SuperpositionRate);
                    w.WriteBoolean("peakFromCurves", m.PeakFromCurves);
                    w.WriteFiniteNumber("superposedPeakKw", m.SuperposedPeakKw);
                    w.WriteNumber("unitsForCapacity", m.UnitsForCapacity);
                    w.WriteNumber("unitsForLoad", m.UnitsForLoad);
                    w.WriteNumber("units", m.Units);
                    w.WriteFiniteNumber("installedKva", m.InstalledKva);
                    w.WriteFiniteNumber("loadRate", m.LoadRate);
                    w.WriteFiniteNumber("investmentCny", m.InvestmentCny);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (r.Modes.Count >= 2)
                {
                    w.WriteNumber("unitsSaved", r.UnitsSaved());
                    w.WriteFiniteNumber("investmentSavedCny", r.InvestmentSavedCny());
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
