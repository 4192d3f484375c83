using System.Globalization;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue 17, must show 1: the shop is a site of its own. A participant walks the seed study by its public link;
/// every shop page (product, cart, checkout, payment, confirmation) is checked for what would give the study away.
/// Must show 3 in a browser: the cart's totals with and without JavaScript.
/// </summary>
[TestFixture]
public sealed class StorefrontTests : BrowserTest
{
    sealed class Shown
    {
        public string Title { get; set; } = "";
        public string Text { get; set; } = "";
        public string Html { get; set; } = "";
        public string Url { get; set; } = "";
        public bool Shop { get; set; }
        public bool SurveyHeader { get; set; }
        public int LanguageLinks { get; set; }
        public string Icon { get; set; } = "";
    }

    static Task<Shown> ReadAsync(IPage page) => page.EvaluateAsync<Shown>(
        """
        () => ({ Title: document.title, Text: document.body.innerText, Html: document.documentElement.outerHTML, Url: location.href,
                 Shop: document.body.classList.contains('shop'), SurveyHeader: !!document.querySelector('.site-header'),
                 LanguageLinks: document.querySelectorAll('[hreflang]').length,
                 Icon: (document.querySelector('link[rel=icon]') || {}).href || '' })
        """);

    /// <summary>Words of the survey frame that no shop page may use (nl and en).</summary>
    static readonly string[] SurveyWords =
        ["onderzoek", "vragenlijst", "deelname", "deelnemer", "enquête", "proefpersoon", "study", "survey", "questionnaire", "participant", "research", "experiment"];

    [TestCase("nl")]
    [TestCase("en")]
    public async Task ShopPages_walkedByThePublicLink_nameNeitherSurveyNorStudyNorPlatform(string lang)
    {
        var slug = await StudyStore.SlugAsync(App.DataSource, Study.Id);
        var shown = new List<(PageKind Kind, Shown Page)>();
        var page = await NewPageAsync();
        var bot = new ParticipantBot(page, App.BaseUrl, Study)
        {
            Link = slug,
            OnPage = async (kind, p) => shown.Add((kind, await ReadAsync(p))),
        };
        var walk = await bot.WalkAsync(new ParticipantPlan { PanelId = "brand-" + lang, Language = lang, Checkout = ParticipantPlan.Disclose("dob") });
        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);

        var shop = shown.Where(s => s.Page.Shop).ToList();
        var brand = Study.Shop!.Brand!.Name;
        Assert.That(shop.Select(s => s.Kind), Is.EqualTo(new[] { PageKind.Product, PageKind.Cart, PageKind.Checkout, PageKind.Payment, PageKind.Next }),
            "product, cart, checkout, payment and confirmation are shop pages, in that order");
        Assert.Multiple(() =>
        {
            foreach (var (kind, s) in shop)
            {
                var at = $"{kind} ({lang})";
                Assert.That(s.Title, Does.EndWith(" | " + brand), at + ": the tab title is the shop's");
                foreach (var title in Study.Title.Values)
                {
                    Assert.That(s.Title, Does.Not.Contain(title), at);
                    Assert.That(s.Text, Does.Not.Contain(title), at);
                }
                Assert.That(s.Html, Does.Not.Contain(Study.Id), at + ": study id in the page");
                Assert.That(s.Url, Does.Not.Contain(Study.Id), at + ": study id in the URL");
                Assert.That(s.Html, Does.Not.Contain("Privacy Paradox").IgnoreCase, at + ": platform name");
                foreach (var word in SurveyWords)
                    Assert.That(s.Text + " " + s.Title, Does.Not.Contain(word).IgnoreCase, $"{at}: survey wording '{word}'");
                Assert.That(s.SurveyHeader, Is.False, at + ": no survey header");
                Assert.That(s.LanguageLinks, Is.Zero, at + ": no language switch");
                Assert.That(s.Icon, Does.Contain("/shop/"), at + ": the shop's own favicon");
                Assert.That(s.Text, Does.Contain(brand).And.Contain(Study.Shop.Brand.Kvk!), at + ": brand and KvK number in the footer");
            }
            // The frame around the shop is the survey's: it comes back after it.
            Assert.That(shown.Where(s => !s.Page.Shop).Select(s => s.Page.SurveyHeader), Has.All.True, "survey pages keep their header");
        });
        AssertOnlyCompletionUrlLeftTheApp();
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Cart_quantityChangedAndRemoved_totalsAndShippingAreRight(bool javaScript)
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = javaScript });
        var errors = WatchServerErrors(page);
        var seenCart = false;
        var bot = Bot(page, async (kind, p) =>
        {
            if (kind != PageKind.Cart || seenCart) return;
            seenCart = true;
            async Task<decimal> Amount(string id) => decimal.Parse((await p.Locator("#" + id).GetAttributeAsync("data-amount"))!, CultureInfo.InvariantCulture);
            var cart = new CartPage(p);
            await p.Locator("select[name=qty_headphones]").SelectOptionAsync("3");
            await cart.SubmitAsync("update");
            Assert.That((await Amount("order-subtotal"), await Amount("order-shipping"), await Amount("order-total")), Is.EqualTo((149.85m, 0m, 149.85m)),
                "3 headphones ship free");
            await cart.SubmitAsync("remove:headphones");
            Assert.That(await p.Locator("#cart-empty").CountAsync(), Is.EqualTo(1));
            await p.Locator("select[name=qty_headphones]").SelectOptionAsync("1");
            await cart.SubmitAsync("update");
            Assert.That((await Amount("order-subtotal"), await Amount("order-shipping"), await Amount("order-total")), Is.EqualTo((49.95m, 4.95m, 54.90m)),
                "one headphone below the free-shipping amount pays shipping");
            Assert.That(await p.Locator("#order-shipping").TextContentAsync(), Is.EqualTo("€ 4,95"));
        });
        var plan = new ParticipantPlan { PanelId = "cart-" + javaScript, Language = "nl", Checkout = ParticipantPlan.Disclose("dob", "mobile") };
        var walk = await bot.WalkAsync(plan);

        Assert.That(seenCart, Is.True);
        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(walk.ConfirmedTotal, Is.EqualTo(ExpectedRows.ExpectedTotal(Study, p, walk)), "confirmation: goods minus offers, plus shipping");
            if (javaScript) Assert.That(walk.LiveTotal, Is.EqualTo(walk.ConfirmedTotal), "the live total at the checkout is the one confirmed");
        });
    }
}
