using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue 17, must show 2: every shop page of the seed study at 1280 and 375 px, checked with axe and for sideways
/// scrolling, and photographed. With PPL_SCREENSHOTS=/path/to/docs/screenshots the pictures are written there
/// (docs/participant-pages.md shows them); otherwise into the test's work folder, so the checks always run.
/// </summary>
[TestFixture]
public sealed class ShopScreenshotTests : BrowserTest
{
    static readonly Dictionary<PageKind, string> Names = new()
    {
        [PageKind.Product] = "product", [PageKind.Cart] = "cart", [PageKind.Checkout] = "checkout",
        [PageKind.Payment] = "payment", [PageKind.Next] = "confirmation",
    };

    [TestCase(1280)]
    [TestCase(375)]
    public async Task ShopPages_atWidth_haveNoAxeViolationAndArePhotographed(int width)
    {
        var folder = BrowserChecks.ScreenshotFolder();
        var options = BrowserChecks.AtWidth(width);
        var page = await NewPageAsync(options);
        var problems = new List<string>();
        var taken = new List<string>();
        var bot = new ParticipantBot(page, App.BaseUrl, Study)
        {
            Link = await StudyStore.SlugAsync(App.DataSource, Study.Id),
            OnPage = async (kind, p) =>
            {
                if (!await p.Locator("body.shop").IsVisibleAsync() || !Names.TryGetValue(kind, out var name)) return;
                problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => $"{name}: {v}"));
                if (await BrowserChecks.HorizontalOverflowAsync(p) is > 0 and var overflow) problems.Add($"{name}: scrolls sideways by {overflow}px");
                var file = Path.Combine(folder, $"shop-{name}-{width}.png");
                await p.ScreenshotAsync(new() { Path = file, FullPage = true });
                taken.Add(file);
            },
        };
        var walk = await bot.WalkAsync(new ParticipantPlan { PanelId = "shots-" + width, Language = "nl", Checkout = ParticipantPlan.Disclose("dob", "mobile") });

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        Assert.That(taken.Select(Path.GetFileName), Is.EqualTo(Names.Values.Select(n => $"shop-{n}-{width}.png")), "one picture per shop page");
        Assert.That(taken.Select(f => new FileInfo(f).Length), Has.All.GreaterThan(5_000), "pictures with content");
        Assert.That(problems, Is.Empty);
    }
}
