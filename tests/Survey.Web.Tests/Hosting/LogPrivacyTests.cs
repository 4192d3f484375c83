using System.Net;
using NUnit.Framework;
using Survey.Web.Hosting;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Participation;
using Survey.Web.Tests.Researcher;

namespace Survey.Web.Tests.Hosting;

/// <summary>
/// Logs hold no personal data: participants with distinctive panel ids, session ids, questionnaire text and checkout
/// values go through Survey.Web running as its own process, configured as verbose as it can be (Trace for every
/// category and provider, scopes on), and nothing they sent (query string, form value, cookie) is in any line the
/// process printed. A failed researcher sign-in checks the same for a user name and password.
/// </summary>
public sealed class LogPrivacyTests : FlowTestBase
{
    // Panel parameters: each is unique enough that a hit cannot be a coincidence.
    const string Pid = "PIDlogQz7781a", PanelStudy = "STUDYlogQz4402", Session = "SESSlogQz9931b";
    const string DeclinerPid = "PIDlogDeclQz55", DeclinerSession = "SESSlogDeclQz56";
    const string WithdrawerPid = "PIDlogWdrQz61", WithdrawerSession = "SESSlogWdrQz62";
    const string Remark = "RemarkQzLog";
    const string RawPid = "PIDrawQz3318";
    const string ResearcherName = "qzloguser", ResearcherPassword = "QzLogSecret-9917";

    static readonly (string, string)[] Typed =
    [
        ("f_name", "Qzlogname Vlinderhof"), ("f_address", "Qzlogstraat 4417 Xyzdorp"), ("f_email", "qzlog.unique@example.org"),
        ("f_birthdate", "1971-04-23"), ("f_mobile", "06-97531864"), ("f_bsn", "123456782"),
        ("f_friends", "qzvriend.een@example.org, qzvriend.twee@example.net"), ("f_adhd", "yes"),
    ];

    static string[] ProcessArgs(string format) =>
    [
        "--Logging:LogLevel:Default=Trace",
        "--Logging:LogLevel:Microsoft=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel=Trace",
        "--Logging:LogLevel:Microsoft.AspNetCore.Mvc=Trace",
        "--Logging:LogLevel:Npgsql=Trace",
        "--Logging:Console:LogLevel:Default=Trace",
        "--Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Trace",
        "--Logging:Console:FormatterName=" + format,
        "--Logging:Console:FormatterOptions:IncludeScopes=true",
    ];

