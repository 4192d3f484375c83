using Dapper;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;
using Ls = Experiment.Engine.Listings.Listings;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// The listings seeds in Chromium at 375 px, in every display mode: the results and their error summary are axe
/// clean and fit the screen, every result is a tap target of 44 px or more chosen by a tap on it, the meter is
/// read as a sentence, and the study completes with the tapped merchant stored.
/// </summary>
[TestFixture]
public sealed class ListingsPhoneTests : BrowserTest
{
    [TestCase("listings-nl", "nl", 4)]
    [TestCase("listings-en", "en", 1)]
    public async Task Results_everyModeAt375px_areAxeCleanTappableAndComplete(string studyId, string lang, int participants)
    {
        var study = (await StudyStore.GetCurrentAsync(App.DataSource, studyId))!.Value.Study;
        var ranked = Ls.Ranked(study.Listings!);
        var problems = new List<string>();
        var modes = new List<string>();
        async Task Check(string name, IPage p)
        {
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => $"{name}: {v}"));
            var overflow = await BrowserChecks.HorizontalOverflowAsync(p);
            if (overflow > 0) problems.Add($"{name}: scrolls sideways by {overflow}px at 375px");
        }

        for (var n = 0; n < participants; n++)
        {
            var pid = $"PHONE{studyId}{n}";
            var page = await NewPageAsync(BrowserChecks.Phone());
            var serverErrors = WatchServerErrors(page);
            await (await ConsentPage.OpenAsync(page, App.BaseUrl, studyId, pid, lang)).AgreeAsync();
            await new ParticipantPage(page).SubmitAsync("next");   // the instructions
            Assert.That(await page.Locator($"input[name='{Ls.ChoiceKey}']").CountAsync(), Is.EqualTo(ranked.Count), "the results follow the instructions");
            var mode = (await page.Locator("[data-listings-mode]").GetAttributeAsync("data-listings-mode"))!;
            modes.Add(mode);
            await Check($"{mode} results", page);
            // A screen reader hears the meter as a sentence; the squares themselves are hidden from it.
            var spoken = await page.Locator(".listing .visually-hidden").AllInnerTextsAsync();
            Assert.That(spoken, mode == Ls.None ? Is.Empty : Has.Count.EqualTo(ranked.Count), mode);

            await new ParticipantPage(page).SubmitAsync("next");
            Assert.That(await page.Locator("#error-summary li a").CountAsync(), Is.EqualTo(1), "the open choice is named");
            Assert.That(await page.Locator("#error-summary li a").First.GetAttributeAsync("href"), Is.EqualTo($"#field-{Ls.ChoiceKey}"));
            await Check($"{mode} results with errors", page);

            foreach (var m in ranked)
            {
                var tile = page.Locator($"label.listing:has(input[value='{m.Key}'])");
                await tile.ScrollIntoViewIfNeededAsync();
                var box = (await tile.BoundingBoxAsync())!;
                if (box.Width < 44 || box.Height < 44) problems.Add($"{mode} {m.Key}: {box.Width:F0}x{box.Height:F0} px, less than 44 px");
            }
            // A tap near the far corner of the top-rated result, away from its radio, must choose it.
            var want = ranked.MaxBy(m => m.Rating)!;
            var chosen = page.Locator($"label.listing:has(input[value='{want.Key}'])");
            var b = (await chosen.BoundingBoxAsync())!;
            await page.Mouse.ClickAsync(b.X + b.Width - 4, b.Y + b.Height - 4);
            if (!await chosen.Locator("input").IsCheckedAsync()) problems.Add($"{mode}: a tap inside the result did not choose it");
            await new ParticipantPage(page).SubmitAsync("next");
            Assert.That(await page.Locator($"input[name='{Ls.ChoiceKey}']").CountAsync(), Is.Zero, "the choice was taken");

            var result = await new ParticipantBot(page, App.BaseUrl, study).ContinueAsync(new ParticipantPlan { PanelId = pid, Language = lang });
            Assert.That(result.Finished, Is.True, $"{mode}: {result.LastKind}");
            Assert.That(result.CompletionCode, Is.EqualTo(study.Panel!.CompletionCode));
            Assert.That(serverErrors, Is.Empty);

            await using var conn = await App.DataSource.OpenConnectionAsync();
            var stored = await conn.QuerySingleAsync<string>(
                "select r.value from response r join panel_id x using (participant_id) where x.panel_participant_id = @pid and r.item = @item",
                new { pid, item = Ls.ChoiceKey });
            Assert.That(stored, Is.EqualTo(want.Key));
        }
        if (participants == 4) Assert.That(modes, Is.EquivalentTo(Ls.Modes), "each display mode was checked");
        Assert.That(problems, Is.Empty);
    }
}
