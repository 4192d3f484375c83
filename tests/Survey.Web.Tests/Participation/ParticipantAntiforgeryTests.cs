using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using Survey.Web.Hosting;
using Survey.Web.Participation;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The participant pages' antiforgery (ParticipantAntiforgery): with a participant ticket the form token is bound to
/// the participant and study and needs no antiforgery cookie; everything else is ASP.NET Core's, as before. A POST
/// without the token, with another participant's, another study's or an altered one is refused (400) and writes
/// nothing; the same POST with the page's own token goes through (so each refusal is the token's).
/// </summary>
public sealed class ParticipantAntiforgeryTests : FlowTestBase
{
    const string TokenField = "__RequestVerificationToken";

    Uri FlowUri => new(App.BaseUrl + $"/s/{WebStudies.Id}/p");

    static string TokenOf(ParticipantDriver p) => p.HiddenFields().Single(f => f.Key == TokenField).Value;

    static bool SetsCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    [Test]
    public async Task Page_withATicket_hasABoundTokenAndNoAntiforgeryCookie()
    {
        using var p = NewParticipant("en");
        await p.GetAsync($"/s/{WebStudies.Id}");
        Assert.Multiple(() =>
        {
            Assert.That(TokenOf(p), Does.StartWith("CfDJ8"), "before consent: the framework's token");
            Assert.That(SetsCookie(p.LastResponse!, "ppl_af"), Is.True, "and its cookie");
        });
        await p.SubmitAsync("agree");
        Assert.That(p.Step, Is.EqualTo(0));
        var token = TokenOf(p);
        Assert.Multiple(() =>
        {
            Assert.That(token, Does.Match(@"^1\.[A-Za-z0-9_-]{43}$"), "key id and the HMAC-SHA256 in base64url");
            Assert.That(SetsCookie(p.LastResponse!, "ppl_af"), Is.False, "no antiforgery cookie on a participant's page");
            Assert.That(p.LastResponse!.Headers.Pragma.ToString(), Is.EqualTo("no-cache"), "no cache, as the framework's token pages");
        });
        await p.SubmitAsync("next");
        Assert.That(p.Step, Is.EqualTo(1));
        Assert.That(TokenOf(p), Is.EqualTo(token), "the participant's token, whatever the page");
    }

    [TestCase("none")]
    [TestCase("empty")]
    [TestCase("otherParticipant")]
    [TestCase("otherStudy")]
    [TestCase("altered")]
    [TestCase("unknownKey")]
    [TestCase("framework")]
    public async Task Post_withoutTheParticipantsOwnToken_isRefused400AndWritesNothing(string kind)
    {
        await App.ImportStudyAsync(WebStudies.Flow("webflow2"));
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDAF" + kind, cell: WebStudies.NoDiscountPlain);
        using var other = NewParticipant("en");
        await AgreeAsync(other, "PIDAFOTHER", cell: WebStudies.NoDiscountPlain);
        using var stranger = NewParticipant("en");
        await stranger.GetAsync($"/s/{WebStudies.Id}"); // a consent page: a valid framework token, with its own cookie
        var participant = App.Services.GetRequiredService<ParticipantCookie>().Open(WebStudies.Id, p.Cookies.GetCookies(FlowUri)["ppl_" + WebStudies.Id]!.Value)!.Id;
        var key = App.Services.GetRequiredService<WebKeys>().For(WebKeys.FormToken).Current;
        var own = TokenOf(p);
        var token = kind switch
        {
            "none" => null,
            "empty" => "",
            "otherParticipant" => TokenOf(other),
            "otherStudy" => ParticipantAntiforgery.Token(key, "webflow2", participant),
            "altered" => own[..^3] + (own[^3] == 'A' ? 'B' : 'A') + own[^2..],
            "unknownKey" => "2" + own[1..],
            _ => TokenOf(stranger),
        };
        Assert.That(token, Is.Not.EqualTo(own));
        var fields = p.HiddenFields().Where(f => f.Key != TokenField).Append(new("action", "next")).ToList();
        if (token is not null) fields.Add(new(TokenField, token));

        var refused = await p.PostRawAsync(FlowUri.ToString(), fields);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("<h1>Something went wrong</h1>"), "the friendly page");
        Assert.That(await CountAsync("select count(*) from page_time where submitted_at is not null"), Is.EqualTo(0), "nothing written");
        Assert.That(await CountAsync("select sum(step) from participant"), Is.EqualTo(0));

