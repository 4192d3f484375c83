using System.Globalization;
using Experiment.Engine.Export;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue 17: the shop's privacy statement. Opened from the footer of the product page it is a page of the shop
/// (its title, no survey, study id or platform; axe clean, no sideways scrolling, photographed for
/// docs/participant-pages.md with PPL_SCREENSHOTS); opened from the checkout's notice it opens in the page, so
/// what was typed stays. The export says who opened it and for how long (measured in the browser).
/// </summary>
[TestFixture]
public sealed class PrivacyStatementPageTests : BrowserTest
{
    const string Slug = "wn-8q2k";
    const int OpenMs = 400;

    async Task<StudyDefinition> ImportAsync()
    {
        var study = Study with { Id = "privacy-statement-web", Version = 1, Slug = Slug, Shop = Study.Shop! with { PrivacyStatement = new() } };
        await App.ImportStudyAsync(study);
        return study;
    }

    [TestCase(1280)]
    [TestCase(375)]
    public async Task PrivacyStatement_openedFromFooterAndNotice_isTheShopsPageKeepsWhatWasTypedAndIsExported(int width)
    {
        var study = await ImportAsync();
        var folder = BrowserChecks.ScreenshotFolder();
        var options = BrowserChecks.AtWidth(width);
        var page = await NewPageAsync(options);
        var problems = new List<string>();
        string? statementTitle = null, statementText = null, statementHtml = null, statementUrl = null, keptName = null, urlAfterNotice = null, checkoutUrl = null;
        bool? detailsOpen = null;
        var bot = new ParticipantBot(page, App.BaseUrl, study)
        {
            Link = Slug,
            OnPage = async (kind, p) =>
            {
                if (kind == PageKind.Product && statementTitle is null)
                {
                    await p.Locator("#footer-privacy").ClickAsync();
                    await p.WaitForURLAsync($"**/s/{Slug}/p/privacy");
                    statementTitle = await p.TitleAsync();
                    statementText = await p.Locator("body").InnerTextAsync();
                    statementHtml = await p.ContentAsync();
                    statementUrl = p.Url;
                    problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => "statement page: " + v));
                    if (await BrowserChecks.HorizontalOverflowAsync(p) is > 0 and var overflow) problems.Add($"statement page scrolls sideways by {overflow}px");
                    await p.ScreenshotAsync(new() { Path = Path.Combine(folder, $"shop-privacy-{width}.png"), FullPage = true });
                    await p.Locator("#privacy-back").ClickAsync();
                    await p.WaitForURLAsync($"**/s/{Slug}/p");
                }
                if (kind == PageKind.Checkout && detailsOpen is null)
                {
                    checkoutUrl = p.Url;
                    await new CheckoutPage(p).Input("name").FillAsync("Anna de Vries");
                    await p.Locator("#notice-privacy").ClickAsync();
                    detailsOpen = await p.Locator("#privacy-statement").EvaluateAsync<bool>("d => d.open");
                    await p.WaitForTimeoutAsync(OpenMs);
                    problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => "checkout with the statement open: " + v));
                    if (await BrowserChecks.HorizontalOverflowAsync(p) is > 0 and var overflow) problems.Add($"checkout scrolls sideways by {overflow}px");
                    urlAfterNotice = p.Url;
                    keptName = await new CheckoutPage(p).Input("name").InputValueAsync();
                    Assert.That(await p.Locator("#footer-privacy").GetAttributeAsync("href"), Is.EqualTo("#privacy-statement"), "the checkout's footer opens it in the page");
                }
            },
        };
        var plan = new ParticipantPlan { PanelId = "privacy-read-" + width, Language = "nl", Checkout = ParticipantPlan.Disclose("dob") };
        var walk = await bot.WalkAsync(plan);
        var reader = await ExpectedRows.AssertCompletedAsync(App.DataSource, study, plan, walk);

        // A second participant who never opens it.
        var other = await NewPageAsync(options);
        var otherPlan = new ParticipantPlan { PanelId = "privacy-skip-" + width, Language = "nl" };
        var otherWalk = await new ParticipantBot(other, App.BaseUrl, study) { Link = Slug }.WalkAsync(otherPlan);
        var skipper = await ExpectedRows.AssertCompletedAsync(App.DataSource, study, otherPlan, otherWalk);

        var exportDir = Directory.CreateTempSubdirectory("ppl-privacy-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(App.DataSource, study.Id, exportDir, Clock);
            var participants = CsvTable.Read(Path.Combine(exportDir, "participants.csv"));
            var codebook = CsvTable.Read(Path.Combine(exportDir, "codebook.csv"));
            var read = participants.Row(reader.Id);
            var skipped = participants.Row(skipper.Id);
            Assert.Multiple(() =>
            {
                Assert.That(statementTitle, Is.EqualTo("Privacyverklaring | " + study.Shop!.Brand!.Name), "the tab title is the shop's");
                Assert.That(statementUrl, Does.Not.Contain(study.Id));
                Assert.That(statementHtml, Does.Not.Contain(study.Id).And.Not.Contain("Privacy Paradox").IgnoreCase);
                foreach (var title in study.Title.Values) Assert.That(statementText, Does.Not.Contain(title));
                Assert.That(statementText, Does.Contain("KvK-nummer " + study.Shop.Brand.Kvk).And.Contain("Algemene verordening gegevensbescherming (AVG)")
                    .And.Contain(study.Shop.Brand.Email!).And.Contain("Terug naar de winkel"));
                Assert.That(detailsOpen, Is.True, "the notice's link opens the statement in the page");
                Assert.That(urlAfterNotice, Is.EqualTo(checkoutUrl), "still the checkout");
                Assert.That(keptName, Is.EqualTo("Anna de Vries"), "what was typed stays");
                Assert.That(problems, Is.Empty);
                Assert.That(read["privacy_statement_opened"], Is.EqualTo("1"));
                Assert.That(int.Parse(read["privacy_statement_ms"], CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(OpenMs).And.LessThan(600_000));
                Assert.That((skipped["privacy_statement_opened"], skipped["privacy_statement_ms"]), Is.EqualTo(("0", "0")));
                Assert.That(codebook.Rows.Where(r => r["file"] == "participants.csv" && r["column"].StartsWith("privacy_statement_")).Select(r => r["column"]),
                    Is.EqualTo(new[] { "privacy_statement_opened", "privacy_statement_ms" }));
            });
        }
        finally { Directory.Delete(exportDir, true); }
    }
    /// <summary>
    /// Stop 24's weak spot: the footer's statement on the cart and the payment page opens over the page (a dialog with
    /// the statement's page in it, axe clean), so the quantity and the payment method chosen and not yet sent stay,
    /// and are what the order stores; opening it records privacy_statement_opened as its page does.
    /// </summary>
    [TestCase("nl", "Privacyverklaring", "Terug naar de winkel")]
    [TestCase("en", "Privacy statement", "Back to the shop")]
    public async Task FooterPrivacy_onCartAndPayment_opensOverThePageAndTheUnsentChoiceIsWhatIsSent(string lang, string title, string back)
    {
        var study = await ImportAsync();
        var page = await NewPageAsync(BrowserChecks.Phone());
        var errors = WatchServerErrors(page);
        var plan = new ParticipantPlan { PanelId = "privacy-dialog-" + lang, Language = lang };
        var bot = new ParticipantBot(page, App.BaseUrl, study) { Link = Slug };
        var problems = new List<string>();
        var seen = new List<string>();
        async Task OpenAndCloseAsync(string where, bool byEscape)
        {
            var url = page.Url;
            await page.Locator("#footer-privacy").ClickAsync();
            var dialog = page.Locator("#privacy-dialog");
            await dialog.WaitForAsync();
            seen.Add($"{where}: {await dialog.Locator("h2").First.TextContentAsync()} | {await page.Locator("#privacy-close").TextContentAsync()} | " +
                $"kvk {(await dialog.InnerTextAsync()).Contains(study.Shop!.Brand!.Kvk!, StringComparison.Ordinal)} | " +
                $"modal {await dialog.EvaluateAsync<bool>("d => d.open && d.matches(':modal')")}");
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(page)).Select(v => where + " with the statement open: " + v));
            if (await BrowserChecks.HorizontalOverflowAsync(page) is > 0 and var overflow) problems.Add($"{where} with the statement open scrolls sideways by {overflow}px");
            if (byEscape) await page.Keyboard.PressAsync("Escape");
            else await page.Locator("#privacy-close").ClickAsync();
            await dialog.WaitForAsync(new() { State = WaitForSelectorState.Hidden });
            seen.Add($"{where}: closed, same page {page.Url == url}, focus {await page.EvaluateAsync<string>("() => document.activeElement.id")}");
        }

        await page.GotoAsync($"{App.BaseUrl}/s/{Slug}?{study.Panel!.ParticipantParam}={plan.PanelId}&lang={lang}");
        string? cartQuantity = null, paymentChosen = null;
        for (var n = 0; n < 40 && paymentChosen is null; n++)
        {
            var info = await ParticipantPage.InfoAsync(page);
            if (info.Kind == PageKind.Cart && cartQuantity is null)
            {
                await page.Locator("select[name=qty_headphones]").SelectOptionAsync("3");
                await OpenAndCloseAsync("cart", byEscape: false);
                cartQuantity = await page.Locator("select[name=qty_headphones]").InputValueAsync();
                await new CartPage(page).CheckoutAsync();
            }
            else if (info.Kind == PageKind.Payment && paymentChosen is null)
            {
                await page.Locator("input[name=payment][value=pay_later]").CheckAsync();
                await OpenAndCloseAsync("payment", byEscape: true);
                paymentChosen = await page.Locator("input[name=payment]:checked").InputValueAsync();
                await new ParticipantPage(page).SubmitAsync("pay");
            }
            else await bot.ActAsync(info.Kind, plan);
        }
        var walk = await bot.ContinueAsync(plan);

        var row = await StudyRows.ByPanelIdAsync(App.DataSource, plan.PanelId);
        await using var conn = await App.DataSource.OpenConnectionAsync();
        var (cart, method, opened) = await Dapper.SqlMapper.QuerySingleAsync<(string, string?, bool?)>(conn,
            "select o.cart::text, o.payment_method, p.privacy_statement_opened from shop_order o join participant p on p.id = o.participant_id where p.id = @id",
            new { id = row!.Id });
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
            Assert.That(seen, Is.EqualTo(new[]
            {
                $"cart: {title} | {back} | kvk True | modal True", "cart: closed, same page True, focus footer-privacy",
                $"payment: {title} | {back} | kvk True | modal True", "payment: closed, same page True, focus footer-privacy",
            }));
            Assert.That((cartQuantity, paymentChosen), Is.EqualTo(("3", "pay_later")), "the unsent choices are still there after the statement");
            Assert.That(cart, Does.Contain("\"headphones\": 3"), "and the quantity is what the cart stored");
            Assert.That(method, Is.EqualTo("pay_later"), "and the payment method what the order stored");
            Assert.That(opened, Is.True, "opening the statement in the dialog is recorded as opening its page is");
            Assert.That(problems, Is.Empty);
        });
    }

    [Test]
    public async Task Checkout_cellThatMustScroll_keepsPlaceOrderDisabledUntilTheStatementWasScrolledToItsEndByKeyboard()
    {
        var study = Study with
        {
            Id = "privacy-scroll-web", Version = 1, Slug = "wn-3r9x",
            Shop = Study.Shop! with { PrivacyStatement = new() { RequireScroll = ["*"] } },
        };
        await App.ImportStudyAsync(study);
        var page = await NewPageAsync(BrowserChecks.Phone());
        var problems = new List<string>();
        bool? disabledBefore = null, disabledAfter = null;
        string? scrolled = null;
        var bot = new ParticipantBot(page, App.BaseUrl, study)
        {
            Link = "wn-3r9x",
            OnPage = async (kind, p) =>
            {
                if (kind != PageKind.Checkout || disabledBefore is not null) return;
                disabledBefore = await p.Locator("[data-place-order]").IsDisabledAsync();
                problems.AddRange(await BrowserChecks.AxeViolationsAsync(p));
                if (await BrowserChecks.HorizontalOverflowAsync(p) is > 0 and var overflow) problems.Add($"checkout scrolls sideways by {overflow}px");
                // The statement's box is a focusable region: End scrolls it to its end, as a keyboard user would.
                await p.Locator("#field-privacy").FocusAsync();
                await p.Keyboard.PressAsync("End");
                await p.WaitForFunctionAsync("() => !document.querySelector('[data-place-order]').disabled");
                disabledAfter = await p.Locator("[data-place-order]").IsDisabledAsync();
                scrolled = await p.Locator("[data-privacy-scrolled]").InputValueAsync();
            },
        };
        var plan = new ParticipantPlan { PanelId = "privacy-scroll-1", Language = "nl" };
        var walk = await bot.WalkAsync(plan);

        var row = await ExpectedRows.AssertCompletedAsync(App.DataSource, study, plan, walk);
        await using var conn = await App.DataSource.OpenConnectionAsync();
        var (opened, ms) = await Dapper.SqlMapper.QuerySingleAsync<(bool?, int?)>(conn,
            "select privacy_statement_opened, privacy_statement_ms from participant where id = @id", new { id = row.Id });
        Assert.Multiple(() =>
        {
            Assert.That(disabledBefore, Is.True, "place order is disabled before the statement was read");
            Assert.That((disabledAfter, scrolled), Is.EqualTo(((bool?)false, "1")), "and enabled at its end");
            Assert.That(problems, Is.Empty);
            Assert.That(opened, Is.True, "the inline statement was in view");
            Assert.That(ms, Is.GreaterThan(0), "its time in view, measured in the browser");
        });
    }
}