    [TestCase("simple")]
    [TestCase("json")]
    public async Task ParticipantsSentValues_atTraceLevel_areInNoLogLine(string format)
    {
        var needles = new List<string> { Pid, PanelStudy, Session, DeclinerPid, DeclinerSession, WithdrawerPid, WithdrawerSession, Remark };
        needles.AddRange(Typed.Where(t => t.Item1 != "f_adhd").Select(t => t.Item2));
        needles.AddRange(["Qzlogname", "Qzlogstraat", "Xyzdorp", "qzlog.unique", "97531864", "qzvriend"]);

        await using var web = await AppProcess.StartAsync(App.ConnectionString, ProcessArgs(format));

        // 1: consent, questionnaire, checkout (first without the e-mail, so the values make a round trip), debrief, end.
        using var completer = new ParticipantDriver(web.BaseUrl, "en");
        await EnterAsync(completer, $"PROLIFIC_PID={Pid}&STUDY_ID={PanelStudy}&SESSION_ID={Session}&lang=en");
        Assert.That(await completer.SubmitAsync("agree"), Is.EqualTo(HttpStatusCode.OK));
        await AnswerUntilAsync(completer, "value=\"place_order\"", needles);
        await completer.SubmitAsync("place_order", Typed.Where(t => t.Item1 != "f_email").ToArray());
        Assert.That(completer.Html, Does.Contain("Qzlogstraat"), "the invalid order came back with the values");
        await AnswerUntilAsync(completer, "id=\"completion-code\"", needles, Typed);
        Assert.That(completer.CompletionCode, Is.EqualTo("WEBDONE1"));
        needles.AddRange(CookieValues(completer, web.BaseUrl));

        // 2: declines consent.
        using var decliner = new ParticipantDriver(web.BaseUrl, "nl");
        await EnterAsync(decliner, $"PROLIFIC_PID={DeclinerPid}&SESSION_ID={DeclinerSession}");
        needles.AddRange(Tokens(decliner));
        Assert.That(await decliner.SubmitAsync("decline"), Is.EqualTo(HttpStatusCode.OK));
        needles.AddRange(CookieValues(decliner, web.BaseUrl));

        // 3: goes through, then withdraws at the debrief.
        using var withdrawer = new ParticipantDriver(web.BaseUrl, "nl");
        await EnterAsync(withdrawer, $"PROLIFIC_PID={WithdrawerPid}&SESSION_ID={WithdrawerSession}");
        await withdrawer.SubmitAsync("agree");
        await AnswerUntilAsync(withdrawer, "value=\"withdraw\"", needles, Typed);
        needles.AddRange(CookieValues(withdrawer, web.BaseUrl));
        Assert.That(await withdrawer.SubmitAsync("withdraw"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(1), "one completed, one withdrew, one declined");

        // 4: a researcher's failed sign-in: the typed user name and password are form values too.
        using (var researcher = new ConsoleClient(web.BaseUrl))
            Assert.That((await researcher.SignInAsync(ResearcherName, ResearcherPassword)).StatusCode, Is.Not.EqualTo(HttpStatusCode.InternalServerError));
        needles.AddRange([ResearcherName, ResearcherPassword]);

        // 5: a malformed request line, which Kestrel quotes in its bad-request line.
        Assert.That(await RawRequestAsync(web.BaseUrl, $"GET /s/{WebStudies.Id}?PROLIFIC_PID={RawPid} HTTP/1.1 x\r\nHost: a\r\n\r\n"), Does.StartWith("HTTP/1.1 400"));
        needles.Add(RawPid);

        await web.StopAsync();
        var lines = web.Lines;
        var all = string.Join('\n', lines);
        Assert.Multiple(() =>
        {
            // Positive controls: the capture is real and as verbose as configured, and requests are logged.
            Assert.That(all, Does.Contain("submitted step"), "the app's own lines are captured");
            Assert.That(all, Does.Match(@"POST /s/\{studyId[^}]*\}/p 303 [0-9.]+ ms"), "request lines name the route template");
            Assert.That(all, Does.Contain(format == "json" ? "\"LogLevel\":\"Debug\"" : "dbug:"), "Debug lines are captured");
            Assert.That(all, Does.Contain(format == "json" ? "\"LogLevel\":\"Trace\"" : "trce:"), "Trace lines are captured");
            Assert.That(all, Does.Contain("Npgsql"), "Npgsql's lines are captured");
            Assert.That(needles, Has.Count.GreaterThan(25));
            foreach (var needle in needles.Distinct())
                Assert.That(lines.Where(l => l.Contains(needle, StringComparison.OrdinalIgnoreCase)).ToList(), Is.Empty,
                    $"log lines contain '{needle}'");
            Assert.That(lines.Where(l => l.Contains("PROLIFIC_PID") || l.Contains("SESSION_ID")).ToList(), Is.Empty, "no query string");
        });
    }

    [Test]
    public async Task ConsoleLog_default_showsReadableWarningLinesAndNoLinePerRequest()
    {
        // A database of its own, so this process creates the first Data Protection key and warns that it is unencrypted.
        var server = await TestSupport.PostgresServer.SharedAsync();
        var database = await server.CreateDatabaseAsync();
        await TestWebApp.ImportSeedStudiesAsync(database);
        try
        {
            await using var web = await AppProcess.StartAsync(database, []);
            using var p = new ParticipantDriver(web.BaseUrl, "en");
            for (var i = 0; i < 20; i++) await p.GetAsync($"/s/demo?PROLIFIC_PID=PIDquiet{i}");
            await p.GetAsync("/no-such-page");
            await web.StopAsync();
            var lines = web.Lines;
            Assert.Multiple(() =>
            {
                Assert.That(lines, Has.None.StartsWith("{"), "no JSON lines");
                Assert.That(lines, Has.None.Contains(PrivateLogging.RequestCategory), "no line per request");
                Assert.That(lines, Has.Some.Contains("warn: Microsoft.AspNetCore.DataProtection"), "a warning (no key encryptor) is one readable line");
                Assert.That(lines, Has.Some.Contains("Now listening on: " + web.BaseUrl), "the start-up lines stay");
                Assert.That(lines.Count, Is.LessThan(20), string.Join('\n', lines));
            });
        }
        finally { await server.DropDatabaseAsync(database); }
    }

    static async Task<string> RawRequestAsync(string baseUrl, string request)
    {
        var uri = new Uri(baseUrl);
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        var buffer = new byte[4096];
        var n = await stream.ReadAsync(buffer);
        return System.Text.Encoding.ASCII.GetString(buffer, 0, n);
    }

    static async Task EnterAsync(ParticipantDriver p, string query)
    {
        Assert.That(await p.GetAsync($"/s/{WebStudies.Id}?{query}"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("value=\"agree\""), "expected the consent page");
    }

    /// <summary>Answers every page (with the distinctive remark and checkout values) until the page holds <paramref name="until"/>.</summary>
    static async Task AnswerUntilAsync(ParticipantDriver p, string until, List<string> needles, (string, string)[]? checkout = null)
    {
        for (var guard = 0; guard < 30; guard++)
        {
            needles.AddRange(Tokens(p));
            var html = p.Html;
            if (html.Contains(until)) return;
            HttpStatusCode status;
            if (html.Contains("value=\"finish\"")) status = await p.SubmitAsync("finish", ("behaviour_consent", "1"));
            else if (html.Contains("value=\"place_order\"")) status = await p.SubmitAsync("place_order", checkout!);
            else if (html.Contains("value=\"add_to_cart\"")) status = await p.SubmitAsync("add_to_cart");
            else if (html.Contains("value=\"pay\"")) status = await p.SubmitAsync("pay", ("payment", "ideal"));
            else if (html.Contains("value=\"checkout\"")) status = await p.SubmitAsync("checkout");
            else if (html.Contains("name=\"c1\"")) status = await p.SubmitAsync("next", ("c1", "6"), ("w_bsn", "1"), ("attn", "b"));
            else if (html.Contains("name=\"age\"")) status = await p.SubmitAsync("next", ("age", "47"), ("remark", Remark));
            else status = await p.SubmitAsync("next");
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), p.Url);
        }
        Assert.Fail($"Never reached a page with {until}");
    }

    /// <summary>The long hidden values of the page (antiforgery and enrolment tokens): form values too.</summary>
    static IEnumerable<string> Tokens(ParticipantDriver p) => p.HiddenFields().Select(f => f.Value).Where(v => v.Length >= 16);

    static IEnumerable<string> CookieValues(ParticipantDriver p, string baseUrl) =>
        p.Cookies.GetAllCookies().Select(c => c.Value).Where(v => v.Length >= 16)
            .Concat(p.Cookies.GetCookies(new Uri(baseUrl)).Select(c => c.Value).Where(v => v.Length >= 16)).ToList();
}
