using Dapper;
using Experiment.Engine.Framing;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// The framing seeds in Chromium at 375 px, in every cell: the checkout (and, where the framed fields are required,
/// its error summary after they were left open) is axe clean and fits the screen, the framed fields carry the
/// required mark only where the cell frames them so, and the study completes.
/// </summary>
[TestFixture]
public sealed class FramingPhoneTests : BrowserTest
{
    [TestCase("framing-nl", "nl")]
    [TestCase("framing-en", "en")]
    public async Task Checkout_everyCellAt375px_isAxeCleanMarksTheFramedFieldsAndCompletes(string studyId, string lang)
    {
        var study = (await StudyStore.GetCurrentAsync(App.DataSource, studyId))!.Value.Study;
        var framed = study.Shop!.Fields.Where(FieldFraming.IsFramed).ToList();
        var cells = StudyDesign.Cells(study);
        var problems = new List<string>();
        async Task Check(string name, IPage p)
        {
            problems.AddRange((await BrowserChecks.AxeViolationsAsync(p)).Select(v => $"{name}: {v}"));
            var overflow = await BrowserChecks.HorizontalOverflowAsync(p);
            if (overflow > 0) problems.Add($"{name}: scrolls sideways by {overflow}px at 375px");
        }

        // Balanced assignment: the n-th participant gets cell n.
        foreach (var cell in cells)
        {
            var required = framed.All(f => FieldFraming.RequiredInCell(f, cell));
            var panelId = $"PHONE{cell.Index}{lang}";
            var page = await NewPageAsync(BrowserChecks.Phone());
            var serverErrors = WatchServerErrors(page);
            var leftOpen = false;
            var bot = new ParticipantBot(page, App.BaseUrl, study)
            {
                OnPage = async (kind, p) =>
                {
                    if (kind != PageKind.Checkout) return;
                    await Check($"{cell.Arm} checkout", p);
                    foreach (var f in framed)
                    {
                        var marked = await p.Locator($"input[name='f_{f.Key}'][required]").CountAsync() > 0;
                        if (marked != required) problems.Add($"{cell.Arm}: {f.Key} marked required = {marked}");
                    }
                    if (!required || leftOpen) return;
                    // Framed required: ordering with them left open is refused, each named in the error summary.
                    leftOpen = true;
                    var checkout = new CheckoutPage(p);
                    foreach (var f in study.Shop.Fields.Where(f => !f.IsOptional)) await checkout.FillAsync(f, CheckoutPage.TypicalValue(f));
                    await checkout.PlaceOrderAsync();
                    var links = await p.Locator("#error-summary li a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))");
                    Assert.That(links, Is.EquivalentTo(framed.Select(f => "#field-" + f.Key)), cell.Arm);
                    await Check($"{cell.Arm} checkout with the framed fields left open", p);
                },
            };
            var plan = new ParticipantPlan
            {
                PanelId = panelId, Language = lang,
                Checkout = f => !f.IsOptional || required && FieldFraming.IsFramed(f) ? CheckoutPage.TypicalValue(f) : null,
            };
            var result = await bot.WalkAsync(plan);

            Assert.That(result.Finished, Is.True, $"{cell.Arm}: {result.LastKind}");
            Assert.That(result.CompletionCode, Is.EqualTo(study.Panel!.CompletionCode));
            Assert.That(leftOpen, Is.EqualTo(required), cell.Arm);
            Assert.That(serverErrors, Is.Empty);
            await using var conn = await App.DataSource.OpenConnectionAsync();
            var given = (await conn.QueryAsync<string>(
                "select d.field from disclosure d join participant p on p.id = d.participant_id where d.disclosed and p.study_id = @studyId and p.cell_idx = @idx",
                new { studyId, idx = cell.Index })).ToList();
            Assert.That(given, Is.EquivalentTo(study.Shop.Fields.Where(f => !f.IsOptional || required && FieldFraming.IsFramed(f)).Select(f => f.Key)), cell.Arm);
        }
        Assert.That(problems, Is.Empty);
    }
}
