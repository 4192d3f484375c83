using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue 15: a signed-in researcher previews the real participant pages in any cell, block order and language,
/// with the study closed and without allowForcedCell, and the preview writes nothing: every table of the
/// database is the same before and after.
/// </summary>
[TestFixture]
public sealed class PreviewTests : BrowserTest
{
    async Task StartPreviewAsync(IPage console, int cell, int order, string language)
    {
        await console.GotoAsync(App.BaseUrl + $"/researcher/studies/{Uri.EscapeDataString(Study.Id)}/preview");
        await console.SelectOptionAsync("#preview-cell", cell.ToString());
        await console.SelectOptionAsync("#preview-order", order.ToString());
        await console.SelectOptionAsync("#preview-lang", language);
        await console.ClickAsync("button:has-text('Start the preview')");
        // The consent page first, as a participant's visit begins, with the preview's note (it counts nothing).
        await console.WaitForURLAsync(App.BaseUrl + $"/s/{Study.Id}");
        Assert.That(await console.Locator("p.preview-note").CountAsync(), Is.EqualTo(1), "the consent page of a preview says it is one");
        Assert.That(await console.Locator("main").InnerTextAsync(), Does.Contain(FirstParagraph(Study.Texts.Consent.In(language))));
        await new Pages.ConsentPage(console).AgreeAsync();
        await console.WaitForURLAsync(App.BaseUrl + $"/s/{Study.Id}/p");
    }

