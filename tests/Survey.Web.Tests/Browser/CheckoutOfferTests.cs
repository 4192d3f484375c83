using Experiment.Engine.Studies;
using Experiment.Engine.Export;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>Issue 13: what the checkout offers and grants is true, and the export says what the browser showed.</summary>
[TestFixture]
public sealed class CheckoutOfferTests : BrowserTest
{
    [Test]
    public async Task Checkout_preferNotToSayOnTheAdhdField_exportsDisclosed0AndGrantsNoDiscount()
    {
        var cell = Experiment.Engine.Studies.StudyDesign.Cells(Study).First(c => c.Levels["discount"] != "0");
        await FillCellsBeforeAsync(cell.Index);
        var page = await NewPageAsync();
        var plan = new ParticipantPlan
        {
            PanelId = "prefer-not-1", Language = "nl",
            Checkout = f => f.Key == "child_adhd" ? "prefer_not" : f.IsOptional ? null : CheckoutPage.TypicalValue(f),
        };
        var walk = await Bot(page).WalkAsync(plan);

        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        // Nothing given: the full price of the cart, shipping included.
        var subtotal = CheckoutPage.ExpectedTotal(Study.Shop!, StudyDesign.Cells(Study)[p.CellIdx], []);
        var dir = Directory.CreateTempSubdirectory("ppl-prefer-not-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(App.DataSource, Study.Id, dir, Clock);
            var row = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows
                .Single(r => r["participant_id"] == p.Id && r["field"] == "child_adhd");
            var participant = CsvTable.Read(Path.Combine(dir, "participants.csv")).Row(p.Id);
            Assert.Multiple(() =>
            {
                Assert.That(p.CellIdx, Is.EqualTo(cell.Index));
                Assert.That(decimal.Parse(row["offer_pct"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0m), "an offer was shown");
                Assert.That((row["disclosed"], row["plausible"]), Is.EqualTo(("0", "")));
                Assert.That((participant["disclosed_child_adhd"], participant["plausible_child_adhd"]), Is.EqualTo(("0", "")));
                Assert.That(walk.LiveTotal, Is.EqualTo(subtotal), "the live total gives no discount for prefer not to say");
                Assert.That(walk.ConfirmedTotal, Is.EqualTo(subtotal), "the order is charged in full");
            });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public async Task LiveTotal_highestDiscountCell_isPriceMinusTheOffersShownAfterEveryField()
    {
        await FillCellsBeforeAsync(4);   // cell 4 is discount=7, the highest
        var page = await NewPageAsync();
        // The cart holds the fixed product; below the free-shipping amount shipping is added after the discount.
        var price = Study.Shop!.Products.Single(x => x.Key == Study.Shop.FixedProduct).Price;
        var shipping = Study.Shop.Shipping is { } rule && !(price >= rule.FreeFrom) ? rule.Cost : 0m;
        var seen = new List<(string Field, decimal Shown, decimal Expected, decimal Live)>();
        var optional = Study.Shop.Fields.Where(f => f.IsOptional).ToList();
        var bot = Bot(page, async (kind, p) =>
        {
            if (kind != PageKind.Checkout || seen.Count > 0) return;
            var checkout = new CheckoutPage(p);
            var sum = 0m;
            foreach (var field in optional)
            {
                var shown = decimal.Parse(await p.Locator($"#offer-{field.Key}").GetAttributeAsync("data-offer-pct") ?? "",
                    System.Globalization.CultureInfo.InvariantCulture);
                await checkout.FillAsync(field, CheckoutPage.TypicalValue(field));
                sum += shown;
                seen.Add((field.Key, shown, Math.Round(price * (100 - sum) / 100, 2, MidpointRounding.AwayFromZero) + shipping, await checkout.TotalAsync()));
            }
        });
        var plan = new ParticipantPlan { PanelId = "live-total", Language = "nl", Checkout = ParticipantPlan.Disclose(optional.Select(f => f.Key).ToArray()) };
        var walk = await bot.WalkAsync(plan);

        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        Assert.Multiple(() =>
        {
            Assert.That(Experiment.Engine.Studies.StudyDesign.Cells(Study)[p.CellIdx].Levels["discount"], Is.EqualTo("7"));
            Assert.That(seen.Select(x => x.Field), Is.EqualTo(optional.Select(f => f.Key)));
            Assert.That(seen.Select(x => x.Shown), Has.All.GreaterThan(0m), "every optional field shows an offer");
            foreach (var x in seen) Assert.That(x.Live, Is.EqualTo(x.Expected), $"live total after {x.Field}");
            Assert.That(walk.ConfirmedTotal, Is.EqualTo(seen[^1].Expected), "the confirmation charges what the page promised");
        });
    }
}
