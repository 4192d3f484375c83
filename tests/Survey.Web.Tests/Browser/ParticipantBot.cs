using Experiment.Engine.Studies;
using Microsoft.Playwright;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Walks a whole study in one browser tab the way a participant would, page by page, by the HTML contract of
/// Survey.Web (see Pages/). It stops at the end page or a page without a form (declined, closed), and fails
/// loudly when a page comes back unchanged (a validation error it did not expect) or is unknown.
/// </summary>
public sealed class ParticipantBot(IPage page, string baseUrl, StudyDefinition study)
{
    /// <summary>Called on every page before the bot acts on it (accessibility, layout checks...).</summary>
    public Func<PageKind, IPage, Task>? OnPage { get; init; }

    const int MaxPages = 100;
    static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    readonly List<PageVisit> pages = [];
    readonly Dictionary<string, string> answers = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> typed = new(StringComparer.Ordinal);
    readonly List<decimal> offersShown = [];
    decimal? liveTotal, confirmedTotal;

    public async Task<WalkResult> WalkAsync(ParticipantPlan plan)
    {
        await ConsentPage.OpenAsync(page, baseUrl, study.Id, plan.PanelId, plan.Language, plan.ForcedCell);
        return await ContinueAsync(plan);
    }

    /// <summary>Goes on from whatever page the tab shows now until the end.</summary>
    public async Task<WalkResult> ContinueAsync(ParticipantPlan plan)
    {
        string? code = null;
        for (var n = 0; n < MaxPages; n++)
        {
            var visit = await VisitAsync();
            if (visit.Kind == PageKind.End) { code = await new EndPage(page).CompletionCodeAsync(); break; }
            if (visit.Kind == PageKind.PanelCompletion) { code = CodeFromCompletionUrl(page.Url); break; }
            if (visit.Kind == PageKind.NoForm) break;
            if (OnPage is not null) await OnPage(visit.Kind, page);
            await ActAsync(visit.Kind, plan);
            var after = await ParticipantPage.KindAsync(page);
            var afterStep = await new ParticipantPage(page).StepAsync();
            if (after == visit.Kind && afterStep == visit.Step && after != PageKind.NoForm)
                throw new InvalidOperationException(
                    $"Page {visit.Kind} step {visit.Step} came back after submitting ({page.Url}); errors: " +
                    string.Join(" | ", await page.Locator("p.field-error").AllTextContentsAsync()));
        }
        if (pages.Count >= MaxPages) throw new InvalidOperationException($"No end after {MaxPages} pages; last {page.Url}");
        if (OnPage is not null && pages[^1].Kind != PageKind.PanelCompletion) await OnPage(pages[^1].Kind, page);
        return new WalkResult(pages, answers, typed, offersShown, liveTotal, confirmedTotal, code);
    }

    /// <summary>The code in the panel's completion URL, by the study's template (e.g. ...?cc={code}).</summary>
    string? CodeFromCompletionUrl(string url)
    {
        var template = study.Panel?.CompletionUrl;
        if (template is null || !template.Contains("{code}")) return null;
        var parts = template.Split("{code}");
        return url.StartsWith(parts[0], StringComparison.Ordinal) && url.EndsWith(parts[1], StringComparison.Ordinal)
            ? Uri.UnescapeDataString(url[parts[0].Length..^parts[1].Length]) : null;
    }

    async Task<PageVisit> VisitAsync()
    {
        var p = new ParticipantPage(page);
        var visit = new PageVisit(await ParticipantPage.KindAsync(page), await p.StepAsync(), await p.DocumentLanguageAsync(), page.Url);
        pages.Add(visit);
        return visit;
    }

    /// <summary>Does what the plan says on the current page and submits it.</summary>
    public async Task ActAsync(PageKind kind, ParticipantPlan plan)
    {
        var keys = new KeyboardDriver(page);
        switch (kind)
        {
            case PageKind.Consent:
                var action = plan.Decline ? "decline" : "agree";
                if (plan.KeyboardOnly) await keys.SubmitAsync(NoValues, action);
                else await new ParticipantPage(page).SubmitAsync(action);
                break;
            case PageKind.Next:
                var q = new QuestionnairePage(page);
                if (await page.Locator("#order-total, #amount-paid").CountAsync() > 0) confirmedTotal = await new ShopDonePage(page).TotalAsync();
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var item in await q.ItemsAsync(study))
                    if (plan.Answer(item) is { } value) values[item.Key] = value;
                if (plan.KeyboardOnly) await keys.SubmitAsync(values, "next");
                else
                {
                    foreach (var item in await q.ItemsAsync(study))
                        if (values.TryGetValue(item.Key, out var v)) await q.AnswerAsync(item, v);
                    await q.NextAsync();
                }
                foreach (var (k, v) in values) answers[k] = v;
                break;
            case PageKind.Product:
                if (plan.KeyboardOnly) await keys.SubmitAsync(NoValues, "add_to_cart");
                else await new ProductPage(page).AddToCartAsync();
                break;
            case PageKind.Cart:
                if (plan.KeyboardOnly) await keys.SubmitAsync(NoValues, "checkout");
                else await new CartPage(page).CheckoutAsync();
                break;
            case PageKind.Checkout:
                await CheckoutAsync(plan, keys);
                break;
            case PageKind.Debrief:
                if (plan.KeyboardOnly)
                {
                    var box = plan.BehaviourConsent && !plan.Withdraw ? new Dictionary<string, string> { ["behaviour_consent"] = "1" } : NoValues;
                    await keys.SubmitAsync(box, plan.Withdraw ? "withdraw" : "finish");
                }
                else if (plan.Withdraw) await new DebriefPage(page).WithdrawAsync();
                else await new DebriefPage(page).FinishAsync(plan.BehaviourConsent);
                break;
            default:
                throw new InvalidOperationException($"The bot does not know what to do on a {kind} page ({page.Url}).");
        }
    }

    async Task CheckoutAsync(ParticipantPlan plan, KeyboardDriver keys)
    {
        var checkout = new CheckoutPage(page);
        var shop = study.Shop ?? throw new InvalidOperationException("The study has no shop but shows a checkout.");
        offersShown.Clear();
        offersShown.AddRange(await checkout.OffersShownAsync());
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in shop.Fields)
            if (plan.Checkout(field) is { } value) values[field.Key] = value;
        var action = plan.PlaceOrder ? "place_order" : "leave_shop";
        if (plan.KeyboardOnly)
            await keys.SubmitAsync(values.ToDictionary(kv => "f_" + kv.Key, kv => kv.Value), action, beforeSubmit: ReadLiveTotal);
        else
        {
            foreach (var field in shop.Fields)
                if (values.TryGetValue(field.Key, out var v)) await checkout.FillAsync(field, v);
            await ReadLiveTotal();
            await checkout.SubmitAsync(action);
        }
        foreach (var (k, v) in values) typed[k] = v;

        async Task ReadLiveTotal()
        {
            if (await page.Locator("#order-total").CountAsync() > 0) liveTotal = await checkout.TotalAsync();
        }
    }
}
