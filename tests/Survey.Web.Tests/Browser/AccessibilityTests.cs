using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Must show 4: axe-core finds no WCAG 2.1 A/AA violation on any page type, nothing scrolls sideways at 375 px,
/// and the study can be completed with the keyboard alone.
/// </summary>
[TestFixture]
public sealed class AccessibilityTests : BrowserTest
{
    [Test]
    public async Task EveryPageType_atPhoneWidth_hasNoAxeViolationAndNoSidewaysScroll()
    {
        var problems = new List<string>();
        var checkedPages = new List<string>();
        async Task Check(string name, IPage page)
        {
            checkedPages.Add(name);
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(page)).Select(v => $"{name}: {v}"));
            var overflow = await BrowserChecks.HorizontalOverflowAsync(page);
            if (overflow > 0) problems.Add($"{name}: scrolls sideways by {overflow}px at 375px");
        }

        var page = await NewPageAsync(BrowserChecks.Phone());
        var errorsShown = false;
        var questionnaireErrorsShown = false;
        var bot = Bot(page, async (kind, p) =>
        {
            var step = await new ParticipantPage(p).StepAsync();
            await Check($"{kind} step {step}", p);
            if (kind == PageKind.Next && !questionnaireErrorsShown && await p.Locator("#progress-text").CountAsync() > 0)
            {
                // Submit the first questionnaire page unanswered: the error summary and a message at every question.
                questionnaireErrorsShown = true;
                await new QuestionnairePage(p).NextAsync();
                Assert.That(await p.Locator("#error-summary li").CountAsync(), Is.GreaterThan(1), "questionnaire errors shown");
                await Check("Questionnaire with errors", p);
            }
            if (kind == PageKind.Checkout && !errorsShown)
            {
                // Place the order with every field empty: the page comes back with the errors next to the fields.
                errorsShown = true;
                await new CheckoutPage(p).PlaceOrderAsync();
                Assert.That(await new ParticipantPage(p).ErrorCountAsync(), Is.GreaterThan(0), "checkout errors shown");
                await Check("Checkout with errors", p);
            }
        });
        var walk = await bot.WalkAsync(new ParticipantPlan
        {
            PanelId = "a11y-1", Language = "nl", Checkout = ParticipantPlan.Disclose("child_adhd", "friends_emails"),
        });
        Assert.That(walk.Finished, Is.True);

        var declined = await NewPageAsync(BrowserChecks.Phone());
        await Bot(declined).WalkAsync(new ParticipantPlan { PanelId = "a11y-2", Language = "en", Decline = true });
        await Check("declined", declined);

        // The seed study sends finishers to the panel's completion URL; the demo study (no panel) shows the
        // platform's own end page with the code.
        var demo = (await Experiment.Engine.Studies.StudyStore.GetCurrentAsync(App.DataSource, "demo"))!.Value.Study;
        var demoPage = await NewPageAsync(BrowserChecks.Phone());
        var demoWalk = await new ParticipantBot(demoPage, App.BaseUrl, demo) { OnPage = async (kind, p) => await Check($"demo {kind}", p) }
            .WalkAsync(new ParticipantPlan { PanelId = "a11y-demo", Language = "en" });
        Assert.That(demoWalk.LastKind, Is.EqualTo(PageKind.End), demoWalk.Pages[^1].Url);

        await Experiment.Engine.Studies.StudyStore.SetStatusAsync(App.DataSource, Study.Id, "closed");
        var closed = await NewPageAsync(BrowserChecks.Phone());
        await ConsentPage.OpenAsync(closed, App.BaseUrl, Study.Id, "a11y-3", "en");
        Assert.That(await ParticipantPage.KindAsync(closed), Is.EqualTo(PageKind.NoForm), "closed study page");
        await Check("closed", closed);

        var kinds = walk.Pages.Concat(demoWalk.Pages).Select(v => v.Kind).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(kinds, Is.SupersetOf(new[] { PageKind.Consent, PageKind.Next, PageKind.Product, PageKind.Cart,
                PageKind.Checkout, PageKind.Debrief, PageKind.End }));
            Assert.That(checkedPages, Has.Count.GreaterThanOrEqualTo(StudyDesignSteps() + 4), "every seed page but the end, both error pages, declined, closed");
            Assert.That(checkedPages, Does.Contain("Questionnaire with errors").And.Contain("demo Consent"));
            Assert.That(checkedPages, Does.Contain("demo End"));
            Assert.That(problems, Is.Empty);
        });
    }

    [Test]
    public async Task KeyboardOnly_participant_completesTheStudy()
    {
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        var plan = new ParticipantPlan
        {
            PanelId = "keyboard-1", Language = "en", KeyboardOnly = true,
            Checkout = ParticipantPlan.Disclose("mobile", "employer", "child_adhd"),
        };

        var walk = await Bot(page).WalkAsync(plan);

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        Assert.That(errors, Is.Empty);
    }

    int StudyDesignSteps() => Experiment.Engine.Studies.StudyDesign.Steps(Study, 0).Count;
}
