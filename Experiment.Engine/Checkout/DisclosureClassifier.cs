using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Checkout;

/// <summary>What a checkout value looked like: nothing, something that could be real, or something fake-looking.</summary>
public enum Plausibility { Empty, Plausible, Implausible }

/// <summary>
/// The only thing that survives of a typed checkout value. <see cref="ListCount"/> is the number of distinct
/// well-formed addresses for <c>email_list</c> fields (0 when empty) and null for every other type.
/// </summary>
public readonly record struct Classification(Plausibility Class, int? ListCount);

/// <summary>
/// Classifies what a participant typed into the mock checkout, in memory, so that only the class is kept
/// (privacy by design: the value itself is classified in memory and dropped). Nothing here stores, logs or
/// returns the value, and nothing here throws on a value: what cannot be parsed is implausible.
/// <para>Rules, per <see cref="FieldTypes"/>; a value that is null or only whitespace is always <see cref="Plausibility.Empty"/>:</para>
/// <list type="bullet">
/// <item><c>email</c>: e-mail syntax: a local part of letters, digits and <c>.!#$%&amp;'*+/=?^_`{|}~-</c> (no leading,
/// trailing or double dot), <c>@</c>, a domain of at least two dot-separated labels (letters, digits, inner hyphens)
/// ending in a top-level domain of at least two letters; at most 254 characters.</item>
/// <item><c>date</c>: a real calendar date written <c>yyyy-mm-dd</c> (what &lt;input type=date&gt; sends),
/// <c>dd-mm-yyyy</c>, <c>dd/mm/yyyy</c> or <c>dd.mm.yyyy</c> (day and month may have one digit), that gives an age
/// of 14 to 110 completed years on the given day. Someone born on 29 February turns a year older on 1 March in
/// non-leap years. Future dates and impossible dates (31 April, 29 February 2023) are implausible.</item>
/// <item><c>mobile</c>: a Dutch mobile number <c>06</c>+8 digits, <c>+316</c>+8 digits or <c>00316</c>+8 digits;
/// spaces, dashes, dots and a <c>(0)</c> after the country code are allowed. The classic fakes (the eight
/// subscriber digits all equal, or 12345678 / 87654321) are implausible.</item>
/// <item><c>bsn</c>: 9 digits, or 8 digits read with a leading zero (spaces, dots and dashes allowed), passing the
/// eleven-test: 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 divisible by 11, and not all zeros.</item>
/// <item><c>income</c>: a number of euros per month from 0 to 50,000. A euro sign, "EUR"/"euro", spaces and a
/// trailing ",-" are ignored. When both "." and "," occur the last one is the decimal separator; a single kind
/// of separator followed by groups of exactly three digits is a thousands separator ("2.500", "2,500"), otherwise
/// it is the decimal separator ("2500,50", "2500.5").</item>
/// <item><c>email_list</c>: split on commas, semicolons and white space. ListCount = the number of distinct
/// (case-insensitive) well-formed addresses. Plausible when there is at least one, none is malformed and none is
/// repeated; otherwise implausible.</item>
/// <item><c>choice</c>: plausible when the trimmed value is exactly one of the field's option codes.</item>
/// <item><c>year</c> (the two shops' fields only): plausible when it is four digits giving an age from MinAge to
/// MaxAge in today's year.</item>
/// <item><c>text</c>, <c>freetext</c>: plausible when the value has at least two letters and is not made only of
/// placeholder words: one character repeated ("xxx", "aaaa"), a keyboard or alphabet run of four or more
/// ("asdf", "qwerty", "abcd", "1234"), or a known stand-in ("test", "fake", "nvt", "n/a", "geen", "none",
/// "onbekend", "unknown", "bla", "dummy", "lorem ipsum"...).</item>
/// <item>a field checked (<c>check</c>) as a <c>postcode</c> or <c>house_number</c>: plausible when it passes that
/// shop check (<see cref="ShopChecks"/>), whatever the study's requiredFieldCheck.</item>
/// </list>
/// </summary>
public static partial class DisclosureClassifier
{
    public const int MinAge = 14, MaxAge = 110;
    public const decimal MaxMonthlyIncome = 50_000m;