        var accepted = await p.PostRawAsync(FlowUri.ToString(), fields.Where(f => f.Key != TokenField).Append(new(TokenField, own)));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), "the same post with the page's own token");
        Assert.That(await CountAsync("select count(*) from participant where step = 1"), Is.EqualTo(1));
        Assert.That(App.LogLines.Where(l => l.StartsWith("Error", StringComparison.Ordinal)), Is.Empty);
    }

    /// <summary>The consent page (no ticket yet: the framework's token, which the view writes itself) refuses a POST without its own token.</summary>
    [TestCase("none")]
    [TestCase("otherBrowser")]
    public async Task ConsentPost_withoutTheBrowsersOwnToken_isRefused400AndEnrolsNobody(string kind)
    {
        using var p = NewParticipant("en");
        await p.GetAsync($"/s/{WebStudies.Id}?cell={WebStudies.NoDiscountPlain}");
        using var stranger = NewParticipant("en");
        await stranger.GetAsync($"/s/{WebStudies.Id}");
        Assert.That(TokenOf(stranger), Is.Not.EqualTo(TokenOf(p)));
        var fields = p.HiddenFields().Where(f => f.Key != TokenField).Append(new("action", "agree")).ToList();
        if (kind == "otherBrowser") fields.Add(new(TokenField, TokenOf(stranger)));

        var refused = await p.PostRawAsync($"/s/{WebStudies.Id}/consent", fields);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(0));

        var accepted = await p.PostRawAsync($"/s/{WebStudies.Id}/consent", fields.Where(f => f.Key != TokenField).Append(new(TokenField, TokenOf(p))));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), "the same post with the page's own token");
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1));
    }

    [Test]
    public async Task Post_crossSiteWithTheParticipantCookieButNoToken_isRefused()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDCROSS", cell: WebStudies.NoDiscountPlain);
        // What a foreign page can send: the browser adds the cookie (an old browser without SameSite), nothing else.
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, FlowUri)
        {
            Content = new FormUrlEncodedContent([new("step", "0"), new("action", "next")]),
        };
        request.Headers.Add("Cookie", p.Cookies.GetCookieHeader(FlowUri));
        request.Headers.Add("Origin", "https://evil.example");
        var response = await http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await CountAsync("select sum(step) from participant"), Is.EqualTo(0));
    }

    [Test]
    public async Task FormToken_ofOneParticipant_doesNotValidateForAnother()
    {
        using var a = NewParticipant("en");
        await AgreeAsync(a, "PIDTOKENA", cell: WebStudies.NoDiscountPlain);
        using var b = NewParticipant("en");
        await AgreeAsync(b, "PIDTOKENB", cell: WebStudies.NoDiscountPlain);
        Assert.That(TokenOf(a), Is.Not.EqualTo(TokenOf(b)));
        // b's own form, with a's token: refused; with b's own: accepted.
        var withA = b.HiddenFields().Select(f => f.Key == TokenField ? new KeyValuePair<string, string>(f.Key, TokenOf(a)) : f).Append(new("action", "next"));
        Assert.That((await b.PostRawAsync(FlowUri.ToString(), withA)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await b.SubmitAsync("next"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(b.Step, Is.EqualTo(1));
        Assert.That(await CountAsync("select count(*) from participant where step = 1"), Is.EqualTo(1), "only b moved, once");
    }

    /// <summary>
    /// The first POST that carries a ticket with a form rendered before it existed (the consent page open in a
    /// second tab, or a page an earlier version rendered during the upgrade): the framework's token and cookie
    /// validate as before.
    /// </summary>
    [Test]
    public async Task Post_withATicketAndAFormRenderedBeforeIt_isValidatedByTheFrameworkAsBefore()
    {
        using var p = NewParticipant("en");
        await p.GetAsync($"/s/{WebStudies.Id}?cell={WebStudies.NoDiscountPlain}");
        var secondTab = p.HiddenFields().Append(new("action", "agree")).ToList();
        Assert.That(secondTab.Single(f => f.Key == TokenField).Value, Does.StartWith("CfDJ8"));
        await p.SubmitAsync("agree");
        Assert.That(p.Step, Is.EqualTo(0), "enrolled; the cookie holds a ticket now");

        var again = await p.PostRawAsync($"/s/{WebStudies.Id}/consent", secondTab);
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), "the second tab's consent goes on to the pages");
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1));

        // The intro page as a version without bound tokens rendered it: the framework's token (and cookie) from that time.
        var frameworkToken = secondTab.Single(f => f.Key == TokenField).Value;
        var intro = p.HiddenFields().Where(f => f.Key != TokenField).Append(new(TokenField, frameworkToken)).Append(new("action", "next"));
        var submitted = await p.PostRawAsync(FlowUri.ToString(), intro);
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), await submitted.Content.ReadAsStringAsync());
        Assert.That(await CountAsync("select count(*) from participant where step = 1"), Is.EqualTo(1));
    }
}
