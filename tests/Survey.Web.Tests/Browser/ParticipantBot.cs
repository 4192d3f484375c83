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

    /// <summary>The link the participant is given (the study's public slug); null: the study id.</summary>
    public string? Link { get; init; }

    const int MaxPages = 100;
    static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();

    readonly List<PageVisit> pages = [];
    readonly Dictionary<string, string> answers = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> typed = new(StringComparer.Ordinal);
    readonly List<decimal> offersShown = [];
    decimal? liveTotal, confirmedTotal;

    public async Task<WalkResult> WalkAsync(ParticipantPlan plan)
    {
        await ConsentPage.OpenAsync(page, baseUrl, Link ?? study.Id, plan.PanelId, plan.Language, plan.ForcedCell);
        return await ContinueAsync(plan);
    }

    /// <summary>Goes on from whatever page the tab shows now until the end.</summary>
    public async Task<WalkResult> ContinueAsync(ParticipantPlan plan)
    {
        string? code = null;
        // The panel's completion URL is on another host, which the test browser cannot resolve (Browser.cs): the
        // navigation there fails, and that request is where the participant was sent. It is recorded when it is
        // sent (Request), not only when it fails: the failed navigation can surface as the action's exception
        // before the RequestFailed event has run (a race seen with the keyboard walk's Enter).
        string? leftFor = null;
        void OnFailed(object? _, IRequest r)
        {
            if (r.IsNavigationRequest && Uri.TryCreate(r.Url, UriKind.Absolute, out var u) && u.Host != "127.0.0.1") leftFor = r.Url;
        }
        page.Request += OnFailed;
        page.RequestFailed += OnFailed;
        try
        {
            for (var n = 0; n < MaxPages; n++)
            {
                var visit = await VisitAsync();
                if (visit.Kind == PageKind.End) { code = await new EndPage(page).CompletionCodeAsync(); break; }
                if (visit.Kind == PageKind.NoForm) break;
                if (OnPage is not null) await OnPage(visit.Kind, page);
                try
                {
                    await ActAsync(visit.Kind, plan);
                }
                catch (PlaywrightException) when (leftFor is not null)
                {
                    pages.Add(new PageVisit(PageKind.PanelCompletion, null, null, leftFor));
                    code = CodeFromCompletionUrl(leftFor);
                    break;
                }
                if (leftFor is not null)
                {
                    pages.Add(new PageVisit(PageKind.PanelCompletion, null, null, leftFor));
                    code = CodeFromCompletionUrl(leftFor);
                    break;
                }
            var after = await ParticipantPage.InfoAsync(page);
            if (after.Kind == visit.Kind && after.Step == visit.Step && after.Kind != PageKind.NoForm)
                throw new InvalidOperationException(
                    $"Page {visit.Kind} step {visit.Step} came back after submitting ({page.Url}); errors: " +
                    string.Join(" | ", await page.Locator("p.field-error").AllTextContentsAsync()));
            }
        }
        finally { page.RequestFailed -= OnFailed; page.Request -= OnFailed; }
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
        var info = await ParticipantPage.InfoAsync(page);
        var visit = new PageVisit(info.Kind, info.Step, info.Lang, page.Url);
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
                else if (plan.FastFill)
                {
                    await FastFillAsync(values);
                    await q.NextAsync();
                }
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
            case PageKind.Payment:
                if (plan.KeyboardOnly) await keys.SubmitAsync(new Dictionary<string, string> { ["payment"] = plan.Payment }, "pay");
                else await new PaymentPage(page).PayAsync(plan.Payment);
                break;
            case PageKind.Debrief:
                if (plan.KeyboardOnly)
                {
                    var box = plan.Withdraw ? NoValues : new Dictionary<string, string> { ["behaviour_consent"] = plan.BehaviourConsent ? "1" : "0" };
                    await keys.SubmitAsync(box, plan.Withdraw ? "withdraw" : "finish");
                }
                else if (plan.Withdraw) await new DebriefPage(page).WithdrawAsync();
                else await new DebriefPage(page).FinishAsync(plan.BehaviourConsent);
                break;
            default:
                throw new InvalidOperationException($"The bot does not know what to do on a {kind} page ({page.Url}).");
        }
    }

    /// <summary>
    /// Sets every named control at once in the page (radios by value, text by value) and fires the input and
    /// change events the page's scripts listen to: one round trip instead of one per control.
    /// </summary>
    Task FastFillAsync(IReadOnlyDictionary<string, string> values) => page.EvaluateAsync(
        """
        values => {
          const form = document.getElementById('page-form');
          for (const [name, value] of Object.entries(values)) {
            const controls = [...form.elements].filter(e => e.name === name);
            if (controls.length === 0) throw new Error('no control named ' + name);
            for (const e of controls) {
              if (e.type === 'radio' || e.type === 'checkbox') { if (e.value !== value) continue; e.checked = true; }
              else e.value = value;
              e.dispatchEvent(new Event('input', { bubbles: true }));
              e.dispatchEvent(new Event('change', { bubbles: true }));
            }
          }
        }
        """, values);

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
            if (plan.FastFill) await FastFillAsync(values.ToDictionary(kv => "f_" + kv.Key, kv => kv.Value));
            else
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
