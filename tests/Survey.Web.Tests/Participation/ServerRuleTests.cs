using System.Net;
using Dapper;
using NUnit.Framework;

namespace Survey.Web.Tests.Participation;

/// <summary>The rules the server enforces whatever the browser does: step guard, cookie, validation, consent, withdrawal.</summary>
public sealed class ServerRuleTests : FlowTestBase
{
    [Test]
    public async Task Post_replayedForAnAnsweredPage_writesNothingAndRedirectsToCurrentPage()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDSTALE", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> concern (order 0 for the first participant)
        Assert.That(p.Html, Does.Contain("name=\"c1\""));
        var concernForm = p.HiddenFields().Concat([new("c1", "5"), new("w_bsn", "0"), new("attn", "b"), new("action", "next")]).ToList();
        var action = p.FormAction();
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        Assert.That(p.Html, Does.Contain("name=\"age\""));

        // Back, then resubmit the old page with other answers: a replay of step 1.
        var replay = await p.PostRawAsync(action, concernForm.Select(f => f.Key == "c1" ? new KeyValuePair<string, string>("c1", "2") : f));
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(replay.Headers.Location!.OriginalString, Is.EqualTo($"/s/{WebStudies.Id}/p"));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(3));
        Assert.That(await CountAsync("select count(*) from response where item = 'c1' and value = '5'"), Is.EqualTo(1));
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(2));
    }

    [Test]
    public async Task Submit_twiceAtTheSameMoment_advancesOnceWithOneRowPerAnswer()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDDOUBLE", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next");
        var fields = p.HiddenFields().Concat([new("c1", "6"), new("w_bsn", "1"), new("attn", "a"), new("action", "next")]).ToList();
        var action = p.FormAction();
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => p.PostRawAsync(action, fields)));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(3));
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(2));
        Assert.That(await CountAsync("select count(*) from participant where attention_passed = false"), Is.EqualTo(1));
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Step, Is.EqualTo(2));
    }

    [Test]
    public async Task Agree_doubleClick_enrolsOneParticipantAndBothResponsesCarryItsCookie()
    {
        using var p = NewParticipant();
        await p.GetAsync($"/s/{WebStudies.Id}");
        var fields = p.HiddenFields().Append(new("action", "agree")).ToList();
        var responses = await Task.WhenAll(p.PostRawAsync($"/s/{WebStudies.Id}/consent", fields), p.PostRawAsync($"/s/{WebStudies.Id}/consent", fields));
        Assert.That(responses.Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1));
        Assert.That(await CountAsync("select count(*) from enrolment_request"), Is.EqualTo(1));
    }

    [Test]
    public async Task Cookie_tampered_isNoParticipantAndSendsBackToConsent()
    {
        using var a = NewParticipant();
        await AgreeAsync(a, "PIDTAMPER");
        var uri = new Uri(App.BaseUrl + $"/s/{WebStudies.Id}/p");
        var cookie = a.Cookies.GetCookies(uri)["ppl_" + WebStudies.Id]!;
        using var forger = NewParticipant();
        var chars = cookie.Value.ToCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        forger.Cookies.Add(uri, new Cookie(cookie.Name, new string(chars), cookie.Path));
        await forger.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(forger.Html, Does.Contain("value=\"agree\""), "a forged cookie leads to the consent page");

        // A participant id in plain text is not a cookie the server accepts either.
        var id = await OnlyParticipantIdAsync();
        using var plain = NewParticipant();
        plain.Cookies.Add(uri, new Cookie(cookie.Name, id, cookie.Path));
        var post = await plain.PostRawAsync($"/s/{WebStudies.Id}/p", [new("step", "0"), new("action", "next")]);
        Assert.That((int)post.StatusCode, Is.EqualTo(400), "no antiforgery token: refused before anything else");
        await plain.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(plain.Html, Does.Contain("value=\"agree\""));
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(0));
    }

    [Test]
    public async Task Submit_invalidAnswers_returns200WithMessagesNextToFieldsAndKeepsOtherAnswers()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next");
        var status = await p.SubmitAsync("next", ("c1", "9"), ("attn", "b"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("<p class=\"field-error\" id=\"err-c1\">"));
        Assert.That(p.Html, Does.Contain("<p class=\"field-error\" id=\"err-w_bsn\">").And.Contain("Please answer this question."));
        Assert.That(p.Html, Does.Contain("aria-describedby=\"err-w_bsn\""));
        Assert.That(p.Html, Does.Contain("value=\"b\" checked=\"checked\""), "the valid answer is kept");
        Assert.That(p.Html, Does.Contain("id=\"error-summary\""));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(0));

        await p.SubmitAsync("next", ("c1", "4"), ("w_bsn", "1"), ("attn", "b"));
        status = await p.SubmitAsync("next", ("age", "12"), ("remark", new string('x', 21)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("id=\"err-age\"").And.Contain("Enter a number from 16 to 99.").And.Contain("At most 20 characters."));
        Assert.That(p.Html, Does.Contain("value=\"12\""));
    }

    [Test]
    public async Task Checkout_withoutRequiredFields_showsErrorsAndRecordsNothing()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, cell: WebStudies.DiscountPlain);
        while (!p.Html.Contains("value=\"place_order\"")) await p.SubmitAsync("next", ("c1", "4"), ("w_bsn", "1"), ("attn", "b"), ("age", "40"));
        var status = await p.SubmitAsync("place_order", ("f_name", "Piet"), ("f_mobile", "0612345679"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("id=\"err-address\"").And.Contain("id=\"err-email\"").And.Not.Contain("id=\"err-name\""));
        Assert.That(p.Html, Does.Contain("value=\"0612345679\""), "typed values come back in this response only");
        Assert.That(p.OrderTotalAmount, Is.EqualTo("44.96"), "mobile's 10% is already in the re-rendered total: 44.955 rounds up");
        Assert.That(await CountAsync("select count(*) from disclosure"), Is.EqualTo(0));
    }

    [Test]
    public async Task Declining_consent_leavesOnlyTheCounts()
    {
        using var p = NewParticipant();
        await p.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID=PIDDECLINE&STUDY_ID=S1&SESSION_ID=X1");
        Assert.That(p.Html, Does.Contain("value=\"PIDDECLINE\""), "the panel id travels in the form, not in the database");
        Assert.That(await CountAsync("select count(*) from panel_id"), Is.EqualTo(0));
        await p.SubmitAsync("decline");
        Assert.That(p.LastResponse!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var table in new[] { "participant", "panel_id", "response", "page_time", "disclosure", "enrolment_request" })
            Assert.That(await CountAsync($"select count(*) from {table}"), Is.EqualTo(0), table);
        Assert.That(await CountAsync("select declined from study_state where study_id = 'webflow'"), Is.EqualTo(1));
        Assert.That(await CountAsync("select entered from study_state where study_id = 'webflow'"), Is.EqualTo(1));
        Assert.That((await App.DumpDatabaseAsync()), Does.Not.Contain("PIDDECLINE"));
    }

    // The values sent for behaviour_consent, separated by '|'; "none" sends no field at all.
    [TestCase("none")]
    [TestCase("")]
    [TestCase("yes")]
    [TestCase("1|0")]
    [TestCase("2")]
    public async Task Finish_atTheDebriefWithoutOneValidAnswer_showsTheQuestionsErrorAndRecordsNothing(string values)
    {
        var sent = values == "none" ? [] : values.Split('|');
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDDEBRIEF");
        await WalkToEndAsync(p, stopAtDebrief: true);
        var stepBefore = await CountAsync("select step from participant");
        var status = await p.SubmitAsync("finish", sent.Select(v => new KeyValuePair<string, string>("behaviour_consent", v)));
        var stepAfter = await CountAsync("select step from participant");
        var recorded = await CountAsync("select count(*) from participant where behaviour_consent is not null");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "the debrief again, not a redirect");
            Assert.That(p.Html, Does.Contain("id=\"error-summary\"").And.Contain("href=\"#field-behaviour_consent\""));
            Assert.That(stepAfter, Is.EqualTo(stepBefore), "not moved on");
            Assert.That(recorded, Is.Zero);
        });
        await p.SubmitAsync("finish", ("behaviour_consent", "0"));
        Assert.That(await CountAsync("select count(*) from participant where behaviour_consent = false and status = 'completed'"), Is.EqualTo(1),
            "an answer then finishes");
    }

    [Test]
    public async Task Withdraw_atTheDebrief_deletesEveryRowAndStillShowsTheCode()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDWITHDRAW");
        await WalkToEndAsync(p, stopAtDebrief: true);
        Assert.That(await CountAsync("select count(*) from response"), Is.GreaterThan(0));
        await p.SubmitAsync("withdraw");
        Assert.That(p.CompletionCode, Is.EqualTo("WEBDONE1"));
        foreach (var table in new[] { "participant", "panel_id", "response", "page_time", "disclosure", "enrolment_request" })
            Assert.That(await CountAsync($"select count(*) from {table}"), Is.EqualTo(0), table);
        Assert.That(await CountAsync("select withdrawn from study_state where study_id = 'webflow'"), Is.EqualTo(1));
        Assert.That(await App.DumpDatabaseAsync(), Does.Not.Contain("PIDWITHDRAW"));
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Html, Does.Contain("value=\"agree\""), "the cookie is gone: back at the start");
    }

    [Test]
    public async Task Studies_closedOrUnknown_getFriendlyPages()
    {
        await using (var conn = await App.DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("update study_state set status = 'closed' where study_id = 'webflow'");
        using var p = NewParticipant("en");
        Assert.That(await p.GetAsync($"/s/{WebStudies.Id}"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("This study is closed."));
        Assert.That(await p.GetAsync("/s/no-such-study"), Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(p.Html, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Post_badAntiforgeryToken_getsFriendly400Not500()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p);
        var fields = p.HiddenFields().Select(f => f.Key == "__RequestVerificationToken" ? new KeyValuePair<string, string>(f.Key, "forged") : f)
            .Append(new("action", "next"));
        var response = await p.PostRawAsync($"/s/{WebStudies.Id}/p", fields);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<h1>Something went wrong</h1>").And.Contain("expired"));
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(0));
    }

    [Test]
    public async Task ParticipantPost_oversized_getsThe413Page()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p);
        var fields = p.HiddenFields().Append(new("action", "next")).Append(new("junk", new string('x', 200_000)));
        var response = await p.PostRawAsync($"/s/{WebStudies.Id}/p", fields);
        Assert.That((int)response.StatusCode, Is.EqualTo(413));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("Too much text was sent."));
    }
}
