using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Studies;

public sealed class StudyImportTests : DatabaseTest
{
    async Task<(long Rows, string Hash, DateTime ImportedAt, string Definition)> Stored(string id, int version)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var row = await conn.QuerySingleAsync<(string Hash, DateTime ImportedAt, string Definition)>(
            "select content_hash, imported_at, definition::text from study where id = @id and version = @version", new { id, version });
        var rows = await conn.ExecuteScalarAsync<long>("select count(*) from study");
        return (rows, row.Hash, row.ImportedAt, row.Definition);
    }

    async Task<(int Version, string Status)> State(string id)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(int, string)>("select current_version, status from study_state where study_id = @id", new { id });
    }

    /// <summary>Every row of the database; pg_dump's \restrict lines carry a fresh random token each run.</summary>
    string Dump() => string.Join('\n', Server.Dump(ConnectionString).Split('\n').Where(l => !l.StartsWith("\\restrict") && !l.StartsWith("\\unrestrict")));

    static StudyDefinition Changed(StudyDefinition s) => s with { Title = new() { ["nl"] = "Nieuwe titel", ["en"] = "New title" } };

    [Test]
    public async Task ImportAsync_new_study_is_imported_closed_with_its_hash()
    {
        var study = TestStudies.SixCells();

        var result = await StudyImport.ImportAsync(DataSource, study);
        await StudyStore.SetStatusAsync(DataSource, "six", "open");
        var again = await StudyImport.ImportAsync(DataSource, study with { Version = 2 });

        Assert.That(result, Is.EqualTo(new ImportResult("six", 1, ImportOutcome.Imported, "six v1: imported") { Created = true }));
        Assert.That(again.Created, Is.False, "a new version of a known study creates nothing");
        Assert.That((await Stored("six", 1)).Hash, Is.EqualTo(StudyFile.ContentHash(study)));
        Assert.That(await State("six"), Is.EqualTo((2, "open")), "the status a researcher chose stays");
        var back = (await StudyStore.GetAsync(DataSource, "six", 1))!;
        Assert.That(StudyFile.ContentHash(back), Is.EqualTo(StudyFile.ContentHash(study)), "the stored definition reads back as imported");
    }

    [Test]
    public async Task ImportAsync_same_content_again_changes_nothing()
    {
        var study = TestStudies.SixCells();
        await StudyImport.ImportAsync(DataSource, study);
        await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl"));
        var before = await Stored("six", 1);
        var dumpBefore = Dump();

        var again = await StudyImport.ImportAsync(DataSource, study);

        Assert.That(again.Outcome, Is.EqualTo(ImportOutcome.Unchanged));
        Assert.That(again.Message, Is.EqualTo("six v1: unchanged"));
        Assert.That(await Stored("six", 1), Is.EqualTo(before));
        Assert.That(Dump(), Is.EqualTo(dumpBefore));
        Assert.That(dumpBefore, Does.Contain("INSERT INTO public.participant"), "the dump holds the data");
    }

    [Test]
    public async Task ImportAsync_changed_content_under_a_version_with_participants_is_refused()
    {
        var study = TestStudies.SixCells();
        await StudyImport.ImportAsync(DataSource, study);
        await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl"));
        var before = await Stored("six", 1);

        var result = await StudyImport.ImportAsync(DataSource, Changed(study));

        Assert.That(result.Outcome, Is.EqualTo(ImportOutcome.Refused));
        Assert.That(result.Message, Is.EqualTo(
            "six v1: refused: the content differs from the imported version 1, which already has 1 participant(s). " +
            "Raise \"version\" in the file (e.g. to 2) and import again."));
        Assert.That(await Stored("six", 1), Is.EqualTo(before));
    }

    [Test]
    public async Task ImportAsync_changed_content_under_a_version_without_participants_replaces_it()
    {
        var study = TestStudies.SixCells();
        await StudyImport.ImportAsync(DataSource, study);

        var result = await StudyImport.ImportAsync(DataSource, Changed(study));

        Assert.That(result.Outcome, Is.EqualTo(ImportOutcome.Replaced));
        var stored = await Stored("six", 1);
        Assert.That(stored.Rows, Is.EqualTo(1));
        Assert.That(stored.Hash, Is.EqualTo(StudyFile.ContentHash(Changed(study))));
        Assert.That(stored.Definition, Does.Contain("New title"));
    }

    [Test]
    public async Task ImportAsync_new_version_becomes_current_keeps_status_and_participants_keep_their_version()
    {
        var v1 = TestStudies.SixCells();
        await StudyImport.ImportAsync(DataSource, v1);
        var early = await Assigner.EnrolAsync(DataSource, v1, new EnrolmentRequest("nl"));
        await StudyStore.SetStatusAsync(DataSource, "six", "paused");

        var result = await StudyImport.ImportAsync(DataSource, Changed(v1) with { Version = 2 });
        var v2 = (await StudyStore.GetCurrentAsync(DataSource, "six"))!.Value.Study;
        var late = await Assigner.EnrolAsync(DataSource, v2, new EnrolmentRequest("nl"));
        var older = await StudyImport.ImportAsync(DataSource, v1);

        Assert.That(result.Outcome, Is.EqualTo(ImportOutcome.Imported));
        Assert.That(await State("six"), Is.EqualTo((2, "paused")));
        Assert.That(v2.Version, Is.EqualTo(2));
        Assert.That(older.Outcome, Is.EqualTo(ImportOutcome.Unchanged));
        Assert.That(await State("six"), Is.EqualTo((2, "paused")), "re-importing an older version does not move back");
        await using var conn = await DataSource.OpenConnectionAsync();
        var versions = (await conn.QueryAsync<(string, int)>("select id, study_version from participant")).ToDictionary(r => r.Item1, r => r.Item2);
        Assert.That(versions, Is.EqualTo(new Dictionary<string, int> { [early.ParticipantId] = 1, [late.ParticipantId] = 2 }));
        Assert.That(late.CellIndex, Is.EqualTo(0), "version 2 has counters of its own");
    }

    [Test]
    public async Task ImportAsync_seed_studies_import_and_reimport_unchanged()
    {
        var dir = Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies");
        foreach (var file in Directory.GetFiles(dir, "*.json"))
        {
            var study = StudyFile.Load(file).Study!;
            Assert.That((await StudyImport.ImportAsync(DataSource, study)).Outcome, Is.EqualTo(ImportOutcome.Imported), file);
            // Read back through the JSON column and hashed again: jsonb must not change the content.
            var back = await StudyStore.GetAsync(DataSource, study.Id, study.Version);
            Assert.That(StudyFile.ContentHash(back!), Is.EqualTo(StudyFile.ContentHash(study)), file);
            Assert.That((await StudyImport.ImportAsync(DataSource, StudyFile.Load(file).Study!)).Outcome, Is.EqualTo(ImportOutcome.Unchanged), file);
        }
    }
}
