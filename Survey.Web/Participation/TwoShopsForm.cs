using Experiment.Engine.Checkout;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;

namespace Survey.Web.Participation;

/// <summary>
/// The two-shops block's pages: the choice between the two shops (one required radio group, the time to choose sent
/// by twoshops.js), then the chosen shop's checkout, which asks exactly the data that shop said it asks. A typed value
/// is classified by <see cref="ShopPair.Checkout"/> and dropped; only its class is stored.
/// </summary>
public static class TwoShopsForm
{
    /// <summary>
    /// The chosen shop's key (or <see cref="ShopPair.NoPurchase"/> where the block allows it), or an error when
    /// nothing (or something else) was sent.
    /// </summary>
    public static (string? Choice, List<FieldError> Errors) ReadChoice(TwoShopsBlock block, ShopArrangement arrangement, IFormCollection form, PageBase labels)
    {
        var values = form[ShopPair.ChoiceKey];
        var raw = (values.FirstOrDefault() ?? "").Trim();
        if (raw.Length == 0)
            return (null, [new(ShopPair.ChoiceKey, labels.L(block.AllowNoPurchase ? "twoShopsChooseOrNone" : "twoShopsChoose")) { Name = labels.L("twoShopsChoice") }]);
        var known = arrangement.Find(raw) is not null || (block.AllowNoPurchase && raw == ShopPair.NoPurchase);
        if (values.Count > 1 || !known)
            return (null, [new(ShopPair.ChoiceKey, labels.L("invalidChoice")) { Name = labels.L("twoShopsChoice") }]);
        return (raw, []);
    }

    /// <summary>The choice and its time; buying from neither shop passes over the checkout (it is not shown).</summary>
    public static StepWrite WriteChoice(string choice, string? ms)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal) { [ShopPair.ChoiceKey] = choice };
        if (ms is not null) answers[ShopPair.ChoiceMsKey] = ms;
        return new(ResponsePage: ShopPair.Page, Answers: answers) { Skip = choice == ShopPair.NoPurchase ? 1 : 0 };
    }

    /// <summary>One error per field the chosen shop asks that was left blank (or, in choice mode, not ticked).</summary>
    public static List<FieldError> Errors(ShopOffer shop, IEnumerable<string> missing, PageBase labels) =>
        missing.Select(k => new FieldError(k, labels.L("twoShopsNeeded")) { Name = shop.Asks.First(f => f.Key == k).Label.In(labels.Lang) }).ToList();

    public static StepWrite WriteCheckout(bool ordered, IReadOnlyDictionary<string, string> given)
    {
        var answers = new Dictionary<string, string>(ordered ? given : new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [ShopPair.OutcomeKey] = ordered ? ShopPair.Ordered : ShopPair.LeftShop,
        };
        return new(ResponsePage: ShopPair.Page, Answers: answers);
    }

    /// <summary>What a re-rendered checkout keeps: a server-mode field's typed value (never stored), a choice-mode tick.</summary>
    public static Dictionary<string, string> Kept(ShopOffer shop, string mode, CheckoutRules.Form form) =>
        shop.Asks.ToDictionary(f => f.Key, f => mode == DisclosureModes.Choice
            ? form(CheckoutRules.ShareKey(f.Key)) == CheckoutRules.Share ? CheckoutRules.Share : ""
            : CheckoutRules.Value(form, f.Key));
}
