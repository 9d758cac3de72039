using System.Text;
using Spectre.Console;

namespace EvGrid.Optimization.Cli.Reporting;

/// <summary>
/// A table of already formatted cells: the command prints it as aligned text and <see cref="HtmlReport"/> shows the
/// same cells, so the report and the terminal always carry the same numbers.
/// </summary>
/// <param name="Header">Column titles.</param>
/// <param name="Rows">Cells, one array per row, as many as <paramref name="Header"/>.</param>
/// <param name="LeftAligned">How many leading columns are text (left-aligned); the others are numbers (right-aligned).</param>
internal sealed record TextTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows, int LeftAligned = 1)
{
    /// <summary>The table as aligned text: header, a rule, the rows; columns two spaces apart.</summary>
    /// <param name="indent">Written before every line.</param>
    /// <returns>The lines, each ending with a newline.</returns>
    public string ToText(string indent = "")
    {
        var widths = Header.Select((h, c) => Math.Max(h.Length, Rows.Count == 0 ? 0 : Rows.Max(row => row[c].Length))).ToArray();
        var sb = new StringBuilder();
        void Line(IReadOnlyList<string> row) => sb.AppendLine(indent + string.Join("  ",
            row.Select((v, c) => c < LeftAligned ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd());
        Line(Header);
        sb.AppendLine(indent + new string('-', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in Rows)
        {
            Line(row);
        }

        return sb.ToString();
    }

    /// <summary>The table for Spectre.Console (a simple border; cells are escaped, never read as markup).</summary>
    /// <param name="hideHeaders">Leave the header row out (key/value tables).</param>
    /// <returns>The Spectre table.</returns>
    public Table ToSpectre(bool hideHeaders = false)
    {
        var table = new Table().Border(TableBorder.Simple);
        for (var c = 0; c < Header.Count; c++)
        {
            var column = new TableColumn(Markup.Escape(Header[c]));
            table.AddColumn(c < LeftAligned ? column : column.RightAligned());
        }

        foreach (var row in Rows)
        {
            table.AddRow([.. row.Select(Markup.Escape)]);
        }

        return hideHeaders ? table.HideHeaders() : table;
    }
}
