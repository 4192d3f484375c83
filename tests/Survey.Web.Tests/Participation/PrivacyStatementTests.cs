using System.Net;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The shop's privacy statement over HTTP (issue 17): its page under the study's public link with the study's own
/// text (brand, KvK number and e-mail filled in), which records that it was opened; and the cell that must scroll
/// past it, whose order is refused by the server until the statement's end was reached.
/// </summary>
public sealed class PrivacyStatementTests
{
    const string Slug = "wn-privacy";

    /// <summary>The seed study (nl) with a cell-forcing link, its own statement text and the salient cell required to scroll.</summary>
    static async Task<StudyDefinition> ImportAsync(TestWebApp app)
    {
        var (seed, _) = (await StudyStore.GetCurrentAsync(app.DataSource, "privacy-paradox-nl"))!.Value;
        var study = seed with
        {
            Id = "privacy-statement-http", Version = 1, Slug = Slug, AllowForcedCell = true,
            Shop = seed.Shop! with
            {
                PrivacyStatement = new()
                {
                    Text = new() { ["nl"] = "## Wie zijn wij\n\nWij zijn {shop}, KvK {kvk}, bereikbaar via {email}.", ["en"] = "## Who we are\n\nWe are {shop}, KvK {kvk}, at {email}." },
                    RequireScroll = ["notice=salient"],
                },
            },
        };
        await app.ImportStudyAsync(study);
        return study;
    }

    static async Task<ParticipantDriver> ToCheckoutAsync(TestWebApp app, StudyDefinition study, string pid, string notice)
    {
        var cell = StudyDesign.Cells(study).Select((c, i) => (c, i)).First(x => x.c.Levels["notice"] == notice).i;
        var p = new ParticipantDriver(app.BaseUrl);
        await p.GetAsync($"/s/{Slug}?lang=nl&cell={cell}&pid={pid}");
        await p.SubmitAsync("agree");
        for (var guard = 0; !p.Html.Contains("value=\"place_order\"") && guard < 30; guard++)
            await SeedStudyTests.SubmitValidAsync(p, study, app);
        Assert.That(p.Html, Does.Contain("value=\"place_order\""), "expected the checkout");
        return p;
    }

    static (string, string)[] Delivery(StudyDefinition study) => study.Shop!.Fields.Where(f => !f.IsOptional)
        .Select(f => ("f_" + f.Key, f.Type == FieldTypes.Email ? "a@example.nl" : "Test Waarde")).ToArray();

    [Test]
    public async Task PlaceOrder_cellThatMustScrollWithoutReachingTheEnd_isRefusedKeepsTheValuesAndStoresNothing()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = await ImportAsync(app);
        using var salient = await ToCheckoutAsync(app, study, "SCROLL1", "salient");
        using var plain = await ToCheckoutAsync(app, study, "SCROLL2", "plain");
        Assert.That(salient.Html, Does.Contain("data-privacy-scroll").And.Contain("id=\"field-privacy\""), "the salient cell shows the statement inline");
        Assert.That(plain.Html, Does.Not.Contain("data-privacy-scroll").And.Contain("<details class=\"privacy-statement privacy-details\" id=\"privacy-statement\""));

        var refused = await salient.SubmitAsync("place_order", Delivery(study));

        Assert.That(refused, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(salient.Html, Does.Contain("id=\"err-privacy\"").And.Contain("href=\"#field-privacy\""), "the message and the summary's link to the statement");
        Assert.That(WebUtility.HtmlDecode(salient.Html), Does.Contain("Lees eerst de privacyverklaring tot het einde."));
        Assert.That(salient.Html, Does.Contain("value=\"a@example.nl\""), "what was typed comes back");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure"), Is.Zero, "nothing stored for the refused order");

        // Its end reached (checkout.js's hidden field, or the tick at its end without JavaScript): the order goes on.
        await salient.SubmitAsync("place_order", Delivery(study).Append(("privacy_scrolled", "1")).ToArray());
        Assert.That(salient.Html, Does.Contain("value=\"pay\""), "on to the payment step");
        // A cell that need not scroll orders without it.
        await plain.SubmitAsync("place_order", Delivery(study));
        Assert.That(plain.Html, Does.Contain("value=\"pay\""));
    }

