using System.Net;
using System.Text;

namespace EvGrid.Optimization.Cli.Reporting;

/// <summary>
/// The <c>index.html</c> a command writes into its <c>--out</c> directory: the printed tables (the same cells, see
/// <see cref="TextTable"/>) beside the pictures. The page is self-contained: inline CSS, no script, pictures and data
/// files by relative links, nothing fetched from another host. Every text is HTML-encoded, and the markup is
/// well-formed XML, so tests (and scripts) can read it with an XML parser.
/// </summary>
internal sealed class HtmlReport
{
    /// <summary>The file name of the report.</summary>
    public const string FileName = "index.html";

    private const string Style = """
        body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 24px; color: #1a1a1a; background: #fff; }
        h1 { font-size: 22px; margin: 0 0 6px 0; }
        h2 { font-size: 17px; margin: 28px 0 8px 0; border-bottom: 1px solid #ccc; padding-bottom: 4px; }
        p { margin: 6px 0; max-width: 1100px; line-height: 1.4; }
        p.warning { background: #fff4e0; border-left: 4px solid #e08000; padding: 6px 10px; }
        .row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; margin: 10px 0; }
        div.table { margin-bottom: 18px; }
        p.caption { font-weight: bold; font-size: 14px; max-width: 36em; margin: 4px 0; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; white-space: nowrap; }
        th { background: #f0f0f0; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        pre { font-size: 12px; background: #f7f7f7; padding: 8px; border: 1px solid #ddd; overflow-x: auto; }
        figure { margin: 12px 0; max-width: 1100px; }
        .row > figure { margin: 0; flex: 1 1 760px; }
        figure img { width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: 13px; color: #444; margin-top: 4px; }
        ul.files { font-size: 13px; columns: 3; max-width: 1100px; }
        """;

    private readonly string _title;
    private readonly StringBuilder _body = new();
    private readonly List<string> _pictures = [];

    /// <summary>Starts a report.</summary>
    /// <param name="title">Page title and heading (the command that wrote it).</param>
    public HtmlReport(string title) => _title = title;

    /// <summary>The pictures shown, as file names relative to the report.</summary>
    public IReadOnlyList<string> Pictures => _pictures;

    /// <summary>Adds a section heading.</summary>
    /// <param name="text">The heading.</param>
    /// <returns>This report.</returns>
    public HtmlReport Heading(string text)
    {
        _body.Append("<h2>").Append(E(text)).AppendLine("</h2>");
        return this;
    }

    /// <summary>Adds a paragraph.</summary>
    /// <param name="text">The text.</param>
    /// <param name="warning">Highlight it (an interrupted run, nothing feasible).</param>
    /// <returns>This report.</returns>
    public HtmlReport Note(string text, bool warning = false)
    {
        _body.Append(warning ? "<p class=\"warning\">" : "<p>").Append(E(text)).AppendLine("</p>");
        return this;
    }

    /// <summary>Puts what <paramref name="content"/> adds side by side (wrapping on narrow windows): tables and at most
    /// one picture, which takes the width left (pictures outside a row take the page's width, so their text stays
    /// readable).</summary>
    /// <param name="content">Adds tables and pictures.</param>
    /// <returns>This report.</returns>
    public HtmlReport Row(Action<HtmlReport> content)
    {
        ArgumentNullException.ThrowIfNull(content);
        _body.AppendLine("<div class=\"row\">");
        content(this);
        _body.AppendLine("</div>");
        return this;
    }

    /// <summary>Adds a table with the cells the command prints.</summary>
    /// <param name="caption">Caption (what the table shows, with units).</param>
    /// <param name="table">The table.</param>
    /// <returns>This report.</returns>
    public HtmlReport Table(string caption, TextTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _body.Append("<div class=\"table\"><p class=\"caption\">").Append(E(caption)).AppendLine("</p>").AppendLine("<table>");
        _body.Append("<thead><tr>");
        foreach (var h in table.Header)
        {
            _body.Append("<th>").Append(E(h)).Append("</th>");
        }

        _body.AppendLine("</tr></thead>").AppendLine("<tbody>");
        foreach (var row in table.Rows)
        {
            _body.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                _body.Append(c < table.LeftAligned ? "<td>" : "<td class=\"num\">").Append(E(row[c])).Append("</td>");
            }

            _body.AppendLine("</tr>");
        }

        _body.AppendLine("</tbody>").AppendLine("</table></div>");
        return this;
    }

    /// <summary>Adds text exactly as the command prints it (monospace).</summary>
    /// <param name="text">The text.</param>
    /// <returns>This report.</returns>
    public HtmlReport Preformatted(string text)
    {
        _body.Append("<pre>").Append(E(text.TrimEnd())).AppendLine("</pre>");
        return this;
    }

    /// <summary>Adds a picture written into the report's directory, linked to itself for a full-size view.</summary>
    /// <param name="fileName">File name relative to the report.</param>
    /// <param name="caption">What it shows.</param>
    /// <returns>This report.</returns>
    public HtmlReport Picture(string fileName, string caption)
    {
        _pictures.Add(fileName);
        var link = E(Uri.EscapeDataString(fileName));
        _body.Append("<figure><a href=\"").Append(link).Append("\"><img src=\"").Append(link).Append("\" alt=\"")
            .Append(E(caption)).Append("\" /></a><figcaption>").Append(E(caption)).AppendLine("</figcaption></figure>");
        return this;
    }

    /// <summary>Adds links to data files written beside the report.</summary>
    /// <param name="heading">The list's heading.</param>
    /// <param name="fileNames">File names relative to the report.</param>
    /// <returns>This report.</returns>
    public HtmlReport Files(string heading, IEnumerable<string> fileNames)
    {
        var files = fileNames.ToList();
        if (files.Count == 0)
        {
            return this;
        }

        Heading(heading);
        _body.AppendLine("<ul class=\"files\">");
        foreach (var f in files)
        {
            _body.Append("<li><a href=\"").Append(E(Uri.EscapeDataString(f))).Append("\">").Append(E(f)).AppendLine("</a></li>");
        }

        _body.AppendLine("</ul>");
        return this;
    }

    /// <summary>Writes <c>index.html</c> into <paramref name="directory"/>.</summary>
    /// <param name="directory">The command's <c>--out</c> directory, where the pictures are.</param>
    /// <returns>The report's full path.</returns>
    /// <exception cref="InvalidOperationException">A picture the report shows was not written.</exception>
    public string Write(string directory)
    {
        var missing = _pictures.Where(p => !File.Exists(Path.Combine(directory, p))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The report shows pictures that were not written: {string.Join(", ", missing)}.");
        }

        var html = new StringBuilder()
            .AppendLine("<!DOCTYPE html>")
            .AppendLine("<html lang=\"en\">")
            .AppendLine("<head>")
            .AppendLine("<meta charset=\"utf-8\" />")
            .AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
            .Append("<title>").Append(E(_title)).AppendLine("</title>")
            .Append("<style>").Append(Style).AppendLine("</style>")
            .AppendLine("</head>")
            .AppendLine("<body>")
            .Append("<h1>").Append(E(_title)).AppendLine("</h1>")
            .Append(_body)
            .AppendLine("</body>")
            .AppendLine("</html>");
        var path = Path.Combine(directory, FileName);
        File.WriteAllText(path, html.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
