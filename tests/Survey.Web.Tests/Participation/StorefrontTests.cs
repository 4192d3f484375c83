using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Dapper;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The storefront of the seed study over HTTP, without JavaScript (issue 17): the public slug, the cart with
/// quantities, removal and shipping, the payment step that keeps only the class of the choice, error pages.
/// </summary>
public sealed class StorefrontTests
{
    const string StudyId = "privacy-paradox-nl";
    TestWebApp app = null!;
    StudyDefinition study = null!;
    string slug = null!;

    [SetUp]
    public async Task Start()
    {
        app = await TestWebApp.StartAsync();
        study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        slug = (await StudyStore.SlugAsync(app.DataSource, StudyId))!;
        await StudyStore.SetStatusAsync(app.DataSource, StudyId, "open");
    }

    [TearDown]
    public async Task Stop() => await app.DisposeAsync();

    /// <summary>Consents by the public link and answers pages until the page holds <paramref name="until"/>; every page seen goes to <paramref name="seen"/>.</summary>
    /// <remarks>until null: to the end, the panel's completion URL or (the seed's university panel has none) the end page with the code.</remarks>
    async Task<ParticipantDriver> WalkToAsync(string? until, string pid, List<(string Url, string Html)>? seen = null)
    {
        var p = new ParticipantDriver(app.BaseUrl);
        await p.GetAsync($"/s/{slug}?PROLIFIC_PID={pid}&SESSION_ID=s{pid}");
        seen?.Add((p.Url, p.Html));
        await p.SubmitAsync("agree");
        for (var guard = 0; (until is null || !p.Html.Contains(until)) && p.Url.StartsWith(app.BaseUrl) && !p.Html.Contains("id=\"completion-code\"") && guard < 40; guard++)
        {
            seen?.Add((p.Url, p.Html));
            await SeedStudyTests.SubmitValidAsync(p, study, app);
        }
        if (p.Url.StartsWith(app.BaseUrl)) seen?.Add((p.Url, p.Html));
        if (until is null && study.Panel!.CompletionUrl is { } completion) Assert.That(p.Url, Does.StartWith(completion.Split('{')[0]), "sent to the panel at the end");
        else if (until is null) Assert.That(p.Html, Does.Contain("id=\"completion-code\""), "the end page with the completion code");
        else Assert.That(p.Html, Does.Contain(until), p.Url);
        return p;
    }

