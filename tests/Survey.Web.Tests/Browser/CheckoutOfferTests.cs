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
    public async Task PreferNotToSay_on_the_adhd_field_exports_disclosed_0_and_grants_no_discount()
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
        var subtotal = Study.Shop!.Products.Sum(x => x.Price);
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
}
