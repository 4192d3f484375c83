using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>Must show 3: with JavaScript off the whole study completes and the order total is still right.</summary>
[TestFixture]
public sealed class NoScriptTests : BrowserTest
{
    [Test]
    public async Task JavaScriptDisabled_study_completes_and_confirmation_total_is_price_minus_offers()
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
    public async Task JavaScriptDisabled_all_offers_in_the_15_percent_cell_are_capped_at_the_maximum_discount()
    {
        await FillCellsBeforeAsync(4);   // cell 4 is discount=15
        var page = await NewPageAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var optional = Study.Shop!.Fields.Where(f => f.IsOptional).Select(f => f.Key).ToArray();
        var plan = new ParticipantPlan { PanelId = "noscript-cap", Language = "en", Checkout = ParticipantPlan.Disclose(optional) };
        var walk = await Bot(page).WalkAsync(plan);

        var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        var cell = Experiment.Engine.Studies.StudyDesign.Cells(Study)[p.CellIdx];
        var offered = Study.Shop.Fields.Sum(f => Experiment.Engine.Studies.StudyDesign.OfferFor(f, cell));
        Assert.Multiple(() =>
        {
            Assert.That(cell.Levels["discount"], Is.EqualTo("15"));
            Assert.That(offered, Is.GreaterThan(Study.Shop.MaxDiscountPct), "the offers add up past the cap");
            Assert.That(walk.ConfirmedTotal, Is.EqualTo(ExpectedRows.ExpectedTotal(Study, p, walk)));
        });
    }
}
