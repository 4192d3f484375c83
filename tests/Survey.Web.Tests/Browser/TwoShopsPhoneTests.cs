using Dapper;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Both two-shops seeds in Chromium at 375 px: the two shops stacked, each a tap target of 44 px or more, the choice
/// page and the chosen shop's checkout axe clean with and without errors, the checkout asking exactly the chosen
/// shop's data (typed in nl, ticked in en), the study completing, and of a typed value only its class stored.
/// On a wide screen the two shops stand side by side.
/// </summary>
[TestFixture]
public sealed class TwoShopsPhoneTests : BrowserTest
{
    [TestCase("two-shops-nl", "nl", "pid")]
    [TestCase("two-shops-en", "en", "PROLIFIC_PID")]
    public async Task TwoShops_seedAt375px_isAxeCleanTappableAsksTheChosenShopsDataAndCompletes(string studyId, string lang, string param)
    {
        var study = (await StudyStore.GetCurrentAsync(App.DataSource, studyId))!.Value.Study;
        var block = study.TwoShops!;
        var problems = new List<string>();
        async Task Check(string name, IPage p)
        {
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => $"{name}: {v}"));
            var overflow = await BrowserChecks.HorizontalOverflowAsync(p);
            if (overflow > 0) problems.Add($"{name}: scrolls sideways by {overflow}px at 375px");
        }
        var pid = "PHONE-" + studyId;
        var page = await NewPageAsync(BrowserChecks.Phone());
        var serverErrors = WatchServerErrors(page);
        await page.GotoAsync($"{App.BaseUrl.TrimEnd('/')}/s/{studyId}?{param}={pid}&STUDY_ID=S&SESSION_ID=X{pid}&lang={lang}");
        await new ConsentPage(page).AgreeAsync();
        await new ParticipantPage(page).SubmitAsync("next");   // the instructions
        var radios = page.Locator($"input[name='{ShopPair.ChoiceKey}']");
        Assert.That(await radios.CountAsync(), Is.EqualTo(block.AllowNoPurchase ? 3 : 2), "the two shops (and buying from neither, where offered) follow the instructions");
        if (block.AllowNoPurchase)
        {
            // The way out is one tap target of its own, under the shops, labelled like the rest of the page.
            var neither = page.Locator($"label[for='field-{ShopPair.ChoiceKey}-none']");
            Assert.That(await neither.InnerTextAsync(), Does.Contain(Labels.Get(study, "twoShopsNoPurchase", lang)));
            Assert.That((await neither.BoundingBoxAsync())!.Height, Is.GreaterThanOrEqualTo(44));
        }
        await Check("choice", page);
        // The storefront's look, not the survey's: the shops' names in the shop header, no survey header or language switch.
        Assert.That(await page.Locator("header.site-header, nav.language-switch").CountAsync(), Is.Zero);
        var header = await page.Locator("header.shop-header").InnerTextAsync();
        Assert.That(header, Does.Contain(block.Shops[0].Name.In(lang)).And.Contain(block.Shops[1].Name.In(lang)));

        // Stacked on a phone: the second shop starts below the first.
        var tiles = page.Locator("label.shop-offer");
        var (first, second) = ((await tiles.Nth(0).BoundingBoxAsync())!, (await tiles.Nth(1).BoundingBoxAsync())!);
        Assert.That(second.Y, Is.GreaterThanOrEqualTo(first.Y + first.Height), "stacked at 375 px");

        await new ParticipantPage(page).SubmitAsync("next");
        Assert.That(await page.Locator("#error-summary li a").CountAsync(), Is.EqualTo(1), "choosing no shop is refused");
        Assert.That(await page.Locator("#error-summary li a").First.GetAttributeAsync("href"), Is.EqualTo($"#field-{ShopPair.ChoiceKey}"));
        await Check("choice with error", page);

        // A tap near the second shop's far corner, away from its radio, chooses that shop.
        var tile = tiles.Nth(1);
        await tile.ScrollIntoViewIfNeededAsync();
        var box = (await tile.BoundingBoxAsync())!;
        if (box.Width < 44 || box.Height < 44) problems.Add($"shop tile {box.Width:F0}x{box.Height:F0} px, less than 44 px");
        await page.Mouse.ClickAsync(box.X + box.Width - 6, box.Y + box.Height - 6);
        Assert.That(await tile.Locator("input").IsCheckedAsync(), Is.True, "a tap inside the shop chose it");
        var chosenKey = (await tile.Locator("input").GetAttributeAsync("value"))!;
        var asked = (await tile.Locator("input").GetAttributeAsync("data-asks"))!.Split(' ');
        await new ParticipantPage(page).SubmitAsync("next");

        // The chosen shop's checkout is that shop's site, and asks exactly what it said, each required.
        var shopName = block.Shops.First(x => x.Key == chosenKey).Name.In(lang);
        var otherName = block.Shops.First(x => x.Key != chosenKey).Name.In(lang);
        Assert.That(await page.Locator("header.shop-header").InnerTextAsync(), Does.Contain(shopName).And.Not.Contain(otherName));
        var names = await page.Locator("#page-form input:not([type='hidden'])").EvaluateAllAsync<string[]>("els => els.map(e => e.name)");
        var prefix = block.Mode == DisclosureModes.Choice ? "s_" : "f_";
        Assert.That(names, Is.EquivalentTo(asked.Select(k => prefix + k)));
        await page.Locator("button[value='place_order']").ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.That(await page.Locator("#error-summary li a").CountAsync(), Is.EqualTo(asked.Length), "every asked field is required");
        await Check("checkout with errors", page);

        var typed = new Dictionary<string, string>();
        foreach (var key in asked)
        {
            var f = block.Fields.First(x => x.Key == key);
            if (block.Mode == DisclosureModes.Choice) { await page.Locator($"label[for='field-{key}']").ClickAsync(); continue; }
            typed[key] = f.Type switch { FieldTypes.Date => "17-03-1990", FieldTypes.Income => "2750", _ => "1990" };
            await page.Locator($"#field-{key}").FillAsync(typed[key]);
        }
        await Check("checkout", page);
        await page.Locator("button[value='place_order']").ClickAsync();
        await page.WaitForLoadStateAsync();
        Assert.That(await page.Locator($"input[name='{prefix}{asked[0]}']").CountAsync(), Is.Zero, "the order was taken");

        var result = await new ParticipantBot(page, App.BaseUrl, study).ContinueAsync(new ParticipantPlan { PanelId = pid, Language = lang });
        Assert.That(result.Finished, Is.True, result.LastKind.ToString());
        Assert.That(serverErrors, Is.Empty);

        await using var conn = await App.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Item, string Value)>(
            "select r.item, r.value from response r join panel_id x using (participant_id) where x.panel_participant_id = @pid and r.page = @page",
            new { pid, page = ShopPair.Page })).ToDictionary(r => r.Item, r => r.Value);
        Assert.That(stored[ShopPair.ChoiceKey], Is.EqualTo(chosenKey));
        Assert.That(int.Parse(stored[ShopPair.ChoiceMsKey]), Is.GreaterThan(0), "twoshops.js measured the time to choose");
        Assert.That(stored[ShopPair.OutcomeKey], Is.EqualTo(ShopPair.Ordered));
        Assert.That(stored.Keys.Where(k => k.StartsWith("twoshops_given_")), Is.EquivalentTo(asked.Select(ShopPair.GivenKey)));
        // No typed value anywhere in the participant's rows.
        var everything = string.Join("\n", await conn.QueryAsync<string>("select value from response"));
        foreach (var v in typed.Values) Assert.That(everything, Does.Not.Contain(v));
        Assert.That(problems, Is.Empty);
    }

    [Test]
    public async Task TwoShops_wideScreen_showsTheShopsSideBySide()
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await page.GotoAsync($"{App.BaseUrl.TrimEnd('/')}/s/two-shops-en?PROLIFIC_PID=WIDE-1&STUDY_ID=S&SESSION_ID=XW&lang=en");
        await new ConsentPage(page).AgreeAsync();
        await new ParticipantPage(page).SubmitAsync("next");

        var tiles = page.Locator("label.shop-offer");
        var (first, second) = ((await tiles.Nth(0).BoundingBoxAsync())!, (await tiles.Nth(1).BoundingBoxAsync())!);
        Assert.That(second.Y, Is.EqualTo(first.Y).Within(1), "same row");
        Assert.That(second.X, Is.GreaterThanOrEqualTo(first.X + first.Width), "the second to the right of the first");
    }

    [Test]
    public async Task Preview_twoShopsSeed_choosesAShopOrdersThereAndWritesNothing()
    {
        var study = (await StudyStore.GetCurrentAsync(App.DataSource, "two-shops-nl"))!.Value.Study;
        var console = await SignedInAsync();
        var errors = WatchServerErrors(console);
        var before = await StudyRows.EveryTableAsync(App.DataSource);

        // The last cell: invasive shop b shown second at a gap of 1.
        var cell = StudyDesign.Cells(study).Count - 1;
        await console.GotoAsync(App.BaseUrl + "/researcher/studies/two-shops-nl/preview");
        await console.SelectOptionAsync("#preview-cell", cell.ToString());
        await console.SelectOptionAsync("#preview-lang", "en");
        await console.ClickAsync("button:has-text('Start the preview')");
        await console.WaitForURLAsync(App.BaseUrl + "/s/two-shops-nl");   // the consent page first
        await new ConsentPage(console).AgreeAsync();
        await console.WaitForURLAsync(App.BaseUrl + "/s/two-shops-nl/p");
        await new ParticipantPage(console).SubmitAsync("next");   // the instructions
        var arrangement = ShopPair.Of(study, StudyDesign.Cells(study)[cell]);
        await console.Locator($"label.shop-offer:has(input[value='{arrangement.Invasive.Shop.Key}'])").ClickAsync();
        await new ParticipantPage(console).SubmitAsync("next");

        // The preview remembers the choice in its cookie: the checkout is the chosen shop's.
        Assert.That(await console.Locator("h1").InnerTextAsync(), Does.Contain(arrangement.Invasive.Shop.Name.In("en")));
        foreach (var f in arrangement.Invasive.Asks)
            await console.Locator($"#field-{f.Key}").FillAsync(f.Type == FieldTypes.Date ? "17-03-1990" : "2750");
        await console.Locator("button[value='place_order']").ClickAsync();
        await console.WaitForLoadStateAsync();
        var walk = await new ParticipantBot(console, App.BaseUrl, study).ContinueAsync(new ParticipantPlan { PanelId = "unused", Language = "en" });

        Assert.That(walk.LastKind, Is.EqualTo(PageKind.End), "reaches the end page, not the panel");
        Assert.That(await StudyRows.EveryTableAsync(App.DataSource), Is.EqualTo(before), "a preview writes nothing to any table");
        Assert.That(errors, Is.Empty);
    }
}
