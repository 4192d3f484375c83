using System.Net;
using Experiment.Engine.Researchers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Researcher;

public sealed class ConsoleAccessTests
{
    /// <summary>Every researcher endpoint the app maps, read from its endpoint data sources, so new routes are covered too.</summary>
    static List<(string Method, string Pattern, bool Anonymous)> ResearcherEndpoints(string connectionString)
    {
        var app = SurveyApp.Build(["--ConnectionStrings:Main=" + connectionString, "--environment", "Production", "--contentRoot", AppContext.BaseDirectory]);
        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("researcher", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();
        return endpoints;
    }

    [Test]
    public async Task ResearcherRoutes_withoutSignIn_redirectToSignInOrAnswer401()
    {
        await using var app = await TestWebApp.StartAsync();
        var endpoints = ResearcherEndpoints(app.ConnectionString);
        Assert.That(endpoints.Count(e => !e.Anonymous), Is.GreaterThanOrEqualTo(9), "the console's routes were found");
        Assert.That(endpoints.Where(e => e.Anonymous).Select(e => $"{e.Method} {e.Pattern}").Order(),
            Is.EqualTo(new[] { "GET /researcher/assets/console.css", "GET /researcher/signin", "POST /researcher/signin" }),
            "only the sign-in page and its stylesheet are open to anonymous visitors");

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        foreach (var (method, pattern, _) in endpoints.Where(e => !e.Anonymous))
        {
            var path = pattern.Replace("{studyId:studyid}", "privacy-paradox-nl").Replace("{studyId}", "privacy-paradox-nl");
            foreach (var accept in new[] { "text/html,application/xhtml+xml", "application/json", "*/*" })
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.Accept.ParseAdd(accept);
                if (method == "POST") request.Content = new FormUrlEncodedContent([KeyValuePair.Create("status", "closed")]);
                using var response = await http.SendAsync(request);
                var what = $"{method} {path} (Accept {accept})";
                if (response.StatusCode == HttpStatusCode.Redirect)
                    Assert.That(new Uri(new Uri(app.BaseUrl), response.Headers.Location!).PathAndQuery, Does.StartWith("/researcher/signin?ReturnUrl="), what);
                else
                    Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), what);
                if (method == "GET" && accept.StartsWith("text/html") && !path.EndsWith(".zip") && !path.EndsWith(".json") && !path.EndsWith(".js"))
                    Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), what + " is a page: browsers go to the sign-in page");
            }
        }
        var state = await Experiment.Engine.Studies.StudyStore.GetCurrentAsync(app.DataSource, "privacy-paradox-nl");
        Assert.That(state?.State.Status, Is.EqualTo("open"), "no anonymous post changed the study");
    }

    [Test]
    public async Task SignIn_fiveWrongPasswords_lockOutThatAddressAndSignInWorksAfterTheLockout()
    {
        // The lockout runs on the app's clock, which the test moves past its end (no waiting).
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, new Dictionary<string, string?> { ["Researcher:LockoutSeconds"] = "3" }, clock);
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "ann");
        using var client = new ConsoleClient(app.BaseUrl);

        for (var i = 1; i <= 4; i++)
        {
            var wrong = await client.SignInAsync("ann", "not-the-password");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"attempt {i}");
            Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("Wrong username or password."));
        }
        var fifth = await client.SignInAsync("ann", "not-the-password");
        Assert.That(fifth.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(await fifth.Content.ReadAsStringAsync(), Does.Contain("Too many failed sign-ins from this address: try again after"));
        var rightButLocked = await client.SignInAsync("ann", password);
        Assert.That(rightButLocked.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(rightButLocked.Headers.RetryAfter?.Date, Is.Not.Null, "Retry-After names the end of the lockout");
        Assert.That(await rightButLocked.Content.ReadAsStringAsync(), Does.Contain("Too many failed sign-ins from this address: try again after"));
        Assert.That((await client.GetAsync("/researcher")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        Assert.That(rightButLocked.Headers.RetryAfter!.Date, Is.EqualTo(clock.GetUtcNow().AddSeconds(3)).Within(TimeSpan.FromSeconds(1)), "the lockout ends 3 s after the fifth failure, by the app's clock");
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.That((await client.SignInAsync("ann", password)).StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "still locked before its end");
        clock.Advance(TimeSpan.FromSeconds(1.5));
        var after = await client.SignInAsync("ann", password);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(after.Headers.Location?.OriginalString, Is.EqualTo("/researcher"));
        var studies = await client.GetAsync("/researcher");
        Assert.That(studies.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await studies.Content.ReadAsStringAsync(), Does.Contain("privacy-paradox-nl"));
    }

    [Test]
    public async Task ConsoleForms_withoutAntiforgeryToken_areRefused()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "bob");
        using var client = new ConsoleClient(app.BaseUrl);

        var signInWithoutToken = await client.PostAsync("/researcher/signin", [KeyValuePair.Create("username", "bob"), KeyValuePair.Create("password", password)]);
        Assert.That(signInWithoutToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));

        Assert.That((await client.SignInAsync("bob", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        foreach (var action in new[] { "/researcher/studies/privacy-paradox-nl/status", "/researcher/studies/privacy-paradox-nl/erase", "/researcher/signout" })
        {
            var response = await client.PostAsync(action, [KeyValuePair.Create("status", "closed"), KeyValuePair.Create("kind", "panel"), KeyValuePair.Create("identifier", "x")]);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), action);
        }
        var state = await Experiment.Engine.Studies.StudyStore.GetCurrentAsync(app.DataSource, "privacy-paradox-nl");
        Assert.That(state?.State.Status, Is.EqualTo("open"));

        var closed = await client.SubmitAsync("/researcher/studies/privacy-paradox-nl", "/researcher/studies/privacy-paradox-nl/status", ("status", "closed"));
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        state = await Experiment.Engine.Studies.StudyStore.GetCurrentAsync(app.DataSource, "privacy-paradox-nl");
        Assert.That(state?.State.Status, Is.EqualTo("closed"), "the same post with the page's token works");
    }
}
