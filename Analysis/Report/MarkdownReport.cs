using System.Text;

namespace Analysis.Report;

/// <summary>The report as Markdown tables (GitHub-flavoured), the default format of the command line.</summary>
public static class MarkdownReport
{
    public static string Render(ReportResult report)
    {
        var md = new StringBuilder();
        md.Append("# Privacy paradox report: ").Append(Cell(ReportSections.Title(report))).Append("\n\n");
        foreach (var (label, value) in ReportSections.Header(report)) md.Append("- **").Append(label).Append(":** ").Append(Cell(value)).Append('\n');
        md.Append('\n');
        foreach (var s in ReportSections.Of(report))
        {
            md.Append("## Table ").Append(s.Number).Append(". ").Append(s.Title).Append("\n\n").Append(s.Intro).Append("\n\n");
            if (s.Rows.Count == 0) md.Append("_Not computed: see the notes._\n\n");
            else
            {
                md.Append("| ").AppendJoin(" | ", s.Header.Select(Cell)).Append(" |\n");
                md.Append("|").AppendJoin("|", s.Header.Select((_, i) => i == 0 ? " --- " : " ---: ")).Append("|\n");
                foreach (var row in s.Rows) md.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                md.Append('\n');
            }
            if (s.Footer is { } f) md.Append(f).Append("\n\n");
        }
        if (report.Notes.Count > 0)
        {
            md.Append("## Notes\n\n");
            foreach (var n in report.Notes) md.Append("- ").Append(n).Append('\n');
            md.Append('\n');
        }
        return md.ToString();
    }

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");
}
