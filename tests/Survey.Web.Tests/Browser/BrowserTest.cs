using Experiment.Engine.Studies;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Base of the participant-flow browser tests: a real Survey.Web on its own fresh database with the seed
/// studies, the shared Chromium, and a new browser context per test (closed in TearDown). Contexts and tests run
/// one after the other: the machine is small and the tests measure behaviour, not throughput.
/// </summary>
public abstract class BrowserTest
{
    /// <summary>
    /// The seed study in server mode (tests/Shared/privacy-paradox-server.json, its shape before disclosure modes):
    /// these tests type into the checkout and follow the values to the server. Browser and choice mode: DisclosureModeTests.
    /// </summary>
    public const string SeedStudy = "privacy-paradox-server";

    protected TestWebApp App { get; private set; } = null!;
    protected StudyDefinition Study { get; private set; } = null!;
    /// <summary>The app's clock (TestClock): the checkout's "today" for a date of birth, which ExpectedRows uses too.</summary>
    protected FakeTimeProvider Clock { get; private set; } = null!;
    readonly List<IBrowserContext> contexts = [];

    [SetUp]
    public async Task StartApp()
    {
        Clock = TestClock.Create();
        App = await TestWebApp.StartAsync(null, null, Clock);
        var current = await StudyStore.GetCurrentAsync(App.DataSource, SeedStudy);
        Assert.That(current, Is.Not.Null, $"seed study {SeedStudy} was not imported");
        Study = current!.Value.Study;
    }

    [TearDown]
    public async Task StopApp()
    {
        foreach (var c in contexts) await c.CloseAsync();
        contexts.Clear();
        if (App is not null) await App.DisposeAsync();
    }

    /// <summary>Every request the browser made to a host other than the app's (127.0.0.1), redirects included.</summary>
    protected List<string> OtherHostRequests { get; } = [];

    /// <summary>
    /// A new browser context (own cookie jar) closed at the end of the test. Requests to other hosts cannot
    /// reach the network (Browser.cs makes every other name unresolvable); they are recorded here.
    /// </summary>
    protected async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var context = await TestSupport.Browser.NewContextAsync(options);
        contexts.Add(context);
        context.Request += (_, r) =>
        {
            if (new Uri(r.Url).Host is not ("127.0.0.1" or "localhost"))
                lock (OtherHostRequests) OtherHostRequests.Add(r.Url);
        };
        return context;
    }

    /// <summary>Pages load nothing from other hosts; the only way out is the panel's completion URL.</summary>
    protected void AssertOnlyCompletionUrlLeftTheApp()
    {
        var prefix = Study.Panel?.CompletionUrl?.Split("{code}")[0];
        lock (OtherHostRequests)
            Assert.That(OtherHostRequests.Where(u => prefix is null || !u.StartsWith(prefix, StringComparison.Ordinal)), Is.Empty,
                "requests to other hosts");
    }

    /// <summary>
    /// The seed study cannot force a cell: balanced assignment gives the n-th enrolment cell n-1 while all are
    /// equally filled, so consenting fillers first puts the participant in the wanted cell.
    /// </summary>
    protected async Task FillCellsBeforeAsync(int cellIdx)
    {
        for (var i = 0; i < cellIdx; i++)
        {
            var filler = await NewPageAsync();
            await (await Pages.ConsentPage.OpenAsync(filler, App.BaseUrl, Study.Id, $"filler-{i}")).AgreeAsync();
            await filler.Context.CloseAsync();
        }
    }

    /// <summary>A new tab signed in to the console as a new researcher account <paramref name="user"/>.</summary>
    protected async Task<IPage> SignedInAsync(string user = "ann")
    {
        var (_, password) = await Experiment.Engine.Researchers.ResearcherAccounts.CreateAsync(App.DataSource, user);
        var page = await NewPageAsync();
        await page.GotoAsync(App.BaseUrl + "/researcher/signin");
        await page.FillAsync("#username", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(App.BaseUrl + "/researcher");
        return page;
    }

    protected async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null) =>
        await (await NewContextAsync(options)).NewPageAsync();

    protected ParticipantBot Bot(IPage page, Func<Pages.PageKind, IPage, Task>? onPage = null) =>
        new(page, App.BaseUrl, Study) { OnPage = onPage };

    /// <summary>Fails the test on any answer of the server with status 500 or more (a crash is never a valid answer).</summary>
    protected static List<string> WatchServerErrors(IPage page)
    {
        var errors = new List<string>();
        page.Response += (_, r) => { if (r.Status >= 500) errors.Add($"{r.Status} {r.Request.Method} {r.Url}"); };
        return errors;
    }
}
