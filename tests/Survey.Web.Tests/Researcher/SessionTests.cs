using System.Net;
using System.Text.RegularExpressions;
using Experiment.Engine.Researchers;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Survey.Web.Researcher;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Researcher;

/// <summary>Researcher sessions end, sign-in is throttled per address, and nothing tells whether an account exists.</summary>
public sealed partial class SessionTests
{
    static async Task<bool> SignedInAsync(ConsoleClient client)
    {
        var response = await client.GetAsync("/researcher");
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "a refused session goes to the sign-in page");
        Assert.That(response.Headers.Location?.OriginalString, Does.Contain("/researcher/signin"));
        return false;
    }

    [Test]
    public async Task ResearcherCookie_onAParticipantPage_isNotRead()
    {
        // Every validation of a console cookie (the security-stamp query) is counted.
        var validations = 0;
        await using var app = await TestWebApp.StartAsync(null, null, configure: builder =>
            builder.Services.PostConfigure<CookieAuthenticationOptions>(ResearcherConsole.Scheme, o =>
            {
                var check = o.Events.OnValidatePrincipal;
                o.Events.OnValidatePrincipal = context => { Interlocked.Increment(ref validations); return check(context); };
            }));
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "ann");
        using var console = new ConsoleClient(app.BaseUrl);
        Assert.That((await console.SignInAsync("ann", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await SignedInAsync(console), Is.True);
        var before = validations;
        Assert.That(before, Is.GreaterThan(0), "a console page validates the cookie");

        // A browser sends the cookie under /researcher only; one that sends it everywhere gets the same pages.
        using var everywhere = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(app.BaseUrl) };
        everywhere.DefaultRequestHeaders.Add("Cookie", "ppl_researcher=" + console.SessionCookie);
        foreach (var path in new[] { "/s/privacy-paradox-nl", "/healthz", "/css/site.css", "/error/404" })
        {
            using var response = await everywhere.GetAsync(path);
            Assert.That((int)response.StatusCode, Is.LessThan(500), path);
            Assert.That(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("ppl_researcher", StringComparison.Ordinal)),
                Is.False, path + " leaves the console cookie alone");
        }
        Assert.That(validations, Is.EqualTo(before), "no participant page, health check, file or error page read the console cookie");
        Assert.That(await SignedInAsync(console), Is.True);
        Assert.That(validations, Is.GreaterThan(before), "the console still does");
    }

    [Test]
    public async Task SignOut_oldCookie_isRefusedAfterwardsForEverySessionOfTheAccount()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "ann");
        using var laptop = new ConsoleClient(app.BaseUrl);
        using var phone = new ConsoleClient(app.BaseUrl);
        Assert.That((await laptop.SignInAsync("ann", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That((await phone.SignInAsync("ann", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await SignedInAsync(laptop) && await SignedInAsync(phone), Is.True);
        var kept = laptop.SessionCookie!;

        var signOut = await laptop.SubmitAsync("/researcher", "/researcher/signout");
        Assert.That(signOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var replay = new ConsoleClient(app.BaseUrl);
        replay.UseSessionCookie(kept);
        Assert.That(await SignedInAsync(replay), Is.False, "the cookie copied before sign-out is refused");
        Assert.That(await SignedInAsync(phone), Is.False, "sign-out ends every session of the account");
        using var json = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        json.DefaultRequestHeaders.Add("Cookie", "ppl_researcher=" + kept);
        Assert.That((await json.GetAsync("/researcher/studies/privacy-paradox-nl/live.json")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        Assert.That((await laptop.SignInAsync("ann", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await SignedInAsync(laptop), Is.True, "signing in again works");
    }

    [Test]
    public async Task AccountReset_existingSessions_endOnEveryInstance()
    {
        await using var app = await TestWebApp.StartAsync();
        await using var second = await TestWebApp.StartAsync(app.ConnectionString);
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "bob");
        using var one = new ConsoleClient(app.BaseUrl);
        Assert.That((await one.SignInAsync("bob", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var other = new ConsoleClient(second.BaseUrl);
        other.UseSessionCookie(one.SessionCookie!);
        Assert.That(await SignedInAsync(one) && await SignedInAsync(other), Is.True, "the same cookie works on both instances before the reset");

        var newPassword = await ResearcherAccounts.ResetAsync(app.DataSource, "bob");   // what `account reset` runs

        Assert.That(await SignedInAsync(one), Is.False, "refused on the first instance at its next request");
        Assert.That(await SignedInAsync(other), Is.False, "and on the second");
        Assert.That((await one.SignInAsync("bob", newPassword!)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await SignedInAsync(one), Is.True);
    }

    [Test]
    public async Task SignIn_overPerAddressLimit_answers429WithRetryAfterForKnownAndUnknownNames()
    {
        // A window of an hour: the limit is reached by count, nothing here waits for time to pass.
        await using var app = await TestWebApp.StartAsync(null, new Dictionary<string, string?>
            { ["Researcher:SignInPerAddress"] = "3", ["Researcher:SignInWindowSeconds"] = "3600" });
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "cat");
        using var attacker = new ConsoleClient(app.BaseUrl, "203.0.113.10");
        Assert.That((await attacker.SignInAsync("cat", "wrong")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await attacker.SignInAsync("nobody", "wrong")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await attacker.SignInAsync("someone-else", "wrong")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        foreach (var (user, pass) in new[] { ("nobody", "wrong"), ("cat", password) })
        {
            var limited = await attacker.SignInAsync(user, pass);
            Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), user);
            Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromHours(1)), "Retry-After says when the window ends");
            var page = await limited.Content.ReadAsStringAsync();
            Assert.That(page, Does.Contain("Too many sign-in attempts from this address."), "a friendly page, not an empty answer");
        }
        Assert.That(await SignedInAsync(attacker), Is.False, "the right password over the limit does not sign in");

        using var colleague = new ConsoleClient(app.BaseUrl, "198.51.100.20");
        Assert.That((await colleague.SignInAsync("cat", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "another address is not limited");
    }

    [GeneratedRegex("<p class=\"message error\" role=\"alert\" id=\"signin-error\">([^<]*)</p>")]
    private static partial Regex ErrorPattern();

    static async Task<(HttpStatusCode Status, bool RetryAfter, string Error)> AnswerAsync(HttpResponseMessage response)
    {
        var error = ErrorPattern().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value;
        return (response.StatusCode, response.Headers.RetryAfter is not null, Regex.Replace(error, "[0-9]{2}:[0-9]{2}:[0-9]{2}", "hh:mm:ss"));
    }

    [Test]
    public async Task SignIn_lockout_answersTheSameForUnknownNamesAndLocksOutOnlyThatAddress()
    {
        await using var app = await TestWebApp.StartAsync(null, new Dictionary<string, string?> { ["Researcher:LockoutMaxFailures"] = "2" });
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "dan");
        using var attacker = new ConsoleClient(app.BaseUrl, "203.0.113.30");

        var answers = new Dictionary<string, List<(HttpStatusCode, bool, string)>>();
        foreach (var user in new[] { "dan", "no-such-researcher" })
        {
            answers[user] = [];
            for (var i = 0; i < 3; i++) answers[user].Add(await AnswerAsync(await attacker.SignInAsync(user, "wrong")));
        }
        Assert.That(answers["no-such-researcher"], Is.EqualTo(answers["dan"]), "status, Retry-After and text do not tell whether the account exists");
        Assert.That(answers["dan"][0], Is.EqualTo((HttpStatusCode.Unauthorized, false, "Wrong username or password.")));
        Assert.That(answers["dan"][1].Item1, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(answers["dan"][1].Item3, Does.StartWith("Too many failed sign-ins from this address: try again after hh:mm:ss UTC."));
        Assert.That(answers["dan"][2], Is.EqualTo(answers["dan"][1]));

        Assert.That((await attacker.SignInAsync("dan", password)).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "that address stays locked out");
        using var researcher = new ConsoleClient(app.BaseUrl, "198.51.100.31");
        Assert.That((await researcher.SignInAsync("dan", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect),
            "the account itself is not locked: an attacker cannot keep its owner out");
    }

    static readonly string[] UnsafeReturnUrls =
    [
        "/researcher\t/x", "/researcher\r\n/x", "/researcher\n", "/researcher/\rLocation: https://evil.example/",
        "//evil.example/researcher", "/\\evil.example", "https://evil.example/researcher", "/researcher\\..\\x", "/researcherx",
    ];

    [Test]
    public async Task SignIn_unsafeReturnUrl_fallsBackToTheConsoleHome()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "eve");
        for (var i = 0; i < UnsafeReturnUrls.Length; i++)
        {
            var returnUrl = UnsafeReturnUrls[i];
            using var client = new ConsoleClient(app.BaseUrl, $"192.0.2.{i + 1}");   // each case within the sign-in limit
            var what = Uri.EscapeDataString(returnUrl);
            var form = await client.GetAsync("/researcher/signin?returnUrl=" + what);
            Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK), what);
            Assert.That(await form.Content.ReadAsStringAsync(), Does.Contain("<input type=\"hidden\" name=\"returnUrl\">"), what + ": the form does not carry it on");
            Assert.That((await client.SignInAsync("eve", "wrong", returnUrl)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), what);

            var signedIn = await client.SignInAsync("eve", password, returnUrl);
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), what);
            Assert.That(signedIn.Headers.Location?.OriginalString, Is.EqualTo("/researcher"), what);
        }
    }

    [Test]
    public async Task SignIn_consoleReturnUrl_goesBackThere()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "fay");
        using var client = new ConsoleClient(app.BaseUrl);
        var signedIn = await client.SignInAsync("fay", password, "/researcher/studies/privacy-paradox-nl?x=1");
        Assert.That(signedIn.Headers.Location?.OriginalString, Is.EqualTo("/researcher/studies/privacy-paradox-nl?x=1"));
    }
}
