using System.Globalization;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Checkout;

/// <summary>One checkout field with the discount this participant's cell offers for it.</summary>
public sealed record CheckoutLine(CheckoutField Field, double OfferPct);

/// <summary>
/// The mock checkout's rules: offers per cell, the total (discounts add up, capped at Shop.MaxDiscountPct), and
/// turning submitted values into disclosure rows. The values come through <see cref="Form"/>, a lookup of the
/// submitted form's keys ("f_" + field key for the value, "t_" + field key for the time on it), so the web app,
/// the HTTP bots and the direct simulator apply the same rules. The typed values live only in that lookup and in
/// the classifier call; they are not copied into anything that outlives the request.
/// </summary>
public static class CheckoutRules
{
    /// <summary>The submitted value for a form key, or null when it was not sent.</summary>
    public delegate string? Form(string key);

    /// <summary>Why a field's value cannot be ordered with; the web app words it in the participant's language.</summary>
    public enum Problem { Required, TooLong }

    public const int MaxValueLength = 500;
    const int MaxFieldTimeMs = 24 * 60 * 60 * 1000;

    public static IReadOnlyList<CheckoutLine> Lines(StudyDefinition study, int cellIdx)
    {
        var cell = StudyDesign.Cells(study)[cellIdx];
        return study.Shop!.Fields.Select(f => new CheckoutLine(f, f.IsOptional ? StudyDesign.OfferFor(f, cell) : 0)).ToList();
    }

    /// <summary>The subtotal of the cart before the participant changes it (<see cref="Cart.Initial"/>).</summary>
    public static decimal Subtotal(Shop shop) => Cart.Totals(shop, Cart.Initial(shop), 0).Subtotal;

    public static double DiscountPct(Shop shop, IEnumerable<CheckoutLine> lines, Func<string, bool> disclosed) =>
        Math.Min(lines.Where(l => l.Field.IsOptional && disclosed(l.Field.Key)).Sum(l => l.OfferPct), shop.MaxDiscountPct);

    public static decimal Total(decimal subtotal, double discountPct) =>
        Math.Round(subtotal * (100m - (decimal)discountPct) / 100m, 2, MidpointRounding.AwayFromZero);

    public static string Value(Form form, string key) => form("f_" + key) ?? "";

    /// <summary>
    /// Does this value give the field away? Not when blank, nor when it is a choice option that says
    /// <c>"discloses": false</c> ("prefer not to say"): such an answer earns no discount and is exported disclosed=0.
    /// </summary>
    public static bool Discloses(CheckoutField field, string? value) =>
        !string.IsNullOrWhiteSpace(value) &&
        !(field.Type == FieldTypes.Choice && field.Options?.Any(o => !o.GivesAway && o.Code == value.Trim()) == true);

    /// <summary>What stops an order: a required field left blank, or a value too long.</summary>
    public static List<(string Field, Problem Problem)> Problems(Form form, IEnumerable<CheckoutLine> lines)
    {
        var problems = new List<(string, Problem)>();
        foreach (var l in lines)
        {
            var v = Value(form, l.Field.Key);
            if (!l.Field.IsOptional && string.IsNullOrWhiteSpace(v)) problems.Add((l.Field.Key, Problem.Required));
            else if (v.Length > MaxValueLength) problems.Add((l.Field.Key, Problem.TooLong));
        }
        return problems;
    }

    /// <summary>
    /// The rows of a placed order (values classified, then forgotten) or of leaving the shop (nothing disclosed).
    /// What counts as disclosed: any value the classifier does not find empty that <see cref="Discloses"/> the field.
    /// </summary>
    public static List<DisclosureRow> Disclosures(string participantId, Form form, IEnumerable<CheckoutLine> lines, bool ordered, DateOnly today) =>
        lines.Select(l =>
        {
            var time = TimeOnField(form, l.Field.Key);
            var offer = (decimal)l.OfferPct;
            if (!ordered)
                return new DisclosureRow(participantId, l.Field.Key, offer, false, null, l.Field.Type == FieldTypes.EmailList ? 0 : null, time);
            var value = Value(form, l.Field.Key);
            var c = DisclosureClassifier.Classify(l.Field, value, today);
            var disclosed = c.Class != Plausibility.Empty && Discloses(l.Field, value);
            return new DisclosureRow(participantId, l.Field.Key, offer, disclosed, disclosed ? c.Class == Plausibility.Plausible : null, c.ListCount, time);
        }).ToList();

    /// <summary>Milliseconds of focus that checkout.js measured; absent without JavaScript.</summary>
    static int? TimeOnField(Form form, string key) =>
        int.TryParse(form("t_" + key), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms <= MaxFieldTimeMs ? ms : null;

    /// <summary>The total to pay for the initial cart with the fields in <paramref name="disclosed"/> given (shipping included).</summary>
    public static decimal OrderTotal(StudyDefinition study, int cellIdx, Func<string, bool> disclosed) =>
        OrderTotals(study, cellIdx, Cart.Initial(study.Shop!), disclosed).Total;

    /// <summary>Every amount of this participant's order: their cart, their cell's offers for the fields given, shipping.</summary>
    public static OrderTotals OrderTotals(StudyDefinition study, int cellIdx, IReadOnlyDictionary<string, int> cart, Func<string, bool> disclosed)
    {
        var shop = study.Shop!;
        return Cart.Totals(shop, cart, DiscountPct(shop, Lines(study, cellIdx), disclosed));
    }
}
