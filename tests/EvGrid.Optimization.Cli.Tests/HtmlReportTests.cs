using System.Globalization;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using EvGrid.Optimization.Cli.Reporting;
using Xunit;
using static EvGrid.Optimization.Cli.Tests.CliRunner;

namespace EvGrid.Optimization.Cli.Tests;

/// <summary>
/// The <c>index.html</c> every picture-writing command leaves in <c>--out</c>: it shows every picture written, only
/// pictures that exist, nothing from another host, and its tables carry the numbers of the command's JSON.
/// </summary>
public class HtmlReportTests
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static TheoryData<string[]> Commands() => new()
    {
        { new[] { "powerflow", "ieee33" } },
        { new[] { "powerflow", "ieee13" } },
        { new[] { "solvers", "compare", "--functions", "sphere,rastrigin", "--optimizers", "pso,hs", "--dim", "5", "--swarm", "10", "--iterations", "20", "--runs", "3" } },
        { new[] { "solvers", "pareto", "--problem", "zdt1", "--optimizers", "mopso,nsga2", "--evaluations", "1000", "--runs", "2" } },
        { new[] { "schedule", "--region", "residential", "--evs", "60", "--swarm", "10", "--iterations", "4" } },
        { new[] { "plan", "--scheme", "2" } },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void The_report_shows_every_picture_written_and_nothing_from_another_host(string[] command)
    {
        var dir = Directory.CreateTempSubdirectory("evgrid-report-").FullName;
        try
        {
            var (code, _, err) = Run([.. command, "--out", dir]);
            Assert.True(code == 0, err);
            Assert.Contains("index.html", err, StringComparison.Ordinal); // the command says what it wrote
            var html = File.ReadAllText(Path.Combine(dir, "index.html"));
            var page = Parse(html);
            var shown = page.Descendants("img").Select(i => Uri.UnescapeDataString((string)i.Attribute("src")!)).ToList();
            var written = Directory.GetFiles(dir, "*.svg").Select(Path.GetFileName).ToList();
            Assert.NotEmpty(written);
            Assert.Equal(written.Order(StringComparer.Ordinal), shown.Order(StringComparer.Ordinal)); // each once
            Assert.All(page.Descendants("img"), i => Assert.False(string.IsNullOrWhiteSpace((string?)i.Attribute("alt"))));

            // Self-contained: relative links to files that exist, inline CSS, no script, no other host.
            foreach (var link in page.Descendants("a").Select(a => Uri.UnescapeDataString((string)a.Attribute("href")!)))
            {
                Assert.True(File.Exists(Path.Combine(dir, link)), link);
            }

            Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("//", html.Replace("<!DOCTYPE html>", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Empty(page.Descendants("script"));
            Assert.Empty(page.Descendants("link"));
            Assert.Single(page.Descendants("style"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Powerflow_report_and_csv_carry_the_json_voltages_and_the_picture_has_limits_axes_units_and_legend()
    {
        var (page, json, dir) = RunWithJson("powerflow", "ieee33");
        try
        {
            var buses = json.GetProperty("buses").EnumerateArray().ToList();
            var table = Table(page, "bus");
            Assert.Equal(buses.Count, table.Count);
            for (var i = 0; i < buses.Count; i++)
            {
                Assert.Equal(buses[i].GetProperty("id").GetInt32().ToString(C), table[i][0]);
                Assert.Equal(buses[i].GetProperty("vmPu").GetDouble(), double.Parse(table[i][1], C), 5e-7); // printed with 6 decimals
            }

            var summary = Table(page, "key").ToDictionary(r => r[0], r => r[1]);
            Assert.Equal(json.GetProperty("lossesKw").GetDouble(), double.Parse(summary["losses (kW / kVAr)"].Split(" / ")[0], C), 5e-4);
            Assert.StartsWith(json.GetProperty("minVoltagePu").GetDouble().ToString("F6", C), summary["minimum voltage (pu)"], StringComparison.Ordinal);

            var csv = File.ReadAllLines(Path.Combine(dir, "voltage-profile.csv"));
            Assert.Equal("bus,vmPu,vMinPu,vMaxPu", csv[0]);
            Assert.Equal(buses.Select(b => b.GetProperty("vmPu").GetDouble()), csv.Skip(1).Select(l => double.Parse(l.Split(',')[1], C)));

            // IEEE 33 sags below 0.93 pu from bus 10 to 18 and 29 to 33: the note counts the buses outside the limits.
            var below = buses.Count(b => b.GetProperty("vmPu").GetDouble() < 0.93);
            Assert.Equal(14, below);
            Assert.Contains($"{below} bus voltage(s) outside them", page.ToString(), StringComparison.Ordinal);

            var svg = File.ReadAllText(Path.Combine(dir, "voltage-profile.svg"));
            foreach (var text in new[] { ">|V| (pu)<", ">bus (in the case", ">upper limit 1.07 pu<", ">lower limit 0.93 pu<", ">ieee33: voltage magnitude per bus (sweep)<" })
            {
                Assert.Contains(text, svg, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Compare_report_tables_carry_the_json_figures()
    {
        var (page, json, dir) = RunWithJson("solvers", "compare", "--functions", "sphere,rastrigin", "--optimizers", "pso,hs",
            "--dim", "5", "--swarm", "10", "--iterations", "20", "--runs", "3");
        try
        {
            Assert.False(json.GetProperty("cancelled").GetBoolean());
            Assert.Equal(12, json.GetProperty("finishedRuns").GetInt32());
            var rows = json.GetProperty("results").EnumerateArray().ToList();
            var table = Table(page, "function", "dim");
            Assert.Equal(rows.Count, table.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].GetProperty("function").GetString(), table[i][0]);
                Assert.Equal(rows[i].GetProperty("optimizer").GetString(), table[i][2]);
                Assert.Equal(rows[i].GetProperty("runs").GetInt32().ToString(C), table[i][3]);
                foreach (var (key, column) in new[] { ("best", 4), ("worst", 5), ("mean", 6), ("median", 7), ("std", 8) })
                {
                    // Printed with four significant digits (0.000e+00).
                    var expected = rows[i].GetProperty(key).GetDouble();
                    Assert.Equal(expected, double.Parse(table[i][column], C), Math.Abs(expected) * 5e-4);
                }
            }

            var ranks = Table(page, "optimizer", "rank");
            Assert.Equal(
                json.GetProperty("statistics").GetProperty("friedmanRanks").EnumerateArray().Select(r => r.GetProperty("rank").GetDouble().ToString("F3", C)),
                ranks.Select(r => r[1]));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Pareto_report_table_carries_the_json_figures()
    {
        var (page, json, dir) = RunWithJson("solvers", "pareto", "--problem", "zdt1,dtlz2", "--optimizers", "mopso,nsga2",
            "--evaluations", "1000", "--runs", "2");
        try
        {
            var rows = json.GetProperty("results").EnumerateArray().ToList();
            var table = Table(page, "problem");
            Assert.Equal(4, table.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                Assert.Equal(rows[i].GetProperty("problem").GetString(), table[i][0]);
                Assert.Equal(rows[i].GetProperty("optimizer").GetString(), table[i][1]);
                var igd = rows[i].GetProperty("igdMean").GetDouble();
                Assert.Equal(igd, double.Parse(table[i][3], C), igd * 5e-4);
                Assert.Equal(rows[i].GetProperty("hvMean").GetDouble(), double.Parse(table[i][5], C), 5e-6); // F5
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Schedule_report_table_carries_the_json_figures()
    {
        var (page, json, dir) = RunWithJson("schedule", "--region", "residential", "--evs", "60", "--swarm", "10", "--iterations", "4", "--quiet");
        try
        {
            var region = json.GetProperty("regions")[0];
            var table = Table(page, "indicator").ToDictionary(r => r[0], r => r);
            string[] columns = ["disordered", "optimized", "exact"];
            for (var k = 0; k < 3; k++)
            {
                var o = region.GetProperty(columns[k]);
                Assert.Equal(o.GetProperty("peakValleyKw").GetDouble(), double.Parse(table["peak-valley difference (kW)"][k + 1], C), 0.05);
                Assert.Equal(o.GetProperty("loadStdKw").GetDouble(), double.Parse(table["load standard deviation (kW)"][k + 1], C), 0.05);
                Assert.Equal(o.GetProperty("transformers").GetInt32().ToString(C), table["transformers (1000 kVA)"][k + 1]);
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Text_is_html_encoded_and_a_missing_picture_is_refused()
    {
        var dir = Directory.CreateTempSubdirectory("evgrid-report-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a b&c.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
            var path = new HtmlReport("<script>alert(1)</script>")
                .Note("x < y & \"z\"", warning: true)
                .Table("t", new TextTable(["<h>"], [["</td>"]]))
                .Picture("a b&c.svg", "caption <b>")
                .Write(dir);
            var html = File.ReadAllText(path);
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
            var page = Parse(html);
            Assert.Equal("<script>alert(1)</script>", page.Descendants("h1").Single().Value);
            Assert.Equal("x < y & \"z\"", page.Descendants("p").Single(p => (string?)p.Attribute("class") == "warning").Value);
            Assert.Equal("</td>", page.Descendants("td").Single().Value);
            Assert.Equal("a b&c.svg", Uri.UnescapeDataString((string)page.Descendants("img").Single().Attribute("src")!));

            var ex = Assert.Throws<InvalidOperationException>(() => new HtmlReport("r").Picture("missing.svg", "m").Write(dir));
            Assert.Contains("missing.svg", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Runs a command with --format json and --out; returns the report, the JSON and the directory.</summary>
    private static (XDocument Page, JsonElement Json, string Dir) RunWithJson(params string[] command)
    {
        var dir = Directory.CreateTempSubdirectory("evgrid-report-").FullName;
        var (code, output, err) = Run([.. command, "--format", "json", "--out", dir]);
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        return (Parse(File.ReadAllText(Path.Combine(dir, "index.html"))), doc.RootElement.Clone(), dir);
    }

    /// <summary>The page as XML (the report is well-formed by design).</summary>
    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    /// <summary>The body cells of the first table whose header starts with the given column titles.</summary>
    private static List<string[]> Table(XDocument page, params string[] header)
    {
        var table = page.Descendants("table").First(t =>
            t.Descendants("th").Select(th => th.Value).Take(header.Length).SequenceEqual(header));
        return [.. table.Element("tbody")!.Elements("tr").Select(tr => tr.Elements("td").Select(td => td.Value).ToArray())];
    }
}
