using Analysis.Report;
using Microsoft.Playwright;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>
/// The HTML report of the demo export (every section: the CONSORT flow with six cells, the per-arm McNemar table,
/// the design model) in real Chromium at a phone's 375 px and a laptop's 1280 px: the page never scrolls sideways
/// (wide tables scroll inside their own box), and the figures' text stays readable when the SVG is scaled down.
/// </summary>
public sealed class HtmlReportLayoutTests
{
    static string _html = "";

    [OneTimeSetUp]
    public static void Render() =>
        _html = HtmlReport.Render(ReportBuilder.Build(ExportFolderReader.Read(Path.Combine(AppContext.BaseDirectory, "DemoData"))));

    static async Task<IPage> OpenAsync(int width)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = 800 } });
        var page = await context.NewPageAsync();
        await page.SetContentAsync(_html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
        return page;
    }

    [TestCase(375)]
    [TestCase(1280)]
    public async Task HtmlReport_demoData_noSidewaysScrolling(int width)
    {
        var page = await OpenAsync(width);
        try
        {
            Assert.That(await BrowserChecks.HorizontalOverflowAsync(page), Is.LessThanOrEqualTo(0), $"the page scrolls sideways at {width} px");
            // Every figure and table box fits the viewport; a wide table scrolls inside its wrapper instead.
            var widest = await page.EvaluateAsync<double>(
                "() => Math.max(...[...document.querySelectorAll('figure, .table-wrap, dl.header, p')].map(e => e.getBoundingClientRect().right))");
            Assert.That(widest, Is.LessThanOrEqualTo(width));
            Assert.That(await page.Locator("section").CountAsync(), Is.GreaterThanOrEqualTo(12));
            Assert.That(await page.Locator("figure svg").CountAsync(), Is.EqualTo(4));
        }
        finally { await page.Context.CloseAsync(); }
    }

    [TestCase(375, 9.5)]
    [TestCase(1280, 12)]
    public async Task HtmlReport_demoData_figureTextReadable(int width, double minimumPx)
    {
        var page = await OpenAsync(width);
        try
        {
            // The rendered height of the smallest text of any figure (tick labels, axis titles, legend).
            var smallest = await page.EvaluateAsync<double>(
                "() => Math.min(...[...document.querySelectorAll('figure svg text')].map(t => t.getBoundingClientRect().height).filter(h => h > 0))");
            Assert.That(smallest, Is.GreaterThanOrEqualTo(minimumPx), $"figure text at {width} px");
            var labels = await page.Locator("#figure-stated-vs-disclosed svg text").AllTextContentsAsync();
            Assert.That(string.Join(" ", labels), Does.Contain("Date of birth").And.Not.Contain("friends_emails"), "codebook labels, not raw keys");
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Test]
    public async Task HtmlReport_demoData_tablesAndFiguresNumberedWithCaptions()
    {
        var page = await OpenAsync(1280);
        try
        {
            var headings = await page.Locator("section h2").AllTextContentsAsync();
            Assert.That(headings.Take(3), Is.EqualTo(new[]
            {
                "Table 1. Participant flow by cell (CONSORT)", "Table 2. Disclosure of optional fields by cell", "Table 3. Reliability of the concern scale",
            }));
            var captions = await page.Locator("figcaption strong").AllTextContentsAsync();
            Assert.That(captions, Is.EqualTo(new[] { "Figure 1.", "Figure 2.", "Figure 3.", "Figure 4." }));
            Assert.That(await page.Locator("h1").TextContentAsync(), Is.EqualTo("Privacy paradox report: Online shopping and personal data"));
            Assert.That(await page.Locator("dl.header").TextContentAsync(), Does.Contain("content hash").And.Contain("data as of").And.Contain("Exclusion rules"));
        }
        finally { await page.Context.CloseAsync(); }
    }
}
