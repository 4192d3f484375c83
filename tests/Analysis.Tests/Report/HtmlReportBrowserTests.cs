using Analysis.Report;
using Microsoft.Playwright;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>The HTML report in real Chromium: no console errors, no requests, four drawn figures, fits a phone.</summary>
public sealed class HtmlReportBrowserTests
{
    private static string _html = "";

    [OneTimeSetUp]
    public static void Render()
    {
        var folder = ExportFolderWriter.NewTempFolder();
        try
        {
            SyntheticStudy.Generate(500, seed: 19).WriteTo(folder);
            _html = HtmlReport.Render(ReportBuilder.Build(ExportFolderReader.Read(folder)));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    private static async Task<(IPage Page, List<string> Errors, List<string> Requests)> OpenAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        page.Console += (_, m) => { if (m.Type is "error" or "warning") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => requests.Add(r.Url);
        await page.SetContentAsync(_html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load });
        return (page, errors, requests);
    }

    [Test]
    public async Task HtmlReport_inChromium_noErrorsNoRequestsAndFourVisibleFigures()
    {
        var (page, errors, requests) = await OpenAsync();
        try
        {
            Assert.That(errors, Is.Empty);
            Assert.That(requests, Is.Empty, "a self-contained report makes no requests");
            foreach (var id in new[] { "figure-stated-vs-disclosed", "figure-discount", "figure-concern", "figure-paradox-d" })
            {
                var svg = page.Locator($"#{id} svg");
                Assert.That(await svg.IsVisibleAsync(), Is.True, id);
                var box = await svg.BoundingBoxAsync();
                Assert.That(box!.Width, Is.GreaterThan(300), id);
                Assert.That(box.Height, Is.GreaterThan(150), id);
                Assert.That(await page.Locator($"#{id} svg rect, #{id} svg path").CountAsync(), Is.GreaterThan(5), $"{id} draws shapes");
            }
            Assert.That(await page.Locator("#fields tbody tr").CountAsync(), Is.EqualTo(SyntheticStudy.Fields.Length));
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Test]
    public async Task HtmlReport_onPhone_pageDoesNotScrollSidewaysAndFiguresFit()
    {
        var (page, _, _) = await OpenAsync(BrowserChecks.Phone());
        try
        {
            Assert.That(await BrowserChecks.HorizontalOverflowAsync(page), Is.LessThanOrEqualTo(0));
            var box = await page.Locator("#figure-discount svg").BoundingBoxAsync();
            Assert.That(box!.Width, Is.LessThanOrEqualTo(375));
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Test]
    public async Task HtmlReport_axe_noWcagViolations()
    {
        var (page, _, _) = await OpenAsync();
        try
        {
            Assert.That(await BrowserChecks.AxeViolationsAsync(page), Is.Empty);
        }
        finally { await page.Context.CloseAsync(); }
    }

    [Test]
    public async Task HtmlReport_print_figuresStillRendered()
    {
        var (page, _, _) = await OpenAsync();
        try
        {
            await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
            var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4" });
            Assert.That(pdf.Length, Is.GreaterThan(20_000));
            Assert.That(await page.Locator("#figure-paradox-d svg").IsVisibleAsync(), Is.True);
        }
        finally { await page.Context.CloseAsync(); }
    }
}
