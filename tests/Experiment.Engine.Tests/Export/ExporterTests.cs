using System.IO.Compression;
using System.Text;
using Dapper;
using Experiment.Engine.Export;
using Experiment.Engine.Participants;
using Npgsql;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Export;

public sealed class ExporterTests : DatabaseTest
{
    string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("ppl-export-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, true);

    [Test]
    public async Task ExportToDirectory_seededStudy_writesDocumentedColumnsInParticipantOrder()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);

        Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(Exporter.AllFileNames.Order()));
        var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(participants.Header, Is.EqualTo(new[]
        {
            "participant_id", "study_id", "study_version", "arm", "arm_discount", "arm_notice", "block_order", "language", "status",
            "started_at", "completed_at", "duration_s", "attention_passed", "cc1", "cc2", "attn", "w_email", "w_bsn", "checkout_outcome",
            "offer_name", "offer_email", "offer_bsn", "granted_name", "granted_email", "granted_bsn", "disclosed_name", "disclosed_email", "disclosed_bsn",
            "plausible_name", "plausible_email", "plausible_bsn", "discount_pct", "amount_to_pay", "behaviour_consent",
            "flag_attention_failed", "flag_speeder", "flag_straightlining", "repeat_entries", "pilot",
        }));
        Assert.That(participants.Rows.Select(r => r["participant_id"]), Is.EqualTo(new[] { "p-a", "p-b", "p-c", "p-d" }));
        Assert.That(CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Header, Is.EqualTo(new[]
            { "participant_id", "field", "necessity", "sensitivity", "offer_pct", "granted_pct", "stated_item", "stated_willing", "disclosed", "plausible", "time_on_field_ms", "disclosure_mode", "autocomplete" }));
        Assert.That(CsvTable.Read(Path.Combine(dir, "responses.csv")).Header, Is.EqualTo(new[] { "participant_id", "page", "item", "value", "answered_at" }));
        Assert.That(CsvTable.Read(Path.Combine(dir, "page_times.csv")).Header, Is.EqualTo(new[] { "participant_id", "page", "shown_at", "submitted_at", "seconds" }));
        Assert.That(CsvTable.Read(Path.Combine(dir, "panel_ids.csv")).Header,
            Is.EqualTo(new[] { "participant_id", "panel", "panel_participant_id", "panel_study_id", "panel_session_id" }));
    }

    [Test]
    public async Task ExportToDirectory_studyWithEthicsAndApprovals_studyCsvCarriesThemAfterTheExclusions()
    {
        var study = Definition() with
        {
            Ethics = new Experiment.Engine.Studies.StudyEthics
            {
                Institution = new() { ["en"] = "Example University" },
                Researcher = new() { Name = "R. Searcher", Email = "r@example.org" },
                DataController = new() { ["en"] = "Example University" },
                Approval = "ERB-2026-017",
            },
            Approvals = new Dictionary<string, string> { ["prolific-personal-data"] = "PRO-4711", ["bsn-browser"] = "DPO 2026/3" },
        };
        await ImportAsync(DataSource, study);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);

        var rows = CsvTable.Read(Path.Combine(dir, "study.csv")).Rows.Select(r => (r["key"], r["value"])).ToList();
        Assert.That(rows.SkipWhile(r => r.Item1 != "ethics_approval"), Is.EqualTo(new[]
        {
            ("ethics_approval", "ERB-2026-017"), ("approval", "bsn-browser=DPO 2026/3"), ("approval", "prolific-personal-data=PRO-4711"),
        }));
    }

    [Test]
    public async Task ExportToDirectory_participantRows_holdExactlyWhatWasRecorded()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var t = CsvTable.Read(Path.Combine(dir, "participants.csv"));

        var b = t.Row("p-b");
        Assert.That(b, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["participant_id"] = "p-b", ["study_id"] = Id, ["study_version"] = "1", ["arm"] = "discount=15;notice=salient",
            ["arm_discount"] = "15", ["arm_notice"] = "salient", ["block_order"] = "questionnaire>shop", ["language"] = "nl",
            ["status"] = "completed", ["started_at"] = "2026-11-28T21:04:05Z", ["completed_at"] = "2026-11-28T21:09:17Z",
            ["duration_s"] = "312.25", ["attention_passed"] = "1", ["cc1"] = "6", ["cc2"] = "2", ["attn"] = "blue",
            ["w_email"] = "1", ["w_bsn"] = "0", ["checkout_outcome"] = "ordered",
            ["offer_name"] = "0", ["offer_email"] = "2.5", ["offer_bsn"] = "12.5",
            ["granted_name"] = "0", ["granted_email"] = "2.5", ["granted_bsn"] = "0",
            ["disclosed_name"] = "1", ["disclosed_email"] = "1", ["disclosed_bsn"] = "0",
            ["plausible_name"] = "1", ["plausible_email"] = "0", ["plausible_bsn"] = "",
            ["discount_pct"] = "2.5", ["amount_to_pay"] = "48.7", ["behaviour_consent"] = "1",
            ["flag_attention_failed"] = "0", ["flag_speeder"] = "0", ["flag_straightlining"] = "0", ["repeat_entries"] = "0", ["pilot"] = "0",
        }));

        var a = t.Row("p-a");
        Assert.That((a["status"], a["completed_at"], a["duration_s"], a["attention_passed"], a["cc1"], a["cc2"], a["language"]),
            Is.EqualTo(("in_progress", "", "", "", "3", "", "en")));
        Assert.That((a["checkout_outcome"], a["disclosed_email"], a["plausible_email"], a["behaviour_consent"]), Is.EqualTo(("", "", "", "")));
        Assert.That((a["granted_email"], a["discount_pct"], a["amount_to_pay"]), Is.EqualTo(("", "", "")), "no checkout, nothing granted or to pay");
        // The offer is a property of the arm, known before the shop is reached (0 when no offer key matches).
        Assert.That((a["offer_email"], a["offer_bsn"], a["block_order"]), Is.EqualTo(("0", "0", "shop>questionnaire")));

        var c = t.Row("p-c");
        Assert.That((c["checkout_outcome"], c["disclosed_email"], c["plausible_email"], c["offer_bsn"]), Is.EqualTo(("left_shop", "0", "", "15")));
        Assert.That((c["granted_email"], c["granted_bsn"], c["discount_pct"], c["amount_to_pay"]), Is.EqualTo(("0", "", "0", "")), "left the shop: no order to pay");

        var d = t.Row("p-d");
        Assert.That((d["checkout_outcome"], d["disclosed_name"], d["behaviour_consent"]), Is.EqualTo(("", "", "0")));
        Assert.That((d["granted_name"], d["discount_pct"], d["amount_to_pay"]), Is.EqualTo(("", "", "")), "refused: no shop behaviour, money included");
    }

    [Test]
    public async Task ExportToDirectory_rowMeasuredByAChoice_carriesItsModeWithoutPlausibility()
    {
        await SeedAsync(DataSource);
        await using (var conn = await DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("update disclosure set disclosure_mode = 'choice', plausible = null where participant_id = 'p-b' and field = 'email'");

        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var rows = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows;
        var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv")).Rows.Single(r => r["file"] == "disclosures.csv" && r["column"] == "disclosure_mode");

        Assert.That(rows.Select(r => r["disclosure_mode"]), Is.EqualTo(new[] { "server", "choice", "server", "server", "server", "server" }));
        Assert.That((rows[1]["disclosed"], rows[1]["plausible"]), Is.EqualTo(("1", "")));
        Assert.That((codebook["type"], codebook["values"]), Is.EqualTo(("category",
            "server=typed, classified on the server|browser=typed, classified in the browser|choice=ticked to share, nothing typed")));
    }

    [Test]
    public async Task ExportToDirectory_studyAllowingAutofill_carriesEachFieldsAutocompleteAndNoneForAChoice()
    {
        await SeedAsync(DataSource);
        await using (var conn = await DataSource.OpenConnectionAsync())
        {
            // The study lets the browser fill in the e-mail (its token) but not the name (no token); p-b's BSN was a tick.
            await conn.ExecuteAsync("""
                update study set definition = jsonb_set(jsonb_set(definition, '{shop,autofill}', 'true'), '{shop,fields,1,autocomplete}', '"email"')
                where id = @Id
                """, new { Id });
            await conn.ExecuteAsync("update disclosure set disclosure_mode = 'choice', plausible = null where participant_id = 'p-b' and field = 'bsn'");
        }

        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var rows = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows;
        var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv")).Rows.Single(r => r["file"] == "disclosures.csv" && r["column"] == "autocomplete");

        Assert.That(rows.Select(r => $"{r["participant_id"]}/{r["field"]}={r["autocomplete"]}"), Is.EqualTo(new[]
            { "p-b/name=off", "p-b/email=email", "p-b/bsn=", "p-c/name=off", "p-c/email=email", "p-c/bsn=off" }));
        Assert.That(codebook["label_en"], Does.Contain("may not have been typed"));
    }

    [Test]
    public async Task ExportToDirectory_studyWithoutAutofill_saysOffForEveryTypedField()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        Assert.That(CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows.Select(r => r["autocomplete"]), Is.EqualTo(Enumerable.Repeat("off", 6)));
    }

    [Test]
    public async Task ExportToDirectory_disclosureRows_onlyForEndedCheckoutsWithPairedAnswers()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var rows = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows;

        Assert.That(rows.Select(r => $"{r["participant_id"]}/{r["field"]}"), Is.EqualTo(new[]
            { "p-b/name", "p-b/email", "p-b/bsn", "p-c/name", "p-c/email", "p-c/bsn" }));
        Assert.That(rows[1], Is.EquivalentTo(new Dictionary<string, string>
        {
            ["participant_id"] = "p-b", ["field"] = "email", ["necessity"] = "optional", ["sensitivity"] = "1", ["offer_pct"] = "2.5", ["granted_pct"] = "2.5",
            ["stated_item"] = "w_email", ["stated_willing"] = "1", ["disclosed"] = "1", ["plausible"] = "0", ["time_on_field_ms"] = "2000", ["disclosure_mode"] = "server",
            ["autocomplete"] = "off",
        }));
        Assert.That((rows[2]["stated_willing"], rows[2]["disclosed"], rows[2]["plausible"], rows[2]["offer_pct"]), Is.EqualTo(("0", "0", "", "12.5")));
        Assert.That((rows[0]["stated_item"], rows[0]["stated_willing"], rows[0]["necessity"]), Is.EqualTo(("", "", "required")));
        // Left the shop: nothing disclosed, whatever was typed; unanswered pairing stays empty; offers from the arm.
        Assert.That(rows.Skip(3).Select(r => (r["disclosed"], r["plausible"], r["stated_willing"], r["offer_pct"])),
            Is.EqualTo(new[] { ("0", "", "", "0"), ("0", "", "", "2.5"), ("0", "", "", "15") }));
        Assert.That(rows[4]["time_on_field_ms"], Is.EqualTo("900"));
    }

    [Test]
    public async Task ExportToDirectory_responsesPageTimesAndPanelIds_matchTheRecords()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);

        var responses = CsvTable.Read(Path.Combine(dir, "responses.csv")).Rows;
        Assert.That(responses.Select(r => string.Join(',', r.Values)), Is.EqualTo(new[]
        {
            "p-a,concern,cc1,3,2026-11-28T21:04:35Z",
            "p-b,concern,cc1,6,2026-11-28T21:05:05Z",
            "p-b,concern,cc2,2,2026-11-28T21:05:05Z",
            "p-b,concern,attn,blue,2026-11-28T21:05:05Z",
            "p-b,willing,w_email,1,2026-11-28T21:05:35Z",
            "p-b,willing,w_bsn,0,2026-11-28T21:05:35Z",
        }));
        var times = CsvTable.Read(Path.Combine(dir, "page_times.csv")).Rows;
        Assert.That(times.Select(r => string.Join(',', r.Values)), Is.EqualTo(new[]
        {
            "p-a,intro,2026-11-28T21:04:05Z,,",
            "p-b,intro,2026-11-28T21:04:05Z,2026-11-28T21:04:17Z,12.5",
            "p-b,concern,2026-11-28T21:04:18Z,2026-11-28T21:05:05Z,47.125",
        }));
        var panel = CsvTable.Read(Path.Combine(dir, "panel_ids.csv")).Rows;
        Assert.That(panel.Select(r => string.Join(',', r.Values)), Is.EqualTo(new[] { "p-b,prolific,PROL-B,STUDY1," }));
        var everythingElse = string.Concat(new[] { "participants.csv", "disclosures.csv", "responses.csv", "page_times.csv" }
            .Select(f => File.ReadAllText(Path.Combine(dir, f))));
        Assert.That(everythingElse, Does.Not.Contain("PROL-B"), "panel ids appear only in panel_ids.csv");
    }

    [Test]
    public async Task ExportToDirectory_codebook_listsEveryColumnOfEveryFile()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
        Assert.That(codebook.Header, Is.EqualTo(new[]
            { "file", "column", "type", "construct", "reverse_coded", "scale_min", "scale_max", "label_en", "label_nl", "values", "var_name" }));

        var expected = Exporter.FileNames.SelectMany(f => CsvTable.Read(Path.Combine(dir, f)).Header.Select(c => $"{f}:{c}"));
        Assert.That(codebook.Rows.Select(r => $"{r["file"]}:{r["column"]}"), Is.EqualTo(expected));

        var cc2 = codebook.Rows.Single(r => r["column"] == "cc2");
        Assert.That((cc2["type"], cc2["construct"], cc2["reverse_coded"], cc2["scale_min"], cc2["scale_max"], cc2["label_nl"]),
            Is.EqualTo(("likert", "concern.collection", "1", "1", "7", "Bedrijven zijn prima")));
        var cc1 = codebook.Rows.Single(r => r["column"] == "cc1");
        Assert.That((cc1["values"], cc1["label_en"], cc1["reverse_coded"]),
            Is.EqualTo(("1=strongly disagree|2|3|4|5|6|7=strongly agree", "I want control, \"really\"", "0")));
        Assert.That(codebook.Rows.Single(r => r["column"] == "attn")["values"], Is.EqualTo("red=Red|blue=Blue"));
        Assert.That(codebook.Rows.Single(r => r["column"] == "arm_discount")["values"], Is.EqualTo("0|15"));
        Assert.That(codebook.Rows.Where(r => r["file"] == "participants.csv" && r["column"] == "status").Single()["reverse_coded"], Is.Empty);
    }

    [Test]
    public async Task ExportToDirectory_files_areUtf8WithoutBomWithLfLineEnds()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        foreach (var f in Exporter.AllFileNames)
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(dir, f));
            Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), f);
            Assert.That(bytes, Does.Not.Contain((byte)'\r'), f);
            Assert.That(bytes[^1], Is.EqualTo((byte)'\n'), f);
        }
        var codebook = await File.ReadAllTextAsync(Path.Combine(dir, "codebook.csv"), Encoding.UTF8);
        Assert.That(codebook, Does.Contain("\"I want control, \"\"really\"\"\""), "RFC 4180 quoting of a label with a comma and quotes");
    }

    [Test]
    public async Task Export_twiceToDirectoryAndZip_isByteIdentical()
    {
        await SeedAsync(DataSource);
        var second = Directory.CreateTempSubdirectory("ppl-export-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
            await Exporter.ExportToDirectoryAsync(DataSource, Id, second, Clock);
            foreach (var f in Exporter.AllFileNames)
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(second, f)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(dir, f))), f);

            using var zip1 = new MemoryStream();
            using var zip2 = new MemoryStream();
            await Exporter.WriteZipAsync(DataSource, Id, zip1, Clock);
            await Exporter.WriteZipAsync(DataSource, Id, zip2, Clock);
            Assert.That(zip2.ToArray(), Is.EqualTo(zip1.ToArray()));

            zip1.Position = 0;
            using var archive = new ZipArchive(zip1, ZipArchiveMode.Read);
            Assert.That(archive.Entries.Select(e => e.FullName), Is.EqualTo(Exporter.AllFileNames));
            foreach (var entry in archive.Entries)
            {
                using var content = new MemoryStream();
                await using (var s = entry.Open()) await s.CopyToAsync(content);
                Assert.That(content.ToArray(), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(dir, entry.FullName))), entry.FullName);
            }
        }
        finally { Directory.Delete(second, true); }
    }

    [Test]
    public async Task ExportToDirectory_severalVersions_unitesItemColumnsCurrentVersionFirst()
    {
        await SeedAsync(DataSource);
        await ImportAsync(DataSource, Definition(version: 2, withExtraItem: true));
        await AddParticipantAsync(DataSource, new P("p-e", Cell: 0, Order: 0, Version: 2));
        await AnswerAsync(DataSource, "p-e", "concern", "age", "34", 20);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);

        var t = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(t.Header.SkipWhile(h => h != "cc1").TakeWhile(h => h != "checkout_outcome"), Is.EqualTo(new[] { "cc1", "cc2", "attn", "age", "w_email", "w_bsn" }));
        Assert.That((t.Row("p-e")["age"], t.Row("p-e")["study_version"], t.Row("p-b")["age"]), Is.EqualTo(("34", "2", "")));
        var age = CsvTable.Read(Path.Combine(dir, "codebook.csv")).Rows.Single(r => r["column"] == "age");
        Assert.That((age["type"], age["values"]), Is.EqualTo(("number", "16..99")));
    }

    [Test]
    public async Task ExportToDirectory_sessionSilentForExactlyTheAbandonmentTime_isStillInProgress()
    {
        await SeedAsync(DataSource);   // p-a was last seen at Start
        Clock.SetUtcNow(Start + Abandonment.After);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        Assert.That(CsvTable.Read(Path.Combine(dir, "participants.csv")).Row("p-a")["status"], Is.EqualTo("in_progress"));
    }

    [Test]
    public async Task ExportToDirectory_staleSession_isExportedAsAbandonedAndLeftUnchangedInTheDatabase()
    {
        await SeedAsync(DataSource);
        Clock.SetUtcNow(Start + Abandonment.After + TimeSpan.FromSeconds(1));
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(participants.Row("p-a")["status"], Is.EqualTo("abandoned"));
        Assert.That(participants.Row("p-b")["status"], Is.EqualTo("completed"));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select status from participant where id = 'p-a'"), Is.EqualTo("in_progress"),
            "the export reads; only purge stores the abandonment");
    }

    [Test]
    public async Task ExportToDirectoryAndWriteZip_readOnlyTransactions_succeed()
    {
        await SeedAsync(DataSource);
        Clock.SetUtcNow(Start + Abandonment.After + TimeSpan.FromSeconds(1));   // a stale session, which the old export wrote to
        var readOnly = new NpgsqlConnectionStringBuilder(ConnectionString) { Options = "-c default_transaction_read_only=on" }.ConnectionString;
        await using var replica = NpgsqlDataSource.Create(readOnly);
        await using (var conn = await replica.OpenConnectionAsync())
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync("update participant set language = 'en'"));
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.ReadOnlySqlTransaction), "the connection really is read-only");
        }

        await Exporter.ExportToDirectoryAsync(replica, Id, dir, Clock);
        using var zip = new MemoryStream();
        await Exporter.WriteZipAsync(replica, Id, zip, Clock);

        Assert.That(CsvTable.Read(Path.Combine(dir, "participants.csv")).Row("p-a")["status"], Is.EqualTo("abandoned"));
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read);
        foreach (var f in Exporter.FileNames)
        {
            using var entry = new MemoryStream();
            await using (var s = archive.GetEntry(f)!.Open()) await s.CopyToAsync(entry);
            Assert.That(entry.ToArray(), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(dir, f))), f);
        }
    }

    [Test]
    public async Task ExportToDirectory_unknownStudy_throwsUnknownStudyExceptionAndWritesNothing()
    {
        var e = await Assert.ThrowsAsync<UnknownStudyException>(() => Exporter.ExportToDirectoryAsync(DataSource, "nope", dir, Clock));
        Assert.That(e!.Message, Does.Contain("'nope'"));
        Assert.That(Directory.GetFiles(dir), Is.Empty);
        await Assert.ThrowsAsync<UnknownStudyException>(() => Exporter.WriteZipAsync(DataSource, "nope", new MemoryStream(), Clock));
    }
}
