using System.Globalization;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;

namespace Experiment.Engine.TwoShops;

/// <summary>One shop as a cell shows it: whether it is the privacy-invasive one, the data it asks, its prices.</summary>
public sealed record ShopOffer(TwoShopsShop Shop, bool Invasive, IReadOnlyList<TwoShopsField> Asks, IReadOnlyList<decimal> Prices)
{
    public decimal Total => Prices.Sum();
}

/// <summary>A cell's two shops in the order shown (first = left on a wide screen, top on a phone) and the price gap.</summary>
public sealed record ShopArrangement(IReadOnlyList<ShopOffer> Shown, decimal Gap)
{
    public ShopOffer Invasive => Shown.First(s => s.Invasive);
    public ShopOffer Other => Shown.First(s => !s.Invasive);
    /// <summary>"first" or "second": where the privacy-invasive shop is shown.</summary>
    public string InvasivePosition => Shown[0].Invasive ? "first" : "second";
    public ShopOffer? Find(string? key) => Shown.FirstOrDefault(s => s.Shop.Key == key);
}

/// <summary>
/// The two-shops block's rules, shared by the pages, the export, the bots and the direct simulator: a cell's
/// arrangement (which shop asks more, which is shown first, how much cheaper the invasive shop is), the stored
/// response keys, and the check and classification of the chosen shop's checkout (values classified, then dropped).
/// </summary>
public static class ShopPair
{
    public const string ChoiceStep = "two_shops_choice", CheckoutStep = "two_shops_checkout";
    /// <summary>The responses' page of both steps' answers.</summary>
    public const string Page = "two_shops";
    /// <summary>Stored response keys: the chosen shop, the time to choose (ms, measured in the browser), the checkout's end.</summary>
    public const string ChoiceKey = "twoshops_choice", ChoiceMsKey = "twoshops_choice_ms", OutcomeKey = "twoshops_outcome";
    /// <summary>Item keys with this prefix are the block's own; validation keeps questionnaire items off them.</summary>
    public const string KeyPrefix = "twoshops_";
    public const string Ordered = "ordered", LeftShop = "left_shop";
    /// <summary>The stored choice "buys from neither shop" (only when the block allows it); no shop may have this key.</summary>
    public const string NoPurchase = "none";
    /// <summary>The class recorded for a field given at the checkout: "plausible" or "implausible" (server), "ticked" (choice).</summary>
    public static string GivenKey(string field) => "twoshops_given_" + field;
    public const string Ticked = "ticked";
    const int MaxChoiceMs = 24 * 60 * 60 * 1000;

    /// <summary>A gap level as an amount: invariant decimal, e.g. "0", "1", "0.50"; null when it is not one.</summary>
    public static decimal? GapOf(string level) =>
        decimal.TryParse(level, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;

    /// <summary>The cell's arrangement; the study must have the block (validation guarantees the factors' levels).</summary>
    public static ShopArrangement Of(StudyDefinition study, Cell cell)
    {
        var t = study.TwoShops!;
        string Level(string? factor, string fallback) => factor is not null && cell.Levels.TryGetValue(factor, out var l) ? l : fallback;
        var invasiveKey = Level(t.InvasiveFactor, t.Shops[0].Key);
        var firstKey = Level(t.PositionFactor, t.Shops[0].Key);
        var gap = GapOf(Level(t.GapFactor, "0")) ?? 0m;
        var byKey = t.Fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        ShopOffer Offer(TwoShopsShop shop)
        {
            var invasive = shop.Key == invasiveKey;
            var asks = (invasive ? t.AsksMore : t.AsksLess).Select(k => byKey[k]).ToList();
            return new ShopOffer(shop, invasive, asks, t.Products.Select(p => invasive ? p.Price - gap : p.Price).ToList());
        }
        var shown = t.Shops.OrderBy(s => s.Key == firstKey ? 0 : 1).Select(Offer).ToList();
        return new ShopArrangement(shown, gap);
    }

    /// <summary>The time to choose sent by the page's script, when it is a plausible number of milliseconds.</summary>
    public static string? ChoiceMs(string? sent) =>
        int.TryParse(sent, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxChoiceMs ? ms.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>
    /// The chosen shop's checkout: the fields it asks that stop the order (blank, too long, or in choice mode not
    /// ticked), or, when none does, the class of each (<see cref="GivenKey"/>). A typed value is read from the
    /// lookup, classified in memory and not kept: only its class is returned.
    /// </summary>
    public static (List<string> Missing, Dictionary<string, string> Given) Checkout(ShopOffer shop, string mode, CheckoutRules.Form form, DateOnly today)
    {
        var missing = new List<string>();
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in shop.Asks)
        {
            if (mode == DisclosureModes.Choice)
            {
                if (form(CheckoutRules.ShareKey(f.Key)) == CheckoutRules.Share) given[GivenKey(f.Key)] = Ticked;
                else missing.Add(f.Key);
                continue;
            }
            var field = f.AsCheckoutField();
            var value = CheckoutRules.Value(form, f.Key);
            var c = value.Length > CheckoutRules.MaxValueLength ? Plausibility.Empty : DisclosureClassifier.Classify(field, value, today).Class;
            if (c == Plausibility.Empty || !CheckoutRules.Discloses(field, value)) missing.Add(f.Key);
            else given[GivenKey(f.Key)] = c == Plausibility.Plausible ? "plausible" : "implausible";
        }
        return (missing, given);
    }
}
