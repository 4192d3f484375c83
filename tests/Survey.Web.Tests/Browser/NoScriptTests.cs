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
    public async Task JavaScriptDisabled_allOffersIn15PercentCell_areCappedAtTheMaximumDiscount()
    {
        // The seed study cannot force a cell: the first four enrolments (consent only) take cells 0-3, so the
        // fifth participant is assigned cell 4 (discount=15) by balanced assignment.
        for (var i = 0; i < 4; i++)
        {
            var filler = await NewPageAsync();
            await (await ConsentPage.OpenAsync(filler, App.BaseUrl, Study.Id, $"filler-{i}")).AgreeAsync();
            await filler.Context.CloseAsync();
        }
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
