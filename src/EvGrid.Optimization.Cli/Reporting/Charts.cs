using OxyPlot;
using OxyPlot.Axes;
using OxyPlot.Legends;
using OxyPlot.Series;

namespace EvGrid.Optimization.Cli.Reporting;

/// <summary>One named curve of a line chart: y values at x = 0, 1, 2, … (slot index).</summary>
/// <param name="Title">Legend title.</param>
/// <param name="Values">One value per x position.</param>
internal sealed record ChartSeries(string Title, IReadOnlyList<double> Values);

/// <summary>
/// The pictures the command line writes (SVG through OxyPlot's managed exporter, so the tool ships no native
/// assets): line charts with axes, units and a legend, and scatter plots of Pareto fronts.
/// </summary>
internal static class Charts
{
    private const double Width = 1100;
    private const double Height = 480;

    /// <summary>
    /// The font the pictures are laid out with: OxyPlot's managed measurer knows Arial's widths (as Helvetica's) and
    /// measures other names narrower, so legends would not hold their text.
    /// </summary>
    private const string MeasuredFont = "Arial";

    /// <summary>
    /// The fonts the SVG asks for: Arial, then fonts with the same widths (Liberation Sans is Debian's and most Linux
    /// systems' metric-compatible stand-in, Helvetica macOS's), then any sans-serif font, which the legends' padding
    /// leaves some room for.
    /// </summary>
    private const string FontFamily = "Arial, Liberation Sans, Helvetica, sans-serif";

    /// <summary>A line chart of several series over the slots of a day.</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title with its unit.</param>
    /// <param name="yTitle">y-axis title with its unit.</param>
    /// <param name="slotHours">Slot length (h): x is plotted in hours.</param>
    /// <param name="series">The series.</param>
    /// <returns>An SVG document.</returns>
    public static string Lines(string title, string xTitle, string yTitle, double slotHours, IEnumerable<ChartSeries> series)
    {
        var model = NewModel(title, xTitle, yTitle);
        foreach (var s in series)
        {
            var line = new LineSeries { Title = s.Title, StrokeThickness = 2, MarkerType = MarkerType.Circle, MarkerSize = 2.5 };
            for (var t = 0; t < s.Values.Count; t++)
            {
                if (double.IsFinite(s.Values[t]))
                {
                    line.Points.Add(new DataPoint(t * slotHours, s.Values[t]));
                }
            }

            model.Series.Add(line);
        }

        return Export(model);
    }

    /// <summary>
    /// Obtained Pareto fronts against a sampled true front (grey): one colour and legend entry per front. The axes span
    /// the true front with a 5 % margin, so a front far from it is cut at the plot's edge instead of squashing the picture.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title.</param>
    /// <param name="yTitle">y-axis title.</param>
    /// <param name="truth">Points of the true front.</param>
    /// <param name="fronts">(legend title, points) per obtained front.</param>
    /// <returns>An SVG document.</returns>
    public static string Fronts(string title, string xTitle, string yTitle, IReadOnlyList<(double X, double Y)> truth,
        IReadOnlyList<(string Title, IReadOnlyList<(double X, double Y)> Points)> fronts)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(fronts);
        var model = NewModel(title, xTitle, yTitle);
        if (truth.Count > 0)
        {
            Span(model.Axes[0], truth.Min(p => p.X), truth.Max(p => p.X));
            Span(model.Axes[1], truth.Min(p => p.Y), truth.Max(p => p.Y));
        }

        var reference = new ScatterSeries { Title = "true front (sampled)", MarkerType = MarkerType.Circle, MarkerSize = 1.5, MarkerFill = OxyColors.Gray };
        reference.Points.AddRange(truth.Select(p => new ScatterPoint(p.X, p.Y)));
        model.Series.Add(reference);
        var palette = new[] { OxyColors.Red, OxyColors.RoyalBlue, OxyColors.ForestGreen, OxyColors.DarkViolet, OxyColors.DarkOrange, OxyColors.Sienna };
        for (var i = 0; i < fronts.Count; i++)
        {
            var colour = palette[i % palette.Length];
            var series = new ScatterSeries
            {
                Title = fronts[i].Title, MarkerType = MarkerType.Circle, MarkerSize = 3.5,
                MarkerFill = OxyColors.Transparent, MarkerStroke = colour, MarkerStrokeThickness = 1.2,
            };
            series.Points.AddRange(fronts[i].Points.Select(p => new ScatterPoint(p.X, p.Y)));
            model.Series.Add(series);
        }

        // Bottom left: the empty side of a minimisation front, and text that grows into the plot if a viewer's font is wider.
        model.Legends[0].LegendPosition = LegendPosition.BottomLeft;
        return Export(model);

