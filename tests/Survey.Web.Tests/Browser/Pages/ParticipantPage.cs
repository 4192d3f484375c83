using System.Globalization;
using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>What kind of participant page the browser shows, told apart by the HTML contract of Survey.Web.</summary>
/// <remarks>PanelCompletion: the browser was sent to the panel's completion URL on another host.</remarks>
public enum PageKind { Consent, Next, Product, Cart, Checkout, Payment, Debrief, End, NoForm, PanelCompletion }

/// <summary>
/// Base of the page objects: every participant page has <c>&lt;form method="post" id="page-form"&gt;</c> with a
/// hidden <c>step</c> and submit buttons <c>name="action"</c>. Submitting waits for the page the server answers with.
/// </summary>
public class ParticipantPage(IPage page)
{
    public IPage Page { get; } = page;
    public ILocator Form => Page.Locator("#page-form");

    /// <summary>The hidden step of the form (the participant's step index; empty on the consent page).</summary>
    public async Task<int?> StepAsync()
    {
        var step = Form.Locator("input[name=step]");
        if (await step.CountAsync() == 0) return null;
        return int.TryParse(await step.First.InputValueAsync(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    public ILocator Button(string action) => Form.Locator($"button[name=action][value='{action}']");

    /// <summary>Clicks the submit button with this action and waits for the answer page to load.</summary>
    public async Task SubmitAsync(string action)
    {
        var button = Button(action);
        await TestSupport.Browser.NavigateByAsync(Page, () => button.ClickAsync());
    }

    /// <summary>The field error shown next to an input (<c>p.field-error#err-{key}</c>), or null.</summary>
    public async Task<string?> ErrorAsync(string key)
    {
        var error = Page.Locator($"#err-{key}");
        return await error.CountAsync() == 0 ? null : (await error.First.TextContentAsync())?.Trim();
    }

    public Task<int> ErrorCountAsync() => Page.Locator("p.field-error").CountAsync();

    /// <summary>The hreflang of every language link on the page.</summary>
    public async Task<IReadOnlyList<string>> LanguageLinksAsync()
    {
        var links = Page.Locator("a[hreflang]");
        var result = new List<string>();
        for (var i = 0; i < await links.CountAsync(); i++) result.Add(await links.Nth(i).GetAttributeAsync("hreflang") ?? "");
        return result;
    }

    public Task<string?> DocumentLanguageAsync() => Page.Locator("html").GetAttributeAsync("lang");

    /// <summary>What the page is, in one round trip: kind (from its buttons), hidden step, html lang.</summary>
    /// <remarks>A settable class, not a positional record: Playwright's result converter needs a parameterless constructor.</remarks>
    public sealed class Info
    {
        public string KindName { get; set; } = "";
        public string? StepText { get; set; }
        public string? Lang { get; set; }
        public PageKind Kind => Enum.Parse<PageKind>(KindName);
        public int? Step => int.TryParse(StepText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null;
    }

    /// <summary>
    /// Which page this is, from its buttons (intro, questionnaire pages and shop_done all say "next"); a page
    /// without the form is the end page when it shows a completion code, else a message (declined, closed...).
    /// </summary>
    public static Task<Info> InfoAsync(IPage page) => page.EvaluateAsync<Info>(
        """
        () => {
          const f = document.getElementById('page-form');
          const has = a => !!(f && f.querySelector('button[name=action][value="' + a + '"]'));
          const step = f && f.querySelector('input[name=step]');
          const kind = !f ? (document.getElementById('completion-code') ? 'End' : 'NoForm')
            : has('agree') ? 'Consent' : has('add_to_cart') ? 'Product' : has('checkout') ? 'Cart'
            : has('place_order') ? 'Checkout' : has('pay') ? 'Payment' : has('finish') ? 'Debrief' : has('next') ? 'Next' : 'NoForm';
          return { KindName: kind, StepText: step ? step.value : null, Lang: document.documentElement.getAttribute('lang') };
        }
        """);

    public static async Task<PageKind> KindAsync(IPage page) => (await InfoAsync(page)).Kind;

    /// <summary>The names of the visible answer inputs of the form (not step, action or the antiforgery token).</summary>
    public async Task<IReadOnlyList<string>> InputNamesAsync()
    {
        return await Form.EvaluateAsync<string[]>(
            """
            f => [...new Set([...f.querySelectorAll('input, textarea, select')]
                .filter(e => e.type !== 'hidden' && e.name)
                .map(e => e.name))]
            """);
    }

    internal static decimal ParseAmount(string? text) =>
        decimal.Parse(text ?? throw new InvalidOperationException("no amount"), NumberStyles.Number, CultureInfo.InvariantCulture);
}
