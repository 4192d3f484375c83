using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Must show 2: double submit, refresh after submit, Back then resubmit (and a replayed stale POST), closing and
/// reopening the browser: each ends with one row per answer and the participant on the right page. The first
/// participant of a fresh database gets block order 0 (questionnaire first), so the page after the intro is a
/// questionnaire page.
/// </summary>
[TestFixture]
public sealed class ResubmitTests : BrowserTest
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task Next_doubleClick_recordsEachAnswerOnceAndMovesOnePage(bool javaScript)
    {
        var (page, questionnaire, step, items) = await OnFirstQuestionnairePageAsync("double-" + javaScript, javaScript);
        foreach (var item in items) await questionnaire.AnswerAsync(item, QuestionnairePage.TypicalAnswer(item));
        var errors = WatchServerErrors(page);

        try { await TestSupport.Browser.NavigateByAsync(page, () => questionnaire.Button("next").DblClickAsync()); }
        catch (PlaywrightException e) when (!javaScript && e.Message.Contains("ERR_ABORTED", StringComparison.Ordinal))
        {
            // Without JavaScript the second click submits the form again, and the browser drops the first
            // submission's navigation for it, as a real browser does; what follows checks where that ends.
        }
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await AssertOnStepAsync(page, "double-" + javaScript, step + 1, answered: items.Count);
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task Refresh_afterSubmit_keepsOneRowPerAnswerAndTheNextPage()
    {
        var (page, questionnaire, step, items) = await OnFirstQuestionnairePageAsync("refresh");
        foreach (var item in items) await questionnaire.AnswerAsync(item, QuestionnairePage.TypicalAnswer(item));
        await questionnaire.NextAsync();
        var errors = WatchServerErrors(page);

        await page.ReloadAsync();

        await AssertOnStepAsync(page, "refresh", step + 1, answered: items.Count);
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task BackThenResubmit_orReplayedStalePost_changesNoAnswerAndSkipsNoPage()
    {
        var (page, questionnaire, step, items) = await OnFirstQuestionnairePageAsync("back");
        (string Url, string Body, string Type)? post = null;
        page.Request += (_, r) =>
        {
            if (r.Method == "POST" && post is null) post = (r.Url, r.PostData ?? "", r.Headers.GetValueOrDefault("content-type") ?? "");
        };
        foreach (var item in items) await questionnaire.AnswerAsync(item, "2");
        await questionnaire.NextAsync();
        var errors = WatchServerErrors(page);
        Assert.That(post, Is.Not.Null, "the answers were posted");

        await page.GoBackAsync();
        var shown = await questionnaire.StepAsync();
        if (shown == step)
        {
            // The browser showed the old page again (from its cache): change every answer and submit it.
            foreach (var item in items) await questionnaire.AnswerAsync(item, "6");
            await questionnaire.NextAsync();
        }
        await AssertOnStepAsync(page, "back", step + 1, answered: items.Count);

        // A replay of the first POST with every answer changed, as a stale tab or a forged request would send it.
        var replay = post!.Value.Body;
        foreach (var item in items) replay = replay.Replace($"{item.Key}=2", $"{item.Key}=7");
        Assert.That(replay, Is.Not.EqualTo(post.Value.Body));
        var response = await page.Context.APIRequest.PostAsync(post.Value.Url, new APIRequestContextOptions
        {
            DataString = replay, Headers = new Dictionary<string, string> { ["content-type"] = post.Value.Type },
        });
        Assert.That(response.Status, Is.LessThan(500), await response.TextAsync());

        await page.GotoAsync(page.Url);
        await AssertOnStepAsync(page, "back", step + 1, answered: items.Count);
        var participant = await StudyRows.ByPanelIdAsync(App.DataSource, "back");
        var values = (await StudyRows.ResponsesAsync(App.DataSource, participant!.Id)).Select(r => r.Value).Distinct();
        Assert.Multiple(() =>
        {
            Assert.That(values, Is.EqualTo(new[] { "2" }), "the first answers stand; a stale page changes nothing");
            Assert.That(errors, Is.Empty);
        });
    }

    [Test]
    public async Task ClosingAndReopening_theLink_continuesWhereTheParticipantLeftOff()
    {
        const string panelId = "reopen";
        var plan = new ParticipantPlan { PanelId = panelId, Language = "nl", Checkout = ParticipantPlan.Disclose("employer") };
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await ConsentPage.OpenAsync(page, App.BaseUrl, Study.Id, panelId, "nl");
        var bot = Bot(page);
        while ((await new ParticipantPage(page).StepAsync() ?? -1) < 3)
            await bot.ActAsync(await ParticipantPage.KindAsync(page), plan);
        var step = await new ParticipantPage(page).StepAsync();
        await page.CloseAsync();

        // Same browser (cookie kept), new tab on the same link.
        var again = await context.NewPageAsync();
        await ConsentPage.OpenAsync(again, App.BaseUrl, Study.Id, panelId, "nl");
        Assert.That(await new ParticipantPage(again).StepAsync(), Is.EqualTo(step), "same cookie: back on the page left");
        await context.CloseAsync();

        // Another browser (no cookie), same panel id: the same participant, not a second enrolment.
        var fresh = await NewPageAsync();
        var errors = WatchServerErrors(fresh);
        await ConsentPage.OpenAsync(fresh, App.BaseUrl, Study.Id, panelId, "nl");
        Assert.That(await new ParticipantPage(fresh).StepAsync(), Is.EqualTo(step), "same panel id: back on the page left");
        var walk = await Bot(fresh).ContinueAsync(plan);

        Assert.That(walk.Finished, Is.True);
        await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk, fullWalk: false);
        var counts = await StudyRows.CountsAsync(App.DataSource);
        Assert.Multiple(() =>
        {
            Assert.That(counts.Participants, Is.EqualTo(1));
            Assert.That(errors, Is.Empty);
        });
    }

    async Task<(IPage Page, QuestionnairePage Questionnaire, int Step, IReadOnlyList<Experiment.Engine.Studies.Item> Items)>
        OnFirstQuestionnairePageAsync(string panelId, bool javaScript = true)
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        await (await ConsentPage.OpenAsync(page, App.BaseUrl, Study.Id, panelId, "en")).AgreeAsync();
        var questionnaire = new QuestionnairePage(page);
        Assert.That(await ParticipantPage.KindAsync(page), Is.EqualTo(PageKind.Next), "intro after consent");
        await questionnaire.NextAsync();
        var items = await questionnaire.ItemsAsync(Study);
        Assert.That(items, Is.Not.Empty, "a questionnaire page follows the intro in block order 0");
        return (page, questionnaire, (await questionnaire.StepAsync())!.Value, items);
    }

    /// <summary>The page shows step, the database agrees, each page up to it has one page_time, answers are stored once.</summary>
    async Task AssertOnStepAsync(IPage page, string panelId, int step, int answered)
    {
        var participant = await StudyRows.ByPanelIdAsync(App.DataSource, panelId);
        Assert.That(participant, Is.Not.Null);
        var times = await StudyRows.PageTimesAsync(App.DataSource, participant!.Id);
        var responses = await StudyRows.ResponsesAsync(App.DataSource, participant.Id);
        var shown = await new ParticipantPage(page).StepAsync();
        var counts = await StudyRows.CountsAsync(App.DataSource);
        Assert.Multiple(() =>
        {
            Assert.That(shown, Is.EqualTo(step), "page shown");
            Assert.That(participant.Step, Is.EqualTo(step), "participant.step");
            Assert.That(times.Select(t => t.Step), Is.EqualTo(Enumerable.Range(0, step + 1)), "one page_time per page reached");
            Assert.That(responses, Has.Count.EqualTo(answered));
            Assert.That(counts.Participants, Is.EqualTo(1));
        });
    }
}
