using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;

namespace Analysis.Simulation;

/// <summary>
/// What an HTTP bot reads of the two shops' choice page (Views/TwoShops.cshtml): per shop its key, the data it asks
/// (data-asks, field keys) and its total (data-total), as a person reads the shop's box. Whether it is the invasive
/// one follows from what it asks (the study's asksMore), not from anything the page marks.
/// </summary>
public static partial class TwoShopsBotView
{
    public sealed record Shown(string Key, bool Invasive, decimal Total);

    /// <summary>The hidden input twoshops.js fills with the time to choose (t_, like the checkout's timers).</summary>
    public const string ChoiceMsInput = "t_choice";

    [GeneratedRegex("""<input\b[^>]*\bname="twoshops_choice"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex ChoiceInput();

    [GeneratedRegex("""\b(value|data-asks|data-total)="([^"]*)"\s*""", RegexOptions.IgnoreCase)]
    private static partial Regex Attribute();

    /// <summary>The page offers "I don't buy from either shop" (the block's allowNoPurchase): a choice input with that value.</summary>
    public static bool OffersNoPurchase(string html) =>
        ChoiceInput().Matches(html).Any(m => Attribute().Matches(m.Value).Any(a => a.Groups[1].Value == "value" && a.Groups[2].Value == ShopPair.NoPurchase));

    public static List<Shown> Read(string html, TwoShopsBlock block)
    {
        var more = block.AsksMore.ToHashSet(StringComparer.Ordinal);
        var shops = new List<Shown>();
        foreach (Match m in ChoiceInput().Matches(html))
        {
            var a = Attribute().Matches(m.Value).ToDictionary(x => x.Groups[1].Value, x => WebUtility.HtmlDecode(x.Groups[2].Value));
            if (!a.TryGetValue("value", out var key) || !a.TryGetValue("data-asks", out var asks) || !a.TryGetValue("data-total", out var total)) continue;
            shops.Add(new(key, more.SetEquals(asks.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                decimal.Parse(total, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture)));
        }
        return shops;
    }
}
