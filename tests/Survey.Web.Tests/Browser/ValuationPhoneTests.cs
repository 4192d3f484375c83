using Dapper;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// The valuation seed in Chromium at 375 px, in both frames: the price list and its error summary are axe clean and
/// fit the screen, every answer tile is 44 px or more and chosen by a tap on it, and the study completes.
/// </summary>
[TestFixture]
public sealed class ValuationPhoneTests : BrowserTest
{
    const string ValuationStudy = "valuation-nl";

    [Test]
    public async Task PriceList_bothFramesAt375px_areAxeCleanTappableAndComplete()
    {
        var study = (await StudyStore.GetCurrentAsync(App.DataSource, ValuationStudy))!.Value.Study;
        var rows = study.Valuation!.Amounts.Count;
        var problems = new List<string>();
        async Task Check(string name, IPage p)
        {
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => $"{name}: {v}"));
            var overflow = await BrowserChecks.HorizontalOverflowAsync(p);
            if (overflow > 0) problems.Add($"{name}: scrolls sideways by {overflow}px at 375px");
        }

        // Balanced assignment: the first participant gets cell 0 (wta), the second cell 1 (wtp).
        foreach (var (frame, lang, switchAt) in new[] { (PriceList.Wta, "nl", 6), (PriceList.Wtp, "en", 5) })
        {
            var page = await NewPageAsync(BrowserChecks.Phone());
            var serverErrors = WatchServerErrors(page);
            await (await ConsentPage.OpenAsync(page, App.BaseUrl, ValuationStudy, "PHONE" + frame, lang)).AgreeAsync();
            await new ParticipantPage(page).SubmitAsync("next");   // the instructions
            Assert.That(await page.Locator("input[name='valuation_r1']").CountAsync(), Is.EqualTo(2), "the price list follows the instructions");
            await Check($"{frame} price list", page);

            await new ParticipantPage(page).SubmitAsync("next");
            Assert.That(await page.Locator("#error-summary li a").CountAsync(), Is.EqualTo(rows), "one summary entry per open row");
            Assert.That(await page.Locator("#error-summary li a").First.GetAttributeAsync("href"), Is.EqualTo("#field-valuation_r1"));
            await Check($"{frame} price list with errors", page);

            var (keep, money) = PriceList.Codes(frame);
            for (var row = 1; row <= rows; row++)
            {
                var want = row < switchAt ? keep : money;
                var tile = page.Locator($"label.tile:has(input[name='{PriceList.RowKey(row)}'][value='{want}'])");
                await tile.ScrollIntoViewIfNeededAsync();
                var box = (await tile.BoundingBoxAsync())!;
                if (box.Width < 44 || box.Height < 44) problems.Add($"{frame} row {row}: {box.Width:F0}x{box.Height:F0} px, less than 44 px");
                // A tap near the tile's far corner, away from the radio itself, must choose it.
                await page.Mouse.ClickAsync(box.X + box.Width - 4, box.Y + box.Height - 4);
                if (!await tile.Locator("input").IsCheckedAsync()) problems.Add($"{frame} row {row}: a tap inside the tile did not choose it");
            }
            await new ParticipantPage(page).SubmitAsync("next");
            Assert.That(await page.Locator("input[name='valuation_r1']").CountAsync(), Is.Zero, "the list was taken");

            var result = await new ParticipantBot(page, App.BaseUrl, study).ContinueAsync(new ParticipantPlan { PanelId = "PHONE" + frame, Language = lang });
            Assert.That(result.Finished, Is.True, $"{frame}: {result.LastKind}");
            Assert.That(result.CompletionCode, Is.EqualTo(study.Panel!.CompletionCode));
            Assert.That(serverErrors, Is.Empty);

            await using var conn = await App.DataSource.OpenConnectionAsync();
            var stored = (await conn.QueryAsync<(string Item, string Value)>(
                "select r.item, r.value from response r join panel_id x using (participant_id) where x.panel_participant_id = @pid and r.page = 'valuation'",
                new { pid = "PHONE" + frame })).ToDictionary(r => r.Item, r => r.Value);
            Assert.That(stored, Is.EqualTo(Enumerable.Range(1, rows).ToDictionary(PriceList.RowKey, r => r < switchAt ? keep : money)));
        }
        Assert.That(problems, Is.Empty);
    }
}