    [TestCase("nl", "Privacyverklaring | Klik &amp; Klaar", "Wij zijn Klik &amp; Klaar, KvK 81234567, bereikbaar via klantenservice@klikenklaar.example.", "Terug naar de winkel")]
    [TestCase("en", "Privacy statement | Klik &amp; Klaar", "We are Klik &amp; Klaar, KvK 81234567, at klantenservice@klikenklaar.example.", "Back to the shop")]
    public async Task Privacy_duringTheShop_showsTheStudysTextInTheShopAndRecordsTheOpening(string lang, string title, string text, string back)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = await ImportAsync(app);
        using var p = new ParticipantDriver(app.BaseUrl);
        var plainCell = StudyDesign.Cells(study).Select((c, i) => (c, i)).First(x => x.c.Levels["notice"] == "plain").i;
        await p.GetAsync($"/s/{Slug}?lang={lang}&cell={plainCell}&pid=READ{lang}");
        await p.SubmitAsync("agree");
        for (var guard = 0; !p.Html.Contains("value=\"add_to_cart\"") && guard < 30; guard++)
            await SeedStudyTests.SubmitValidAsync(p, study, app);
        Assert.That(p.Html, Does.Contain($"href=\"/s/{Slug}/p/privacy\""), "the footer links the statement page");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<bool?>("select privacy_statement_opened from participant"), Is.Null);

        var status = await p.GetAsync($"/s/{Slug}/p/privacy");

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain($"<title>{title}</title>").And.Contain(text).And.Contain("<body class=\"shop\">"));
        Assert.That(p.Html, Does.Contain($"<a class=\"button-link primary\" id=\"privacy-back\" href=\"/s/{Slug}/p\">{back}</a>"));
        Assert.That(p.Html, Does.Not.Contain(study.Id).And.Not.Contain("Privacy Paradox").And.Not.Contain(study.Title[lang]));
        Assert.That(await conn.ExecuteScalarAsync<bool?>("select privacy_statement_opened from participant"), Is.True);
        // The way back is the page the participant was on, unchanged.
        await p.GetAsync($"/s/{Slug}/p");
        Assert.That(p.Html, Does.Contain("value=\"add_to_cart\""));

        // Without JavaScript the checkout reports nothing: opened (by the page) is 1, the time on the checkout empty.
        using var other = new ParticipantDriver(app.BaseUrl);
        await other.GetAsync($"/s/{Slug}?lang={lang}&cell={plainCell}&pid=SKIP{lang}");
        await other.SubmitAsync("agree");
        foreach (var d in new[] { p, other })
            for (var guard = 0; !d.Html.Contains("value=\"pay\"") && guard < 30; guard++)
                await SeedStudyTests.SubmitValidAsync(d, study, app);
        var dir = Directory.CreateTempSubdirectory("ppl-privacy-http-").FullName;
        try
        {
            await Experiment.Engine.Export.Exporter.ExportToDirectoryAsync(app.DataSource, study.Id, dir, TimeProvider.System);
            var rows = TestSupport.CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.ToDictionary(r => r["participant_id"]);
            var ids = (await conn.QueryAsync<(string Id, string Pid)>(
                "select p.id, x.panel_participant_id from participant p join panel_id x on x.participant_id = p.id")).ToDictionary(x => x.Pid, x => x.Id);
            Assert.That((rows[ids["READ" + lang]]["privacy_statement_opened"], rows[ids["READ" + lang]]["privacy_statement_ms"]), Is.EqualTo(("1", "")));
            Assert.That((rows[ids["SKIP" + lang]]["privacy_statement_opened"], rows[ids["SKIP" + lang]]["privacy_statement_ms"]), Is.EqualTo(("", "")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
