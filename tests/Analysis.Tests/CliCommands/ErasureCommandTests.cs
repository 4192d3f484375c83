using Dapper;
using Experiment.Engine.Export;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Analysis.Tests.CliCommands;

public sealed class ErasureTests : DatabaseTest
{
    [Test]
    public async Task Erase_byPanelId_removesParticipantFromEveryTableAndExportAndIsAudited()
    {
        await ImportAsync(DataSource, Definition());
        await AddParticipantAsync(DataSource, new P("p-keep", Cell: 0, Order: 0));
        await AddParticipantAsync(DataSource, new P("p-gone", Cell: 3, Order: 1));
        await AnswerAsync(DataSource, "p-gone", "concern", "cc1", "5", 10);
        await DiscloseAsync(DataSource, "p-gone", "email", 2.5m, true, true, 100);
        await PageTimeAsync(DataSource, "p-gone", 0, "intro", 0, 3);
        await PanelAsync(DataSource, "p-gone", "PANEL-GONE-77");
        await PanelAsync(DataSource, "p-keep", "PANEL-KEEP-11");
        Assert.That(Server.Dump(ConnectionString), Does.Contain("p-gone").And.Contain("PANEL-GONE-77"), "the dump sees the participant before");

        var (exit, output, error) = await CliRun.RunAsync("erase", "--study", Id, "--panel-id", "PANEL-GONE-77", "--connection", ConnectionString);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("erased"));

        var dump = Server.Dump(ConnectionString);
        Assert.That(dump, Does.Not.Contain("p-gone").And.Not.Contain("PANEL-GONE-77"));
        Assert.That(dump, Does.Contain("p-keep"));

        var dir = Directory.CreateTempSubdirectory("ppl-erase-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
            foreach (var f in Exporter.FileNames)
                Assert.That(await File.ReadAllTextAsync(Path.Combine(dir, f)), Does.Not.Contain("p-gone").And.Not.Contain("PANEL-GONE-77"), f);
            Assert.That(CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.Select(r => r["participant_id"]), Is.EqualTo(new[] { "p-keep" }));
        }
        finally { Directory.Delete(dir, true); }

        var (_, audit, _) = await CliRun.RunAsync("audit", "--study", Id, "--connection", ConnectionString);
        Assert.That(audit, Does.Contain("\terase\t" + Id + "\tby panel id: 1 participant erased"));
        Assert.That(audit, Does.Not.Contain("PANEL-GONE-77"), "the audit log records the kind of identifier, never the identifier");
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select withdrawn from study_state where study_id = @Id", new { Id }), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<long>("select n from removal_count where study_id = @Id and cell_idx = 3 and order_idx = 1 and reason = 'withdrawn'", new { Id }),
            Is.EqualTo(1));
    }

    [Test]
    public async Task Erase_unknownPanelId_failsWithMessageAndAuditsZero()
    {
        await ImportAsync(DataSource, Definition());
        var (exit, _, error) = await CliRun.RunAsync("erase", "--study", Id, "--panel-id", "NOBODY", "--connection", ConnectionString);
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("No participant of study 'export-test' has that panel id"));
        var (_, audit, _) = await CliRun.RunAsync("audit", "--connection", ConnectionString);
        Assert.That(audit, Does.Contain("by panel id: 0 participant erased"));
    }

    [Test]
    public async Task Erase_withoutOrWithBothIdentifiers_isRefused()
    {
        await ImportAsync(DataSource, Definition());
        var (exit, _, error) = await CliRun.RunAsync("erase", "--study", Id, "--connection", ConnectionString);
        Assert.That((exit, error), Is.EqualTo((1, "error: Give exactly one of --panel-id or --participant." + Environment.NewLine)));
        (exit, _, error) = await CliRun.RunAsync("erase", "--study", Id, "--participant", "a", "--panel-id", "b", "--connection", ConnectionString);
        Assert.That(exit, Is.EqualTo(1));
    }

    [Test]
    public async Task Purge_pastRetentionOrStale_deletesParticipantsAndMarksStaleSessionsAbandoned()
    {
        await ImportAsync(DataSource, Definition());   // RetentionDays = 30
        await AddParticipantAsync(DataSource, new P("p-old", Cell: 0, Order: 0));
        await AddParticipantAsync(DataSource, new P("p-stale", Cell: 1, Order: 0, Status: "in_progress", Outcome: null));
        await AddParticipantAsync(DataSource, new P("p-new", Cell: 2, Order: 0, Status: "in_progress", Outcome: null));
        var now = Clock.GetUtcNow().UtcDateTime;
        await using (var conn = await DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("""
                update participant set started_at = @now - interval '30 days 1 second' where id = 'p-old';
                update participant set started_at = @now - interval '30 days', last_seen_at = @now - interval '24 hours 1 second' where id = 'p-stale';
                update participant set started_at = @now, last_seen_at = @now - interval '24 hours' where id = 'p-new';
                """, new { now });

        var (exit, output, error) = await CliRun.RunAsync(Clock, "purge", "--study", Id, "--connection", ConnectionString);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("purged 1 participants past retention; marked 1 abandoned"));
        await using var check = await DataSource.OpenConnectionAsync();
        var left = (await check.QueryAsync<(string, string)>("select id, status from participant order by id")).ToList();
        Assert.That(left, Is.EqualTo(new[] { ("p-new", "in_progress"), ("p-stale", "abandoned") }));
        Assert.That(await check.ExecuteScalarAsync<long>("select withdrawn from study_state where study_id = @Id", new { Id }), Is.Zero);
        Assert.That(await check.ExecuteScalarAsync<long>("select sum(n) from removal_count where reason = 'purged'"), Is.EqualTo(1));
    }
}
