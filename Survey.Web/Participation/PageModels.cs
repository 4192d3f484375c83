using System.Globalization;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;

namespace Survey.Web.Participation;

/// <summary>What every participant page shows around its content: language, title, switch, errors.</summary>
public class PageBase
{
    public PageBase(string lang, string title) { Lang = lang; Title = title; }
    public string Lang { get; }
    /// <summary>The one h1 of the page, also the document title.</summary>
    public string Title { get; }
    public StudyDefinition? Study { get; init; }
    public IReadOnlyList<LanguageLink> LanguageLinks { get; init; } = [];
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    /// <summary>An error or closed page: it names neither the platform nor the study (its title is the study's topic).</summary>
    public bool Neutral { get; init; }
    public string L(string key) => Study is null ? Labels.Defaults.TryGetValue(key, out var d) ? d.In(Lang) : key : Labels.Get(Study, key, Lang);
    public string? ErrorFor(string key) => Errors.FirstOrDefault(e => e.Key == key)?.Message;
    /// <summary>Paragraphs of a study text: blank lines separate them.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A message and nothing to do: closed, full, declined, errors.</summary>
public sealed class MessagePage(string lang, string title, string text) : PageBase(lang, title)
{
    public string Text { get; } = text;
    public string? Code { get; init; }
    public string? CodeLabel { get; init; }
    public string? ContinueUrl { get; init; }
    /// <summary>A "try again" that repeats the failed request: a link, or a form when Fields is not null.</summary>
    public RetryRequest? Retry { get; init; }
}

public sealed record RetryRequest(string Url, IReadOnlyList<KeyValuePair<string, string>>? Fields);

/// <summary>A message next to a field; Key is the item key or checkout field key (err-{key}, field-{key}).</summary>
public sealed record FieldError(string Key, string Message)
{
    /// <summary>A checkout rule's problem in the page's language; never quotes the value.</summary>
    public static FieldError For(CheckoutProblem problem, PageBase labels) => new(problem.Field, problem.Problem switch
    {
        CheckoutRules.Problem.Required => labels.L("required"),
        CheckoutRules.Problem.Invalid => labels.L(problem.Message!),
        _ => string.Format(CultureInfo.InvariantCulture, labels.L("tooLong"), CheckoutRules.MaxValueLength),
    });

    /// <summary>How the error summary names the question ("Vraag 3: ..."); absent, the summary shows the message only.</summary>
    public string? Name { get; init; }
}

/// <summary>The debrief's required question on the use of the shop data (field behaviour_consent).</summary>
public static class DebriefQuestion
{
    public const string Key = "behaviour_consent";

    /// <summary>The error when it is not answered: the summary names the question, as the questionnaire's does.</summary>
    public static FieldError Unanswered(PageBase labels) => new(Key, labels.L("answerQuestion")) { Name = labels.L("behaviourConsent") };
}

/// <summary>The consent page: the study's consent text and the hidden fields that carry the entry's parameters.</summary>
public sealed class ConsentPage(string lang, string title) : PageBase(lang, title)
{
    public required string Text { get; init; }
    public required string FormAction { get; init; }
    public required IReadOnlyList<KeyValuePair<string, string>> Hidden { get; init; }
    /// <summary>Agreed without answering the study's screening question: the page is shown again with it marked.</summary>
    public bool ScreeningError { get; init; }
}

/// <summary>A page of the participant's sequence: its form posts back the step it was rendered for.</summary>
public class StepPage(string lang, string title) : PageBase(lang, title)
{
    public required int Step { get; init; }
    public required string FormAction { get; init; }
    public string Text { get; init; } = "";
}

public sealed class QuestionnairePage(string lang, string title) : StepPage(lang, title)
{
    public required Page Page { get; init; }
    /// <summary>This page's place among the participant's questionnaire pages, 1-based, and their number.</summary>
    public required (int Number, int Of) Progress { get; init; }
    /// <summary>The item's number on its page as shown ("3."), so the error summary can name it.</summary>
    public int Number(Item item) => Questionnaire.Number(Page, item);
    /// <summary>What was submitted, to re-render an invalid page with the participant's answers kept.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public string Value(string key) => Values.TryGetValue(key, out var v) ? v : "";
}

/// <summary>
/// A page of the storefront (the shop block), shown in _ShopLayout: the brand instead of the survey frame, the
/// cart's totals (computed once by the engine, <see cref="OrderTotals"/>), no language switch.
/// </summary>
public class ShopPageBase(string lang, string title) : StepPage(lang, title)
{
    public required Shop Shop { get; init; }
    public required OrderTotals Totals { get; init; }
    public string BrandName => Shop.Brand?.Name ?? Shop.Name.In(Lang);
    public string Money(decimal amount) => Participation.Money.Format(amount, Shop.Currency, Lang);
    public string ShippingText(decimal amount) => amount == 0 ? L("free") : Money(amount);
    /// <summary>The products the page offers (the fixed one, or the catalogue).</summary>
    public IReadOnlyList<Product> Offered => Cart.Offered(Shop);
    public int Quantity(string product) => Totals.Lines.FirstOrDefault(l => l.Product.Key == product)?.Quantity ?? 0;

    /// <summary>
    /// Where the footer's "Privacyverklaring" goes: the statement on this page (the checkout, so nothing typed is
    /// lost), else the shop's statement page (FlowController.Privacy); null when the study gives the shop none.
    /// </summary>
    public virtual string? PrivacyHref => Shop.PrivacyStatement is null ? null : FormAction + "/privacy";

