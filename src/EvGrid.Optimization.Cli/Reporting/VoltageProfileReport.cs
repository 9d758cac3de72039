using System.Globalization;
using System.Text;
using EvGrid.Optimization.Objectives;

namespace EvGrid.Optimization.Cli.Reporting;

/// <summary>
/// The files of <c>evgrid powerflow --out</c>: <c>voltage-profile.svg</c> (|V| per bus against the limits),
/// <c>voltage-profile.csv</c> (the plotted values) and <c>index.html</c> (the printed tables beside the picture).
/// The limits drawn are <see cref="VoltageLimits.Default"/> (0.93–1.07 pu, seed 000 eq. (19)).
/// </summary>
internal static class VoltageProfileReport
{
    /// <summary>The picture's file name.</summary>
    public const string PictureFile = "voltage-profile.svg";

    /// <summary>The data's file name.</summary>
    public const string DataFile = "voltage-profile.csv";

    /// <summary>Writes the three files.</summary>
    /// <param name="directory">The <c>--out</c> directory (already checked writable).</param>
    /// <param name="caseName">Case name.</param>
    /// <param name="solver">Solver name.</param>
    /// <param name="converged">Whether the power flow converged (a failed one is drawn and flagged).</param>
    /// <param name="buses">Bus names in the case's order.</param>
    /// <param name="curves">(name, |V| in pu per bus, NaN where missing): one curve, or one per phase.</param>
    /// <param name="tables">The printed tables, (caption, table), in print order.</param>
    public static void Write(string directory, string caseName, string solver, bool converged, IReadOnlyList<string> buses,
        IReadOnlyList<(string Name, IReadOnlyList<double> VmPu)> curves, IReadOnlyList<(string Caption, TextTable Table)> tables)
    {
        var limits = VoltageLimits.Default;
        var c = CultureInfo.InvariantCulture;
        File.WriteAllText(Path.Combine(directory, PictureFile), Charts.VoltageProfile(
            $"{caseName}: voltage magnitude per bus ({solver})", buses,
            [.. curves.Select(k => (curves.Count == 1 ? "|V| (pu)" : $"|V| phase {k.Name} (pu)", k.VmPu))],
            limits.MinPu, limits.MaxPu));

        var csv = new StringBuilder("bus");
        foreach (var k in curves)
        {
            csv.Append(curves.Count == 1 ? ",vmPu" : $",vmPu{k.Name}");
        }

        csv.AppendLine(",vMinPu,vMaxPu");
        for (var i = 0; i < buses.Count; i++)
        {
            csv.Append(buses[i]);
            foreach (var k in curves)
            {
                csv.Append(',').Append(double.IsFinite(k.VmPu[i]) ? k.VmPu[i].ToString("R", c) : string.Empty);
            }

            csv.AppendLine(string.Create(c, $",{limits.MinPu:R},{limits.MaxPu:R}"));
        }

        File.WriteAllText(Path.Combine(directory, DataFile), csv.ToString());

        var outside = curves.Sum(k => k.VmPu.Count(v => double.IsFinite(v) && (v < limits.MinPu || v > limits.MaxPu)));
        var report = new HtmlReport($"evgrid powerflow {caseName}");
        if (!converged)
        {
            report.Note("The power flow did not converge: the voltages below are those of its last iteration, not a solution.", warning: true);
        }

        report.Note(string.Create(c,
            $"Limits drawn: {limits.MinPu:0.###}–{limits.MaxPu:0.###} pu (±7 %, seed 000 eq. (19)); {outside} bus voltage(s) outside them."));
        report.Row(r =>
        {
            r.Table(tables[0].Caption, tables[0].Table);
            r.Picture(PictureFile, "Voltage magnitude |V| (pu) at every bus in the case's order, with the lower and upper limits");
        });
        foreach (var (caption, table) in tables.Skip(1))
        {
            report.Table(caption, table);
        }

        report.Files("Data", [DataFile]).Write(directory);
    }
}