        static void Span(Axis axis, double min, double max)
        {
            var pad = Math.Max(1e-9, (max - min) * 0.05);
            axis.Minimum = min - pad;
            axis.Maximum = max + pad;
        }
    }

    /// <summary>A scatter plot of points with one highlighted point (e.g. a Pareto front and its compromise).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title with its unit.</param>
    /// <param name="yTitle">y-axis title with its unit.</param>
    /// <param name="points">The points.</param>
    /// <param name="highlight">Index of the highlighted point, or −1.</param>
    /// <param name="highlightTitle">Legend title of the highlighted point.</param>
    /// <returns>An SVG document.</returns>
    public static string Scatter(string title, string xTitle, string yTitle, IReadOnlyList<(double X, double Y)> points, int highlight, string highlightTitle)
    {
        ArgumentNullException.ThrowIfNull(points);
        var model = NewModel(title, xTitle, yTitle);
        var all = new ScatterSeries { Title = "Pareto front", MarkerType = MarkerType.Circle, MarkerSize = 3.5 };
        foreach (var (x, y) in points)
        {
            all.Points.Add(new ScatterPoint(x, y));
        }

        model.Series.Add(all);
        if (highlight >= 0 && highlight < points.Count)
        {
            var chosen = new ScatterSeries { Title = highlightTitle, MarkerType = MarkerType.Diamond, MarkerSize = 8, MarkerFill = OxyColors.Red };
            chosen.Points.Add(new ScatterPoint(points[highlight].X, points[highlight].Y));
            model.Series.Add(chosen);
        }

        return Export(model);
    }

    /// <summary>
    /// Median curves with their interquartile bands (one colour per series) against evaluations, on a logarithmic
    /// y axis: values ≤ 0 (an optimum reached exactly) are drawn at a floor a decade below the smallest positive value.
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="xTitle">x-axis title.</param>
    /// <param name="yTitle">y-axis title.</param>
    /// <param name="bands">(title, x, median, lower quartile, upper quartile) per series.</param>
    /// <returns>An SVG document.</returns>
    public static string Bands(string title, string xTitle, string yTitle,
        IReadOnlyList<(string Title, IReadOnlyList<long> X, IReadOnlyList<double> Median, IReadOnlyList<double> Lower, IReadOnlyList<double> Upper)> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var positive = bands.SelectMany(b => b.Median.Concat(b.Lower).Concat(b.Upper)).Where(v => v > 0 && double.IsFinite(v)).ToList();
        var floor = positive.Count == 0 ? 1e-300 : positive.Min() / 10.0;
        var model = NewModel(title, xTitle, yTitle);
        model.Axes.RemoveAt(1);
        model.Axes.Add(new LogarithmicAxis
        {
            Position = AxisPosition.Left, Title = yTitle, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = 14,
        });
        var palette = OxyPalettes.Hue64.Colors;
        for (var i = 0; i < bands.Count; i++)
        {
            var (name, x, median, lower, upper) = bands[i];
            var colour = palette[(i * 23) % palette.Count];
            var area = new AreaSeries
            {
                Fill = OxyColor.FromAColor(60, colour), Color = OxyColors.Transparent, Color2 = OxyColors.Transparent,
                StrokeThickness = 0, RenderInLegend = false,
            };
            var line = new LineSeries { Title = name, Color = colour, StrokeThickness = 2 };
            for (var k = 0; k < x.Count; k++)
            {
                double Y(double v) => double.IsFinite(v) ? Math.Max(v, floor) : double.NaN;
                area.Points.Add(new DataPoint(x[k], Y(upper[k])));
                area.Points2.Add(new DataPoint(x[k], Y(lower[k])));
                line.Points.Add(new DataPoint(x[k], Y(median[k])));
            }

            model.Series.Add(area);
            model.Series.Add(line);
        }

        model.Legends[0].LegendPosition = LegendPosition.TopRight;
        return Export(model);
    }

    /// <summary>
    /// A voltage profile: |V| (pu) at every bus in the case's order, one curve per phase, with the lower and upper
    /// limits as dashed lines. Bus names label the x axis (every k-th one when there are many).
    /// </summary>
    /// <param name="title">Chart title.</param>
    /// <param name="buses">Bus names in plotting order.</param>
    /// <param name="curves">(legend title, |V| in pu per bus, NaN where the bus has no such phase).</param>
    /// <param name="minPu">Lower voltage limit (pu).</param>
    /// <param name="maxPu">Upper voltage limit (pu).</param>
    /// <returns>An SVG document.</returns>
    public static string VoltageProfile(string title, IReadOnlyList<string> buses,
        IReadOnlyList<(string Title, IReadOnlyList<double> VmPu)> curves, double minPu, double maxPu)
    {
        ArgumentNullException.ThrowIfNull(buses);
        ArgumentNullException.ThrowIfNull(curves);
        var model = NewModel(title, "bus (in the case's order)", "|V| (pu)");
        var x = model.Axes[0];
        x.Minimum = -0.5;
        x.Maximum = buses.Count - 0.5;
        x.MajorStep = Math.Max(1, Math.Ceiling(buses.Count / 24.0));
        x.MinorStep = 1;
        x.LabelFormatter = v =>
        {
            var i = (int)Math.Round(v);
            return Math.Abs(v - i) < 1e-9 && i >= 0 && i < buses.Count ? buses[i] : string.Empty;
        };
        var slanted = buses.Count > 0 && buses.Max(b => b.Length) > 4; // long names (three-phase nodes) would overlap
        if (slanted)
        {
            x.Angle = -45;
        }

        var values = curves.SelectMany(c => c.VmPu).Where(double.IsFinite).Concat([minPu, maxPu]).ToList();
        var y = model.Axes[1];
        y.StringFormat = "0.00";
        var pad = Math.Max(0.005, (values.Max() - values.Min()) * 0.08);
        y.Minimum = values.Min() - pad;
        y.Maximum = values.Max() + pad;
        var palette = new[] { OxyColors.RoyalBlue, OxyColors.ForestGreen, OxyColors.DarkOrange };
        for (var k = 0; k < curves.Count; k++)
        {
            var line = new LineSeries
            {
                Title = curves[k].Title, Color = palette[k % palette.Length], StrokeThickness = 2,
                MarkerType = MarkerType.Circle, MarkerSize = 3, MarkerFill = palette[k % palette.Length],
            };
            for (var i = 0; i < curves[k].VmPu.Count; i++)
            {
                line.Points.Add(double.IsFinite(curves[k].VmPu[i]) ? new DataPoint(i, curves[k].VmPu[i]) : DataPoint.Undefined);
            }

            model.Series.Add(line);
        }

        foreach (var (limit, name) in new[] { (maxPu, "upper limit"), (minPu, "lower limit") })
        {
            var line = new LineSeries
            {
                Title = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name} {limit:0.###} pu"),
                Color = OxyColors.Crimson, LineStyle = LineStyle.Dash, StrokeThickness = 1.5,
            };
            line.Points.Add(new DataPoint(x.Minimum, limit));
            line.Points.Add(new DataPoint(x.Maximum, limit));
            model.Series.Add(line);
        }

        // Outside the plot, right of it: a voltage profile has no corner that is free on every feeder.
        model.PlotMargins = new OxyThickness(80, 20, double.NaN, slanted ? double.NaN : 55);
        model.Legends[0].LegendPlacement = LegendPlacement.Outside;
        model.Legends[0].LegendPosition = LegendPosition.RightTop;
        return Export(model);
    }

    /// <summary>
    /// SVG with text measured by OxyPlot's managed (PDF, Arial metrics) measurer in pixels
    /// (<see cref="PixelTextMeasurer"/>) and baselines written explicitly, so that browsers and SVG rasterisers place
    /// titles and legends alike and legend boxes hold their text.
    /// </summary>
    private static string Export(PlotModel model) =>
        SvgExporter.ExportToString(model, Width, Height, true, new PixelTextMeasurer(), useVerticalTextAlignmentWorkaround: true)
            .Replace($"font-family=\"{MeasuredFont}\"", $"font-family=\"{FontFamily}\"", StringComparison.Ordinal);

    private static PlotModel NewModel(string title, string xTitle, string yTitle)
    {
        var model = new PlotModel
        {
            Title = title,
            TitleFontSize = 14,
            Background = OxyColors.White,
            DefaultFont = MeasuredFont,
            PlotMargins = new OxyThickness(80, 20, 30, 55),
        };
        model.Axes.Add(new LinearAxis { Position = AxisPosition.Bottom, Title = xTitle, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = 8 });
        model.Axes.Add(new LinearAxis
        {
            Position = AxisPosition.Left, Title = yTitle, MajorGridlineStyle = LineStyle.Dot, AxisTitleDistance = 14,
            MinimumPadding = 0.04, MaximumPadding = 0.06, // a curve along the frame would hide behind the axis line
        });
        model.Legends.Add(new Legend
        {
            // Inside the plot's top-left corner (where the day's curves are low): a viewer that substitutes a wider font
            // for Arial lets the text run on into the plot instead of past the picture's edge.
            LegendPlacement = LegendPlacement.Inside,
            LegendPosition = LegendPosition.TopLeft,
            LegendOrientation = LegendOrientation.Vertical,
            LegendItemSpacing = 12,
            LegendLineSpacing = 5,
            LegendPadding = 12,
            LegendBackground = OxyColor.FromAColor(220, OxyColors.White),
            LegendBorder = OxyColors.Gray,
        });
        return model;
    }

    /// <summary>
    /// OxyPlot's PDF measurer reads a font size as pixels and converts it to points (× 72/96), so on its own it
    /// measures SVG text (whose sizes are pixels) a quarter too small: legend boxes came out narrower than their text
    /// and legend lines overlapped. This measurer asks for the size that comes back in pixels.
    /// </summary>
    private sealed class PixelTextMeasurer() : PdfRenderContext(Width, Height, OxyColors.White)
    {
        public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight) =>
            base.MeasureText(text, fontFamily, fontSize * 96.0 / 72.0, fontWeight);
    }
}
