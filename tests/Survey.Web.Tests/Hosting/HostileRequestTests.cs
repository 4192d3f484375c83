using System.Net;
using System.Text;
using Experiment.Engine.Researchers;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Participation;
using Survey.Web.Tests.Researcher;

namespace Survey.Web.Tests.Hosting;

/// <summary>
/// Requests an attacker or a careless link would send: each gets a 4xx (or 503) with the friendly page, never a
/// 500 and never a dropped connection.
/// </summary>
public sealed class HostileRequestTests : FlowTestBase
{
    static HttpClient Plain() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    static void AssertFriendlyPage(HttpResponseMessage response, string body, int expected, string what)
    {
        Assert.That((int)response.StatusCode, Is.EqualTo(expected), what + ": " + body);
        Assert.That(body, Does.Contain("<html lang=").And.Contain("<h1"), what + ": the friendly page");
    }

    [TestCase("GET", "/s/%20/p")]
    [TestCase("GET", "/s/%09/p")]
    [TestCase("POST", "/s/%20/p")]
    [TestCase("POST", "/s/%09/p")]
    [TestCase("GET", "/s/%20")]
    [TestCase("GET", "/s/%0A")]
    [TestCase("POST", "/s/%20/consent")]
    [TestCase("GET", "/s/Web%C2%A0flow/p")]
    public async Task ParticipantRoute_malformedStudyId_answers404Page(string method, string path)
    {
        using var http = Plain();
        using var request = new HttpRequestMessage(new HttpMethod(method), App.BaseUrl + path);
        if (method == "POST") request.Content = new FormUrlEncodedContent([new("step", "0"), new("action", "next")]);
        var response = await http.SendAsync(request);
        AssertFriendlyPage(response, await response.Content.ReadAsStringAsync(), 404, method + " " + path);
    }

    [TestCase("/researcher/studies/%20/export.zip", 404)]
    [TestCase("/researcher/studies/%09/export.zip", 404)]
    [TestCase("/researcher/studies/%20", 404)]
    [TestCase("/researcher/studies/%20/live.json", 404)]
    [TestCase("/researcher/studies/%20/erase", 404)]
    [TestCase("/researcher/audit?study=%00", 400)]
    [TestCase("/researcher/audit?study=%20x", 400)]
    public async Task ResearcherRoute_malformedStudyId_answers4xxPage(string path, int expected)
    {
        var (_, password) = await ResearcherAccounts.CreateAsync(App.DataSource, "rita");
        using var console = new ConsoleClient(App.BaseUrl);
        Assert.That((int)(await console.SignInAsync("rita", password)).StatusCode, Is.EqualTo(302));
        var response = await console.GetAsync(path);
        AssertFriendlyPage(response, await response.Content.ReadAsStringAsync(), expected, path);
    }

    [TestCase(70 * 1024)]
    [TestCase(300 * 1024)]
    [TestCase(1000 * 1024)]
    public async Task Body_overTheLimit_answers413PageNotADroppedConnection(int bytes)
    {
        using var http = Plain();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl");
        var response = await http.PostAsync(App.BaseUrl + $"/s/{WebStudies.Id}/p",
            new FormUrlEncodedContent([new("step", "0"), new("remark", new string('x', bytes))]));
        var body = await response.Content.ReadAsStringAsync();
        AssertFriendlyPage(response, body, 413, bytes + " bytes");
        Assert.That(body, Does.Contain("Er werd te veel tekst verstuurd."));
    }

