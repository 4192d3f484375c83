using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Checkout;

/// <summary>
/// What a study does with the values of its required checkout fields (<c>shop.requiredFieldCheck</c>): accept
/// anything, or check them as a real shop would, so that giving fake delivery data costs the participant something.
/// </summary>
public static class RequiredFieldCheck
{
    public const string Any = "any", Shop = "shop";
    public static readonly string[] All = [Any, Shop];
}

/// <summary>
/// The checks a real web shop makes on a required field, by kind (what the field holds): <c>email</c>,
/// <c>postcode</c> (Dutch), <c>house_number</c>, <c>name</c>. <see cref="Check"/> is the one entry point (kind and value in, the label
/// key of the message the shop would show out, or null when the value passes), so a new checkout field such as an
/// address part only needs its kind. A blank value passes: that it is required is <see cref="CheckoutRules.Problems"/>'
/// rule. Like the classifier, nothing here stores, logs, throws on or returns the value.
/// <list type="bullet">
/// <item><c>email</c>: the classifier's e-mail syntax (<see cref="DisclosureClassifier.IsEmail"/>) of the trimmed value.</item>
/// <item><c>postcode</c>: four digits, the first not 0, then two letters, with or without one space between
/// (<c>1234 AB</c>, <c>1234ab</c>), case-insensitive, ASCII only, outer white space ignored.</item>
/// <item><c>house_number</c>: a Dutch house number with its addition as shops take it: 1 to 5 digits, the first not
/// 0, then optionally letters (<c>12a</c>) or, after a space or a hyphen, up to four letters or digits
/// (<c>12 bis</c>, <c>12-2</c>, <c>12 - II</c>); ASCII only, outer white space ignored.</item>
/// <item><c>name</c>: at least two letters (any script), and no control or invisible format characters.</item>
/// </list>
/// </summary>
public static partial class ShopChecks
{
    public const string Email = "email", Postcode = "postcode", HouseNumber = "house_number", Name = "name";

    static Text T(string nl, string en) => new() { ["nl"] = nl, ["en"] = en };

    sealed record Rule(Func<string, bool> Passes, string Label, Text Message);

    static readonly Dictionary<string, Rule> Rules = new(StringComparer.Ordinal)
    {
        [Email] = new(v => DisclosureClassifier.IsEmail(v.Trim()), "invalidEmail",
            T("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.", "Enter a valid email address, for example name@example.com.")),
        [Postcode] = new(IsDutchPostcode, "invalidPostcode",
            T("Vul een geldige postcode in, bijvoorbeeld 1234 AB.", "Enter a valid postcode, for example 1234 AB.")),
        [HouseNumber] = new(IsHouseNumber, "invalidHouseNumber",
            T("Vul een geldig huisnummer in, bijvoorbeeld 12 of 12a.", "Enter a valid house number, for example 12 or 12a.")),
        [Name] = new(IsName, "invalidName",
            T("Vul uw naam in (minstens twee letters).", "Enter your name (at least two letters).")),
    };

    /// <summary>The kinds a field can be checked as (<c>check</c> in the study file).</summary>
    public static IReadOnlyCollection<string> Kinds => Rules.Keys;

    /// <summary>The nl/en message of a kind; Labels.Defaults holds it under the label key <see cref="Check"/> returns, so a study can reword it.</summary>
    public static Text Message(string kind) => Rules[kind].Message;

    /// <summary>The label key of a kind's message (what <see cref="Check"/> returns when a value fails), for the page to word it before the server checks.</summary>
    public static string LabelOf(string kind) => Rules[kind].Label;

    /// <summary>Null when <paramref name="value"/> passes the <paramref name="kind"/> check (or is blank), else the label key of the message.</summary>
    /// <exception cref="ArgumentException">An unknown kind (a study file validation lets through none).</exception>
    public static string? Check(string kind, string? value)
    {
        if (!Rules.TryGetValue(kind, out var rule)) throw new ArgumentException($"No shop check of kind '{kind}'.", nameof(kind));
        if (string.IsNullOrWhiteSpace(value)) return null;
        try
        {
            return rule.Passes(value) ? null : rule.Label;
        }
        catch (RegexMatchTimeoutException)
        {
            return rule.Label;
        }
    }

    /// <summary>
    /// The kind a field is checked as when its study checks like a shop: the field's own <c>check</c>, else by
    /// its type (<c>email</c>; <c>postcode</c>); null: nothing to check.
    /// </summary>
    public static string? KindOf(CheckoutField field) => field.Check ?? field.Type switch
    {
        FieldTypes.Email => Email,
        Postcode => Postcode,
        _ => null,
    };

    // [0-9], not \d, and [A-Za-z]: a shop's postcode field takes ASCII only (no Arabic or full-width digits).
    [GeneratedRegex(@"^[1-9][0-9]{3} ?[A-Za-z]{2}\z")]
    private static partial Regex PostcodePattern();

    public static bool IsDutchPostcode(string v) => PostcodePattern().IsMatch(v.Trim());

    // Letters straight after the number ("12a"), or any short addition after a space or hyphen ("12 bis", "12-2"); digits
    // straight after the number would just be a longer number.
    [GeneratedRegex(@"^[1-9][0-9]{0,4}(?:[A-Za-z]{1,4}|(?: ?- ?| )[0-9A-Za-z]{1,4})?\z")]
    private static partial Regex HouseNumberPattern();

    public static bool IsHouseNumber(string v) => HouseNumberPattern().IsMatch(v.Trim());

    public static bool IsName(string v)
    {
        var letters = 0;
        // By code point, so a letter outside the BMP counts once and a lone surrogate (read as U+FFFD) counts none.
        foreach (var r in v.Trim().EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(r);
            // A control or invisible format character (zero-width space, bidi override) is no part of anyone's name.
            if (category is UnicodeCategory.Control or UnicodeCategory.Format) return false;
            if (Rune.IsLetter(r)) letters++;
        }
        return letters >= 2;
    }
}
