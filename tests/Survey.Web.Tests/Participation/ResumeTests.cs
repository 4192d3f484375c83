using System.Net;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>Resuming without the participant cookie: only with the panel's session id that enrolment recorded.</summary>
public sealed class ResumeTests : FlowTestBase
{
    const string Pid = "PIDVICTIM0c1d2e3f", Session = "SESSa1b2c3d4e5f6";

    async Task<ParticipantDriver> EnrolledOnSecondPageAsync()
    {
        var first = NewParticipant();
        await AgreeAsync(first, Pid, session: Session);
        await first.SubmitAsync("next");
        Assert.That(first.Step, Is.EqualTo(1));
        return first;
    }

    /// <summary>The data of the whole database, without pg_dump's random \restrict key lines.</summary>
    async Task<string> DataDumpAsync() =>
        string.Join('\n', (await App.DumpDatabaseAsync()).Split('\n').Where(l => !l.StartsWith("\\restrict") && !l.StartsWith("\\unrestrict")));

    static bool HasParticipantCookie(ParticipantDriver p, string baseUrl) =>
        p.Cookies.GetCookies(new Uri(baseUrl + $"/s/{WebStudies.Id}/p"))[$"ppl_{WebStudies.Id}"] is not null;

    [Test]
    public async Task Enter_enrolmentSessionIdInANewBrowser_resumesOnItsPage()
    {
        using (await EnrolledOnSecondPageAsync()) { }
        using var again = NewParticipant();
        await again.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID={Pid}&SESSION_ID={Session}");
        Assert.That(again.Step, Is.EqualTo(1), "the same person on another device continues where they were");
        Assert.That(HasParticipantCookie(again, App.BaseUrl), Is.True);
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1));
    }

    [TestCase("", "en")]
    [TestCase("&SESSION_ID=SESSwrong", "nl")]
    [TestCase("&SESSION_ID=sessa1b2c3d4e5f6", "en")]
    [TestCase("&SESSION_ID=SESSa1b2c3d4e5f", "nl")]
    [TestCase("&STUDY_ID=S1", "en")]
    public async Task Enter_wrongOrMissingSessionId_neitherRevealsNorTouchesTheSession(string extra, string lang)
    {
        using var owner = await EnrolledOnSecondPageAsync();
        var before = await DataDumpAsync();

        using var other = NewParticipant(lang);
        var status = await other.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID={Pid}{extra}");
        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(other.Url, Does.Not.Contain("/p"), "no redirect into the session");
        Assert.That(WebUtility.HtmlDecode(other.Html), Does.Contain(Labels.Defaults["resumeElsewhere"].In(lang)), "a page that says how to continue");
        Assert.That(other.Html, Does.Not.Contain("name=\"step\"").And.Not.Contain("value=\"agree\""));
        Assert.That(HasParticipantCookie(other, App.BaseUrl), Is.False, "no cookie for someone else's session");
        // The one trace of a refused entry is the data-quality count of repeated entries (QualityFlags), which says
        // nothing about who came; with it set back, every other row is exactly as before.
        Assert.That(await CountAsync("select repeat_entries from participant"), Is.EqualTo(1), "the refused entry is counted as a repeat");
        await CountAsync("update participant set repeat_entries = 0 returning 0");
        Assert.That(await DataDumpAsync(), Is.EqualTo(before), "nothing else in the database changed");

        await owner.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(owner.Step, Is.EqualTo(1), "the owner continues undisturbed");
    }

    [Test]
    public async Task ConsentPost_enrolledPanelIdWithoutItsSession_isRefused()
    {
        using var owner = await EnrolledOnSecondPageAsync();
        using var other = NewParticipant("en");
        await other.GetAsync($"/s/{WebStudies.Id}");   // a consent form of one's own (token, antiforgery)
        Assert.That(other.Html, Does.Contain("value=\"agree\""));

        foreach (var session in new[] { null, "SESSguess" })
        {
            var forged = new List<KeyValuePair<string, string>> { new("panel_participant", Pid) };
            if (session is not null) forged.Add(new("panel_session", session));
            var status = await other.SubmitAsync("agree", forged);
            Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden), session ?? "no session");
            Assert.That(WebUtility.HtmlDecode(other.Html), Does.Contain(Labels.Defaults["resumeElsewhere"].In("en")));
            Assert.That(HasParticipantCookie(other, App.BaseUrl), Is.False);
            await other.GetAsync($"/s/{WebStudies.Id}");
        }
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1), "no second participant either");
        await owner.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(owner.Step, Is.EqualTo(1), "the owner continues undisturbed");
        Assert.That(App.LogLines.Where(l => l.Contains(" Survey.Web.")), Has.None.Contain(Pid).And.None.Contain(Session),
            "the app's own log lines never carry a panel id or session id");
    }

    [Test]
    public async Task ConsentPost_twiceWithPanelIdAndNoSession_resumesTheSameParticipant()
    {
        using var p = NewParticipant();
        await p.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID=PIDTWICE");
        var form = p.HiddenFields().Append(new("action", "agree")).ToList();
        var firstPost = await p.PostRawAsync(p.FormAction(), form);
        Assert.That(firstPost.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        // As if the first answer (and its cookie) never reached the browser: only the form's token is left.
        foreach (Cookie c in p.Cookies.GetCookies(new Uri(App.BaseUrl + $"/s/{WebStudies.Id}/p")))
            if (c.Name == $"ppl_{WebStudies.Id}") c.Expired = true;
        Assert.That(HasParticipantCookie(p, App.BaseUrl), Is.False);
        var secondPost = await p.PostRawAsync(p.FormAction(), form);
        Assert.That(secondPost.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther), "the same consent form (its token) may repeat");
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1));
    }

    /// <summary>
    /// An open study without screening: the consent enrols at once, the enrolment finds the panel id and the match
    /// after it lets the entry with the session id have that participant (one repeated entry counted).
    /// </summary>
    [Test]
    public async Task ConsentPost_enrolledPanelIdWithItsSession_resumesThatParticipantAndCountsOneRepeat()
    {
        using (await EnrolledOnSecondPageAsync()) { }
        using var again = NewParticipant("en");
        await again.GetAsync($"/s/{WebStudies.Id}");
        var status = await again.SubmitAsync("agree", ("panel_participant", Pid), ("panel_session", Session));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "redirected to the participant's page");
        Assert.That(again.Step, Is.EqualTo(1), "where that participant was");
        Assert.That(HasParticipantCookie(again, App.BaseUrl), Is.True);
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1));
        Assert.That(await CountAsync("select repeat_entries from participant"), Is.EqualTo(1));
    }

    /// <summary>
    /// A study paused after the consent forms were shown: a new panel id gets the paused page, an enrolled one with its
    /// session id still resumes (the match before the enrolment, which a paused study needs).
    /// </summary>
    [Test]
    public async Task ConsentPost_pausedStudy_refusesANewPanelIdAndResumesAnEnrolledOne()
    {
        using (await EnrolledOnSecondPageAsync()) { }
        using var newcomer = NewParticipant("en");
        using var again = NewParticipant("en");
        await newcomer.GetAsync($"/s/{WebStudies.Id}");
        await again.GetAsync($"/s/{WebStudies.Id}");
        await CountAsync("update study_state set status = 'paused' returning 0");

        await newcomer.SubmitAsync("agree", ("panel_participant", "PIDNEWCOMER2"));
        Assert.That(WebUtility.HtmlDecode(newcomer.Html), Does.Contain(Labels.Defaults["studyPaused"].In("en")));
        Assert.That(HasParticipantCookie(newcomer, App.BaseUrl), Is.False);

        await again.SubmitAsync("agree", ("panel_participant", Pid), ("panel_session", Session));
        Assert.That(again.Step, Is.EqualTo(1), "the enrolled participant continues in a paused study");
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1), "no one new");
        Assert.That(await CountAsync("select repeat_entries from participant"), Is.EqualTo(1));
    }
}