    [TestCase("/s/webflow")]
    [TestCase("/s/webflow/p")]
    public async Task Head_participantRoute_answersLikeGetWithoutABody(string path)
    {
        using var http = Plain();
        var get = await http.GetAsync(App.BaseUrl + path);
        var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, App.BaseUrl + path));
        Assert.That(head.StatusCode, Is.EqualTo(get.StatusCode));
        Assert.That(await head.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [TestCase("NL6cba0d\n")]
    [TestCase("NL6cba0d\r\n")]
    [TestCase(" NL6cba0d")]
    public async Task PanelId_withTrailingNewline_enrolsNoSecondParticipant(string variant)
    {
        using (var first = NewParticipant()) await AgreeAsync(first, "NL6cba0d");
        using var second = NewParticipant();
        var status = await second.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID=" + Uri.EscapeDataString(variant));
        if (second.Html.Contains("value=\"agree\"")) status = await second.SubmitAsync("agree");
        Assert.That((int)status, Is.LessThan(500));
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1), "the same person is one participant");
        Assert.That(await CountAsync("select count(*) from panel_id"), Is.EqualTo(1));
    }

    [TestCase("nl", "Probeer het over een ogenblik opnieuw.", "Opnieuw proberen")]
    [TestCase("en", "Please try again in a moment.", "Try again")]
    public async Task Database_down_answers503InTheParticipantsLanguageAndTheRetryKeepsTheirPlace(string lang, string text, string button)
    {
        var (relay, relayed) = TcpRelay.For(App.ConnectionString);
        await using var _ = relay;
        await using var app = await TestWebApp.StartAsync(relayed);
        using var p = new ParticipantDriver(app.BaseUrl); // no Accept-Language: the language comes from the participant's pages
        await AgreeAsync(p, "PIDOUTAGE", WebStudies.NoDiscountPlain, lang);
        await p.SubmitAsync("next");
        Assert.That(p.Html, Does.Contain("name=\"c1\""), "on the first questionnaire page");
        var action = p.FormAction();
        var answers = p.HiddenFields().Concat([new("c1", "6"), new("w_bsn", "0"), new("attn", "b"), new("action", "next")]).ToList();

        relay.Cut();
        using var http = Plain();
        // The page itself needs no database (the cookie's ticket says which it is); the study link reads the study's state.
        var page0 = await http.SendAsync(WithCookies(HttpMethod.Get, app.BaseUrl + action, p, app));
        Assert.That((int)page0.StatusCode, Is.EqualTo(200));
        Assert.That(await page0.Content.ReadAsStringAsync(), Does.Contain("name=\"c1\""));
        var get = await http.SendAsync(WithCookies(HttpMethod.Get, app.BaseUrl + $"/s/{WebStudies.Id}", p, app));
        var getHtml = await get.Content.ReadAsStringAsync();
        Assert.That((int)get.StatusCode, Is.EqualTo(503), string.Join("\n", app.LogLines.Where(l => l.StartsWith("Error"))));
        Assert.That(getHtml, Does.Contain($"<html lang=\"{lang}\">").And.Contain(text).And.Contain(button));
        Assert.That(get.Headers.RetryAfter, Is.Not.Null);
        Assert.That(p.Cookies.GetCookies(new Uri(app.BaseUrl + action))["ppl_" + WebStudies.Id], Is.Not.Null);

        var post = await p.PostRawAsync(action, answers);
        Assert.That((int)post.StatusCode, Is.EqualTo(503));
        var page = await post.Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain(text).And.Contain("name=\"c1\" value=\"6\""), "the retry form carries the answers");
        Assert.That(post.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("ppl_" + WebStudies.Id + "=;")), Is.False,
            "the participant cookie is kept");

        relay.Restore();
        var retried = await p.PostRawAsync(action, RetryFields(page));
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), await retried.Content.ReadAsStringAsync());
        await p.GetAsync(retried.Headers.Location!.OriginalString);
        Assert.That(p.Html, Does.Contain("name=\"age\""), "the retry submitted the page and the next one follows");
        Assert.That(await CountAsync("select count(*) from response where item = 'c1' and value = '6'"), Is.EqualTo(1));
        Assert.That(app.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)).Count(), Is.GreaterThan(0), "the outage was real");
    }

    [Test]
    public async Task Database_down_signedInResearcher_gets503PageAndStaysSignedIn()
    {
        var (relay, relayed) = TcpRelay.For(App.ConnectionString);
        await using var _ = relay;
        await using var app = await TestWebApp.StartAsync(relayed);
        var (_, password) = await ResearcherAccounts.CreateAsync(App.DataSource, "otto");
        using var console = new ConsoleClient(app.BaseUrl);
        Assert.That((int)(await console.SignInAsync("otto", password)).StatusCode, Is.EqualTo(302));
        Assert.That((int)(await console.GetAsync("/researcher")).StatusCode, Is.EqualTo(200), "signed in");

        relay.Cut();
        var down = await console.GetAsync("/researcher");
        AssertFriendlyPage(down, await down.Content.ReadAsStringAsync(), 503, "the console while the database is down");
        Assert.That(console.SessionCookie, Is.Not.Null, "the session cookie is kept");

        relay.Restore();
        var back = await console.GetAsync("/researcher");
        Assert.That((int)back.StatusCode, Is.EqualTo(200), "signed in again without a new sign-in: " + await back.Content.ReadAsStringAsync());
    }

    static HttpRequestMessage WithCookies(HttpMethod method, string url, ParticipantDriver p, TestWebApp app)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Cookie", p.Cookies.GetCookieHeader(new Uri(url)));
        return request;
    }

    static List<KeyValuePair<string, string>> RetryFields(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">")
            .Select(m => KeyValuePair.Create(WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();

    [TestCase("١٩٨٠-٠١-٠١", "١٩٨٠")]
    [TestCase("１９８０-０１-０１", "１９８０")]
    [TestCase("01-01-١٩٧٣", "١٩٧٣")]
    public async Task BirthDate_inOtherDigits_isImplausibleAndInNoLogLine(string typed, string year)
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDDIGITS", WebStudies.DiscountPlain);
        while (!p.Html.Contains("value=\"place_order\"")) await p.SubmitAsync("next", ("c1", "4"), ("w_bsn", "1"), ("attn", "b"), ("age", "40"));
        var status = await p.SubmitAsync("place_order", ("f_name", "Jan Jansen"), ("f_address", "Dorpsstraat 1, Utrecht"),
            ("f_email", "jan@example.nl"), ("f_birthdate", typed), ("f_mobile", "٠٦١٢٣٤٥٦٧٨"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), p.Html);
        Assert.That(p.Html, Does.Not.Contain("value=\"place_order\""), "the order went through");
        Assert.That(await CountAsync("select count(*) from disclosure where field = 'birthdate' and disclosed and plausible = false"), Is.EqualTo(1));
        Assert.That(await CountAsync("select count(*) from disclosure where field = 'mobile' and disclosed and plausible = false"), Is.EqualTo(1));
        var logs = string.Join('\n', App.LogLines);
        Assert.That(logs, Does.Contain("submitted step"), "the log capture is real");
        Assert.That(logs, Does.Not.Contain(typed).And.Not.Contain(year).And.Not.Contain("٠٦١٢٣٤٥٦٧٨"));
        Assert.That(App.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty);
    }

    [TestCase("evil.example")]
    [TestCase("127.0.0.1.evil.example")]
    public async Task HostHeader_forged_isRefusedNotReflectedIntoARedirect(string host)
    {
        using var http = Plain();
        foreach (var path in new[] { "/researcher", $"/s/{WebStudies.Id}/p" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, App.BaseUrl + path);
            request.Headers.Host = host;
            request.Headers.Accept.ParseAdd("text/html");
            var response = await http.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
            Assert.That(response.Headers.Location, Is.Null, path);
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Not.Contain(host), path);
        }
        var own = await http.GetAsync(App.BaseUrl + "/researcher");
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized).Or.EqualTo(HttpStatusCode.Redirect), "the configured host still works");
    }

    [Test]
    public async Task Hsts_overHttpsOnly_isSent()
    {
        await using var app = await TestWebApp.StartAsync(App.ConnectionString, new Dictionary<string, string?> { ["AllowedHosts"] = "survey.example;127.0.0.1" });
        using var http = Plain();
        HttpRequestMessage Request(string? proto)
        {
            var r = new HttpRequestMessage(HttpMethod.Get, app.BaseUrl + $"/s/{WebStudies.Id}");
            r.Headers.Host = "survey.example";
            if (proto is not null) r.Headers.Add("X-Forwarded-Proto", proto);
            return r;
        }
        var https = await http.SendAsync(Request("https"));
        Assert.That(https.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(https.Headers.GetValues("Strict-Transport-Security").Single(), Does.Contain("max-age=31536000"));
        var plain = await http.SendAsync(Request(null));
        Assert.That(plain.Headers.Contains("Strict-Transport-Security"), Is.False);
        var other = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, app.BaseUrl + "/") { Headers = { Host = "other.example" } });
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "AllowedHosts set per instance replaces the default");
    }

    [Test]
    public async Task FormAction_policy_allowsThisSiteAndOnlyTheCompletionOriginOfTheStudy()
    {
        await App.ImportStudyAsync(WebStudies.Flow("webcsp", "https://panel.example:8443/done?cc={code}"));
        using var p = NewParticipant("en");
        await p.GetAsync("/s/webcsp");
        await p.SubmitAsync("agree");
        var csp = p.LastResponse!.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("form-action 'self' https://panel.example:8443;"));
        Assert.That(csp, Does.Not.Contain("https:;").And.Not.Contain("https: "));

        using var q = NewParticipant("en");
        await q.GetAsync($"/s/{WebStudies.Id}");
        Assert.That(q.LastResponse!.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("form-action 'self';"),
            "a study without a completion URL: this site only");
    }

    /// <summary>A guard, not a fix: the framework already refuses these forms before any query runs.</summary>
    [Test]
    public async Task Nul_inTypedAnswerOrConsoleField_answers400PageNot500()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDNUL", WebStudies.NoDiscountPlain);
        while (!p.Html.Contains("name=\"age\"")) await p.SubmitAsync("next", ("c1", "4"), ("w_bsn", "1"), ("attn", "b"));
        var answer = await p.PostRawAsync(p.FormAction(), p.HiddenFields().Concat([new("age", "40"), new("remark", "ok\u0000x"), new("action", "next")]));
        AssertFriendlyPage(answer, await answer.Content.ReadAsStringAsync(), 400, "remark with NUL");
        Assert.That(await CountAsync("select count(*) from response where item = 'age'"), Is.EqualTo(0), "nothing written");

        using var console = new ConsoleClient(App.BaseUrl);
        var signIn = await console.SubmitAsync("/researcher/signin", "/researcher/signin", ("username", "ri\u0000ta"), ("password", "x"));
        AssertFriendlyPage(signIn, await signIn.Content.ReadAsStringAsync(), 400, "user name with NUL");
        Assert.That(App.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty);
    }
}