    /// <summary>The study's export files as the researcher gets them (Exporter), each file's bytes.</summary>
    async Task<Dictionary<string, byte[]>> ExportAsync()
    {
        var dir = Directory.CreateTempSubdirectory("ppl-storefront-").FullName;
        try
        {
            await Experiment.Engine.Export.Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            return Directory.GetFiles(dir).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static decimal Amount(string html, string id)
    {
        var m = Regex.Match(html, $"id=\"{id}\"[^>]*data-amount=\"([0-9.]+)\"");
        Assert.That(m.Success, Is.True, $"#{id} with data-amount on the page");
        return decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task Withdraw_atTheDebriefByThePublicLink_erasesEveryRowOfTheParticipant()
    {
        using var p = await WalkToAsync("value=\"withdraw\"", "SLUGWITHDRAW");
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(1));
        await p.SubmitAsync("withdraw");
        await using var check = await app.DataSource.OpenConnectionAsync();
        Assert.That(await check.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(0), "the link is the slug, the rows are the study id's");
        Assert.That(await check.ExecuteScalarAsync<long>("select withdrawn from study_state where study_id = @StudyId", new { StudyId }), Is.EqualTo(1));
    }

    [Test]
    public async Task PublicLink_wholeSession_neverShowsTheStudyId()
    {
        var seen = new List<(string Url, string Html)>();
        using var p = await WalkToAsync(null, "SLUG01", seen);

        Assert.That(slug, Is.EqualTo("klik-klaar"), "the seed names its slug");
        Assert.That(seen, Has.Count.GreaterThan(8));
        Assert.That(seen.Where(s => s.Url.Contains(StudyId) || s.Html.Contains(StudyId)).Select(s => s.Url), Is.Empty,
            "a page or its URL that names the study id");
        Assert.That(p.Cookies.GetAllCookies().Select(c => c.Name + "=" + c.Path), Has.None.Contains(StudyId), "cookies name the link, not the id");
    }

    [Test]
    public async Task Cart_quantitiesRemovalAndShipping_totalsComeFromTheEngine()
    {
        using var p = await WalkToAsync("value=\"add_to_cart\"", "CART01");
        Assert.That(p.Html, Does.Contain("name=\"qty_headphones\"").And.Not.Contain("name=\"qty_powerbank\""), "the design fixes the headphones");
        await p.SubmitAsync("add_to_cart", ("qty_headphones", "2"));
        Assert.That(p.Html, Does.Contain("value=\"checkout\""));
        // 2 x 49.95 = 99.90 reaches the free-shipping amount (50).
        Assert.That((Amount(p.Html, "order-subtotal"), Amount(p.Html, "order-shipping"), Amount(p.Html, "order-total")), Is.EqualTo((99.90m, 0m, 99.90m)));
        Assert.That(p.Html, Does.Contain("Winkelwagen (2)"));

        await p.SubmitAsync("remove:headphones");
        Assert.That(p.Html, Does.Contain("id=\"cart-empty\""));
        Assert.That(Amount(p.Html, "order-total"), Is.EqualTo(0m), "an empty cart ships nothing");
        await p.SubmitAsync("checkout");
        Assert.That(p.LastResponse!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("id=\"err-cart\"").And.Contain("Kies minstens één product."), "no checkout with an empty cart");

        await p.SubmitAsync("checkout", ("qty_headphones", "99"));
        Assert.That(p.Html, Does.Contain("id=\"err-cart\""), "more than the stock is refused");
        await p.SubmitAsync("update", ("qty_headphones", "1"));
        // 49.95 is below 50: shipping 4.95.
        Assert.That((Amount(p.Html, "order-subtotal"), Amount(p.Html, "order-shipping"), Amount(p.Html, "order-total")), Is.EqualTo((49.95m, 4.95m, 54.90m)));
        Assert.That(p.Html, Does.Contain("€ 4,95").And.Contain("€ 54,90"));
        await p.SubmitAsync("checkout");
        Assert.That(p.Html, Does.Contain("value=\"place_order\""));
        Assert.That(Amount(p.Html, "order-total"), Is.EqualTo(54.90m), "the checkout shows the same total before any offer");

        // Give the date of birth: the cell's offer comes off the goods, not the shipping.
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var cellIdx = await conn.ExecuteScalarAsync<int>("select cell_idx from participant");
        var pct = (decimal)StudyDesign.OfferFor(study.Shop!.Fields.Single(f => f.Key == "dob"), StudyDesign.Cells(study)[cellIdx]);
        var expected = Math.Round(49.95m * (100 - pct) / 100, 2, MidpointRounding.AwayFromZero) + 4.95m;
        var required = study.Shop!.Fields.Where(f => !f.IsOptional).Select(f => ("f_" + f.Key, f.Type == FieldTypes.Email ? "a@example.nl" : "Test"));
        await p.SubmitAsync("place_order", [.. required, ("f_dob", "1990-05-17")]);
        Assert.That(p.Html, Does.Contain("value=\"pay\""), "the payment step follows the checkout");
        Assert.That(Amount(p.Html, "order-total"), Is.EqualTo(expected), "payment step total");
        await p.SubmitAsync("pay", ("payment", "pay_later"));
        Assert.That(Amount(p.Html, "order-total"), Is.EqualTo(expected), "confirmation total");
        Assert.That(p.Html, Does.Match("id=\"order-number\">[1-9][0-9]{9}<"));
        Assert.That(p.Html, Does.Contain("id=\"delivery-date\">"));
        var order = await ShopOrders.GetAsync(app.DataSource, study.Shop!, (await conn.ExecuteScalarAsync<string>("select id from participant"))!, default);
        Assert.That(CheckoutRules.OrderTotals(study, cellIdx, order.Cart, k => k == "dob").Total, Is.EqualTo(expected), "the engine's total is what was shown");
    }

    [Test]
    public async Task AmountToPay_changedCart_isTheConfirmationsTotalInTheDatabaseAndTheExport()
    {
        using var p = await WalkToAsync("value=\"add_to_cart\"", "AMOUNT01");
        // Three headphones: 149.85, past the free-shipping amount, so not the price of the cart the design starts with.
        await p.SubmitAsync("add_to_cart", ("qty_headphones", "3"));
        await p.SubmitAsync("checkout");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var cellIdx = await conn.ExecuteScalarAsync<int>("select cell_idx from participant");
        var pct = (decimal)StudyDesign.OfferFor(study.Shop!.Fields.Single(f => f.Key == "dob"), StudyDesign.Cells(study)[cellIdx]);
        var expected = Math.Round(149.85m * (100 - pct) / 100, 2, MidpointRounding.AwayFromZero);
        var required = study.Shop!.Fields.Where(f => !f.IsOptional).Select(f => ("f_" + f.Key, f.Type == FieldTypes.Email ? "a@example.nl" : "Test"));
        await p.SubmitAsync("place_order", [.. required, ("f_dob", "1990-05-17")]);
        await p.SubmitAsync("pay", ("payment", "ideal"));
        var shown = Amount(p.Html, "amount-paid");

        Assert.That(shown, Is.EqualTo(expected), "the confirmation: three headphones less the offer, no shipping");
        Assert.That(await conn.ExecuteScalarAsync<decimal>("select amount_to_pay from participant"), Is.EqualTo(shown), "stored with the order");
        var participants = Survey.Web.Tests.Export.CsvTableRows.Parse((await ExportAsync())["participants.csv"]).Rows.Single();
        Assert.That(decimal.Parse(participants["amount_to_pay"], CultureInfo.InvariantCulture), Is.EqualTo(shown), "the export's amount_to_pay");
        Assert.That(decimal.Parse(participants["discount_pct"], CultureInfo.InvariantCulture), Is.EqualTo(pct));
    }

    [Test]
    public async Task Payment_continueShopping_isRecordedAsLeavingTheShopInTheDatabaseAndTheExport()
    {
        using var p = await WalkToAsync("value=\"add_to_cart\"", "AWAY01");
        await p.SubmitAsync("add_to_cart");
        await p.SubmitAsync("checkout");
        var required = study.Shop!.Fields.Where(f => !f.IsOptional).Select(f => ("f_" + f.Key, f.Type == FieldTypes.Email ? "a@example.nl" : "Test"));
        await p.SubmitAsync("place_order", [.. required, ("f_dob", "1990-05-17")]);
        Assert.That(p.Html, Does.Contain("value=\"pay\"").And.Contain("value=\"leave_shop\""), "the payment page has the shop's way out");
        var form = p.HiddenFields().ToList();
        var action = p.FormAction();
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure where disclosed"), Is.GreaterThan(0), "the order's disclosures before leaving");

        await p.SubmitAsync("leave_shop");
        Assert.That(p.Html, Does.Contain("id=\"shop-left\"").And.Not.Contain("id=\"order-number\""));
        // A replayed payment after leaving (Back, resubmit) changes nothing.
        await p.PostRawAsync(action, form.Append(new("action", "pay")).Append(new("payment", "ideal")).ToList());

        var row = await conn.QuerySingleAsync<(string Outcome, decimal? Discount, decimal? Amount)>(
            "select checkout_outcome, discount_pct, amount_to_pay from participant");
        Assert.That(row, Is.EqualTo(("left_shop", (decimal?)0m, (decimal?)null)));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure where disclosed or granted_pct <> 0 or plausible is not null"), Is.Zero,
            "leaving undoes the order's disclosures, as leaving at the checkout records none");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure where time_on_field_ms is not null or field = 'dob'"), Is.GreaterThan(0), "the rows stay");
        Assert.That(await conn.ExecuteScalarAsync<string?>("select payment_method from shop_order"), Is.Null);
        var participants = Survey.Web.Tests.Export.CsvTableRows.Parse((await ExportAsync())["participants.csv"]).Rows.Single();
        Assert.That((participants["checkout_outcome"], participants["amount_to_pay"], participants["disclosed_dob"]), Is.EqualTo(("left_shop", "", "0")));
    }

    [Test]
    public async Task Payment_detailsSentAlong_onlyTheClassIsStored()
    {
        using var p = await WalkToAsync("value=\"pay\"", "PAY01");
        Assert.That(p.Html, Does.Contain("value=\"ideal\"").And.Contain("value=\"card\"").And.Contain("value=\"pay_later\""));
        const string iban = "NL91ABNA0417164300", card = "4111111111111111", cvc = "737";
        await p.SubmitAsync("pay", ("payment", iban));
        Assert.That(p.Html, Does.Contain("id=\"err-payment\""), "a value that is no class is refused");
        await p.SubmitAsync("pay");
        Assert.That(p.Html, Does.Contain("id=\"err-payment\""), "no choice is refused");

        await p.SubmitAsync("pay", ("payment", "card"), ("iban", iban), ("card_number", card), ("cvc", cvc), ("f_bank", iban));
        Assert.That(p.Html, Does.Contain("id=\"order-number\""));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.QuerySingleAsync<string>("select payment_method from shop_order"), Is.EqualTo("card"));
        var dump = await app.DumpDatabaseAsync();
        Assert.That(dump, Does.Contain("'card'"), "the dump holds the class (the check can fail)");
        Assert.That(dump, Does.Not.Contain(iban).And.Not.Contain(card));
        Assert.That(string.Join('\n', app.LogLines), Does.Not.Contain(iban).And.Not.Contain(card));
        // Nor does any export file: the payment class is the order's only trace of the step.
        var export = await ExportAsync();
        Assert.That(export.Keys, Does.Contain("participants.csv"), "the export ran");
        foreach (var (name, bytes) in export)
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.That(text, Does.Not.Contain(iban).And.Not.Contain(card).And.Not.Contain("card_number").And.Not.Contain("iban"), name);
        }
    }

    [Test]
    public async Task ShopPages_languageInTheLink_isIgnoredAndNoSwitchIsShown()
    {
        using var p = await WalkToAsync("value=\"add_to_cart\"", "LANG01");
        await p.GetAsync($"/s/{slug}/p?lang=en");
        Assert.That(p.Html, Does.Contain("<html lang=\"nl\">").And.Contain("value=\"add_to_cart\""));
        Assert.That(p.Html, Does.Not.Contain("hreflang"));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select language from participant"), Is.EqualTo("nl"));
    }

    [Test]
    public async Task ErrorPages_unknownOrClosed_nameNeitherThePlatformNorTheTopic()
    {
        using var p = new ParticipantDriver(app.BaseUrl);
        Assert.That(await p.GetAsync("/s/no-such-shop"), Is.EqualTo(HttpStatusCode.NotFound));
        var notFound = p.Html;
        await StudyStore.SetStatusAsync(app.DataSource, StudyId, "closed");
        await p.GetAsync($"/s/{slug}");
        var closed = p.Html;

        foreach (var (name, html) in new[] { ("404", notFound), ("closed", closed) })
        {
            Assert.That(html, Does.Not.Contain("Privacy Paradox").IgnoreCase, name);
            Assert.That(html, Does.Not.Contain(study.Title["nl"]).And.Not.Contain(study.Title["en"]), name);
            Assert.That(html, Does.Not.Contain("privacy-paradox"), name);
        }
        Assert.That(closed, Does.Contain("gesloten"), "the closed page still says what is going on");
    }
}
