using System.Globalization;
using System.Net;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// Browser mode over HTTP: the server takes only the classes and ticks the page sends. Anything else (a hand-made
/// request) is a 400 page, never a 500, records nothing and leaves the participant at the checkout.
/// </summary>
public sealed class DisclosureModeRuleTests
{
    const string Study = "privacy-paradox-nl";

    static async Task ToCheckoutAsync(ParticipantDriver p, StudyDefinition study)
    {
        await p.GetAsync($"/s/{Study}?pid=RULES1&lang=en");
        await p.SubmitAsync("agree");
        for (var guard = 0; guard < 40 && !p.Html.Contains("value=\"place_order\""); guard++)
        {
            var page = study.Pages.FirstOrDefault(pg => p.Html.Contains($"name=\"{pg.Items[0].Key}\""));
            if (p.Html.Contains("value=\"add_to_cart\"")) await p.SubmitAsync("add_to_cart");
            else if (p.Html.Contains("value=\"checkout\"")) await p.SubmitAsync("checkout");
            else if (page is null) await p.SubmitAsync("next");
            else await p.SubmitAsync("next", page.Items.Select(i => (i.Key, i.Type switch
            {
                ItemTypes.Likert => i.Expected ?? "4",
                ItemTypes.YesNo => "1",
                ItemTypes.Choice => i.Options![0].Code,
                _ => (i.Min ?? 1).ToString(CultureInfo.InvariantCulture),
            })).ToArray());
        }
        Assert.That(p.Html, Does.Contain("value=\"place_order\""), "reached the checkout");
    }

    [TestCase("c_dob", "1979-03-29")]
    [TestCase("c_dob", "PLAUSIBLE")]
    [TestCase("c_dob", "plausible\u0000")]
    [TestCase("c_friends_emails", "plausible")]   // without its count
    [TestCase("s_bsn", "<script>")]
    public async Task PlaceOrder_classOrTickThePageNeverSends_isA400AndRecordsNothing(string key, string value)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, Study))!.Value.Study;
        using var p = new ParticipantDriver(app.BaseUrl);
        await ToCheckoutAsync(p, study);
        var action = p.FormAction();
        var valid = p.HiddenFields().Concat(new Dictionary<string, string>
        {
            ["f_name"] = "Anna de Vries", ["f_postcode"] = "3511 AB", ["f_house_number"] = "1", ["f_street"] = "Dorpsstraat",
            ["f_town"] = "Utrecht", ["f_email"] = "anna@example.org",
            ["c_dob"] = "plausible", ["c_mobile"] = "empty", ["c_income"] = "empty", ["c_employer"] = "empty", ["c_child_adhd"] = "empty",
            ["c_friends_emails"] = "empty", ["n_friends_emails"] = "0", ["action"] = "place_order",
        }).ToList();
        var bad = valid.Where(f => f.Key != key && !(key == "c_friends_emails" && f.Key == "n_friends_emails"))
            .Append(new(key, value)).ToList();

        var refused = await p.PostRawAsync(action, bad);
        var body = await refused.Content.ReadAsStringAsync();

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain(Labels.Defaults["errorBadRequest"].In("en")));
        // A distinctive value (a date, markup) is neither echoed nor logged; "plausible" itself is an ordinary word.
        var distinctive = value is "1979-03-29" or "<script>";
        if (distinctive) Assert.That(body, Does.Not.Contain(value), "the value is not echoed");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure"), Is.Zero);
        if (distinctive) Assert.That(app.LogLines, Has.None.Contains(value));
        // (A NUL is refused before the checkout, by the app's guard against control characters.)
        if (!value.Contains('\u0000')) Assert.That(app.LogLines, Has.Some.Contains("carried no class or tick the page sends"));
        // The page as sent still goes through.
        var accepted = await p.PostRawAsync(action, valid);
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(await conn.ExecuteScalarAsync<string>("select disclosure_mode || ':' || plausible from disclosure where field = 'dob'"), Is.EqualTo("browser:true"));
    }
}
