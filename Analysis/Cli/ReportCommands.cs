using System.CommandLine;
using Analysis.Report;

namespace Analysis;

/// <summary>
/// <c>report --from-csv DIR | --study ID [--connection CS] [--format md|json|html] [--out FILE] [--lang en|nl] [--no-exclusions]</c>. Without --out every format,
/// HTML included, goes to standard output, so it can be piped or redirected; progress goes to stderr only.
/// Input errors (missing file or column, bad value, no participants, unknown study) print one clear line on
/// stderr and exit with 1.
/// </summary>
public static class ReportCommands
{
    public static Command Create(TimeProvider clock)
    {
        var study = new Option<string?>("--study") { Description = "Study id: export it from the database to a temporary folder and report on that" };
        var connection = CliDatabase.ConnectionOption();
        var fromCsv = new Option<DirectoryInfo?>("--from-csv") { Description = "Export folder with participants.csv, disclosures.csv and codebook.csv" };
        var format = new Option<string>("--format")
        {
            Description = "md (Markdown, the default), json (the machine-readable report) or html (one self-contained page with figures)",
            DefaultValueFactory = _ => "md",
        };
        format.AcceptOnlyFromAmong("md", "json", "html");
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the report to this file instead of standard output" };
        var language = new Option<string>("--lang")
        {
            Description = "Language of the field labels from the codebook: en (the default) or nl",
            DefaultValueFactory = _ => "en",
        };
        language.AcceptOnlyFromAmong("en", "nl");
        var noExclusions = new Option<bool>("--no-exclusions") { Description = "Analyse every consented participant; the declared exclusion rules only flag (the report says so)" };

        var includePilot = new Option<bool>("--include-pilot")
        {
            Description = "Report on the pilot participants too (--study: export them; --from-csv: keep rows with pilot = 1, which are left out otherwise)",
        };

        var report = new Command("report", "The analyst's report: stated vs actual disclosure, what moves it, and figures.");
        report.Options.Add(study);
        report.Options.Add(connection);
        report.Options.Add(fromCsv);
        report.Options.Add(format);
        report.Options.Add(output);
        report.Options.Add(language);
        report.Options.Add(noExclusions);
        report.Options.Add(includePilot);
        report.Validators.Add(r =>
        {
            if ((r.GetValue(fromCsv) is null) == (r.GetValue(study) is null)) r.AddError("Give exactly one of --study ID or --from-csv DIR.");
        });
        report.SetAction(async (r, ct) =>
        {
            var progress = ReportProgress.ForConsole();
            try
            {
                var pilot = r.GetValue(includePilot);
                var data = r.GetValue(study) is { } id
                    ? await ReportFromDatabase.LoadAsync(CliDatabase.ConnectionString(r, connection), id, clock, progress, ct, pilot)
                    : await progress.Run("loading the export folder", _ => ExportFolderReader.Read(r.GetValue(fromCsv)!.FullName));
                // A folder exported with --include-pilot holds pilot rows; the report leaves them out unless asked for too.
                if (!pilot && data.Pilot is { } flags && flags.Contains((sbyte)1))
                {
                    data = data.Subset(flags.Select(f => f != 1).ToArray());
                    if (data.Count == 0) throw new ReportInputException("participants.csv has only pilot participants (pilot = 1): report on them with --include-pilot.");
                }
                var result = await progress.Run("computing the report", p => ReportBuilder.Build(data,
                    new ReportOptions(ApplyExclusions: !r.GetValue(noExclusions), Language: r.GetValue(language)!), p));
                var text = r.GetValue(format) switch
                {
                    "json" => JsonReport.Render(result),
                    "html" => HtmlReport.Render(result),
                    _ => MarkdownReport.Render(result),
                };
                if (r.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file.FullName, text, new System.Text.UTF8Encoding(false), ct);
                    Console.Error.WriteLine($"report written to {file.FullName}");
                }
                else await Console.Out.WriteAsync(text);
                return 0;
            }
            catch (ReportInputException e)
            {
                Console.Error.WriteLine($"report: {e.Message}");
                return 1;
            }
        });
        return report;
    }
}
