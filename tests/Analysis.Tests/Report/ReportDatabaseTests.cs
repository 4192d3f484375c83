using System.Text.Json;
using Analysis.Report;
using Experiment.Engine.Export;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Analysis.Tests.Report;

/// <summary><c>report --study</c> on a real PostgreSQL gives the same numbers as <c>report --from-csv</c> on its export.</summary>
public sealed class ReportDatabaseTests : DatabaseTest
{
    private string _folder = "";
    private Dictionary<string, (int B, int C, int N)> _expected = [];

    [SetUp]
    public async Task SeedStudy()
    {
        _folder = ExportFolderWriter.NewTempFolder();
        // NUnit reuses one fixture instance for every test: the counts start over in each SetUp.
        _expected = new() { ["email"] = (0, 0, 0), ["bsn"] = (0, 0, 0) };
        await ImportAsync(DataSource, Definition());
        var rng = new Random(4);
        for (var i = 0; i < 40; i++)
        {
            var id = $"db-{i:D2}";
            var cell = i % 4;
            await AddParticipantAsync(DataSource, new P(id, Cell: cell, Order: i % 2));
            await AnswerAsync(DataSource, id, "concern", "cc1", rng.Next(1, 8).ToString(), 30);
            await AnswerAsync(DataSource, id, "concern", "cc2", rng.Next(1, 8).ToString(), 30);
            await DiscloseAsync(DataSource, id, "name", 0, true, true, 1000);
            foreach (var (field, item, offer) in new[] { ("email", "w_email", cell >= 2 ? 2.5m : 0), ("bsn", "w_bsn", cell >= 2 ? 15m : 0) })
            {
                var stated = rng.Next(2) == 1;
                var disclosed = rng.NextDouble() < (offer > 0 ? 0.7 : 0.4);
                await AnswerAsync(DataSource, id, "willing", item, stated ? "yes" : "no", 60);
                await DiscloseAsync(DataSource, id, field, offer, disclosed, disclosed ? rng.Next(5) > 0 : null, 800);
                var e = _expected[field];
                _expected[field] = (e.B + (!stated && disclosed ? 1 : 0), e.C + (stated && !disclosed ? 1 : 0), e.N + 1);
            }
        }
    }

    [TearDown]
    public void Clean() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task ReportStudy_sameDataAsCsvExport_identicalJson()
    {
        var fromDb = Path.Combine(_folder, "db.json");
        var exit = await Cli.Run(["report", "--study", Id, "--connection", ConnectionString, "--format", "json", "--out", fromDb], Clock);
        Assert.That(exit, Is.EqualTo(0));

        var export = Path.Combine(_folder, "export");
        await Exporter.ExportToDirectoryAsync(DataSource, Id, export, Clock);
        var fromCsv = Path.Combine(_folder, "csv.json");
        exit = await Cli.Run(["report", "--from-csv", export, "--format", "json", "--out", fromCsv], Clock);
        Assert.That(exit, Is.EqualTo(0));

        Assert.That(await File.ReadAllTextAsync(fromDb), Is.EqualTo(await File.ReadAllTextAsync(fromCsv)));
    }

    [Test]
    public async Task ReportStudy_perFieldCounts_equalTheSeededPairs()
    {
        var output = Path.Combine(_folder, "db.json");
        Assert.That(await Cli.Run(["report", "--study", Id, "--connection", ConnectionString, "--format", "json", "--out", output], Clock), Is.EqualTo(0));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var root = json.RootElement;
        Assert.That(root.GetProperty("n").GetProperty("participants").GetInt32(), Is.EqualTo(40));
        var fields = root.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!);
        Assert.That(fields.Keys, Is.EquivalentTo(new[] { "email", "bsn" }));
        foreach (var (field, (b, c, n)) in _expected)
        {
            Assert.That(fields[field].GetProperty("b").GetInt32(), Is.EqualTo(b), field);
            Assert.That(fields[field].GetProperty("c").GetInt32(), Is.EqualTo(c), field);
            Assert.That(fields[field].GetProperty("n").GetInt32(), Is.EqualTo(n), field);
        }
        Assert.That(root.GetProperty("alpha").GetProperty("k").GetInt32(), Is.EqualTo(2), "cc1 and the reverse-coded cc2");
        Assert.That(root.GetProperty("logistic").GetProperty("clusters").GetInt32(), Is.EqualTo(40));
    }

    [Test]
    public async Task ReportStudy_unknownStudy_exitsNonZeroWithoutOutput()
    {
        var output = Path.Combine(_folder, "none.json");
        var exit = await Cli.Run(["report", "--study", "no-such-study", "--connection", ConnectionString, "--format", "json", "--out", output], Clock);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(File.Exists(output), Is.False);
    }

    [Test]
    public async Task Load_unknownStudy_clearError()
    {
        var e = (await Assert.ThrowsAsync<ReportInputException>(() =>
            ReportFromDatabase.LoadAsync(ConnectionString, "no-such-study", Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None)))!;
        Assert.That(e.Message, Is.EqualTo("No study with id 'no-such-study' has been imported."));
    }
}
