using System.Net;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Export;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The framing seed's checkout over HTTP: the framed fields (favourite colour, how you found us) marked required
/// with an asterisk and the legend in the cell framing=required and refused there when left open, "(optioneel)"
/// without an offer in framing=optional, with their true 5% offer in framing=paid; the export says per participant
/// how each framed field was framed and counts the unpaid optional fields given.
/// </summary>
public sealed class FramingPageTests
{
    const string StudyId = "framing-nl";
    static readonly string[] Framed = ["colour", "found_us"];
    static readonly (string, string)[] Delivery =
        [("f_name", "Anna de Vries"), ("f_postcode", "1234 AB"), ("f_house_number", "1"), ("f_street", "Dorpsstraat"), ("f_town", "Ergens"), ("f_email", "anna@example.nl")];

    /// <summary>Consent, instructions, product and cart; balanced assignment gives the n-th participant cell n (optional, required, paid).</summary>
    static async Task<ParticipantDriver> ToCheckoutAsync(TestWebApp app, string pid, string lang)
    {
        var p = new ParticipantDriver(app.BaseUrl);
        await p.GetAsync($"/s/{StudyId}?pid={pid}&lang={lang}");
        await p.SubmitAsync("agree");
        await p.SubmitAsync("next");
        await p.SubmitAsync("add_to_cart");
        await p.SubmitAsync("checkout");
        Assert.That(p.Html, Does.Contain("value=\"place_order\""), "expected the checkout");
        return p;
    }

    [TestCase("nl", "Velden met een * zijn verplicht.", "(optioneel)")]
    [TestCase("en", "Fields marked with * are required.", "(optional)")]
    public async Task Show_eachCell_marksTheFramedFieldsAsItFramesThem(string lang, string legend, string optionalMark)
    {
        await using var app = await TestWebApp.StartAsync();
        using var optional = await ToCheckoutAsync(app, "OPT" + lang, lang);
        using var required = await ToCheckoutAsync(app, "REQ" + lang, lang);
        using var paid = await ToCheckoutAsync(app, "PAID" + lang, lang);

        foreach (var key in Framed)
        {
            var radios = $"name=\"f_{key}\"";
            Assert.That(Form(required).Required, Does.Contain("f_" + key), $"{key}: required where framed so");
            Assert.That(Form(optional).Required, Does.Not.Contain("f_" + key));
            Assert.That(Form(paid).Required, Does.Not.Contain("f_" + key));
            Assert.That(FieldBlock(required, key), Does.Contain("<span class=\"mark required-mark\" aria-hidden=\"true\">*</span>").And.Not.Contain(optionalMark));
            Assert.That(WebUtility.HtmlDecode(FieldBlock(optional, key)), Does.Contain(optionalMark).And.Not.Contain("%"), $"{key}: optional, no offer");
            Assert.That(WebUtility.HtmlDecode(FieldBlock(paid, key)), Does.Contain(optionalMark).And.Contain(lang == "nl" ? "5% korting" : "5% off"), $"{key}: the true offer");
            Assert.That(optional.Html, Does.Contain(radios));
        }
        // The delivery fields are required everywhere, so every cell shows the legend once.
        foreach (var p in new[] { optional, required, paid })
            Assert.That(WebUtility.HtmlDecode(p.Html).Split(legend).Length - 1, Is.EqualTo(1));
        Assert.That(Form(optional).Required, Is.EquivalentTo(new[] { "f_name", "f_postcode", "f_house_number", "f_street", "f_town", "f_email" }));
        // What a bot reads as the offers is what the page shows: 5% for the two framed fields in the paid cell only.
        Assert.That(Form(paid).Offers, Is.EquivalentTo(new Dictionary<string, double> { ["colour"] = 5, ["found_us"] = 5 }));
        Assert.That(Form(optional).Offers, Is.Empty);
        Assert.That(Form(required).Offers, Is.Empty);
    }

