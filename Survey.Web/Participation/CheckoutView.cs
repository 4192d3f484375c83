using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;

namespace Survey.Web.Participation;

/// <summary>
/// One optional checkout field in browser or choice mode (Views/_OptionalField.cshtml): its typed input, which has
/// no name and is classified by checkout.js (browser), and its choice "share my ... for N% discount" (choice mode,
/// and browser mode without JavaScript).
/// </summary>
public sealed record OptionalFieldView(CheckoutPage Page, CheckoutLine Line)
{
    /// <summary>What is shared, as it reads after "Deel mijn" / "Share my": the field's shareName, else its label starting in lower case.</summary>
    public string ShareName => Line.Field.ShareName?.In(Page.Lang) is { Length: > 0 } own ? own : LowerFirst(Line.Field.Label.In(Page.Lang));

    /// <summary>The choice's text with the true offer of the participant's cell.</summary>
    public string ShareText => Line.OfferPct > 0
        ? string.Format(System.Globalization.CultureInfo.InvariantCulture, Page.L("shareOffer"), ShareName, Money.Percent(Line.OfferPct))
        : string.Format(System.Globalization.CultureInfo.InvariantCulture, Page.L("share"), ShareName);

    public bool Ticked => Page.Value(Line.Field.Key) == CheckoutRules.Share;

    // "Geboortedatum" reads "geboortedatum" mid-sentence; "BSN" stays as it is.
    static string LowerFirst(string label) =>
        label.Length >= 2 && char.IsUpper(label[0]) && !char.IsUpper(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;
}

/// <summary>What a re-rendered checkout keeps of a submission, by the field's mode.</summary>
public static class CheckoutView
{
    /// <summary>
    /// The typed value of a server-mode field; of a choice (or browser mode without JavaScript) the tick. A
    /// browser-mode value never reached the server, so nothing of it can be kept.
    /// </summary>
    public static string Kept(CheckoutRules.Form form, CheckoutLine line) =>
        line.Mode == DisclosureModes.Server ? CheckoutRules.Value(form, line.Field.Key)
        : form(CheckoutRules.ShareKey(line.Field.Key)) == CheckoutRules.Share ? CheckoutRules.Share : "";

    /// <summary>Whether a kept value gives the field away, for the total shown with the re-rendered page.</summary>
    public static bool Given(CheckoutLine line, string? kept) =>
        line.Mode == DisclosureModes.Server ? CheckoutRules.Discloses(line.Field, kept) : kept == CheckoutRules.Share;
}
