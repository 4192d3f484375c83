using Experiment.Engine.Export;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>Issue 13: the debrief asks, yes or no, whether the shop data may be used; the answer is required and exported.</summary>
[TestFixture]
public sealed class DebriefQuestionTests : BrowserTest
{
    const string QuestionNl = "Mogen wij de gegevens over wat u in de winkel deed gebruiken voor het onderzoek?";
    const string QuestionEn = "May we use the data on what you did in the shop for the research?";

    [Test]
    public async Task Finish_unanswered_showsTheSummaryNamingTheQuestionAndRecordsNothing()
    {
        const string panelId = "debrief-unanswered";
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        ParticipantRow? before = null, after = null;
        IReadOnlyList<PageTimeRow>? timesBefore = null, timesAfter = null;
        string? summary = null, link = null, fieldError = null;
        bool? linkTargetExists = null;
        var bot = Bot(page, async (kind, p) =>
        {
            if (kind != PageKind.Debrief || before is not null) return;
            before = await StudyRows.ByPanelIdAsync(App.DataSource, panelId);
            timesBefore = await StudyRows.PageTimesAsync(App.DataSource, before!.Id);
            await new ParticipantPage(p).SubmitAsync("finish");
            summary = await p.Locator("#error-summary li").InnerTextAsync();
            link = await p.Locator("#error-summary li a").GetAttributeAsync("href");
            fieldError = await p.Locator("#err-behaviour_consent").InnerTextAsync();
            linkTargetExists = await p.Locator("#field-behaviour_consent").CountAsync() == 1;
            after = await StudyRows.ByPanelIdAsync(App.DataSource, panelId);
            timesAfter = await StudyRows.PageTimesAsync(App.DataSource, before.Id);
        });
        var plan = new ParticipantPlan { PanelId = panelId, Language = "nl", BehaviourConsent = false };
        var walk = await bot.WalkAsync(plan);

        await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(summary, Is.EqualTo(QuestionNl + " – Beantwoord deze vraag."), "the summary names the question");
            Assert.That(link, Is.EqualTo("#field-behaviour_consent"), "and links to its first answer");
            Assert.That(linkTargetExists, Is.True, "the link's target exists");
            Assert.That(fieldError, Does.Contain("Beantwoord deze vraag."));
            Assert.That(after, Is.EqualTo(before), "nothing recorded: no answer, no step, no completion");
            Assert.That(after!.BehaviourConsent, Is.Null);
            Assert.That(timesAfter, Is.EqualTo(timesBefore), "the debrief is not recorded as submitted");
        });
    }

    [Test]
    public async Task Export_yesAndNo_areBehaviourConsent1And0InBothLanguages()
    {
        var shown = new Dictionary<string, (string Question, string Yes, string No)>();
        async Task<ParticipantRow> WalkAsync(string panelId, string lang, bool yes)
        {
            var page = await NewPageAsync();
            var bot = Bot(page, async (kind, p) =>
            {
                if (kind != PageKind.Debrief) return;
                shown[lang] = (await p.Locator("fieldset legend").InnerTextAsync(),
                    await p.Locator("label[for='field-behaviour_consent']").InnerTextAsync(),
                    await p.Locator("label[for='field-behaviour_consent-1']").InnerTextAsync());
            });
            var plan = new ParticipantPlan { PanelId = panelId, Language = lang, BehaviourConsent = yes, Checkout = ParticipantPlan.Disclose("mobile") };
            var walk = await bot.WalkAsync(plan);
            return await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        }
        var no = await WalkAsync("debrief-no", "nl", yes: false);
        var yes = await WalkAsync("debrief-yes", "en", yes: true);

        var dir = Directory.CreateTempSubdirectory("ppl-debrief-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(App.DataSource, Study.Id, dir, Clock);
            var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
            var disclosures = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows;
            var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv")).Rows.Single(r => r["file"] == "participants.csv" && r["column"] == "behaviour_consent");
            Assert.Multiple(() =>
            {
                Assert.That(shown["nl"], Is.EqualTo((QuestionNl + " (verplicht)", "Ja, u mag deze gegevens gebruiken", "Nee, gebruik deze gegevens niet")));
                Assert.That(shown["en"], Is.EqualTo((QuestionEn + " (required)", "Yes, you may use these data", "No, do not use these data")));
                Assert.That(participants.Row(no.Id)["behaviour_consent"], Is.EqualTo("0"));
                Assert.That(participants.Row(yes.Id)["behaviour_consent"], Is.EqualTo("1"));
                Assert.That((participants.Row(no.Id)["checkout_outcome"], participants.Row(no.Id)["disclosed_mobile"]), Is.EqualTo(("", "")),
                    "no: the shop data are left out");
                Assert.That((participants.Row(yes.Id)["checkout_outcome"], participants.Row(yes.Id)["disclosed_mobile"]), Is.EqualTo(("ordered", "1")));
                Assert.That(disclosures.Select(r => r["participant_id"]).Distinct(), Is.EqualTo(new[] { yes.Id }));
                Assert.That(codebook["label_en"], Does.Contain("1 = yes, may use").And.Contain("0 = no"));
                Assert.That(codebook["values"], Is.EqualTo("1=yes|0=no"));
            });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