    [Test]
    public async Task PlaceOrder_framedFieldLeftOpenWhereRequired_isRefusedAndNothingIsStored()
    {
        await using var app = await TestWebApp.StartAsync();
        using var optional = await ToCheckoutAsync(app, "OPEN1", "nl");
        using var required = await ToCheckoutAsync(app, "OPEN2", "nl");

        var status = await required.SubmitAsync("place_order", Delivery.Append(("f_colour", "blue")).ToArray());

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(required.Html, Does.Contain("id=\"err-found_us\"").And.Not.Contain("id=\"err-colour\""));
        Assert.That(required.Html, Does.Contain("value=\"blue\" checked=\"checked\""), "what was chosen stays chosen");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure"), Is.Zero);

        // The same order in the cell where both are optional goes through.
        await optional.SubmitAsync("place_order", Delivery.Append(("f_colour", "blue")).ToArray());
        Assert.That(optional.Html, Does.Not.Contain("value=\"place_order\""));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure where disclosed"), Is.EqualTo(Delivery.Length + 1));
    }

    [Test]
    public async Task Export_ordersInEachCell_sayHowEachFieldWasFramedAndCountTheUnpaidOptionalFieldsGiven()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        // Each gives colour, found_us and the date of birth, nothing else optional.
        var given = Delivery.Concat([("f_colour", "red"), ("f_found_us", "search"), ("f_dob", "1990-05-17")]).ToArray();
        foreach (var pid in new[] { "EXP0", "EXP1", "EXP2" })
        {
            using var p = await ToCheckoutAsync(app, pid, "nl");
            await p.SubmitAsync("place_order", given);
            Assert.That(p.Html, Does.Not.Contain("value=\"place_order\""), pid);
        }

        var dir = Directory.CreateTempSubdirectory("ppl-framing-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            await using var conn = await app.DataSource.OpenConnectionAsync();
            var ids = (await conn.QueryAsync<(string Pid, string Id)>("select panel_participant_id, participant_id from panel_id")).ToDictionary(x => x.Pid, x => x.Id);
            var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
            var optionalFields = study.Shop!.Fields.Count(f => f.IsOptional);
            string[] Of(string pid) { var r = participants.Row(ids[pid]); return [r["arm"], r["framed_colour"], r["framed_found_us"], r["overdisclosed_n"], r["unpaid_optional_n"]]; }
            // optional: all 6 optional fields unpaid, 3 given; required: 4 left optional, dob given; paid: 4 unpaid, dob given.
            Assert.That(Of("EXP0"), Is.EqualTo(new[] { "framing=optional", "optional", "optional", "3", $"{optionalFields}" }));
            Assert.That(Of("EXP1"), Is.EqualTo(new[] { "framing=required", "required", "required", "1", $"{optionalFields - 2}" }));
            Assert.That(Of("EXP2"), Is.EqualTo(new[] { "framing=paid", "optional", "optional", "1", $"{optionalFields - 2}" }));
            var disclosures = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows;
            Assert.That(disclosures.Where(r => r["field"] == "colour").Select(r => (r["participant_id"] == ids["EXP1"], r["necessity"], r["disclosed"])),
                Is.EquivalentTo(new[] { (false, "optional", "1"), (true, "required", "1"), (false, "optional", "1") }));
            var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
            Assert.That(codebook.Rows.Where(r => r["file"] == "participants.csv").Select(r => r["column"]),
                Is.SupersetOf(new[] { "framed_colour", "framed_found_us", "overdisclosed_n", "unpaid_optional_n" }));
        }
        finally { Directory.Delete(dir, true); }
    }

    static PageForm Form(ParticipantDriver p) => PageForm.Parse(p.Html);

    /// <summary>The HTML of one field's block on the checkout, from its opening div to the next field's.</summary>
    static string FieldBlock(ParticipantDriver p, string key)
    {
        var html = p.Html;
        var at = html.IndexOf($"name=\"f_{key}\"", StringComparison.Ordinal);
        Assert.That(at, Is.GreaterThan(0), key);
        var start = html.LastIndexOf("<div class=\"item checkout-field", at, StringComparison.Ordinal);
        var end = html.IndexOf("<div class=\"item checkout-field", at, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }
}
