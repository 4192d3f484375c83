using System.Globalization;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Must show 1: the seed study completes in every cell and both block orders, in Dutch and in English, and the
/// database then holds exactly the expected rows. The seed study does not allow ?cell= forcing, so twelve
/// participants enrol one after the other and balanced assignment has to hand out all 6 cells x 2 orders.
/// </summary>
[TestFixture]
public sealed class CompletionTests : BrowserTest
{
    [Test]
    public async Task SeedStudy_twelveSequentialParticipants_coverEveryCellAndOrderAndLeaveExactRows()
    {
        var cells = StudyDesign.Cells(Study);
        var orders = StudyDesign.BlockOrders(Study);
        Assert.That(Study.AllowForcedCell, Is.False, "this test relies on balanced assignment, not forcing");
        var total = cells.Count * orders.Count;
        var optional = Study.Shop!.Fields.Where(f => f.IsOptional).ToList();
        var covered = new HashSet<(int Cell, int Order, string Language)>();
        var totals = new List<(decimal? Live, decimal? Confirmed, decimal Expected)>();
        long responses = 0, pageTimes = 0;

        for (var i = 0; i < total; i++)
        {
            // Participant i gets cell i mod 6 and an order that alternates (flipped in the second round): the
            // language pattern nl nl en en nl nl / en en nl nl en en gives every cell both languages and every
            // order both languages.
            var language = ((i % cells.Count) / 2 % 2 == 0) == (i < cells.Count) ? "nl" : "en";
            var plan = PlanFor(i, language, optional);
            var page = await NewPageAsync();
            var errors = WatchServerErrors(page);
            var walk = await Bot(page).WalkAsync(plan);
            Assert.That(errors, Is.Empty, $"participant {i}: server errors");
            Assert.That(walk.Finished, Is.True, $"participant {i} ended on {walk.Pages[^1].Url}");

            var p = await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
            covered.Add((p.CellIdx, p.OrderIdx, p.Language));
            if (plan.PlaceOrder)
                totals.Add((walk.LiveTotal, walk.ConfirmedTotal, ExpectedRows.ExpectedTotal(Study, p, walk)));
            responses += (await StudyRows.ResponsesAsync(App.DataSource, p.Id)).Count;
            pageTimes += StudyDesign.Steps(Study, p.OrderIdx).Count(s => plan.PlaceOrder || s.Kind != StepKind.ShopPayment);
            await page.Context.CloseAsync();
        }

        AssertOnlyCompletionUrlLeftTheApp();
        Assert.That(OtherHostRequests, Has.Count.EqualTo(total), "each finished participant went to the panel's completion URL once");
        var combos = covered.Select(c => (c.Cell, c.Order)).Distinct().ToList();
        var counts = await StudyRows.CountsAsync(App.DataSource);
        var state = await StudyRows.StateAsync(App.DataSource, Study.Id);
        Assert.Multiple(() =>
        {
            Assert.That(combos, Has.Count.EqualTo(total), "every cell x order walked");
            Assert.That(covered.Where(c => c.Language == "nl").Select(c => c.Cell).Distinct().Count(), Is.EqualTo(cells.Count), "every cell in Dutch");
            Assert.That(covered.Where(c => c.Language == "en").Select(c => c.Cell).Distinct().Count(), Is.EqualTo(cells.Count), "every cell in English");
            Assert.That(covered.Select(c => (c.Order, c.Language)).Distinct().Count(), Is.EqualTo(orders.Count * 2), "both orders in both languages");
            Assert.That(totals.Select(t => t.Live), Is.EqualTo(totals.Select(t => (decimal?)t.Expected)), "live totals at checkout");
            Assert.That(totals.Select(t => t.Confirmed), Is.EqualTo(totals.Select(t => (decimal?)t.Expected)), "totals on the confirmation");
            Assert.That(counts, Is.EqualTo(new TableCounts(total, total, responses, pageTimes, total * Study.Shop!.Fields.Count)),
                "no row beyond the twelve participants' own");
            Assert.That((state.Declined, state.Withdrawn), Is.EqualTo((0L, 0L)));
        });
    }

    /// <summary>
    /// Participant i: answers vary with i, one fails the attention check, one leaves the shop, one declines the
    /// behavioural-data consent; the optional fields disclosed follow the bits of i, some typed implausibly.
    /// </summary>
    static ParticipantPlan PlanFor(int i, string language, IReadOnlyList<CheckoutField> optional) => new()
    {
        PanelId = $"pp-{i:00}-{Guid.NewGuid():N}"[..20],
        Language = language,
        Answer = item => item.IsAttentionCheck && i == 4 ? Wrong(item) : QuestionnairePage.TypicalAnswer(item, i),
        Checkout = field =>
        {
            if (!field.IsOptional) return CheckoutPage.TypicalValue(field);
            var bit = optional.ToList().FindIndex(f => f.Key == field.Key);
            if (((i * 37 + 11) >> bit & 1) == 0) return null;
            // Every third participant fakes: the classifier must mark these implausible.
            return i % 3 == 2 ? Implausible(field) : CheckoutPage.TypicalValue(field);
        },
        PlaceOrder = i != 7,
        FastFill = true,
        BehaviourConsent = i != 9,
    };

    /// <summary>An answer that fails the attention check.</summary>
    internal static string Wrong(Item attention) =>
        (int.Parse(attention.Expected!, CultureInfo.InvariantCulture) % (attention.Points ?? 7) + 1).ToString(CultureInfo.InvariantCulture);

    static string Implausible(CheckoutField field) => field.Type switch
    {
        FieldTypes.Date => "2090-01-01",
        FieldTypes.Mobile => "0612345678",
        FieldTypes.Bsn => "123456789",
        FieldTypes.Income => "lots",
        FieldTypes.EmailList => "not an address",
        FieldTypes.Choice => field.Options![^1].Code,
        FieldTypes.Email => "nobody@",
        _ => "asdf",
    };
}
