using System.Globalization;
using System.Net;
using Dapper;
using Experiment.Engine.Export;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Participation;
using Survey.Web.Tests.Infrastructure;
using TestSupport;
using Ls = Experiment.Engine.Listings.Listings;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The listings seed's results page over HTTP: the merchants in price order with the prices of the file, the meter
/// each display mode says (read out as a sentence, written as digits), one required choice, and the choice stored
/// as given, then scored by the export (rank, price, rating, cheapest, premium, time to choose).
/// </summary>
public sealed class ListingsPageTests
{
    const string StudyId = "listings-nl";

    /// <summary>Consent and instructions; assignment is balanced, so participants get the cells none, irrelevant, indicator, salient in turn.</summary>
    static async Task<ParticipantDriver> ToResultsAsync(TestWebApp app, string pid, string lang)
    {
        var p = new ParticipantDriver(app.BaseUrl);
        await p.GetAsync($"/s/{StudyId}?PROLIFIC_PID={pid}&STUDY_ID=S&SESSION_ID=X{pid}&lang={lang}");
        await p.SubmitAsync("agree");
        await p.SubmitAsync("next");
        Assert.That(p.Html, Does.Contain($"name=\"{Ls.ChoiceKey}\""), "expected the search results after the instructions");
        return p;
    }

