using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Export;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Participants;

/// <summary>
/// Pilot participants: enrolled by the same function but counted toward nothing, left out of the export and the
/// speeder median unless asked for, removed in one audited action.
/// </summary>
public sealed class PilotTests : DatabaseTest
{
    string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("ppl-pilot-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, true);

    async Task<StudyDefinition> ImportedAsync(StudyDefinition study)
    {
        var result = await StudyImport.ImportAsync(DataSource, study);
        Assert.That(result.Outcome, Is.EqualTo(ImportOutcome.Imported), result.Message);
        return study;
    }

    async Task<List<(string Kind, int Idx, int CellIdx, int N)>> CountersAsync(StudyDefinition study)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(string, int, int, int)>(
            "select kind, idx, cell_idx, n from assignment_counter where study_id = @Id order by 1, 2, 3", new { study.Id })).ToList();
    }

    async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, args))!;
    }

    [Test]
    public async Task EnrolAsync_pilotRequests_leaveTheCountersAsTheyWereAndBalanceAmongThemselves()
    {
        var study = await ImportedAsync(TestStudies.SixCells());
        for (var i = 0; i < 3; i++) await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en"));
        var before = await CountersAsync(study);

        var pilots = new List<Enrolment>();
        for (var i = 0; i < 12; i++) pilots.Add(await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en", Pilot: true)));

        Assert.That(await CountersAsync(study), Is.EqualTo(before), "pilots count toward no target and no balance");
        // Balanced among the pilots, not filling the live study's gaps: 12 pilots over 6 cells and 2 orders.
        Assert.That(pilots.GroupBy(p => p.CellIndex).Select(g => g.Count()), Is.EqualTo(Enumerable.Repeat(2, 6)));
        Assert.That(pilots.GroupBy(p => p.OrderIndex).Select(g => g.Count()), Is.EqualTo(new[] { 6, 6 }));
        Assert.That(await ScalarAsync<long>("select count(*) from participant where pilot"), Is.EqualTo(12));
        Assert.That(await ScalarAsync<long>("select count(*) from participant where not pilot"), Is.EqualTo(3));
    }

    [Test]
    public async Task EnrolAsync_studyInPilot_flagsEveryEntrantAndCountsNone()
    {
        var study = await ImportedAsync(TestStudies.SixCells());
        Assert.That(await StudyStore.SetStatusAsync(DataSource, study.Id, "pilot"), Is.True);

        var e = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en"));

        Assert.That(await ScalarAsync<bool>("select pilot from participant where id = @ParticipantId", new { e.ParticipantId }), Is.True);
        Assert.That((await CountersAsync(study)).Sum(c => c.N), Is.Zero);
        await StudyStore.SetStatusAsync(DataSource, study.Id, "open");
        var live = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en"));
        Assert.That(await ScalarAsync<bool>("select pilot from participant where id = @ParticipantId", new { live.ParticipantId }), Is.False);
        Assert.That((await CountersAsync(study)).Where(c => c.Kind == "cell").Sum(c => c.N), Is.EqualTo(1));
    }

    async Task SeedLiveAndPilotAsync()
    {
        await SeedAsync(DataSource);
        await AddParticipantAsync(DataSource, new P("p-pilot1", 0, 0));
        await AnswerAsync(DataSource, "p-pilot1", "concern", "cc1", "5", 20);
        await DiscloseAsync(DataSource, "p-pilot1", "email", 0, true, true, 500);
        await PageTimeAsync(DataSource, "p-pilot1", 0, "intro", 0, 5);
        await PanelAsync(DataSource, "p-pilot1", "SIM-1");
        await AddParticipantAsync(DataSource, new P("p-pilot2", 1, 1));
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("update participant set pilot = true where id like 'p-pilot%'");
    }

    [Test]
    public async Task ExportToDirectory_pilotParticipants_areLeftOutOfEveryFileUnlessIncluded()
    {
        await SeedLiveAndPilotAsync();

        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var live = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(live.Rows.Select(r => r["participant_id"]), Is.EquivalentTo(new[] { "p-a", "p-b", "p-c", "p-d" }));
        Assert.That(live.Rows.Select(r => r["pilot"]).Distinct(), Is.EqualTo(new[] { "0" }));
        foreach (var file in new[] { "responses.csv", "disclosures.csv", "page_times.csv", "panel_ids.csv" })
            Assert.That(CsvTable.Read(Path.Combine(dir, file)).Rows.Select(r => r["participant_id"]), Has.None.StartsWith("p-pilot"), file);

        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock, null, includePilot: true);
        var all = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(all.Rows, Has.Count.EqualTo(6));
        Assert.That(all.Row("p-pilot1")["pilot"], Is.EqualTo("1"));
        Assert.That(all.Row("p-b")["pilot"], Is.EqualTo("0"));
        foreach (var file in new[] { "responses.csv", "disclosures.csv", "page_times.csv", "panel_ids.csv" })
            Assert.That(CsvTable.Read(Path.Combine(dir, file)).Rows.Select(r => r["participant_id"]), Has.Some.EqualTo("p-pilot1"), file);
        var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
        Assert.That(codebook.Rows.Single(r => r["file"] == "participants.csv" && r["column"] == "pilot")["type"], Is.EqualTo("boolean"));
    }

    [Test]
    public async Task MedianCompletedSeconds_fastPilots_areNoYardstick()
    {
        await ImportAsync(DataSource, Definition());
        for (var i = 0; i < 3; i++) await AddParticipantAsync(DataSource, new P($"p-live{i}", i, 0));
        for (var i = 0; i < 5; i++) await AddParticipantAsync(DataSource, new P($"p-pilot{i}", i % 4, 0));
        await using (var conn = await DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("update participant set completed_at = started_at + interval '300 seconds' where id like 'p-live%'");
            await conn.ExecuteAsync("update participant set pilot = true, completed_at = started_at + interval '20 seconds' where id like 'p-pilot%'");
        }

        Assert.That(await ScalarAsync<double?>(QualityFlags.MedianCompletedSecondsSql, new { studyId = Id }), Is.EqualTo(300));
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock, null, includePilot: true);
        var t = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(t.Row("p-live0")["flag_speeder"], Is.EqualTo("0"));
        Assert.That(t.Row("p-pilot0")["flag_speeder"], Is.EqualTo("1"), "20 s is under a third of the live median, 300 s");
    }

    Task<long> WithdrawnAsync() => ScalarAsync<long>("select withdrawn from study_state where study_id = @Id", new { Id });

    [Test]
    public async Task RemoveAsync_liveAndPilot_deletesEveryPilotRowInOneAuditedActionAndCountsNoWithdrawal()
    {
        await SeedLiveAndPilotAsync();
        var withdrawnBefore = await WithdrawnAsync();

        var removed = await Pilot.RemoveAsync(DataSource, Id, "test:researcher");

        Assert.That(removed, Is.EqualTo(2));
        Assert.That(await ScalarAsync<long>("select count(*) from participant"), Is.EqualTo(4));
        foreach (var table in new[] { "response", "disclosure", "page_time", "panel_id" })
            Assert.That(await ScalarAsync<long>($"select count(*) from {table} where participant_id like 'p-pilot%'"), Is.Zero, table);
        Assert.That(await WithdrawnAsync(), Is.EqualTo(withdrawnBefore));
        Assert.That(await ScalarAsync<long>("select coalesce(sum(n), 0) from removal_count"), Is.Zero);
        var audit = await AuditLog.ListAsync(DataSource, Id);
        Assert.That(audit.Select(a => (a.Actor, a.Action, a.Detail)),
            Is.EqualTo(new[] { ("test:researcher", "remove-pilot", "2 pilot participant(s) removed") }));
    }

    [Test]
    public async Task EraseParticipant_pilotWithdraws_countsNoWithdrawalWhileALiveOneDoes()
    {
        await SeedLiveAndPilotAsync();

        Assert.That(await Erasure.EraseParticipantAsync(DataSource, Id, "p-pilot1"), Is.True);
        Assert.That(await WithdrawnAsync(), Is.Zero);
        Assert.That(await Erasure.EraseParticipantAsync(DataSource, Id, "p-b"), Is.True);
        Assert.That(await WithdrawnAsync(), Is.EqualTo(1));
        Assert.That(await ScalarAsync<long>("select coalesce(sum(n), 0) from removal_count"), Is.EqualTo(1));
    }

    [Test]
    public async Task IsKeyAsync_issuedKey_isValidForItsStudyUntilRevokedOrExpired()
    {
        await ImportAsync(DataSource, Definition());
        var key = await Pilot.IssueKeyAsync(DataSource, Id, TimeSpan.FromMinutes(10), Clock);

        Assert.That(await Pilot.IsKeyAsync(DataSource, Id, key, Clock), Is.True);
        Assert.That(await Pilot.IsKeyAsync(DataSource, "other", key, Clock), Is.False);
        Assert.That(await Pilot.IsKeyAsync(DataSource, Id, key.ToUpperInvariant(), Clock), Is.False);
        Assert.That(await Pilot.IsKeyAsync(DataSource, Id, "", Clock), Is.False);
        Assert.That(await Pilot.IsKeyAsync(DataSource, Id, "\u0000' or 1=1", Clock), Is.False);
        Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.That(await Pilot.IsKeyAsync(DataSource, Id, key, Clock), Is.False, "expired");
        var second = await Pilot.IssueKeyAsync(DataSource, Id, TimeSpan.FromMinutes(10), Clock);
        Assert.That(await ScalarAsync<long>("select count(*) from pilot_key"), Is.EqualTo(1), "the expired key was deleted");
        await Pilot.RevokeKeyAsync(DataSource, second);
        Assert.That(await Pilot.IsKeyAsync(DataSource, Id, second, Clock), Is.False, "revoked");
    }
}
