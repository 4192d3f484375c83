using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>Must show 3: with JavaScript off the whole study completes and the order total is still right.</summary>
[TestFixture]
public sealed class NoScriptTests : BrowserTest
{
    [Test]
    public async Task JavaScriptDisabled_study_completesAndConfirmationTotalIsPriceMinusOffers()
    {
        var page = await NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var errors = WatchServerErrors(page);
        var plan = new ParticipantPlan
        {
            PanelId = "noscript-1", Language = "nl", Checkout = ParticipantPlan.Disclose("dob", "mobile", "bsn", "friends_emails"),
        };
        var walk = await Bot(page).WalkAsync(plan);

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(walk.ConfirmedTotal, Is.Not.Null, "the confirmation shows the total (#order-total)");
            Assert.That(walk.ConfirmedTotal, Is.EqualTo(ExpectedRows.ExpectedTotal(Study, p, walk)));
        });
    }

    [Test]
    public async Task JavaScriptDisabled_highestDiscountCell_totalEqualsTheSumOfTheOffersShown()
    {
        await FillCellsBeforeAsync(4);   // cell 4 is discount=7, the highest
        var page = await NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var optional = Study.Shop!.Fields.Where(f => f.IsOptional).Select(f => f.Key).ToArray();
        var plan = new ParticipantPlan { PanelId = "noscript-cap", Language = "en", Checkout = ParticipantPlan.Disclose(optional) };
        var walk = await Bot(page).WalkAsync(plan);

        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        // The design fixes one product in the cart; below the free-shipping amount its shipping is added after the discount.
        var price = Study.Shop.Products.Single(x => x.Key == Study.Shop.FixedProduct).Price;
        var shipping = Study.Shop.Shipping is { } rule && !(price >= rule.FreeFrom) ? rule.Cost : 0m;
        var shownSum = walk.OffersShown.Sum();
        Assert.Multiple(() =>
        {
            Assert.That(Experiment.Engine.Studies.StudyDesign.Cells(Study)[p.CellIdx].Levels["discount"], Is.EqualTo("7"));
            Assert.That(walk.OffersShown, Has.Count.EqualTo(optional.Length), "every optional field shows its offer");
            Assert.That(shownSum, Is.LessThanOrEqualTo((decimal)Study.Shop.MaxDiscountPct), "the offers shown fit under the cap");
            Assert.That(shipping, Is.GreaterThan(0m), "the seed's cart pays shipping, so the check covers it");
            Assert.That(walk.ConfirmedTotal, Is.EqualTo(Math.Round(price * (100 - shownSum) / 100, 2, MidpointRounding.AwayFromZero) + shipping),
                "the total is the price minus the sum of the offers shown, plus shipping");
        });
    }
}
