using System.Text.RegularExpressions;
using ScottPlot;
using ScottPlot.Plottables;

namespace Analysis.Report;

/// <summary>
/// The report's four figures as SVG drawn by ScottPlot (its SVG canvas runs on the SkiaSharp native library that
/// the ScottPlot package brings for Linux). The SVG is made ready for inline use in HTML: no XML declaration, a
/// viewBox instead of a fixed size so it scales on a phone, and a title for screen readers.
/// </summary>
internal static partial class Charts
{
    // Drawn at 520 px with 17-19 px text: scaled to a 375 px phone the text is still about 12 px; on a wide
    // screen the CSS caps the figure's width so the text does not grow beyond about 25 px.
    private const int Width = 520, Height = 380;
    private const float TickFont = 17, LabelFont = 19;
    private static readonly Color Stated = Color.FromHex("#7a869a"), Disclosed = Color.FromHex("#c0392b"), Neutral = Color.FromHex("#2c6e9b");

    /// <summary>
    /// Horizontal bars, one pair per field, so long field labels sit on the left in full width instead of being
    /// slanted and clipped under the axis; labels longer than <see cref="MaxLabel"/> characters are wrapped.
    /// </summary>
    public static string StatedVsDisclosed(IReadOnlyList<FieldShares> fields, Func<string, string> label)
    {
        var plt = NewPlot("", "Percent of participants");
        var bars = new List<Bar>();
        var xs = new List<double>(); var ys = new List<double>(); var lo = new List<double>(); var hi = new List<double>();
        // The first field on top: positions count down.
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var top = 3.0 * (fields.Count - 1 - i);
            AddBar(bars, xs, ys, lo, hi, top + 1, f.StatedPct, f.StatedCiLowPct, f.StatedCiHighPct, Stated);
            AddBar(bars, xs, ys, lo, hi, top, f.DisclosedPct, f.DisclosedCiLowPct, f.DisclosedCiHighPct, Disclosed);
        }
        var plot = plt.Add.Bars(bars);
        plot.Horizontal = true;
        AddIntervals(plt, xs, ys, lo, hi, horizontal: true);
        plt.Axes.Left.SetTicks(fields.Select((_, i) => 3.0 * (fields.Count - 1 - i) + 0.5).ToArray(),
            fields.Select(f => Wrap(label(f.Field))).ToArray());
        Legend(plt, ("Stated willing", Stated), ("Disclosed", Disclosed));
        // Above the plot, not over the bars.
        plt.ShowLegend(Edge.Top);
        plt.Legend.Orientation = Orientation.Horizontal;
        plt.Axes.SetLimitsX(0, 105);
        return Svg(plt, "Stated willingness vs actual disclosure per field, with 95% Clopper-Pearson intervals",
            Math.Max(Height, 110 + 60 * fields.Count));
    }

    private const int MaxLabel = 22;

    /// <summary>
    /// Breaks a label at spaces into at most two lines of about <see cref="MaxLabel"/> characters, so neighbouring
    /// labels never overlap; a longer label loses its parenthetical remark first ("(we send them a discount code too)"),
    /// then is cut with an ellipsis. The table above the figure has the full label.
    /// </summary>
    internal static string Wrap(string text)
    {
        var lines = Lines(text);
        if (lines.Count > 2 && text.IndexOf(" (", StringComparison.Ordinal) is var cut and > 0) lines = Lines(text[..cut]);
        if (lines.Count > 2) lines = [lines[0], lines[1].TrimEnd('.', ',') + "…"];
        return string.Join("\n", lines);
    }

    static List<string> Lines(string text)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > MaxLabel) { lines.Add(line); line = word; }
            else line = line.Length == 0 ? word : line + " " + word;
        }
        if (line.Length > 0) lines.Add(line);
        return lines;
    }

    public static string ByDiscount(IReadOnlyList<ShareOut> levels)
    {
        var plt = NewPlot("Optional fields disclosed (%)", "Discount offered (%)");
        var bars = new List<Bar>();
        var xs = new List<double>(); var ys = new List<double>(); var lo = new List<double>(); var hi = new List<double>();
        for (var i = 0; i < levels.Count; i++)
            if (levels[i].DisclosedPct is { } p)
                AddBar(bars, xs, ys, lo, hi, i, p, levels[i].CiLowPct!.Value, levels[i].CiHighPct!.Value, Neutral);
        plt.Add.Bars(bars);
        AddIntervals(plt, xs, ys, lo, hi);
        plt.Axes.Bottom.SetTicks(levels.Select((_, i) => (double)i).ToArray(), levels.Select(l => $"{l.Group}%\nn={l.N}").ToArray());
        plt.Axes.SetLimitsY(0, 105);
        return Svg(plt, "Disclosure of optional fields by discount level, with 95% Clopper-Pearson intervals");
    }

    public static string ConcernVsDisclosure(IReadOnlyList<ConcernBin> bins)
    {
        var plt = NewPlot("Optional fields disclosed (mean)", "Privacy concern score (bins of 0.5)");
        var xs = bins.Select(b => (b.ConcernLow + b.ConcernHigh) / 2).ToArray();
        var ys = bins.Select(b => b.Mean).ToArray();
        var points = plt.Add.Scatter(xs, ys, Neutral);
        points.MarkerSize = 9;
        points.LineWidth = 0; // separate bins, not a curve
        var withCi = bins.Select((b, i) => (b, i)).Where(t => t.b.CiLow is not null).ToArray();
        AddIntervals(plt, withCi.Select(t => xs[t.i]).ToList(), withCi.Select(t => t.b.Mean).ToList(),
            withCi.Select(t => t.b.CiLow!.Value).ToList(), withCi.Select(t => t.b.CiHigh!.Value).ToList());
        return Svg(plt, "Mean number of optional fields disclosed by concern score, with 95% intervals");
    }

    public static string ParadoxDistribution(IReadOnlyList<CountOut> counts)
    {
        var plt = NewPlot("Participants", "d = disclosed - stated willing (paired fields)");
        plt.Add.Bars(counts.Select(c => new Bar
        {
            Position = c.D, Value = c.Count, Size = 0.8,
            FillColor = c.D > 0 ? Disclosed : c.D < 0 ? Stated : Neutral,
        }).ToArray());
        plt.Axes.Margins(bottom: 0);
        return Svg(plt, "Distribution of the paradox d per participant");
    }

    private static Plot NewPlot(string yLabel, string xLabel)
    {
        var plt = new Plot();
        plt.Font.Set("DejaVu Sans");
        foreach (var axis in new ScottPlot.IAxis[] { plt.Axes.Left, plt.Axes.Bottom })
        {
            axis.TickLabelStyle.FontSize = TickFont;
            axis.Label.FontSize = LabelFont;
        }
        plt.Legend.FontSize = TickFont;
        plt.YLabel(yLabel);
        if (xLabel.Length > 0) plt.XLabel(xLabel);
        plt.Grid.MajorLineColor = Color.FromHex("#e5e5e5");
        return plt;
    }

    private static void AddBar(List<Bar> bars, List<double> xs, List<double> ys, List<double> lo, List<double> hi,
        double x, double y, double low, double high, Color color)
    {
        bars.Add(new Bar { Position = x, Value = y, FillColor = color, Size = 0.9 });
        xs.Add(x); ys.Add(y); lo.Add(low); hi.Add(high);
    }

    private static void AddIntervals(Plot plt, List<double> xs, List<double> ys, List<double> lo, List<double> hi, bool horizontal = false)
    {
        if (xs.Count == 0) return;
        var zeros = new double[xs.Count];
        var plus = hi.Select((h, i) => h - ys[i]).ToArray();
        var minus = lo.Select((l, i) => ys[i] - l).ToArray();
        var bars = horizontal
            ? new ErrorBar(ys, xs, zeros, zeros, zeros, zeros) { XErrorPositive = plus, XErrorNegative = minus }
            : new ErrorBar(xs, ys, zeros, zeros, zeros, zeros) { YErrorPositive = plus, YErrorNegative = minus };
        bars.LineColor = Colors.Black;
        bars.LineWidth = 1.5f;
        plt.Add.Plottable(bars);
    }

    private static void Legend(Plot plt, params (string Text, Color Color)[] items)
    {
        foreach (var (text, color) in items)
            plt.Legend.ManualItems.Add(new LegendItem { LabelText = text, FillColor = color });
        plt.Legend.IsVisible = true;
        plt.Legend.Alignment = Alignment.UpperRight;
    }

    private static string Svg(Plot plt, string title, int height = Height)
    {
        var svg = plt.GetSvgXml(Width, height);
        svg = XmlDeclaration().Replace(svg, "");
        svg = SvgOpen().Replace(svg, _ =>
            $"<svg viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(title)}\" preserveAspectRatio=\"xMidYMid meet\"><title>{System.Net.WebUtility.HtmlEncode(title)}</title>",
            1);
        return svg.Trim();
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex SvgOpen();
}
