using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>Must show 7: declining consent and withdrawing at the debrief leave no trace beyond counts.</summary>
[TestFixture]
public sealed class ConsentWithdrawalTests : BrowserTest
{
    [Test]
    public async Task Decline_consent_leavesNoParticipantRowOnlyTheDeclinedCount()
    {
        const string panelId = "decliner-5521";
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        var walk = await Bot(page).WalkAsync(new ParticipantPlan { PanelId = panelId, Language = "en", Decline = true });

        var counts = await StudyRows.CountsAsync(App.DataSource);
        var state = await StudyRows.StateAsync(App.DataSource, Study.Id);
        var dump = await App.DumpDatabaseAsync();
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(walk.Pages.Select(p => p.Kind), Is.EqualTo(new[] { PageKind.Consent, PageKind.NoForm }), "declined page after consent");
            Assert.That(counts, Is.EqualTo(new TableCounts(0, 0, 0, 0, 0)));
            Assert.That(state.Declined, Is.EqualTo(1));
            Assert.That(dump, Does.Not.Contain(panelId));
            Assert.That(dump, Does.Contain(Study.Id), "the dump holds the study, so the absence above means something");
        });
    }

    [Test]
    public async Task Withdraw_atDebrief_erasesEveryRowOfTheParticipantAndStillShowsTheCode()
    {
        const string panelId = "withdrawer-8812";
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        ParticipantRow? before = null;
        long rowsBefore = 0;
        var bot = Bot(page, async (kind, _) =>
        {
            if (kind != PageKind.Debrief) return;
            before = await StudyRows.ByPanelIdAsync(App.DataSource, panelId);
            rowsBefore = before is null ? 0 : await StudyRows.RowsOfAsync(App.DataSource, before.Id);
        });
        var walk = await bot.WalkAsync(new ParticipantPlan
        {
            PanelId = panelId, Language = "nl", Withdraw = true, Checkout = ParticipantPlan.Disclose("dob", "mobile"),
        });

        Assert.That(before, Is.Not.Null, "the participant existed at the debrief");
        var counts = await StudyRows.CountsAsync(App.DataSource);
        var state = await StudyRows.StateAsync(App.DataSource, Study.Id);
        var dump = await App.DumpDatabaseAsync();
        var rowsAfter = await StudyRows.RowsOfAsync(App.DataSource, before!.Id);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(rowsBefore, Is.GreaterThan(10), "answers were stored before withdrawing");
            Assert.That(walk.LastKind, Is.EqualTo(PageKind.End), "the withdrawal page with the code, no redirect");
            Assert.That(walk.CompletionCode, Is.EqualTo(before!.CompletionCode), "the completion code is still shown");
            Assert.That(rowsAfter, Is.Zero);
            Assert.That(counts, Is.EqualTo(new TableCounts(0, 0, 0, 0, 0)));
            Assert.That(state.Withdrawn, Is.EqualTo(1));
            Assert.That(dump, Does.Not.Contain(panelId));
            Assert.That(dump, Does.Not.Contain(before.Id));
        });
    }
}
