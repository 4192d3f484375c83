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

            // The report reads the same export and counts the answer as not disclosed.
            var data = Analysis.Report.ExportFolderReader.Read(dir);
            var (pi, fi) = (Array.IndexOf(data.ParticipantIds, p.Id), Array.IndexOf(data.Fields, "child_adhd"));
            Assert.That(data.Disclosures.Single(d => d.Participant == pi && d.Field == fi).Disclosed, Is.EqualTo(0));
            var adhd = Analysis.Report.ReportBuilder.Build(data, new Analysis.Report.ReportOptions(ApplyExclusions: false))
                .Fields.Single(f => f.Field == "child_adhd");
            var paired = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows
                .Where(r => r["field"] == "child_adhd" && r["stated_willing"] != "" && r["disclosed"] != "").ToList();
            Assert.That(paired.Any(r => r["participant_id"] == p.Id), "the participant is one of the report's pairs");
            Assert.That((adhd.N, adhd.DisclosedPct), Is.EqualTo((paired.Count, 100.0 * paired.Count(r => r["disclosed"] == "1") / paired.Count)),
                "the report's disclosure share counts 'prefer not to say' as not disclosed");
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

    [Test]
    public async Task Export_highestDiscountCellEveryFieldGiven_recordsTheOffersDiscountAndAmountThePagesShowed()
    {
        await FillCellsBeforeAsync(4);   // cell 4 is discount=7, the highest
        var page = await NewPageAsync();
        var offers = new Dictionary<string, decimal>(StringComparer.Ordinal);
        decimal? liveDiscount = null;
        var optional = Study.Shop!.Fields.Where(f => f.IsOptional).ToList();
        var bot = Bot(page, async (kind, p) =>
        {
            if (kind != PageKind.Checkout) return;
            var checkout = new CheckoutPage(p);
            foreach (var field in optional)
            {
                offers[field.Key] = CheckoutPage.ParseAmount(await p.Locator($"#offer-{field.Key}").GetAttributeAsync("data-offer-pct"));
                await checkout.FillAsync(field, CheckoutPage.TypicalValue(field));
            }
            liveDiscount = CheckoutPage.ParseAmount(await p.Locator("#order-discount").GetAttributeAsync("data-pct"));
        });
        var plan = new ParticipantPlan { PanelId = "export-money", Language = "en", Checkout = ParticipantPlan.Disclose(optional.Select(f => f.Key).ToArray()) };
        var walk = await bot.WalkAsync(plan);

        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        var dir = Directory.CreateTempSubdirectory("ppl-export-money-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(App.DataSource, Study.Id, dir, Clock);
            var row = CsvTable.Read(Path.Combine(dir, "participants.csv")).Row(p.Id);
            var fields = CsvTable.Read(Path.Combine(dir, "disclosures.csv")).Rows.Where(r => r["participant_id"] == p.Id)
                .ToDictionary(r => r["field"], r => r);
            decimal N(string text) => decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Multiple(() =>
            {
                Assert.That(Experiment.Engine.Studies.StudyDesign.Cells(Study)[p.CellIdx].Levels["discount"], Is.EqualTo("7"));
                Assert.That(offers.Keys, Is.EquivalentTo(optional.Select(f => f.Key)));
                foreach (var (field, shown) in offers)
                {
                    Assert.That(N(row["offer_" + field]), Is.EqualTo(shown), $"offer_{field} is the offer shown");
                    Assert.That(N(row["granted_" + field]), Is.EqualTo(shown), $"granted_{field}: the field was given, so its offer");
                    Assert.That((N(fields[field]["offer_pct"]), N(fields[field]["granted_pct"])), Is.EqualTo((shown, shown)), $"disclosures.csv {field}");
                }
                foreach (var f in Study.Shop.Fields.Where(f => !f.IsOptional))
                    Assert.That((row["granted_" + f.Key], fields[f.Key]["granted_pct"]), Is.EqualTo(("0", "0")), $"required {f.Key} earns nothing");
                Assert.That(N(row["discount_pct"]), Is.EqualTo(liveDiscount), "discount_pct is the discount the checkout showed");
                Assert.That(N(row["discount_pct"]), Is.EqualTo(offers.Values.Sum()), "and the sum of the offers shown");
                Assert.That(N(row["amount_to_pay"]), Is.EqualTo(walk.ConfirmedTotal), "amount_to_pay is what the confirmation showed");
                Assert.That(walk.ConfirmedTotal, Is.EqualTo(walk.LiveTotal), "which is the checkout's live total");
            });
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
