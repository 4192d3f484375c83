using System.Net;
using Dapper;
using Experiment.Engine.Export;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;
using NUnit.Framework;
using Survey.Web.Participation;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The two-shops seed over HTTP: every price shown is the cell's true one, a missing or hand-made choice is refused
/// with nothing stored, the checkout asks exactly the chosen shop's fields and refuses a blank one, odd input never
/// gives a 500, and of a typed value only its class reaches the database and the export.
/// </summary>
public sealed class TwoShopsPageTests
{
    const string StudyId = "two-shops-nl";

    /// <summary>Consent and instructions; balanced assignment gives the n-th participant cell n - 1.</summary>
    static async Task<ParticipantDriver> ToShopsAsync(TestWebApp app, string pid, string lang, string studyId = StudyId)
    {
        var p = new ParticipantDriver(app.BaseUrl);
        await p.GetAsync(studyId == StudyId ? $"/s/{StudyId}?pid={pid}&lang={lang}" : $"/s/{studyId}?PROLIFIC_PID={pid}&STUDY_ID=S&SESSION_ID=X{pid}&lang={lang}");
        await p.SubmitAsync("agree");
        await p.SubmitAsync("next");
        Assert.That(p.Html, Does.Contain($"name=\"{ShopPair.ChoiceKey}\""), "expected the two shops after the instructions");
        return p;
    }

