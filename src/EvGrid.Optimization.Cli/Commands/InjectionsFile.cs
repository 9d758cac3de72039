using System.Globalization;
using System.Text.Json;
using EvGrid.Optimization.Network;
using EvGrid.Optimization.Network.Grid;
using EvGrid.Optimization.Network.ThreePhase;

namespace EvGrid.Optimization.Cli.Commands;

/// <summary>One row of an <c>--injections</c> file: signed kW (positive = demand) and optional kVAr at a bus or node.</summary>
/// <param name="Id">Bus id (balanced) or node id (three-phase).</param>
/// <param name="Phases">Phase letters for a three-phase node (ABC when the column is absent or empty).</param>
/// <param name="Kw">Active power, kW; positive = demand, negative = injection (V2G, DG).</param>
/// <param name="Kvar">Reactive power, kVAr, same sign convention; null when not given (then 0).</param>
internal sealed record InjectionRow(string Id, string Phases, double Kw, double? Kvar)
{
    /// <summary>kVAr applied: the given value or 0 (unity power factor).</summary>
    public double KvarOrZero => Kvar ?? 0.0;
}

/// <summary>
/// Reads the CSV of <c>evgrid powerflow &lt;case&gt; --injections FILE.csv</c>: a header with a <c>bus</c> or
/// <c>node</c> column, <c>kw</c>, optionally <c>phases</c> (three-phase, default ABC; the kW split evenly over the
/// phases) and <c>kvar</c> (default 0); one row per injection; positive kW = demand. Applies the rows to the single
/// snapshot as constant-power elements, validated by the grid seam (<see cref="IGridTimeSeries.Connect"/>).
/// </summary>
internal static class InjectionsFile
{
    /// <summary>Reads and checks the file; throws with the file, line and field named.</summary>
    public static IReadOnlyList<InjectionRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArgumentException($"injections file '{path}' does not exist.");
        }

        var lines = File.ReadAllLines(path);
        var headerLine = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerLine < 0)
        {
            throw new FormatException($"injections file '{path}' is empty; expected a header such as 'bus,kw,kvar'.");
        }

        var header = lines[headerLine].Split(',').Select(h => h.Trim().ToLowerInvariant()).ToArray();
        var id = Array.FindIndex(header, h => h is "bus" or "node");
        var kw = Array.IndexOf(header, "kw");
        var kvar = Array.IndexOf(header, "kvar");
        var phases = Array.IndexOf(header, "phases");
        if (id < 0 || kw < 0)
        {
            throw new FormatException($"injections file '{path}': the header '{lines[headerLine].Trim()}' needs a 'bus' or 'node' column and a 'kw' column.");
        }

        var rows = new List<InjectionRow>();
        for (var n = headerLine + 1; n < lines.Length; n++)
        {
            if (string.IsNullOrWhiteSpace(lines[n]))
            {
                continue;
            }

            var cells = lines[n].Split(',').Select(c => c.Trim()).ToArray();
            if (cells.Length != header.Length)
            {
                throw new FormatException($"injections file '{path}' line {n + 1}: {cells.Length} fields, the header has {header.Length}.");
            }

            var p = Number(path, n, "kw", cells[kw]);
            double? q = kvar >= 0 && cells[kvar].Length > 0 ? Number(path, n, "kvar", cells[kvar]) : null;
            var ph = phases >= 0 && cells[phases].Length > 0 ? cells[phases] : "ABC";
            if (cells[id].Length == 0)
            {
                throw new FormatException($"injections file '{path}' line {n + 1}: empty {header[id]}.");
            }

            rows.Add(new InjectionRow(cells[id], ph, p, q));
        }

        return rows;
    }

    /// <summary>The network with every row added as a constant-power load at its bus (validated: known bus, not the slack).</summary>
    public static PowerNetwork Apply(PowerNetwork network, IReadOnlyList<InjectionRow> rows)
    {
        new BalancedGridTimeSeries(network).Connect(rows.Select(r => ConnectionPoint.Bus(r.Id)).ToArray());
        var builder = network.ToBuilder();
        foreach (var r in rows)
        {
            builder.AddLoad(new Load(int.Parse(r.Id, NumberStyles.Integer, CultureInfo.InvariantCulture), r.Kw, r.KvarOrZero));
        }

        return builder.Build();
    }

    /// <summary>Adds every row to the workspace as extra wye constant-power demand, split evenly over its phases (validated: known node, not the source, phases present).</summary>
    public static void Apply(ThreePhaseWorkspace workspace, IReadOnlyList<InjectionRow> rows)
    {
        var feeder = workspace.Feeder;
        new ThreePhaseGridTimeSeries(feeder).Connect(rows.Select(r => ConnectionPoint.Node(r.Id, r.Phases)).ToArray());
        foreach (var r in rows)
        {
            var set = PhaseSets.Parse(r.Phases);
            var count = set.Count();
            for (var p = 0; p < 3; p++)
            {
                if (set.Has(p))
                {
                    workspace.AddExtraDemand(feeder.IndexOf(r.Id), p, r.Kw / count, r.KvarOrZero / count);
                }
            }
        }
    }

    /// <summary>Writes the rows back as the <c>injections</c> array: [{id, phases (three-phase), kw, kvar}].</summary>
    public static void WriteJson(Utf8JsonWriter w, IReadOnlyList<InjectionRow> rows, bool threePhase)
    {
        w.WriteStartArray("injections");
        foreach (var r in rows)
        {
            w.WriteStartObject();
            w.WriteString(threePhase ? "node" : "bus", r.Id);
            if (threePhase)
            {
                w.WriteString("phases", r.Phases);
            }

            w.WriteNumber("kw", r.Kw);
            w.WriteNumber("kvar", r.KvarOrZero);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static double Number(string path, int line, string field, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : throw new FormatException($"injections file '{path}' line {line + 1}: {field} '{text}' is not a finite number.");
}
