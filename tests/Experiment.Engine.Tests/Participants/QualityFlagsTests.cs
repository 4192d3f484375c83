using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Export;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Participants;

/// <summary>Each quality flag with a participant that trips it and one that does not, read back from participants.csv.</summary>
public sealed class QualityFlagsTests : DatabaseTest
{
    string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("ppl-quality-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, true);

    async Task<CsvTable> ExportAsync()
    {
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        return CsvTable.Read(Path.Combine(dir, "participants.csv"));
    }

    async Task DurationAsync(string participant, double seconds)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("update participant set completed_at = started_at + make_interval(secs => @seconds) where id = @participant",
            new { participant, seconds });
    }

    [Test]
    public async Task Export_failedAttentionCheck_tripsFlagWhilePassedAndNotReachedDoNot()
    {
        await ImportAsync(DataSource, Definition());
        await AddParticipantAsync(DataSource, new P("p-fail", 0, 0, Attention: false));
        await AddParticipantAsync(DataSource, new P("p-pass", 1, 0, Attention: true));
        await AddParticipantAsync(DataSource, new P("p-busy", 2, 0, Status: "in_progress", Outcome: null, Attention: null, BehaviourConsent: null));

        var t = await ExportAsync();

        Assert.That(t.Row("p-fail")["flag_attention_failed"], Is.EqualTo("1"));
        Assert.That(t.Row("p-pass")["flag_attention_failed"], Is.EqualTo("0"));
        Assert.That(t.Row("p-busy")["flag_attention_failed"], Is.EqualTo(""));
    }

    [Test]
    public async Task Export_underAThirdOfTheMedianDuration_tripsSpeederButAtAThirdDoesNot()
    {
        await ImportAsync(DataSource, Definition());
        foreach (var (id, seconds) in new[] { ("p-1", 600.0), ("p-2", 600.0), ("p-3", 900.0), ("p-fast", 199.0), ("p-third", 200.0) })
        {
            await AddParticipantAsync(DataSource, new P(id, 0, 0));
            await DurationAsync(id, seconds);
        }
        await AddParticipantAsync(DataSource, new P("p-busy", 1, 0, Status: "in_progress", Outcome: null));

        var t = await ExportAsync();

        // Median of 199, 200, 600, 600, 900 is 600; a third is 200.
        Assert.That(t.Row("p-fast")["flag_speeder"], Is.EqualTo("1"));
        Assert.That(t.Row("p-third")["flag_speeder"], Is.EqualTo("0"));
        Assert.That(t.Row("p-1")["flag_speeder"], Is.EqualTo("0"));
        Assert.That(t.Row("p-busy")["flag_speeder"], Is.EqualTo(""));
    }

    [Test]
    public async Task Export_declaredMinSecondsSpeederRule_tripsSpeederBelowItNotAtIt()
    {
        await ImportAsync(DataSource, Definition() with { Exclusions = [new ExclusionRule { Rule = ExclusionRule.Speeder, MinSeconds = 300 }] });
        // The default rule (a third of the 600 s median) would flag neither.
        foreach (var (id, seconds) in new[] { ("p-299", 299.0), ("p-300", 300.0), ("p-900", 900.0), ("p-901", 901.0) })
        {
            await AddParticipantAsync(DataSource, new P(id, 0, 0));
            await DurationAsync(id, seconds);
        }

        var t = await ExportAsync();

        Assert.That(t.Row("p-299")["flag_speeder"], Is.EqualTo("1"));
        Assert.That(t.Row("p-300")["flag_speeder"], Is.EqualTo("0"));
        var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv")).Rows.Single(r => r["column"] == "flag_speeder");
        Assert.That(codebook["label_en"], Does.Contain("duration_s below 300 s"));
    }