    static string FirstParagraph(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();

    [Test]
    public async Task Preview_consentDeclinedWhileTheStudyIsClosed_showsTheDeclinedPageAndCountsNothing()
    {
        var console = await SignedInAsync();
        await Experiment.Engine.Studies.StudyStore.SetStatusAsync(App.DataSource, Study.Id, "closed");
        var before = await StudyRows.EveryTableAsync(App.DataSource);
        await console.GotoAsync(App.BaseUrl + $"/researcher/studies/{Uri.EscapeDataString(Study.Id)}/preview");
        await console.SelectOptionAsync("#preview-lang", "nl");
        await console.ClickAsync("button:has-text('Start the preview')");
        await console.WaitForURLAsync(App.BaseUrl + $"/s/{Study.Id}");
        var consent = await console.Locator("main").InnerTextAsync();

        await new Pages.ConsentPage(console).DeclineAsync();
        var declined = await console.Locator("main").InnerTextAsync();
        await console.GotoAsync(App.BaseUrl + $"/s/{Study.Id}");
        var again = await console.Locator("main").InnerTextAsync();
        var after = await StudyRows.EveryTableAsync(App.DataSource);

        Assert.Multiple(() =>
        {
            Assert.That(consent, Does.Contain(FirstParagraph(Study.Texts.Consent.In("nl"))), "a closed study's consent page, in the preview's language");
            Assert.That(declined, Does.Contain(Labels.Get(Study, "declinedTitle", "nl")));
            Assert.That(again, Does.Contain(FirstParagraph(Study.Texts.Consent.In("nl"))), "the preview goes on: its consent page again");
            Assert.That(after, Is.EqualTo(before), "no entry, no decline counted, nothing written");
        });
    }

    [Test]
    public async Task Preview_everyCellAndBlockOrderInBothLanguages_walksThePagesAndWritesNothing()
    {
        Assert.That(Study.AllowForcedCell, Is.False, "the seed study cannot force a cell");
        Assert.That(Study.Languages, Is.EquivalentTo(new[] { "nl", "en" }));
        var console = await SignedInAsync();
        await Experiment.Engine.Studies.StudyStore.SetStatusAsync(App.DataSource, Study.Id, "closed");
        var errors = WatchServerErrors(console);
        var before = await StudyRows.EveryTableAsync(App.DataSource);

        var cells = StudyDesign.Cells(Study);
        var orders = StudyDesign.BlockOrders(Study);
        var walked = new List<string>();
        var axe = new List<string>();
        for (var c = 0; c < cells.Count; c++)
            for (var o = 0; o < orders.Count; o++)
            {
                var language = Study.Languages[(c + o) % Study.Languages.Count];
                await StartPreviewAsync(console, c, o, language);
                // The preview's note is part of the page: axe checks the page with it once.
                if (c == 0 && o == 0) axe.AddRange(await TestSupport.BrowserChecks.AxeViolationsAsync(console));
                var optional = Study.Shop!.Fields.Where(f => f.IsOptional).Select(f => f.Key).ToArray();
                var walk = await Bot(console).ContinueAsync(new ParticipantPlan
                    { PanelId = "unused", FastFill = true, Checkout = ParticipantPlan.Disclose(optional) });
                var what = $"cell {c} ({cells[c].Arm}), order {o}, {language}";
                var firstAfterIntro = walk.Pages[1].Kind;
                var expectedOffers = CheckoutRules.Lines(Study, c).Where(l => l.Field.IsOptional).Sum(l => (decimal)l.OfferPct);
                Assert.Multiple(() =>
                {
                    Assert.That(walk.LastKind, Is.EqualTo(PageKind.End), what + ": reaches the end page, not the panel");
                    Assert.That(walk.Pages.Select(p => p.Language).Distinct(), Is.EqualTo(new[] { language }), what);
                    Assert.That(firstAfterIntro, Is.EqualTo(StudyDesign.BlockOrderName(orders[o]).StartsWith("shop") ? PageKind.Product : PageKind.Next), what);
                    Assert.That(walk.OffersShown.Sum(), Is.EqualTo(expectedOffers), what + ": the cell's offers");
                    Assert.That(walk.ConfirmedTotal, Is.Not.Null, what + ": the order's total is shown");
                });
                walked.Add(what);
                // The preview's banner, and the way back.
                Assert.That(await console.Locator("p.preview-note").CountAsync(), Is.EqualTo(1), what);
            }

        var after = await StudyRows.EveryTableAsync(App.DataSource);
        Assert.That(walked, Has.Count.EqualTo(cells.Count * orders.Count));
        Assert.That(after, Is.EqualTo(before), "a preview writes nothing to any table");
        Assert.That(errors, Is.Empty);
        Assert.That(axe, Is.Empty, "axe on a preview page");
        lock (OtherHostRequests) Assert.That(OtherHostRequests, Is.Empty, "a preview never goes to the panel");
    }

    [Test]
    public async Task Preview_cartUpdated_showsTheChosenQuantityAndTheConfirmationItsTotal()
    {
        // The preview's cart lives in its cookie: the shop's pages must show it from there, not from the database
        // (where a preview has no order), or the researcher sees the first cart again after every change.
        var console = await SignedInAsync();
        var orders = StudyDesign.BlockOrders(Study);
        var shopFirst = Enumerable.Range(0, orders.Count).First(o => StudyDesign.BlockOrderName(orders[o]).StartsWith("shop"));
        await StartPreviewAsync(console, 0, shopFirst, "en");
        string? shownAfterUpdate = null, key = null;
        var walk = await Bot(console, async (kind, p) =>
        {
            if (kind != PageKind.Cart || shownAfterUpdate is not null) return;
            var quantity = p.Locator("select.quantity").First;
            key = (await quantity.GetAttributeAsync("name"))!["qty_".Length..];
            await quantity.SelectOptionAsync("3");
            await p.ClickAsync("button[name=action][value=update]");
            await p.WaitForLoadStateAsync();
            shownAfterUpdate = await p.Locator("select.quantity").First.InputValueAsync();
        }).ContinueAsync(new ParticipantPlan { PanelId = "unused", FastFill = true, Checkout = ParticipantPlan.Disclose() });

        var price = Study.Shop!.Products.Single(x => x.Key == key).Price;
        Assert.Multiple(() =>
        {
            Assert.That(shownAfterUpdate, Is.EqualTo("3"), "the cart page after the update shows the chosen quantity");
            Assert.That(walk.LastKind, Is.EqualTo(PageKind.End));
            Assert.That(walk.ConfirmedTotal, Is.GreaterThanOrEqualTo(3 * price), "the confirmation's total holds three of the item");
        });
    }

    [Test]
    public async Task Preview_afterSignOutOrWithoutSignIn_isNoPreview()
    {
        var console = await SignedInAsync();
        await StartPreviewAsync(console, 0, 0, "en");
        var previewCookie = (await console.Context.CookiesAsync()).Single(c => c.Name == "ppl_preview_" + Study.Id);

        // Someone else's browser with a copy of the cookie, after the researcher signed out: the cookie is refused.
        await console.ClickAsync("a:has-text('Back to the console')");
        await console.ClickAsync("form[action='/researcher/signout'] button");
        var other = await NewPageAsync();
        await other.Context.AddCookiesAsync([new Cookie { Name = previewCookie.Name, Value = previewCookie.Value, Domain = previewCookie.Domain, Path = previewCookie.Path }]);
        await other.GotoAsync(App.BaseUrl + $"/s/{Study.Id}/p");
        var previewNotes = await other.Locator("p.preview-note").CountAsync();

        // Starting a preview needs a signed-in researcher.
        var anonymous = await NewPageAsync();
        var response = await anonymous.APIRequest.PostAsync(App.BaseUrl + $"/researcher/studies/{Study.Id}/preview",
            new APIRequestContextOptions { Form = anonymous.APIRequest.CreateFormData().Set("cell", "0").Set("order", "0").Set("lang", "en"), MaxRedirects = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(other.Url, Is.EqualTo(App.BaseUrl + $"/s/{Study.Id}"), "no preview: sent to the study link");
            Assert.That(previewNotes, Is.Zero);
            Assert.That(response.Status, Is.AnyOf(400, 401), "no preview without a signed-in researcher");
        });
    }
}
