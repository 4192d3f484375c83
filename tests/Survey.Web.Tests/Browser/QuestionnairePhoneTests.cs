using System.Text.RegularExpressions;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// The questionnaire and consent pages on a phone (375 px): every answer tile takes a tap anywhere on it, with and
/// without JavaScript; the error summary names each unanswered question; the consent page names who is responsible.
/// </summary>
[TestFixture]
public sealed class QuestionnairePhoneTests : BrowserTest
{
    /// <summary>Distance from a tile's edge of the taps, in CSS pixels: well inside the border, far from the radio.</summary>
    const float Inset = 4;

    [TestCase(true)]
    [TestCase(false)]
    public async Task Tiles_at375px_reactToATapNearEveryCornerAndAre44pxAtLeast(bool javaScript)
    {
        var page = await NewPageAsync(BrowserChecks.Phone(new BrowserNewContextOptions { JavaScriptEnabled = javaScript }));
        var consent = await ConsentPage.OpenAsync(page, App.BaseUrl, Study.Id, "tiles-" + javaScript, "nl");
        await consent.AgreeAsync();
        await new QuestionnairePage(page).NextAsync(); // the intro; the first participant gets the questionnaire first

        var tested = new List<string>();
        var problems = new List<string>();
        var q = new QuestionnairePage(page);
        while (await page.Locator("#progress-text").CountAsync() > 0)
        {
            foreach (var item in await q.ItemsAsync(Study))
            {
                var tiles = page.Locator($"label.tile:has(input[name='{item.Key}'])");
                var count = await tiles.CountAsync();
                if (count == 0) continue;
                for (var t = 0; t < count; t++)
                {
                    var tile = tiles.Nth(t);
                    var radio = tile.Locator("input");
                    var other = tiles.Nth(t == 0 ? 1 : t - 1).Locator("input");
                    var name = $"{item.Key} tile {t + 1}";
                    for (var corner = 0; corner < 4; corner++)
                    {
                        await other.CheckAsync(); // so that a tap that misses leaves this tile unchecked
                        await tile.ScrollIntoViewIfNeededAsync();
                        var box = (await tile.BoundingBoxAsync())!; // after any scrolling the check caused
                        if (corner == 0 && (box.Width < 44 || box.Height < 44))
                            problems.Add($"{name}: {box.Width:F0}x{box.Height:F0} px, less than 44 px");
                        var x = corner % 2 == 0 ? box.X + Inset : box.X + box.Width - Inset;
                        var y = corner < 2 ? box.Y + Inset : box.Y + box.Height - Inset;
                        await page.Mouse.ClickAsync(x, y);
                        if (!await radio.IsCheckedAsync()) problems.Add($"{name}: a tap at ({x - box.X:F0}, {y - box.Y:F0}) inside the tile did not choose it");
                    }
                }
                tested.Add(item.Key);
                await q.AnswerAsync(item, QuestionnairePage.TypicalAnswer(item));
            }
            await q.NextAsync();
        }

        var radioItems = StudyDesign.AllItems(Study).Where(i => i.Type is ItemTypes.Likert or ItemTypes.YesNo or ItemTypes.Choice).Select(i => i.Key);
        Assert.Multiple(() =>
        {
            Assert.That(tested, Is.EquivalentTo(radioItems), "every radio item of every questionnaire page was tapped");
            Assert.That(problems, Is.Empty);
        });
    }

