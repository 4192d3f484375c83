using System.Text.RegularExpressions;
using Experiment.Engine.TwoShops;

namespace Experiment.Engine.Studies;

// The rules of the two-shops block (docs/study-format.md, "The two-shops block").
static partial class StudyRules
{
    /// <summary>A basket both shops list side by side; more lines than this no longer fit a phone's column.</summary>
    public const int MaxTwoShopsProducts = 6;

    /// <summary>Types a shop may ask: typed or ticked, classified like the checkout's. No BSN: no study may process one.</summary>
    static readonly string[] TwoShopsFieldTypes = [FieldTypes.Text, FieldTypes.Email, FieldTypes.Date, FieldTypes.Year, FieldTypes.Mobile, FieldTypes.Income];

    static void CheckTwoShops(StudyDefinition s, Action<string, string> report)
    {
        var blocks = s.Blocks.Select((b, i) => (b, i)).Where(x => x.b.Type == BlockTypes.TwoShops).ToList();
        foreach (var (b, i) in blocks)
        {
            if (b.Pages.Count > 0) report($"blocks[{i}].pages", "a two_shops block has no pages");
            if (s.TwoShops is null) report($"blocks[{i}].type", "a two_shops block needs a \"twoShops\" in the study");
            if (blocks[0].i != i) report($"blocks[{i}].type", "only one two_shops block is allowed");
        }
        if (s.TwoShops is not { } t) return;
        if (blocks.Count == 0) report("twoShops", "there is a twoShops but no block of type \"two_shops\" shows it");
        if (!Regex.IsMatch(t.Currency, @"^[A-Z]{3}\z")) report("twoShops.currency", $"{Q(t.Currency)} is not a currency code like \"EUR\"");
        if (t.DisclosureMode is { } mode && mode != DisclosureModes.Server && mode != DisclosureModes.Choice)
            report("twoShops.disclosureMode", $"{Q(mode)} is not a mode of this block; modes: server, choice");

        if (t.Products.Count == 0) report("twoShops.products", "both shops need at least one product");
        if (t.Products.Count > MaxTwoShopsProducts) report("twoShops.products", $"at most {MaxTwoShopsProducts} products, got {t.Products.Count}");
        for (var i = 0; i < t.Products.Count; i++)
        {
            var price = t.Products[i].Price;
            if (price <= 0) report($"twoShops.products[{i}].price", $"must be more than 0, got {N((double)price)}");
            else if (decimal.Round(price, 2) != price) report($"twoShops.products[{i}].price", $"{N((double)price)} is not a whole number of cents");
        }

        if (t.Shops.Count != 2) report("twoShops.shops", $"exactly two shops, got {t.Shops.Count}");
        else if (t.Shops[0].Key == t.Shops[1].Key) report("twoShops.shops[1].key", $"{Q(t.Shops[1].Key)} is the first shop's key too");
        for (var i = 0; i < t.Shops.Count; i++)
            if (t.Shops[i].Key == ShopPair.NoPurchase)
                report($"twoShops.shops[{i}].key", $"{Q(ShopPair.NoPurchase)} is the stored answer \"buys from neither shop\" (allowNoPurchase); give the shop another key");
        var fieldKeys = new HashSet<string>(StringComparer.Ordinal);
        if (t.Fields.Count == 0) report("twoShops.fields", "at least one data item for the shops to ask");
        for (var i = 0; i < t.Fields.Count; i++)
        {
            var f = t.Fields[i];
            if (!fieldKeys.Add(f.Key)) report($"twoShops.fields[{i}].key", $"{Q(f.Key)} is used twice");
            if (!TwoShopsFieldTypes.Contains(f.Type))
                report($"twoShops.fields[{i}].type", $"{Q(f.Type)} is not a type a shop may ask here; types: {Keys(TwoShopsFieldTypes)}");
        }
        void CheckAsks(string name, IReadOnlyList<string> asks)
        {
            for (var i = 0; i < asks.Count; i++)
            {
                if (!fieldKeys.Contains(asks[i])) report($"twoShops.{name}[{i}]", $"{Q(asks[i])} is not a field (fields: {Keys(fieldKeys)})");
                else if (asks.Take(i).Contains(asks[i])) report($"twoShops.{name}[{i}]", $"{Q(asks[i])} is listed twice");
            }
        }
        // Without fields the lists have nothing to name; that one problem is reported above.
        if (t.Fields.Count > 0 && t.AsksMore.Count == 0) report("twoShops.asksMore", "the privacy-invasive shop must ask at least one data item");
        CheckAsks("asksMore", t.AsksMore);
        CheckAsks("asksLess", t.AsksLess);
        if (t.AsksMore.Count > 0 && t.AsksMore.ToHashSet().SetEquals(t.AsksLess))
            report("twoShops.asksLess", "both shops would ask the same data; the paradigm compares shops that differ in what they ask");

        var factors = s.Factors.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var minPrice = t.Products.Count == 0 ? 0 : t.Products.Min(p => p.Price);
        if (!factors.TryGetValue(t.GapFactor, out var gap))
            report("twoShops.gapFactor", $"no factor {Q(t.GapFactor)} (factors: {Keys(factors.Keys)}); its levels are the price gaps, e.g. \"0\" and \"1\"");
        else
            foreach (var level in gap.Levels)
            {
                // Every price shown must be true and to the cent, and the invasive shop's must stay above nothing.
                if (ShopPair.GapOf(level) is not { } g)
                    report("twoShops.gapFactor", $"level {Q(level)} of factor {Q(gap.Key)} is not an amount like \"0\" or \"1.50\"");
                else if (decimal.Round(g, 2) != g)
                    report("twoShops.gapFactor", $"level {Q(level)} of factor {Q(gap.Key)} is not a whole number of cents");
                else if (minPrice > 0 && g >= minPrice)
                    report("twoShops.gapFactor", $"level {Q(level)} of factor {Q(gap.Key)} is not less than the cheapest product ({N((double)minPrice)})");
            }
        var shopKeys = t.Shops.Select(x => x.Key).ToList();
        void CheckShopFactor(string name, string? key)
        {
            if (key is null || shopKeys.Count != 2) return;
            if (!factors.TryGetValue(key, out var f))
                report($"twoShops.{name}", $"no factor {Q(key)} (factors: {Keys(factors.Keys)}); its levels are the shop keys");
            else if (key == t.GapFactor) report($"twoShops.{name}", $"factor {Q(key)} is already the gap factor");
            else if (f.Levels.Count != shopKeys.Count || !shopKeys.All(f.Levels.Contains))
                report($"twoShops.{name}", $"factor {Q(key)} has the levels {Keys(f.Levels)}; its levels are exactly the shop keys ({Keys(shopKeys)})");
        }
        CheckShopFactor("invasiveFactor", t.InvasiveFactor);
        CheckShopFactor("positionFactor", t.PositionFactor);
        if (t.PositionFactor is not null && t.PositionFactor == t.InvasiveFactor)
            report("twoShops.positionFactor", $"factor {Q(t.PositionFactor)} is already the invasive factor; position and data asked are crossed, not tied");

        // The choice and the checkout are stored as responses named twoshops_...; an item may not take those names.
        for (var i = 0; i < s.Pages.Count; i++)
            for (var j = 0; j < s.Pages[i].Items.Count; j++)
                if (s.Pages[i].Items[j].Key.StartsWith(ShopPair.KeyPrefix, StringComparison.Ordinal))
                    report($"pages[{i}].items[{j}].key", $"{Q(s.Pages[i].Items[j].Key)}: keys starting with {ShopPair.KeyPrefix} are the two shops' own (their responses and export columns)");
    }
}