    [Test]
    public async Task Export_sameAnswerOnAPageWithAReverseItem_tripsStraightliningWhileDifferentAnswersDoNot()
    {
        await ImportAsync(DataSource, Definition());
        // The concern page: cc1 and cc2 (reverse coded).
        await AddParticipantAsync(DataSource, new P("p-flat", 0, 0));
        await AnswerAsync(DataSource, "p-flat", "concern", "cc1", "4", 60);
        await AnswerAsync(DataSource, "p-flat", "concern", "cc2", "4", 60);
        await AddParticipantAsync(DataSource, new P("p-varied", 1, 0));
        await AnswerAsync(DataSource, "p-varied", "concern", "cc1", "6", 60);
        await AnswerAsync(DataSource, "p-varied", "concern", "cc2", "2", 60);
        await AddParticipantAsync(DataSource, new P("p-half", 2, 0, Status: "in_progress", Outcome: null));
        await AnswerAsync(DataSource, "p-half", "concern", "cc1", "4", 60);

        var t = await ExportAsync();

        Assert.That(t.Row("p-flat")["flag_straightlining"], Is.EqualTo("1"));
        Assert.That(t.Row("p-varied")["flag_straightlining"], Is.EqualTo("0"));
        Assert.That(t.Row("p-half")["flag_straightlining"], Is.EqualTo(""), "a page not answered in full says nothing");
    }

    [Test]
    public void Export_straightLinedPageWithoutReverseItem_isNotJudged()
    {
        var study = Definition() with
        {
            Pages = [Definition().Pages[0] with { Items = [.. Definition().Pages[0].Items.Select(i => i with { Reverse = false })] }],
        };
        Assert.That(QualityFlags.StraightLined(study, _ => "4"), Is.Null);
    }

    [Test]
    public async Task Export_secondEntryOfAnEnrolledPanelId_countsRepeatEntriesWhileFirstEntryAndDoubleClickDoNot()
    {
        var study = Definition();
        await ImportAsync(DataSource, study);
        var first = new PanelIdentity("prolific", "PROL-TWICE", "STUDY1", "SESSION-A");
        var twice = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", first, Token: "form-1"));
        var once = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", first with { ParticipantId = "PROL-ONCE" }, Token: "form-2"));

        // The same form again (double click): not a second entry.
        Assert.That((await Assigner.MatchPanelAsync(DataSource, Id, first, "form-1")).Kind, Is.EqualTo(PanelMatchKind.Resumable));
        // Another browser with another session id: refused, and counted.
        Assert.That((await Assigner.MatchPanelAsync(DataSource, Id, first with { SessionId = "SESSION-B" }, null)).Kind,
            Is.EqualTo(PanelMatchKind.NotResumable));
        // The same session on another device: resumed, and counted too.
        Assert.That((await Assigner.MatchPanelAsync(DataSource, Id, first, null)).Kind, Is.EqualTo(PanelMatchKind.Resumable));

        var t = await ExportAsync();

        Assert.That(t.Row(twice.ParticipantId)["repeat_entries"], Is.EqualTo("2"));
        Assert.That(t.Row(once.ParticipantId)["repeat_entries"], Is.EqualTo("0"));
        Assert.That(File.ReadAllText(Path.Combine(dir, "participants.csv")), Does.Not.Contain("PROL-"), "no panel id outside panel_ids.csv");
    }

    [Test]
    public async Task Codebook_qualityFlags_describesEveryFlagColumn()
    {
        await SeedAsync(DataSource);
        await Exporter.ExportToDirectoryAsync(DataSource, Id, dir, Clock);
        var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv")).Rows.Where(r => r["file"] == "participants.csv").ToList();
        foreach (var flag in QualityFlags.Columns)
        {
            var row = codebook.Single(r => r["column"] == flag);
            Assert.That((row["label_en"], row["label_nl"]), Is.EqualTo(QualityFlags.Describe(flag)));
        }
        Assert.That(codebook.Single(r => r["column"] == "flag_speeder")["label_en"], Does.Contain("0.333 of the study's median"));
    }
}
