using System.Text.Encodings.Web;
using System.Text.Json;

namespace Analysis.Report;

/// <summary>The report as JSON (export-format.md): keys in declaration order of <see cref="ReportResult"/>, nulls kept.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Field and arm names may contain '<', '&' or non-ASCII letters; analysts read the file, not a browser.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Render(ReportResult report) => JsonSerializer.Serialize(report, Options) + "\n";
}
