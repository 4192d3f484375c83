using System.Net;
using System.Text;

namespace Analysis.Report;

/// <summary>
/// The report as ONE self-contained HTML file: inline CSS, inline SVG figures, no scripts, no external requests.
/// Readable on a phone (fluid layout, tables scroll sideways, figures scale) and on paper (print CSS).
/// </summary>
public static class HtmlReport
{
    private const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; line-height: 1.45;
               color: #1d1d1d; background: #fff; margin: 0 auto; padding: 1rem; max-width: 60rem; }
        h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
        .table-wrap { overflow-x: auto; -webkit-overflow-scrolling: touch; }
        table { border-collapse: collapse; font-size: 0.9rem; margin: 0.5rem 0; }
        th, td { padding: 0.3rem 0.6rem; border-bottom: 1px solid #e3e3e3; text-align: right; white-space: nowrap; }
        th:first-child, td:first-child { text-align: left; }
        th { background: #f4f4f4; }
        figure { margin: 1.5rem 0; }
        figure svg { width: 100%; height: auto; display: block; }
        figcaption { font-size: 0.9rem; color: #444; }
        .note { font-size: 0.9rem; color: #444; }
        dl.header { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.2rem 0.8rem; font-size: 0.9rem; }
        dl.header dt { font-weight: 600; } dl.header dd { margin: 0; overflow-wrap: anywhere; }
        p, li, figcaption { overflow-wrap: anywhere; }
        figure svg { max-width: 42rem; }
        @media (max-width: 40rem) { body { padding: 0.5rem; } table { font-size: 0.8rem; }
          dl.header { grid-template-columns: minmax(0, 1fr); } dl.header dd { margin-bottom: 0.3rem; } }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { break-after: avoid; } figure, table { break-inside: avoid; }
          .table-wrap { overflow: visible; }
        }
        """;

    public static string Render(ReportResult report)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .Append("<title>Privacy paradox report: ").Append(E(ReportSections.Title(report))).Append("</title>\n")
         .Append("<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n<main>\n")
         .Append("<h1>Privacy paradox report: ").Append(E(ReportSections.Title(report))).Append("</h1>\n<dl class=\"header\">\n");
        foreach (var (label, value) in ReportSections.Header(report))
            h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>\n");
        h.Append("</dl>\n");

        var figures = Figures(report);
        var figureNumber = 0;
        foreach (var s in ReportSections.Of(report))
        {
            h.Append("<section id=\"").Append(s.Id).Append("\">\n<h2>Table ").Append(s.Number).Append(". ").Append(E(s.Title)).Append("</h2>\n<p>").Append(E(s.Intro)).Append("</p>\n");
            if (s.Rows.Count == 0) h.Append("<p class=\"note\">Not computed: see the notes.</p>\n");
            else
            {
                h.Append("<div class=\"table-wrap\"><table>\n<thead><tr>");
                foreach (var c in s.Header) h.Append("<th scope=\"col\">").Append(E(c)).Append("</th>");
                h.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in s.Rows)
                {
                    h.Append("<tr>");
                    for (var i = 0; i < row.Length; i++)
                        h.Append(i == 0 ? "<th scope=\"row\">" : "<td>").Append(E(row[i])).Append(i == 0 ? "</th>" : "</td>");
                    h.Append("</tr>\n");
                }
                h.Append("</tbody>\n</table></div>\n");
            }
            if (s.Footer is { } f) h.Append("<p class=\"note\">").Append(E(f)).Append("</p>\n");
            if (figures.TryGetValue(s.Id, out var fig)) h.Append(fig(++figureNumber));
            h.Append("</section>\n");
        }
        if (report.Notes.Count > 0)
        {
            h.Append("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            foreach (var n in report.Notes) h.Append("<li>").Append(E(n)).Append("</li>\n");
            h.Append("</ul>\n</section>\n");
        }
        h.Append("</main>\n</body>\n</html>\n");
        return h.ToString();
    }

    /// <summary>Figures by the section they follow; a figure without data is left out and says so.</summary>
    private static Dictionary<string, Func<int, string>> Figures(ReportResult r)
    {
        var f = new Dictionary<string, Func<int, string>>();
        f["fields"] = Figure("figure-stated-vs-disclosed", "Stated willingness vs actual disclosure per field (95% Clopper-Pearson intervals; n per field in the table above).",
            r.Figures.StatedVsDisclosed.Count > 0 ? Charts.StatedVsDisclosed(r.Figures.StatedVsDisclosed, field => ReportSections.Label(r, field)) : null);
        f["wilcoxon"] = Figure("figure-paradox-d", "Distribution of d = disclosed - stated willing per participant (right of 0: disclosed more than stated).",
            r.Figures.ParadoxD.Count > 0 ? Charts.ParadoxDistribution(r.Figures.ParadoxD) : null);
        f["spearman"] = Figure("figure-concern", "Optional fields disclosed by privacy concern: mean per half-point bin of the concern score with 95% intervals.",
            r.Figures.ConcernBins.Count > 0 ? Charts.ConcernVsDisclosure(r.Figures.ConcernBins) : null);
        f["discount"] = Figure("figure-discount", "Disclosure of optional fields by discount level (95% Clopper-Pearson intervals).",
            r.Discount is { Levels.Count: > 0 } d ? Charts.ByDiscount(d.Levels) : null);
        return f;
    }

    private static Func<int, string> Figure(string id, string caption, string? svg) => number =>
        svg is null
            ? $"<figure id=\"{id}\"><figcaption><strong>Figure {number}.</strong> {E(caption)} No data to draw.</figcaption></figure>\n"
            : $"<figure id=\"{id}\">\n{svg}\n<figcaption><strong>Figure {number}.</strong> {E(caption)}</figcaption>\n</figure>\n";

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