    public static Classification Classify(CheckoutField field, string? value, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(field);
        var isList = field.Type == FieldTypes.EmailList;
        if (string.IsNullOrWhiteSpace(value)) return new(Plausibility.Empty, isList ? 0 : null);
        // A postcode or house number is a text field whose check kind says what a real one looks like: "12" or "12a"
        // has too few letters for the text rule, and is exactly what a shop expects.
        Func<string, Classification> classify = field.Check switch
        {
            ShopChecks.Postcode => Rule(ShopChecks.IsDutchPostcode),
            ShopChecks.HouseNumber => Rule(ShopChecks.IsHouseNumber),
            _ => ByType(field, today),
        };
        try
        {
            return classify(value.Trim());
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or RegexMatchTimeoutException)
        {
            // A value the rules did not foresee is not one that could be real; the exception (whose message may
            // quote the value) goes no further than here.
            return new(Plausibility.Implausible, isList ? 0 : null);
        }
    }

    static Func<string, Classification> Rule(Func<string, bool> plausible) =>
        v => new(plausible(v) ? Plausibility.Plausible : Plausibility.Implausible, null);

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}\z")]
    private static partial Regex EmailPattern();

    public static bool IsEmail(string v) => v.Length <= 254 && v.IndexOf('@') is > 0 and <= 64 && EmailPattern().IsMatch(v);

    static Classification ClassifyEmailList(string v)
    {
        var parts = v.Split([',', ';', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var wellFormed = parts.Where(IsEmail).Select(p => p.ToLowerInvariant()).ToList();
        var distinct = wellFormed.Distinct().Count();
        var plausible = distinct >= 1 && wellFormed.Count == parts.Length && distinct == wellFormed.Count;
        return new(plausible ? Plausibility.Plausible : Plausibility.Implausible, distinct);
    }

    // [0-9], not \d: \d matches every Unicode digit ("١٩٨٠"), which int.Parse then refuses with the value in its message.
    [GeneratedRegex(@"^(?<y>[0-9]{4})-(?<m>[0-9]{2})-(?<d>[0-9]{2})\z|^(?<d>[0-9]{1,2})([-/.])(?<m>[0-9]{1,2})\1(?<y>[0-9]{4})\z")]
    private static partial Regex DatePattern();

    /// <summary>A year of birth: four ASCII digits giving an age from MinAge to MaxAge in today's year.</summary>
    public static bool IsPlausibleBirthYear(string v, DateOnly today) =>
        v.Length == 4 && v.All(char.IsAsciiDigit) && today.Year - int.Parse(v, CultureInfo.InvariantCulture) is >= MinAge and <= MaxAge;

    public static bool IsPlausibleBirthDate(string v, DateOnly today)
    {
        var m = DatePattern().Match(v);
        if (!m.Success) return false;
        int year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture),
            month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture),
            day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        var born = new DateOnly(year, month, day);
        if (born > today) return false;
        var age = today.Year - born.Year - ((today.Month, today.Day).CompareTo((born.Month, born.Day)) < 0 ? 1 : 0);
        return age is >= MinAge and <= MaxAge;
    }

    public static bool IsDutchMobile(string v)
    {
        var s = new string(v.Replace("(0)", "").Where(c => c is not (' ' or '-' or '.')).ToArray());
        string? subscriber =
            s.Length == 10 && s.StartsWith("06") ? s[2..] :
            s.Length == 12 && s.StartsWith("+316") ? s[4..] :
            s.Length == 13 && s.StartsWith("00316") ? s[5..] : null;
        if (subscriber is null || !subscriber.All(char.IsAsciiDigit)) return false;
        return subscriber.Distinct().Count() > 1 && subscriber is not ("12345678" or "87654321");
    }

    public static bool IsBsn(string v)
    {
        var digits = new string(v.Where(c => c is not (' ' or '.' or '-')).ToArray());
        if (!digits.All(char.IsAsciiDigit)) return false;
        if (digits.Length == 8) digits = "0" + digits;
        if (digits.Length != 9 || digits.All(c => c == '0')) return false;
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (digits[i] - '0');
        sum -= digits[8] - '0';
        return sum % 11 == 0;
    }

    public static bool IsIncome(string v) =>
        ParseAmount(v) is { } amount && amount >= 0 && amount <= MaxMonthlyIncome;

    [GeneratedRegex(@"^[0-9]{1,3}([.,][0-9]{3})+\z")]
    private static partial Regex ThousandsOnly();

    /// <summary>A Dutch or English written amount of money; null when it is not one.</summary>
    internal static decimal? ParseAmount(string v)
    {
        var s = v.Trim().ToLowerInvariant();
        foreach (var noise in new[] { "€", "euro", "eur" }) s = s.Replace(noise, "");
        s = new string(s.Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (s.EndsWith(",-") || s.EndsWith(".-")) s = s[..^2];
        if (s.Length == 0 || s.Length > 20 || !s.All(c => char.IsAsciiDigit(c) || c is '.' or ',')) return null;
        if (!char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[^1])) return null;
        int lastDot = s.LastIndexOf('.'), lastComma = s.LastIndexOf(',');
        string normal;
        if (lastDot >= 0 && lastComma >= 0)
        {
            var (thousands, dec) = lastDot > lastComma ? (',', '.') : ('.', ',');
            var decPos = Math.Max(lastDot, lastComma);
            var whole = s[..decPos];
            if (whole.Contains(dec) || !ThousandsOnly().IsMatch(whole.Replace(thousands, ','))) return null;
            normal = whole.Replace(thousands.ToString(), "") + "." + s[(decPos + 1)..];
        }
        else if (lastDot >= 0 || lastComma >= 0)
        {
            var sep = lastDot >= 0 ? '.' : ',';
            if (ThousandsOnly().IsMatch(s))
                normal = s.Replace(sep.ToString(), "");
            else if (s.Count(c => c == sep) == 1)
                normal = s.Replace(sep, '.');
            else return null;
        }
        else normal = s;
        return decimal.TryParse(normal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    static Func<string, Classification> ByType(CheckoutField field, DateOnly today) => field.Type switch
    {
        FieldTypes.EmailList => ClassifyEmailList,
        FieldTypes.Email => Rule(IsEmail),
        FieldTypes.Date => Rule(x => IsPlausibleBirthDate(x, today)),
        FieldTypes.Mobile => Rule(IsDutchMobile),
        FieldTypes.Bsn => Rule(IsBsn),
        FieldTypes.Income => Rule(IsIncome),
        FieldTypes.Choice => Rule(x => field.Options?.Any(o => o.Code == x) == true),
        FieldTypes.Text or FieldTypes.FreeText => Rule(IsPlausibleText),
        FieldTypes.Year => Rule(x => IsPlausibleBirthYear(x, today)),
        // The type comes from the validated study file, never from the participant, so naming it is safe.
        _ => throw new ArgumentException($"Checkout field '{field.Key}' has unknown type '{field.Type}'.", nameof(field)),
    };

    static readonly string[] KeyboardRows = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "abcdefghijklmnopqrstuvwxyz", "1234567890"];

    static readonly HashSet<string> StandIns = new(StringComparer.Ordinal)
    {
        "test", "testtest", "tester", "testing", "fake", "nep", "dummy", "lorem", "ipsum", "bla", "blah", "blabla",
        "foo", "bar", "foobar", "nvt", "na", "none", "geen", "niks", "niets", "nothing", "unknown", "onbekend",
        "anoniem", "anonymous", "prive", "private", "privacy", "xyz", "abc", "asd", "qwe", "jkl", "hallo", "hoi", "hello",
    };

    public static bool IsPlausibleText(string v)
    {
        if (v.Count(char.IsLetter) < 2) return false;
        var words = v.Split([' ', '\t', '\r', '\n', ',', ';', '.', '/', '-', '_'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
            .Where(w => w.Length > 0).ToList();
        var joined = string.Concat(words);
        if (IsPlaceholderWord(joined) || (joined.Length >= 2 && joined.Distinct().Count() == 1)) return false;
        return !words.All(IsPlaceholderWord);
    }

    static bool IsPlaceholderWord(string w) =>
        StandIns.Contains(w)
        || (w.Length >= 2 && w.Distinct().Count() == 1)
        || (w.Length >= 4 && KeyboardRows.Any(row => row.Contains(w, StringComparison.Ordinal)))
        || IsRepeatedChunk(w);

    /// <summary>
    /// "hahaha", "asdasd": a short chunk typed three times or more, or a placeholder typed twice. Twice alone is
    /// not enough, since real names do that ("Lili", "Bebe").
    /// </summary>
    static bool IsRepeatedChunk(string w)
    {
        for (var len = 1; len <= 4 && len * 2 <= w.Length; len++)
        {
            if (w.Length % len != 0) continue;
            var chunk = w[..len];
            var sb = new StringBuilder();
            while (sb.Length < w.Length) sb.Append(chunk);
            if (sb.ToString() != w) continue;
            if (w.Length / len >= 3 || StandIns.Contains(chunk) || KeyboardRows.Any(r => chunk.Length >= 3 && r.Contains(chunk, StringComparison.Ordinal)))
                return true;
        }
        return false;
    }
}
