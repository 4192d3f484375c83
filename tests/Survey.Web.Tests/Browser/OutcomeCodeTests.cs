using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Panels pay by outcome: each outcome of the seed study (given a code per outcome in a new version) sends the
/// participant to Prolific's completion address with its own code. The panel's host cannot be resolved by the
/// test browser (Browser.cs), so the navigation there is captured, not followed.
/// </summary>
[TestFixture]
public sealed class OutcomeCodeTests : BrowserTest
{
    const string Prolific = "https://app.prolific.com/submissions/complete?cc=";

    StudyDefinition withCodes = null!;

    [SetUp]
    public async Task ImportVersionWithOutcomeCodes()
    {
        Assert.That(Study.Panel!.CompletionUrl, Is.EqualTo(Prolific + "{code}"), "the seed study redirects as Prolific documents it");
        withCodes = Study with
        {
            Version = Study.Version + 1,
            Panel = Study.Panel with { OutcomeCodes = new() { FailedAttention = "ATTNFAIL1", Withdrew = "WITHDREW1", DeclinedConsent = "DECLINED1" } },
        };
        await StudyImport.ImportAsync(App.DataSource, withCodes);
    }

    async Task<(WalkResult Walk, IPage Page)> WalkAsync(ParticipantPlan plan)
    {
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        var walk = await new ParticipantBot(page, App.BaseUrl, withCodes).WalkAsync(plan);
        Assert.That(errors, Is.Empty, "server errors");
        return (walk, page);
    }

    /// <summary>The message pages (withdrawn, declined) show the code and link on to the panel: follows that link.</summary>
    static async Task<string> FollowContinueLinkAsync(IPage page)
    {
        var link = page.Locator("a.button-link");
        var href = await link.GetAttributeAsync("href");
        var request = page.WaitForRequestAsync(r => r.Url.StartsWith(Prolific, StringComparison.Ordinal));
        try { await link.ClickAsync(); }
        catch (PlaywrightException) { } // the panel's host does not resolve here; the request is what counts
        Assert.That((await request).Url, Is.EqualTo(href));
        return href!;
    }

    static ParticipantPlan Plan() => new() { PanelId = "out-" + Guid.NewGuid().ToString("N")[..12], Language = "en", FastFill = true };

    [Test]
    public async Task Complete_finishedStudy_redirectsToThePanelWithTheCompletionCode()
    {
        var (walk, _) = await WalkAsync(Plan());

        Assert.That(walk.LastKind, Is.EqualTo(PageKind.PanelCompletion));
        Assert.That(walk.Pages[^1].Url, Is.EqualTo(Prolific + Study.Panel!.CompletionCode));
    }

    [Test]
    public async Task Complete_failedAttentionCheck_redirectsToThePanelWithItsOwnCode()
    {
        var (walk, _) = await WalkAsync(Plan() with
        {
            Answer = item => item.IsAttentionCheck ? CompletionTests.Wrong(item) : QuestionnairePage.TypicalAnswer(item),
        });

        Assert.That(walk.LastKind, Is.EqualTo(PageKind.PanelCompletion));
        Assert.That(walk.Pages[^1].Url, Is.EqualTo(Prolific + "ATTNFAIL1"));
    }

    [Test]
    public async Task Withdraw_fromTheDebrief_showsAndLinksToThePanelWithItsOwnCode()
    {
        var (walk, page) = await WalkAsync(Plan() with { Withdraw = true });

        Assert.That(walk.CompletionCode, Is.EqualTo("WITHDREW1"));
        Assert.That(await FollowContinueLinkAsync(page), Is.EqualTo(Prolific + "WITHDREW1"));
    }

    [Test]
    public async Task Decline_consentRefused_showsAndLinksToThePanelWithItsOwnCode()
    {
        var (walk, page) = await WalkAsync(Plan() with { Decline = true });

        Assert.That(walk.CompletionCode, Is.EqualTo("DECLINED1"));
        Assert.That(await FollowContinueLinkAsync(page), Is.EqualTo(Prolific + "DECLINED1"));
    }
}
