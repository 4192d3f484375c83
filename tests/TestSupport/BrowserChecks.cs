using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace TestSupport;

/// <summary>Checks every browser test of the project makes the same way: accessibility and small screens.</summary>
public static class BrowserChecks
{
    /// <summary>The WCAG 2.1 level A and AA rules of axe-core; best-practice rules are not a requirement here.</summary>
    public static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// axe-core's WCAG 2.1 A/AA violations on the page as it is now, one readable line per offending element
    /// ("rule: help | selector | html"), so a failing assertion says what to fix and where.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        var options = new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags.ToList() } };
        var result = await page.RunAxe(options);
        return result.Violations
            .SelectMany(v => v.Nodes.Select(n => $"{v.Id}: {v.Help} | {n.Target} | {n.Html}"))
            .ToList();
    }

    /// <summary>
    /// How far the page scrolls sideways (scrollWidth minus clientWidth of the root element); 0 or less means
    /// it fits. Use with a 375 px viewport for phones.
    /// </summary>
    public static Task<int> HorizontalOverflowAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <summary>The viewport of a screenshot at this width: the phone's below 600 px, else the width by 900 px.</summary>
    public static BrowserNewContextOptions AtWidth(int width) =>
        width < 600 ? Phone() : new BrowserNewContextOptions { ViewportSize = new() { Width = width, Height = 900 } };

    /// <summary>
    /// Where screenshots go: PPL_SCREENSHOTS (docs/screenshots, to commit them) or else the test's work folder, so
    /// the checks that take them always run.
    /// </summary>
    public static string ScreenshotFolder()
    {
        var folder = Environment.GetEnvironmentVariable("PPL_SCREENSHOTS") is { Length: > 0 } dir
            ? dir : Path.Combine(NUnit.Framework.TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A phone-sized viewport (iPhone SE/mini width) for layout checks.</summary>
    public static BrowserNewContextOptions Phone(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.ViewportSize = new ViewportSize { Width = 375, Height = 740 };
        return options;
    }
}
