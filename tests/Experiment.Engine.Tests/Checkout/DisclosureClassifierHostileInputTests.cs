using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;
using static Experiment.Engine.Checkout.Plausibility;

namespace Experiment.Engine.Tests.Checkout;

/// <summary>
/// What a participant can type that the rules did not foresee: digits of other scripts, control characters,
/// invisible characters, blanks and very long values. Classification never throws; such a value is implausible.
/// </summary>
public sealed class DisclosureClassifierHostileInputTests
{
    static readonly DateOnly Today = new(2025, 6, 15);

    static readonly string[] AllTypes =
        [FieldTypes.Text, FieldTypes.FreeText, FieldTypes.Email, FieldTypes.EmailList, FieldTypes.Date, FieldTypes.Mobile,
         FieldTypes.Bsn, FieldTypes.Income, FieldTypes.Choice];

    static CheckoutField Field(string type) => new()
    {
        Key = "f", Type = type, Label = new() { ["en"] = "x" }, Necessity = "optional", Sensitivity = 3,
        Options = type == FieldTypes.Choice ? [new() { Code = "yes", Text = new() { ["en"] = "Yes" } }] : null,
    };

    /// <summary>No letters among them, so no type (not even free text) can call them plausible.</summary>
    static readonly object[] WithoutLetters =
    [
        "١٩٨٠-٠١-٠١",           // Arabic-Indic digits: a 500 before, with the year in the error log
        "１９８０-０１-０１",       // full-width digits
        "۱۹۸۰-۰۱-۰۱",           // extended Arabic-Indic
        "१९८०-०१-०१",           // Devanagari
        "01-01-١٩٨٠",
        "٠٦١٢٣٤٥٦٧٨",           // a mobile number in Arabic-Indic digits
        "０６１２３４５６７８",
        "１２３４５６７８２",       // a BSN that passes the eleven-test in full-width digits
        "٢٥٠٠",                 // an income
        "1980-01\u0000-01",     // NUL inside
        "1980-01-01\u200B",     // zero-width space (not white space)
        "\u202E1980-01-01",     // right-to-left override
        "06\u000712345678",     // BEL inside
        "\uD800",               // a lone surrogate
        "🙂🙂",
        "\u0000\u0001\u0002",
        "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١٢٣٤٥",
    ];

    static IEnumerable<TestCaseData> Cases() =>
        from type in AllTypes
        from object value in WithoutLetters.Append(new string('9', 100_000)).Append(string.Concat(Enumerable.Repeat("1980-01-01 ", 10_000)))
        select new TestCaseData(type, value).SetArgDisplayNames(type, Display((string)value));

    static string Display(string v) => v.Length > 30 ? $"{v[..10]}...({v.Length} chars)" : string.Concat(v.Select(c => c < ' ' || c > '~' ? $"\\u{(int)c:X4}" : c.ToString()));

    [TestCaseSource(nameof(Cases))]
    public void Classify_unforeseenCharacters_isImplausibleWithoutThrowing(string type, string value)
    {
        var c = DisclosureClassifier.Classify(Field(type), value, Today);
        Assert.That(c.Class, Is.EqualTo(Implausible));
        Assert.That(c.ListCount, Is.EqualTo(type == FieldTypes.EmailList ? 0 : null));
    }

    [TestCase("\u00A0")] [TestCase("\u2003\u3000")] [TestCase("\r\n\t")] [TestCase("\u2028")]
    public void Classify_blanksOfAnyScript_areEmpty(string blank)
    {
        foreach (var type in AllTypes)
            Assert.That(DisclosureClassifier.Classify(Field(type), blank, Today).Class, Is.EqualTo(Empty), type);
    }

    [TestCase(FieldTypes.Email, "ｊａｎ@example.nl")]
    [TestCase(FieldTypes.Email, "jan@example.nl\u0000")]
    [TestCase(FieldTypes.Email, "jan@exämple.nl")]
    [TestCase(FieldTypes.Date, "1980-01-01\u00001")]
    [TestCase(FieldTypes.Income, "€ ٢٬٥٠٠")]
    [TestCase(FieldTypes.Income, "2500\u066B50")] // Arabic decimal separator
    public void Classify_lookalikeLettersAndSeparators_areImplausible(string type, string value) =>
        Assert.That(DisclosureClassifier.Classify(Field(type), value, Today).Class, Is.EqualTo(Implausible));

    [Test]
    public void Classify_sameDateInAsciiDigits_isStillPlausible() =>
        Assert.That(DisclosureClassifier.Classify(Field(FieldTypes.Date), "1980-01-01", Today).Class, Is.EqualTo(Plausible));
}
