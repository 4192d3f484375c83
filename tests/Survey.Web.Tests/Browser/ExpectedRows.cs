using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using Npgsql;
using NUnit.Framework;
using TestSupport;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// What the database must hold after a participant walked a study to the end, derived from the study file and
/// the plan the bot followed: one participant row, its panel id row, one response per answered item, one
/// page_time per step, one disclosure per checkout field with the cell's offer (export-format.md).
/// </summary>
public static class ExpectedRows
{
    /// <summary>The page kind a step shows; the end step redirects to the panel when the study names a completion URL.</summary>
    public static PageKind KindOf(StudyDefinition study, StepKind kind) => kind switch
    {
        StepKind.End when study.Panel?.CompletionUrl is { Length: > 0 } => PageKind.PanelCompletion,
        StepKind.ShopProduct => PageKind.Product,
        StepKind.ShopCart => PageKind.Cart,
        StepKind.ShopCheckout => PageKind.Checkout,
        StepKind.ShopPayment => PageKind.Payment,
        StepKind.Debrief => PageKind.Debrief,
        StepKind.End => PageKind.End,
        _ => PageKind.Next,
    };

    /// <summary>Asserts every row of a participant who finished (not withdrawn); returns the participant row.</summary>
    /// <param name="fullWalk">false when the walk resumed part way: the page sequence is then not compared.</param>
    public static async Task<ParticipantRow> AssertCompletedAsync(NpgsqlDataSource db, StudyDefinition study, ParticipantPlan plan,
        WalkResult walk, bool fullWalk = true)
    {
        var p = await StudyRows.ByPanelIdAsync(db, plan.PanelId);
        Assert.That(p, Is.Not.Null, $"no participant for panel id {plan.PanelId}");
        var cells = StudyDesign.Cells(study);
        var orders = StudyDesign.BlockOrders(study);
        Assert.That(p!.CellIdx, Is.InRange(0, cells.Count - 1));
        Assert.That(p.OrderIdx, Is.InRange(0, orders.Count - 1));
        var cell = cells[p.CellIdx];
        // Leaving the shop at the checkout passes over the payment step: it is neither shown nor timed.
        var steps = StudyDesign.Steps(study, p.OrderIdx).Where(s => plan.PlaceOrder || s.Kind != StepKind.ShopPayment).ToList();
        var language = study.Language(plan.Language);
        var attention = StudyDesign.AllItems(study).SingleOrDefault(i => i.IsAttentionCheck);
        var who = $"participant {plan.PanelId} (cell {p.CellIdx}, order {p.OrderIdx}, {language})";

        Assert.Multiple(() =>
        {
            Assert.That(p.Status, Is.EqualTo("completed"), who);
            Assert.That(p.StudyId, Is.EqualTo(study.Id), who);
            Assert.That(p.StudyVersion, Is.EqualTo(study.Version), who);
            Assert.That(p.Language, Is.EqualTo(language), who);
            Assert.That(p.Arm, Is.EqualTo(cell.Arm), who);
            Assert.That(p.BlockOrder, Is.EqualTo(StudyDesign.BlockOrderName(orders[p.OrderIdx])), who);
            Assert.That(p.Step, Is.EqualTo(steps[^1].Index), who + ": on the end step");
            Assert.That(p.CompletedAt, Is.Not.Null, who);
            Assert.That(p.CheckoutOutcome, Is.EqualTo(plan.PlaceOrder ? "ordered" : "left_shop"), who);
            Assert.That(p.BehaviourConsent, Is.EqualTo(plan.BehaviourConsent), who);
            if (attention is not null)
                Assert.That(p.AttentionPassed, Is.EqualTo(plan.Answer(attention) == attention.Expected), who + ": attention_passed");
            Assert.That(walk.CompletionCode, Is.Not.Null.And.Not.Empty, who + ": completion code shown");
            Assert.That(walk.CompletionCode, Is.EqualTo(p.CompletionCode), who + ": code shown is the stored one");

            Assert.That(walk.Pages.Where(v => v.Kind != PageKind.PanelCompletion).Select(v => v.Language).Distinct(),
                Is.EqualTo(new[] { language }), who + ": html lang of every page");
            if (!fullWalk) return;
            // The browser saw the pages in the assigned order, each once.
            Assert.That(walk.Pages[0].Kind, Is.EqualTo(PageKind.Consent), who + ": consent first");
            var seen = walk.Pages.Where(v => v.Kind != PageKind.Consent).Select(v => (v.Kind, v.Step)).ToList();
            var expectedSeen = steps.Select(s => (KindOf(study, s.Kind), s.Kind == StepKind.End ? (int?)null : s.Index)).ToList();
            Assert.That(seen.Select(s => s.Kind), Is.EqualTo(expectedSeen.Select(s => s.Item1)), who + ": page sequence");
            Assert.That(seen.SkipLast(1).Select(s => s.Step), Is.EqualTo(expectedSeen.SkipLast(1).Select(s => s.Item2)), who + ": hidden steps");
        });

        var panel = await StudyRows.PanelIdAsync(db, p.Id);
        Assert.That(panel, Is.EqualTo(new PanelIdRow(study.Panel!.Name, plan.PanelId, "panel-study-1", "session-" + plan.PanelId)), who);

        var expectedResponses = study.Pages.Where(page => steps.Any(s => s.Page == page.Key))
            .SelectMany(page => page.Items.Select(item => (page: page.Key, item: item.Key, value: plan.Answer(item))))
            .Where(r => r.value is not null).OrderBy(r => r.item, StringComparer.Ordinal).ToList();
        var responses = await StudyRows.ResponsesAsync(db, p.Id);
        Assert.That(responses.Select(r => (r.Page, r.Item, (string?)r.Value)).OrderBy(r => r.Item, StringComparer.Ordinal),
            Is.EqualTo(expectedResponses), who + ": responses");

        var times = await StudyRows.PageTimesAsync(db, p.Id);
        Assert.Multiple(() =>
        {
            Assert.That(times.Select(t => (t.Step, t.Page)), Is.EqualTo(steps.Select(s => (s.Index, s.Name))), who + ": one page_time per step");
            Assert.That(times.SkipLast(1).Where(t => t.SubmittedAt is null).Select(t => t.Page), Is.Empty, who + ": submitted_at of every page before the end");
            Assert.That(times.Where(t => t.SubmittedAt < t.ShownAt).Select(t => t.Page), Is.Empty, who + ": submitted before shown");
            Assert.That(times.Zip(times.Skip(1)).Where(t => t.Second.ShownAt < t.First.SubmittedAt).Select(t => t.Second.Page), Is.Empty,
                who + ": a page shown before the previous one was submitted");
        });

        await AssertDisclosuresAsync(db, study, p, plan, walk, who);
        return p;
    }

