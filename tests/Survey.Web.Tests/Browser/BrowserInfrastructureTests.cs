using NUnit.Framework;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// The shared browser infrastructure itself: Debian's Chromium starts through Playwright, and the checks the
/// other browser tests rely on do find what they look for (so a clean result elsewhere means something).
/// </summary>
[TestFixture]
public sealed class BrowserInfrastructureTests
{
    [Test]
    public async Task LaunchAsync_debianChromium_runsScriptAndReportsItsVersion()
    {
        var browser = await TestSupport.Browser.LaunchAsync();
        await using var context = await TestSupport.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=en><title>t</title><p id=p>a</p><script>document.getElementById('p').textContent='from script'</script></html>");

        Assert.That(await page.Locator("#p").TextContentAsync(), Is.EqualTo("from script"));
        Assert.That(browser.Version, Does.Match(@"^\d+\."));
        Assert.That(ReferenceEquals(browser, await TestSupport.Browser.LaunchAsync()), Is.True, "one shared browser per run");
    }

    [Test]
    public async Task AxeViolationsAsync_imageWithoutAltAndUnlabelledInput_areReported()
    {
        await using var context = await TestSupport.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=en><head><title>t</title></head><body><main><h1>x</h1>" +
                                   "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='><input type=text name=q></main></body></html>");

        var violations = await BrowserChecks.AxeViolationsAsync(page);

        Assert.That(violations, Has.Some.StartsWith("image-alt:"));
        Assert.That(violations, Has.Some.StartsWith("label:"));
    }

    [Test]
    public async Task AxeViolationsAsync_accessiblePage_reportsNothing()
    {
        await using var context = await TestSupport.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html lang=en><head><title>t</title></head><body><main><h1>x</h1>" +
                                   "<label for=q>Question</label><input id=q type=text name=q></main></body></html>");

        Assert.That(await BrowserChecks.AxeViolationsAsync(page), Is.Empty);
    }

    [Test]
    public async Task HorizontalOverflowAsync_wideElementOnPhone_isPositiveAndFluidPageIsNot()
    {
        await using var context = await TestSupport.Browser.NewContextAsync(BrowserChecks.Phone());
        var page = await context.NewPageAsync();
        await page.SetContentAsync("<!doctype html><html><body style='margin:0'><div style='width:600px'>wide</div></body></html>");
        Assert.That(await BrowserChecks.HorizontalOverflowAsync(page), Is.GreaterThan(0));

        await page.SetContentAsync("<!doctype html><html><body style='margin:0'><div style='max-width:100%'>fits</div></body></html>");
        Assert.That(await BrowserChecks.HorizontalOverflowAsync(page), Is.LessThanOrEqualTo(0));
    }
}
