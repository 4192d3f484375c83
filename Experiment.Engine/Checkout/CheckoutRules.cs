using System.Globalization;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Checkout;

/// <summary>
/// One checkout field with the discount this participant's cell offers for it, its disclosure mode (Shop.ModeOf), and
/// the kind of shop check its value must pass (<see cref="ShopChecks"/>; null: anything is accepted).
/// </summary>
public sealed record CheckoutLine(CheckoutField Field, double OfferPct, string Mode = DisclosureModes.Server, string? Check = null);

/// <summary>What stops an order at one field; <see cref="Message"/> is the label key of a failed shop check's message.</summary>
public sealed record CheckoutProblem(string Field, CheckoutRules.Problem Problem, string? Message = null);

/// <summary>
/// The money of an ended checkout, computed once (<see cref="CheckoutRules.Settle"/>) and stored, so the confirmation
/// page and the export show the same numbers: the discount granted in percent (the sum of the fields' granted
/// percents) and the amount to pay in the shop's currency (null when no order was placed).
/// </summary>
public sealed record Settlement(decimal DiscountPct, decimal? AmountToPay);

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
    public enum Problem { Required, TooLong, Invalid }

    public const int MaxValueLength = 500;
    const int MaxFieldTimeMs = 24 * 60 * 60 * 1000;

    public static IReadOnlyList<CheckoutLine> Lines(StudyDefinition study, int cellIdx) =>
        // A definition never changes once read (init-only records), so its lines are derived once per cell: the
        // checkout, payment and confirmation pages ask for them on every request.
        LinesByCell.GetValue(study, static _ => new()).GetOrAdd(cellIdx, static (i, s) => DeriveLines(s, i), study);

    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<StudyDefinition, System.Collections.Concurrent.ConcurrentDictionary<int, IReadOnlyList<CheckoutLine>>> LinesByCell = new();

    static CheckoutLine[] DeriveLines(StudyDefinition study, int cellIdx)
    {
        var cell = StudyDesign.Cells(study)[cellIdx];
        var shop = study.Shop!;
        // A framed field (requiredIn) is read as the cell shows it: required there, it is checked, typed and earns nothing.
        return shop.Fields.Select(file => Framing.FieldFraming.In(file, cell)).Select(f => new CheckoutLine(f, f.IsOptional ? StudyDesign.OfferFor(f, cell) : 0, shop.ModeOf(f),
            shop.ChecksLikeAShop && !f.IsOptional ? ShopChecks.KindOf(f) : null)).ToArray();
    }

    /// <summary>The subtotal of the cart before the participant changes it (<see cref="Cart.Initial"/>).</summary>
    public static decimal Subtotal(Shop shop) => Cart.Totals(shop, Cart.Initial(shop), 0).Subtotal;

    public static double DiscountPct(Shop shop, IEnumerable<CheckoutLine> lines, Func<string, bool> disclosed) =>
        (double)Granted(shop, lines, disclosed).Sum();

    /// <summary>
    /// The percent each line adds to the discount, in field order: its offer when the field is optional and given,
    /// up to what is left under the shop's cap (study validation refuses offers that can pass it, so for a valid
    /// study this is the offer), else 0.
    /// </summary>
    public static List<decimal> Granted(Shop shop, IEnumerable<CheckoutLine> lines, Func<string, bool> disclosed)
    {
        var left = (decimal)shop.MaxDiscountPct;
        var granted = new List<decimal>();
        foreach (var l in lines)
        {
            var pct = l.Field.IsOptional && disclosed(l.Field.Key) ? Math.Max(0m, Math.Min((decimal)l.OfferPct, left)) : 0m;
            left -= pct;
            granted.Add(pct);
        }
        return granted;
    }

    /// <summary>
    /// The discount and the amount to pay of an ended checkout, from its rows' granted percents and the participant's
    /// cart: the goods after the discount plus shipping (<see cref="Cart.Totals"/>), the total the confirmation shows.
    /// </summary>
    public static Settlement Settle(Shop shop, IReadOnlyDictionary<string, int> cart, IReadOnlyList<DisclosureRow> rows, bool ordered)
    {
        var pct = rows.Sum(r => r.GrantedPct ?? 0m);
        return new(pct, ordered ? Cart.Totals(shop, cart, (double)pct).Total : null);
    }

    /// <summary>The settlement of the cart nobody changed (<see cref="Cart.Initial"/>): the direct simulator's participants.</summary>
    public static Settlement Settle(Shop shop, IReadOnlyList<DisclosureRow> rows, bool ordered) => Settle(shop, Cart.Initial(shop), rows, ordered);

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

    /// <summary>
    /// What stops an order: a required field left blank, a value too long, or a value that fails its line's shop
    /// check (the problem names the check's message; the value is not in it).
    /// </summary>
    public static List<CheckoutProblem> Problems(Form form, IEnumerable<CheckoutLine> lines)
    {
        var problems = new List<CheckoutProblem>();
        foreach (var l in lines)
        {
            var v = Value(form, l.Field.Key);
            if (!l.Field.IsOptional && string.IsNullOrWhiteSpace(v)) problems.Add(new(l.Field.Key, Problem.Required));
            else if (v.Length > MaxValueLength) problems.Add(new(l.Field.Key, Problem.TooLong));
            else if (l.Check is { } kind && ShopChecks.Check(kind, v) is { } message) problems.Add(new(l.Field.Key, Problem.Invalid, message));
        }
        return problems;
    }

    /// <summary>
    /// The rows of a placed order (values classified, then forgotten) or of leaving the shop (nothing disclosed).
    /// What counts as disclosed depends on the line's mode (<see cref="CheckoutLine.Mode"/>): in server mode any typed
    /// value the classifier does not find empty that <see cref="Discloses"/> the field; in browser mode the class
    /// checkout.js sent (<see cref="ClassKey"/>), or without JavaScript the choice; in choice mode the tick
    /// (<see cref="ShareKey"/>), with no plausibility. Each row records the mode that measured it.
    /// Call <see cref="Tampered"/> first: a class or tick that is not one the page sends is refused there.
    /// Each row carries the percent its field adds to the discount (<see cref="Granted"/>); <see cref="Settle"/> sums them.
    /// </summary>
    public static List<DisclosureRow> Disclosures(string participantId, Form form, Shop shop, IReadOnlyList<CheckoutLine> lines, bool ordered, DateOnly today)
    {
        var rows = lines.Select(l =>
        {
            var f = l.Field;
            var time = TimeOnField(form, f.Key);
            var offer = (decimal)l.OfferPct;
            var mode = Measured(form, l);
            var isList = f.Type == FieldTypes.EmailList;
            if (!ordered)
                return new DisclosureRow(participantId, f.Key, offer, false, null, isList && mode != DisclosureModes.Choice ? 0 : null, time, mode);
            switch (mode)
            {
                case DisclosureModes.Choice:
                    return new DisclosureRow(participantId, f.Key, offer, form(ShareKey(f.Key)) == Share, null, null, time, mode);
                case DisclosureModes.Browser:
                {
                    var c = BrowserClass(form(ClassKey(f.Key)))!.Value;
                    var disclosed = c != Plausibility.Empty;
                    return new DisclosureRow(participantId, f.Key, offer, disclosed, disclosed ? c == Plausibility.Plausible : null,
                        isList ? ListCount(form(CountKey(f.Key))) : null, time, mode);
                }
                default:
                {
                    var value = Value(form, f.Key);
                    var c = DisclosureClassifier.Classify(f, value, today);
                    var disclosed = c.Class != Plausibility.Empty && Discloses(f, value);
                    return new DisclosureRow(participantId, f.Key, offer, disclosed, disclosed ? c.Class == Plausibility.Plausible : null, c.ListCount, time, mode);
                }
            }
        }).ToList();
        var given = rows.Where(r => r.Disclosed).Select(r => r.Field).ToHashSet(StringComparer.Ordinal);
        var granted = Granted(shop, lines, given.Contains);
        return rows.Select((r, i) => r with { GrantedPct = granted[i] }).ToList();
    }

    /// <summary>Browser mode: the hidden input checkout.js fills with the field's class (<see cref="ClassOf"/>).</summary>
    public static string ClassKey(string field) => "c_" + field;
    /// <summary>Browser mode, email_list: the number of distinct well-formed addresses checkout.js counted.</summary>
    public static string CountKey(string field) => "n_" + field;
    /// <summary>Choice mode (and browser mode without JavaScript): the checkbox "share my ...", sent as "1" when ticked.</summary>
    public static string ShareKey(string field) => "s_" + field;
    public const string Share = "1";

    /// <summary>
    /// The class the browser sends for a typed value, and the one the server would record for it: "empty" when the
    /// value does not disclose the field (blank, or a choice that says "discloses": false), else "plausible" or
    /// "implausible". tests/Shared/disclosure-cases.json holds the cases both this and checkout.js must agree on.
    /// </summary>
    public static string ClassOf(CheckoutField field, string? value, DateOnly today)
    {
        var c = DisclosureClassifier.Classify(field, value, today).Class;
        return c == Plausibility.Empty || !Discloses(field, value) ? "empty" : c == Plausibility.Plausible ? "plausible" : "implausible";
    }

    static Plausibility? BrowserClass(string? sent) => sent switch
    {
        "empty" => Plausibility.Empty,
        "plausible" => Plausibility.Plausible,
        "implausible" => Plausibility.Implausible,
        _ => null,
    };

    static int? ListCount(string? sent) =>
        int.TryParse(sent, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= MaxValueLength ? n : null;

    /// <summary>The mode that measured a field in this submission: a browser-mode field without a class came from its no-JavaScript choice.</summary>
    static string Measured(Form form, CheckoutLine l) => l.Mode switch
    {
        DisclosureModes.Browser when form(ClassKey(l.Field.Key)) is null => DisclosureModes.Choice,
        var m => m,
    };

    /// <summary>
    /// The first field whose class, count or tick is not one the checkout page sends (a hand-made request): the web
    /// app answers it with a 400 page. Only what the field's mode reads is checked; other keys are ignored.
    /// </summary>
    public static string? Tampered(Form form, IEnumerable<CheckoutLine> lines)
    {
        foreach (var l in lines)
        {
            var (f, mode) = (l.Field, Measured(form, l));
            if (mode == DisclosureModes.Server) continue;
            if (form(ShareKey(f.Key)) is { } tick && tick != Share) return f.Key;
            if (mode != DisclosureModes.Browser) continue;
            if (BrowserClass(form(ClassKey(f.Key))) is not { } c) return f.Key;
            if (f.Type != FieldTypes.EmailList) continue;
            // The count must be one the class allows: none for empty, at least one for a plausible list.
            if (ListCount(form(CountKey(f.Key))) is not { } n) return f.Key;
            if (c == Plausibility.Empty && n != 0 || c == Plausibility.Plausible && n == 0) return f.Key;
        }
        return null;
    }

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