    /// <summary>The level of the statement's headings: under the checkout's "Privacy" (h2) they are h3.</summary>
    public virtual int PrivacyHeadingLevel => 3;

    /// <summary>The statement's blocks ("## " starts a heading), with the brand's name, KvK number and e-mail (not translated).</summary>
    public IEnumerable<(bool Heading, string Text)> PrivacyBlocks()
    {
        var text = Shop.PrivacyStatement?.Text?.In(Lang) is { Length: > 0 } own ? own : L("privacyStatementText");
        var filled = text.Replace("{shop}", BrandName).Replace("{kvk}", Shop.Brand?.Kvk ?? "").Replace("{email}", Shop.Brand?.Email ?? "");
        foreach (var p in Paragraphs(filled))
            yield return p.StartsWith("## ", StringComparison.Ordinal) ? (true, p[3..].Trim()) : (false, p);
    }
}

/// <summary>The shop's privacy statement as a page of the shop, with the way back to where the participant was.</summary>
public sealed class PrivacyPage(string lang, string title) : ShopPageBase(lang, title)
{
    public required string BackText { get; init; }
    /// <summary>On its own page the statement's headings come straight under the page's h1.</summary>
    public override int PrivacyHeadingLevel => 2;
}

public sealed class ShopPage(string lang, string title) : ShopPageBase(lang, title)
{
    public decimal Subtotal => Totals.Subtotal;
}

public sealed class CheckoutPage(string lang, string title) : ShopPageBase(lang, title)
{
    public required IReadOnlyList<CheckoutLine> Lines { get; init; }
    public NoticeLevel? Notice { get; init; }
    public required double DiscountPct { get; init; }
    /// <summary>Typed values, only when an invalid order comes back in the same response; never stored.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Times { get; init; } = new Dictionary<string, string>();
    /// <summary>The server's date (yyyy-mm-dd), by which checkout.js classifies a date of birth in browser mode.</summary>
    public string Today { get; init; } = "";
    public decimal Subtotal => Totals.Subtotal;
    public decimal Total => Totals.Total;
    public string Value(string key) => Values.TryGetValue(key, out var v) ? v : "";
    /// <summary>The participant's cell must scroll past the statement before the order is taken (shop.privacyStatement.requireScroll).</summary>
    public bool RequireScroll { get; init; }
    /// <summary>What the browser reported so far (an order sent back with an error keeps it, so no time is lost).</summary>
    public PrivacyForm.Report Privacy { get; init; } = new(null, null);
    /// <summary>The checkout shows the statement itself: in its scroll box, or as a disclosure under the notice.</summary>
    public override string? PrivacyHref => Shop.PrivacyStatement is null ? null : RequireScroll ? "#field-privacy" : "#privacy-statement";
}

/// <summary>The payment step: the class of the choice is all it sends back (Payment.Classes).</summary>
public sealed class PaymentPage(string lang, string title) : ShopPageBase(lang, title)
{
    public string? Chosen { get; init; }
}

public sealed class ShopDonePage(string lang, string title) : ShopPageBase(lang, title)
{
    public required bool Ordered { get; init; }
    /// <summary>The amount stored with the order (the export's amount_to_pay), and as the page shows it.</summary>
    public required decimal AmountToPay { get; init; }
    public required string TotalText { get; init; }
    public string? OrderNumber { get; init; }
    public string? DeliveryText { get; init; }
    public string? PaymentClass { get; init; }
}

/// <summary>The valuation block's price list in the participant's frame (ValuationForm).</summary>
public sealed class ValuationPage(string lang, string title) : StepPage(lang, title)
{
    public required string Question { get; init; }
    public required IReadOnlyList<ValuationForm.Row> Rows { get; init; }
    /// <summary>What was submitted, to re-render an incomplete list with the participant's answers kept.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public string Value(string key) => Values.TryGetValue(key, out var v) ? v : "";
}

/// <summary>The two competing shops in the cell's order (TwoShopsForm), or the chosen shop's checkout.</summary>
public sealed class TwoShopsPage(string lang, string title) : StepPage(lang, title)
{
    public required Experiment.Engine.Studies.TwoShopsBlock Block { get; init; }
    public required Experiment.Engine.TwoShops.ShopArrangement Arrangement { get; init; }
    /// <summary>The checkout only: the shop chosen at the step before.</summary>
    public Experiment.Engine.TwoShops.ShopOffer? Chosen { get; init; }
    /// <summary>What was submitted, to re-render with the participant's choice or typed values kept.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    public string Value(string key) => Values.TryGetValue(key, out var v) ? v : "";
    public string Money(decimal amount) => Participation.Money.Format(amount, Block.Currency, Lang);
    public string Name(Experiment.Engine.TwoShops.ShopOffer shop) => shop.Shop.Name.In(Lang);
    /// <summary>What a field asks, as it reads mid-sentence: its shareName, else its label.</summary>
    public string Asked(Experiment.Engine.Studies.TwoShopsField f) => f.ShareName?.In(Lang) is { Length: > 0 } own ? own : f.Label.In(Lang);
    /// <summary>The header's and footer's name: the chosen shop at its checkout, both shops in the cell's order on the choice page.</summary>
    public string BrandLine => Chosen is { } c ? Name(c) : string.Join(" · ", Arrangement.Shown.Select(Name));
}
