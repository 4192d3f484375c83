using Microsoft.Playwright;

namespace TestSupport;

/// <summary>
/// The one Chromium of a test run: Debian's own build (Playwright's browser download cannot work here), driven by
/// Microsoft.Playwright through the node driver that ships inside the NuGet package (copied next to the test
/// assembly under .playwright), so no `playwright install` is needed. Tests share the browser and open a new
/// context each, which is cheap and isolates cookies; the assembly's [SetUpFixture] calls StopSharedAsync.
/// </summary>
public static class Browser
{
    public const string ChromiumVariable = "PPL_CHROMIUM";

    // --no-sandbox because the tests run as root in a container; the rest keep Chromium from phoning home
    // (component updates, sync, QUIC probes), which would both slow it down and break "nothing from other hosts".
    static readonly string[] Args =
    [
        "--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-component-update", "--disable-sync",
        // Tests never reach the internet: every name but the loopback fails to resolve at once, so a redirect to
        // another host (a panel's completion URL) ends in a quick, visible navigation error instead of a wait.
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    ];

    static readonly SemaphoreSlim Gate = new(1, 1);
    static IPlaywright? playwright;
    static IBrowser? shared;

    /// <summary>PPL_CHROMIUM, else /usr/bin/chromium, else /usr/bin/chromium-browser; null when none exists.</summary>
    public static string? FindChromium()
    {
        if (Environment.GetEnvironmentVariable(ChromiumVariable) is { Length: > 0 } configured)
            return File.Exists(configured) ? configured : null;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// The shared browser, launched on first use. Without Chromium the test is skipped locally and fails under
    /// CI=true (CiRules), with the install hint.
    /// </summary>
    public static async Task<IBrowser> LaunchAsync()
    {
        var executable = FindChromium();
        if (executable is null)
            CiRules.SkipUnlessCi("Chromium not found (looked at $" + ChromiumVariable + ", /usr/bin/chromium, " +
                                 "/usr/bin/chromium-browser). Install Debian's: apt-get install -y chromium, or set " +
                                 ChromiumVariable + " to the executable.");
        await Gate.WaitAsync();
        try
        {
            if (shared is { IsConnected: true }) return shared;
            playwright ??= await Playwright.CreateAsync();
            shared = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Args,
                Timeout = 60_000,
            });
            return shared;
        }
        finally { Gate.Release(); }
    }

    /// <summary>A fresh context (own cookies, storage) on the shared browser; dispose it at the end of the test.</summary>
    public static async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        var browser = await LaunchAsync();
        var context = await browser.NewContextAsync(options ?? new BrowserNewContextOptions());
        // Generous but finite: the machine is shared and slow, and a hung page must still fail the test.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    /// <summary>
    /// Runs an action (a click, Enter on a button) and waits until the page it causes has loaded. Playwright
    /// marks RunAndWaitForNavigationAsync obsolete in favour of WaitForURLAsync, but a server that answers a
    /// POST to /p with a redirect to /p (post/redirect/get) never changes the URL, so only the navigation
    /// event tells that the next page is there.
    /// </summary>
    public static async Task NavigateByAsync(IPage page, Func<Task> action)
    {
#pragma warning disable CS0612 // see summary: the URL does not change, so WaitForURLAsync cannot replace it
        await page.RunAndWaitForNavigationAsync(action, new PageRunAndWaitForNavigationOptions { WaitUntil = WaitUntilState.Load });
#pragma warning restore CS0612
    }

    public static async Task StopSharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is not null) await shared.CloseAsync();
            shared = null;
            playwright?.Dispose();
            playwright = null;
        }
        finally { Gate.Release(); }
    }
}