    [Test]
    public async Task Submit_empty_namesEveryUnansweredQuestionAndLinksToIt()
    {
        var page = await NewPageAsync(BrowserChecks.Phone());
        await (await ConsentPage.OpenAsync(page, App.BaseUrl, Study.Id, "summary-1", "nl")).AgreeAsync();
        var q = new QuestionnairePage(page);
        await q.NextAsync();
        var items = await q.ItemsAsync(Study);
        Assert.That(await page.Locator("#progress-text").TextContentAsync(), Is.EqualTo("Pagina 1 van 4"));
        Assert.That(await page.Locator("progress").GetAttributeAsync("value"), Is.EqualTo("1"));

        await q.NextAsync();

        var links = page.Locator("#error-summary li a");
        Assert.That(await links.CountAsync(), Is.EqualTo(items.Count), "one entry per unanswered question");
        for (var i = 0; i < items.Count; i++)
        {
            var text = (await links.Nth(i).TextContentAsync())!;
            var start = string.Join(' ', items[i].Text.In("nl").Split(' ').Take(4));
            Assert.That(text, Does.StartWith($"Vraag {i + 1}: {start}"), "names the question by number and text");
            Assert.That(text, Does.EndWith("Beantwoord deze vraag."));
            Assert.That(await links.Nth(i).GetAttributeAsync("href"), Is.EqualTo($"#field-{items[i].Key}"));
            Assert.That(await page.Locator($"#field-{items[i].Key}").CountAsync(), Is.EqualTo(1), "the link's target exists");
            Assert.That(await page.Locator($"legend:has(+ #err-{items[i].Key})").TextContentAsync(), Does.StartWith($"{i + 1}. "),
                "the question shows the number the summary uses");
        }
        Assert.That(await page.Locator("#error-summary").InnerTextAsync(), Does.Not.Contain("Dit veld is verplicht."));

        var last = items[^1];
        await links.Nth(items.Count - 1).ClickAsync();
        Assert.That(page.Url, Does.EndWith("#field-" + last.Key));
        Assert.That(await page.Locator($"#field-{last.Key}").IsVisibleAsync(), Is.True);
    }

    [TestCase("nl", "Onderzoeksinstelling", "Uw antwoorden worden 365 dagen bewaard.")]
    [TestCase("en", "Institution", "Your answers are kept for 365 days.")]
    public async Task ConsentPage_launchedStudy_namesWhoIsResponsibleAndStatesRetentionOnce(string lang, string institutionLabel, string retention)
    {
        var page = await NewPageAsync(BrowserChecks.Phone());
        await ConsentPage.OpenAsync(page, App.BaseUrl, Study.Id, "consent-" + lang, lang);
        var ethics = Study.Ethics!;
        var main = await page.Locator("main").InnerTextAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("#ethics-institution").TextContentAsync(), Is.EqualTo(ethics.Institution.In(lang)));
            Assert.That(await page.Locator("dt").First.TextContentAsync(), Is.EqualTo(institutionLabel));
            Assert.That(await page.Locator("#ethics-researcher a").GetAttributeAsync("href"), Is.EqualTo("mailto:" + ethics.Researcher.Email));
            Assert.That(await page.Locator("#ethics-researcher").TextContentAsync(), Does.StartWith(ethics.Researcher.Name));
            Assert.That(await page.Locator("#ethics-controller").TextContentAsync(), Is.EqualTo(ethics.DataController.In(lang)));
            Assert.That(await page.Locator("#ethics-approval").TextContentAsync(), Is.EqualTo(ethics.Approval));
            Assert.That(Regex.Matches(main, "365").Count, Is.EqualTo(1), "the retention period appears once");
            Assert.That(main, Does.Contain(retention));
            Assert.That(await page.Locator("#demo-notice").CountAsync(), Is.EqualTo(0));
        });
    }

    [Test]
    public async Task ConsentPage_demoStudy_saysItIsADemoAndListsNoEthics()
    {
        var page = await NewPageAsync(BrowserChecks.Phone());
        await ConsentPage.OpenAsync(page, App.BaseUrl, "demo", null, "en");

        Assert.That(await page.Locator("#demo-notice").TextContentAsync(), Is.EqualTo("This is a demonstration, not a study approved by an ethics committee."));
        Assert.That(await page.Locator("#ethics-approval").CountAsync(), Is.EqualTo(0));
        Assert.That(Regex.Matches(await page.Locator("main").InnerTextAsync(), "30 days").Count, Is.EqualTo(1));
    }
}
