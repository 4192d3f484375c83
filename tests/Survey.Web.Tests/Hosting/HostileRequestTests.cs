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
    public async Task Participant_route_with_a_malformed_study_id_answers_404_page(string method, string path)
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
    public async Task Researcher_route_with_a_malformed_study_id_answers_4xx_page(string path, int expected)
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
    public async Task Body_over_the_limit_answers_413_page_not_a_dropped_connection(int bytes)
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
    public async Task Head_on_a_participant_route_answers_like_get_without_a_body(string path)
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
    public async Task Panel_id_with_a_trailing_newline_enrols_no_second_participant(string variant)
    {
        using (var first = NewParticipant()) await AgreeAsync(first, "NL6cba0d");
        using var second = NewParticipant();
        var status = await second.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID=" + Uri.EscapeDataString(variant));
        if (second.Html.Contains("value=\"agree\"")) status = await second.SubmitAsync("agree");
        Assert.That((int)status, Is.LessThan(500));
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1), "the same person is one participant");
        Assert.That(await CountAsync("select count(*) from panel_id"), Is.EqualTo(1));
    }
}