    static async Task<Cell> CellOfAsync(TestWebApp app, StudyDefinition study, string pid)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var idx = await conn.ExecuteScalarAsync<int>(
            "select p.cell_idx from participant p join panel_id x on x.participant_id = p.id where x.panel_participant_id = @pid", new { pid });
        return StudyDesign.Cells(study)[idx];
    }

    [TestCase("nl")]
    [TestCase("en")]
    public async Task Show_everyCell_showsBothShopsInTheCellsOrderWithTheirTruePricesAndData(string lang)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        for (var n = 0; n < StudyDesign.Cells(study).Count; n++)
        {
            using var p = await ToShopsAsync(app, $"SHOW{lang}{n}", lang);
            var a = ShopPair.Of(study, await CellOfAsync(app, study, $"SHOW{lang}{n}"));
            var html = WebUtility.HtmlDecode(p.Html);
            var first = html.IndexOf(a.Shown[0].Shop.Name.In(lang), StringComparison.Ordinal);
            var second = html.IndexOf(a.Shown[1].Shop.Name.In(lang), StringComparison.Ordinal);
            Assert.That(first, Is.GreaterThan(0).And.LessThan(second), "the cell's first shop comes first");
            foreach (var shop in a.Shown)
            {
                Assert.That(html, Does.Contain(Money.Format(shop.Total, study.TwoShops!.Currency, lang)));
                Assert.That(html, Does.Contain(Labels.Get(study, "twoShopsAsks", lang) + " " +
                    string.Join(", ", shop.Asks.Select(f => f.ShareName!.In(lang)))));
            }
            Assert.That(a.Other.Total - a.Invasive.Total, Is.EqualTo(a.Gap), "the gap is what the invasive shop is cheaper");
        }
    }

    [TestCase("", "twoShopsChooseOrNone")]   // the seed offers "I don't buy from either shop" (allowNoPurchase)
    [TestCase("c", "invalidChoice")]
    [TestCase("a\u202e\u200b", "invalidChoice")]
    public async Task Submit_noOrAnUnknownShop_isRefusedWithTheSummaryAndNothingIsStored(string sent, string label)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToShopsAsync(app, "NONE1", "en");

        var status = await p.SubmitAsync("next", sent.Length == 0 ? [] : [(ShopPair.ChoiceKey, sent)]);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain($"<a href=\"#field-{ShopPair.ChoiceKey}\">"));
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain(Labels.Get(study, label, "en")));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response"), Is.Zero);
    }

    [Test]
    public async Task Submit_neitherShopWhereTheBlockAllowsIt_skipsTheCheckoutStoresNoneAndExportsItWithoutAShop()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        Assert.That(study.TwoShops!.AllowNoPurchase, Is.True, "the Dutch seed offers buying from neither shop");
        using var p = await ToShopsAsync(app, "NEITHER1", "nl");
        Assert.That(p.Html, Does.Contain($"value=\"{ShopPair.NoPurchase}\""));
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain(Labels.Get(study, "twoShopsNoPurchase", "nl")).And.Contain(Labels.Get(study, "twoShopsQuestionNoPurchase", "nl")));

        await p.SubmitAsync("next", (ShopPair.ChoiceKey, ShopPair.NoPurchase), ("t_choice", "2500"));

        // Past the checkout: no shop's field, no shop choice, and the checkout step never shown.
        Assert.That(p.Html, Does.Not.Contain("name=\"f_").And.Not.Contain($"name=\"{ShopPair.ChoiceKey}\""));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var order = await conn.ExecuteScalarAsync<int>("select order_idx from participant");
        var checkout = StudyDesign.Steps(study, order).Single(s => s.Kind == StepKind.TwoShopsCheckout).Index;
        Assert.That(await conn.ExecuteScalarAsync<int>("select step from participant"), Is.EqualTo(checkout + 1));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from page_time where step = @checkout", new { checkout }), Is.Zero);
        var stored = (await conn.QueryAsync<(string Item, string Value)>("select item, value from response where page = @page", new { page = ShopPair.Page }))
            .ToDictionary(r => r.Item, r => r.Value);
        Assert.That(stored, Is.EqualTo(new Dictionary<string, string> { [ShopPair.ChoiceKey] = ShopPair.NoPurchase, [ShopPair.ChoiceMsKey] = "2500" }));

        var dir = Directory.CreateTempSubdirectory("ppl-twoshops-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            var row = CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.Single();
            Assert.That((row["twoshops_choice"], row["twoshops_chose_invasive"], row["twoshops_choice_ms"], row["twoshops_outcome"]),
                Is.EqualTo((ShopPair.NoPurchase, "", "2500", "")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Submit_neitherShopWhereTheChoiceIsForced_isRefusedAndNothingIsStored()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, "two-shops-en"))!.Value.Study;
        Assert.That(study.TwoShops!.AllowNoPurchase, Is.False, "the Prolific seed keeps the forced choice");
        using var p = await ToShopsAsync(app, "FORCED1", "en", "two-shops-en");
        Assert.That(p.Html, Does.Not.Contain($"value=\"{ShopPair.NoPurchase}\""));

        var status = await p.SubmitAsync("next", (ShopPair.ChoiceKey, ShopPair.NoPurchase));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain(Labels.Get(study, "invalidChoice", "en")));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response"), Is.Zero);
    }

    [Test]
    public async Task Submit_controlCharacterAsTheShop_isABadRequestAndNothingIsStored()
    {
        await using var app = await TestWebApp.StartAsync();
        using var p = await ToShopsAsync(app, "CTRL1", "en");

        var status = await p.SubmitAsync("next", (ShopPair.ChoiceKey, "a\u0000"));

        Assert.That((int)status, Is.EqualTo(400), "refused like any form with a NUL, never a 500");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response"), Is.Zero);
    }

    [Test]
    public async Task Checkout_chosenShop_asksExactlyItsFieldsRefusesABlankAndStoresOnlyClasses()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToShopsAsync(app, "BUY1", "nl");
        var a = ShopPair.Of(study, await CellOfAsync(app, study, "BUY1"));
        await p.SubmitAsync("next", (ShopPair.ChoiceKey, a.Invasive.Shop.Key), ("t_choice", "4321"));

        // Exactly the invasive shop's fields, none of the other's.
        foreach (var f in a.Invasive.Asks) Assert.That(p.Html, Does.Contain($"name=\"f_{f.Key}\""), f.Key);
        foreach (var f in a.Other.Asks) Assert.That(p.Html, Does.Not.Contain($"name=\"f_{f.Key}\""), f.Key);
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain(Money.Format(a.Invasive.Total, "EUR", "nl")));

        // A blank is refused, the typed value is kept on the page only.
        var status = await p.SubmitAsync("place_order", ("f_birth_date", "17-03-1990"), ("f_monthly_income", " \t "));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("<a href=\"#field-monthly_income\">"));
        Assert.That(p.Html, Does.Contain("value=\"17-03-1990\""));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response where item like 'twoshops_given_%'"), Is.Zero);

        await p.SubmitAsync("place_order", ("f_birth_date", "17-03-1990"), ("f_monthly_income", "2750 \u202e"));
        Assert.That(p.Html, Does.Not.Contain("name=\"f_birth_date\""), "the order was taken");
        var stored = (await conn.QueryAsync<(string Item, string Value)>("select item, value from response where page = @page", new { page = ShopPair.Page }))
            .ToDictionary(r => r.Item, r => r.Value);
        Assert.That(stored, Is.EqualTo(new Dictionary<string, string>
        {
            [ShopPair.ChoiceKey] = a.Invasive.Shop.Key, [ShopPair.ChoiceMsKey] = "4321", [ShopPair.OutcomeKey] = ShopPair.Ordered,
            [ShopPair.GivenKey("birth_date")] = "plausible", [ShopPair.GivenKey("monthly_income")] = "implausible",
        }));

        var dir = Directory.CreateTempSubdirectory("ppl-twoshops-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            foreach (var file in Directory.GetFiles(dir))
                Assert.That(await File.ReadAllTextAsync(file), Does.Not.Contain("17-03-1990").And.Not.Contain("2750"), Path.GetFileName(file));
            var row = CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.Single();
            Assert.That((row["twoshops_choice"], row["twoshops_chose_invasive"], row["twoshops_choice_ms"], row["twoshops_outcome"], row["twoshops_price_gap"]),
                Is.EqualTo((a.Invasive.Shop.Key, "1", "4321", "ordered", a.Gap.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Checkout_leaveShop_storesTheEndAndNoField()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToShopsAsync(app, "LEAVE1", "en");
        var a = ShopPair.Of(study, await CellOfAsync(app, study, "LEAVE1"));
        await p.SubmitAsync("next", (ShopPair.ChoiceKey, a.Other.Shop.Key));

        await p.SubmitAsync("leave_shop", ("f_birth_year", "1990"));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Item, string Value)>("select item, value from response")).ToDictionary(r => r.Item, r => r.Value);
        Assert.That(stored, Is.EqualTo(new Dictionary<string, string> { [ShopPair.ChoiceKey] = a.Other.Shop.Key, [ShopPair.OutcomeKey] = ShopPair.LeftShop }));
    }
}