    [TestCase("nl")]
    [TestCase("en")]
    public async Task Show_everyMode_listsTheMerchantsByPriceWithTheMeterOfItsMode(string lang)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        var listings = study.Listings!;
        string L(string key) => Labels.Get(study, key, lang);
        string Spoken(string name, int value) => string.Format(CultureInfo.InvariantCulture, L("listingsRating"), name, value, Ls.MaxRating);
        foreach (var mode in new[] { Ls.None, Ls.Irrelevant, Ls.Indicator, Ls.Salient })
        {
            using var p = await ToResultsAsync(app, mode + lang, lang);
            var html = WebUtility.HtmlDecode(p.Html);
            Assert.That(p.Html, Does.Contain($"data-listings-mode=\"{mode}\""), "the cells come in the factor's order");
            // The comparison site's own frame, not the survey's: its name in the header, no study title, no language switch.
            Assert.That(html, Does.Contain($"<span class=\"shop-name\">{listings.Site!.In(lang)}</span>"));
            Assert.That(p.Html, Does.Not.Contain("class=\"site-title\"").And.Not.Contain("class=\"language-switch\""));
            Assert.That(html, Does.Contain(string.Format(CultureInfo.InvariantCulture, L("listingsQuery"), listings.Product.In(lang))));
            // Every merchant with its own price, cheapest first (the seed's order rule), whatever the mode.
            var positions = Ls.Ranked(listings).Select(m => html.IndexOf($"value=\"{m.Key}\"", StringComparison.Ordinal)).ToList();
            Assert.That(positions, Is.All.GreaterThan(0));
            Assert.That(positions, Is.Ordered.Ascending);
            foreach (var m in listings.Merchants)
                Assert.That(html, Does.Contain(m.Name).And.Contain(Money.Format(m.Price, listings.Currency, lang)), $"{mode}: {m.Key}");
            var privacy = listings.Merchants.Select(m => Spoken(L("listingsPrivacy"), m.Rating)).ToList();
            var other = listings.Merchants.Select(m => Spoken(listings.IrrelevantLabel!.In(lang), m.IrrelevantRating!.Value)).ToList();
            switch (mode)
            {
                case Ls.None:
                    Assert.That(p.Html, Does.Not.Contain("class=\"meter\""));
                    break;
                case Ls.Irrelevant:
                    Assert.That(html, Does.Contain(other[0]).And.Contain(other[3]).And.Not.Contain(privacy[0]));
                    break;
                default:
                    Assert.That(html, Does.Contain(privacy[0]).And.Contain(privacy[3]).And.Not.Contain(other[0]));
                    Assert.That(p.Html, Does.Contain(">4/4<"), "the value is written as digits, not only as filled squares");
                    break;
            }
            Assert.That(html.Contains(L("listingsExplain")), Is.EqualTo(mode == Ls.Salient), $"{mode}: the explanation only when salient");
        }
        using var again = await ToResultsAsync(app, "FMT" + lang, lang);
        Assert.That(WebUtility.HtmlDecode(again.Html), Does.Contain(lang == "nl" ? "€ 14,40" : "€14.40"));
    }

    [TestCase("", "listingsPick")]
    [TestCase("nobody", "invalidChoice")]
    [TestCase("celmarkt\u200b", "invalidChoice")]
    [TestCase("CELMARKT", "invalidChoice")]
    public async Task Submit_noChoiceOrNoMerchantOfThePage_showsTheErrorAndStoresNothing(string choice, string label)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToResultsAsync(app, "ERR1", "en");

        var status = await p.SubmitAsync("next", (Ls.ChoiceKey, choice));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("id=\"error-summary\"").And.Contain($"<a href=\"#field-{Ls.ChoiceKey}\">").And.Contain($"id=\"err-{Ls.ChoiceKey}\""));
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain(Labels.Get(study, label, "en")));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response"), Is.Zero);
    }

    [Test]
    public async Task Submit_choices_areStoredAsGivenAndScoredByTheExport()
    {
        await using var app = await TestWebApp.StartAsync();
        using (var none = await ToResultsAsync(app, "PICK1", "nl"))
            await none.SubmitAsync("next", (Ls.ChoiceKey, "batterijland"));
        using (var irrelevant = await ToResultsAsync(app, "PICK2", "nl"))
            await irrelevant.SubmitAsync("next", (Ls.ChoiceKey, "celmarkt"));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Pid, string Page, string Item, string Value)>(
            "select x.panel_participant_id, r.page, r.item, r.value from response r join panel_id x using (participant_id) order by 1")).ToList();
        Assert.That(stored, Is.EqualTo(new[] { ("PICK1", Ls.StepName, Ls.ChoiceKey, "batterijland"), ("PICK2", Ls.StepName, Ls.ChoiceKey, "celmarkt") }));

        var dir = Directory.CreateTempSubdirectory("ppl-listings-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
            var ids = (await conn.QueryAsync<(string Pid, string Id)>("select panel_participant_id, participant_id from panel_id")).ToDictionary(x => x.Pid, x => x.Id);
            static string[] Scored(IReadOnlyDictionary<string, string> r) =>
                [r["listings_condition"], r["listings_merchant"], r["listings_rank"], r["listings_price"], r["listings_rating"], r["listings_cheapest"], r["listings_premium"], r["listings_top_rated"]];
            Assert.That(Scored(participants.Row(ids["PICK1"])), Is.EqualTo(new[] { "none", "batterijland", "1", "14.4", "1", "14.4", "0", "0" }));
            Assert.That(Scored(participants.Row(ids["PICK2"])), Is.EqualTo(new[] { "irrelevant", "celmarkt", "4", "15", "4", "14.4", "0.6", "1" }));
            // The time to choose is the results page's own time in page_times.csv, in milliseconds.
            var times = CsvTable.Read(Path.Combine(dir, "page_times.csv")).Rows.Where(r => r["participant_id"] == ids["PICK2"] && r["page"] == Ls.StepName).Single();
            var ms = long.Parse(participants.Row(ids["PICK2"])["listings_choice_ms"], CultureInfo.InvariantCulture);
            Assert.That(ms, Is.EqualTo(double.Parse(times["seconds"], CultureInfo.InvariantCulture) * 1000).Within(1.0));
            var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
            Assert.That(codebook.Rows.Where(r => r["file"] == "participants.csv").Select(r => r["column"]), Is.SupersetOf(ListingsColumnNames));
        }
        finally { Directory.Delete(dir, true); }
    }

    static readonly string[] ListingsColumnNames =
        ["listings_condition", "listings_merchant", "listings_rank", "listings_price", "listings_rating", "listings_cheapest", "listings_premium", "listings_top_rated", "listings_choice_ms"];

    [Test]
    public async Task Finish_useOfTheChoiceRefused_leavesTheChoiceOutOfTheExport()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToResultsAsync(app, "REFUSE1", "nl");
        await p.SubmitAsync("next", (Ls.ChoiceKey, "celmarkt"));
        var page = study.Pages.Single();
        await p.SubmitAsync("next", page.Items.Select(i => (i.Key, i.Expected ?? (i.Type == ItemTypes.Choice ? i.Options![0].Code : "4"))).ToArray());
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain("Mogen wij uw keuze van een winkel gebruiken voor het onderzoek?"));
        await p.SubmitAsync("finish", (DebriefQuestion.Key, "0"));

        var dir = Directory.CreateTempSubdirectory("ppl-listings-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            var row = CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.Single();
            Assert.That(row["behaviour_consent"], Is.EqualTo("0"));
            Assert.That(row["listings_condition"], Is.EqualTo("none"), "the condition is the assignment, which stays");
            Assert.That(ListingsColumnNames.Skip(1).Select(c => row[c]), Is.All.Empty);
            var responses = CsvTable.Read(Path.Combine(dir, "responses.csv")).Rows;
            Assert.That(responses.Select(r => r["page"]), Is.Not.Empty.And.No.EqualTo(Ls.StepName));
        }
        finally { Directory.Delete(dir, true); }
    }
}