    static async Task AssertDisclosuresAsync(NpgsqlDataSource db, StudyDefinition study, ParticipantRow p, ParticipantPlan plan, WalkResult walk, string who)
    {
        var shop = study.Shop!;
        var cell = StudyDesign.Cells(study)[p.CellIdx];
        var today = DateOnly.FromDateTime(TestClock.Start.UtcDateTime);   // the app's today (BrowserTest.Clock, UTC)
        var rows = (await StudyRows.DisclosuresAsync(db, p.Id)).ToDictionary(r => r.Field);
        Assert.That(rows.Keys, Is.EquivalentTo(shop.Fields.Select(f => f.Key)), who + ": one disclosure row per checkout field");
        Assert.Multiple(() =>
        {
            foreach (var field in shop.Fields)
            {
                var row = rows[field.Key];
                var typed = walk.Typed.GetValueOrDefault(field.Key);
                var disclosed = plan.PlaceOrder && Gives(field, typed);
                var c = DisclosureClassifier.Classify(field, typed, today);
                var at = $"{who}, field {field.Key}";
                Assert.That(row.OfferPct, Is.EqualTo((decimal)StudyDesign.OfferFor(field, cell)), at + ": offer_pct");
                Assert.That(row.Disclosed, Is.EqualTo(disclosed), at + ": disclosed");
                Assert.That(row.Plausible, Is.EqualTo(disclosed ? c.Class == Plausibility.Plausible : (bool?)null), at + ": plausible");
                if (field.Type == FieldTypes.EmailList && disclosed) Assert.That(row.ListCount, Is.EqualTo(c.ListCount), at + ": list_count");
                if (field.Type != FieldTypes.EmailList) Assert.That(row.ListCount, Is.Null, at + ": list_count");
                if (row.TimeOnFieldMs is { } ms) Assert.That(ms, Is.GreaterThanOrEqualTo(0), at + ": time_on_field_ms");
            }
        });
    }

    /// <summary>The total the confirmation must show for what the participant typed.</summary>
    public static decimal ExpectedTotal(StudyDefinition study, ParticipantRow p, WalkResult walk) =>
        CheckoutPage.ExpectedTotal(study.Shop!, StudyDesign.Cells(study)[p.CellIdx],
            walk.Typed.Where(kv => Gives(study.Shop!.Fields.Single(f => f.Key == kv.Key), kv.Value)).Select(kv => kv.Key));

    /// <summary>
    /// Does what was typed disclose the field (study-format.md): something entered, other than a choice option
    /// the study marks "discloses": false.
    /// </summary>
    public static bool Gives(CheckoutField field, string? typed) =>
        !string.IsNullOrWhiteSpace(typed) && field.Options?.SingleOrDefault(o => o.Code == typed.Trim()) is not { Discloses: false };
}
