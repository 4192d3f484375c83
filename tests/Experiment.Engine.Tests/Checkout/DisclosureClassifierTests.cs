using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;
using static Experiment.Engine.Checkout.Plausibility;

namespace Experiment.Engine.Tests.Checkout;

public sealed class DisclosureClassifierTests
{
    static readonly DateOnly Today = new(2025, 6, 15);

    static CheckoutField Field(string type) => new()
    {
        Key = "f_" + type, Type = type, Label = new() { ["en"] = "x" }, Necessity = "optional", Sensitivity = 3,
        Options = type == FieldTypes.Choice
            ? [new() { Code = "yes", Text = new() { ["en"] = "Yes" } }, new() { Code = "no", Text = new() { ["en"] = "No" } },
               new() { Code = "prefer_not", Text = new() { ["en"] = "Prefer not to say" } }]
            : null,
    };

    static Plausibility Class(string type, string? value) => DisclosureClassifier.Classify(Field(type), value, Today).Class;

    [TestCase(FieldTypes.Text)] [TestCase(FieldTypes.Email)] [TestCase(FieldTypes.Date)] [TestCase(FieldTypes.Mobile)]
    [TestCase(FieldTypes.Bsn)] [TestCase(FieldTypes.Income)] [TestCase(FieldTypes.Choice)] [TestCase(FieldTypes.FreeText)]
    public void Classify_nullEmptyOrWhitespace_isEmptyWithoutCount(string type)
    {
        foreach (var v in new[] { null, "", "   ", "\t\n " })
            Assert.That(DisclosureClassifier.Classify(Field(type), v, Today), Is.EqualTo(new Classification(Empty, null)));
    }

    [TestCase("111222333", Plausible)]
    [TestCase("123456782", Plausible)]
    [TestCase("799642630", Plausible)]
    [TestCase("578230859", Plausible)]
    [TestCase("123 456 782", Plausible)]
    [TestCase("1234.56.782", Plausible)]
    [TestCase("94772253", Plausible)]        // 8 digits: read as 094772253
    [TestCase("094772253", Plausible)]
    [TestCase("  111222333  ", Plausible)]
    [TestCase("123456789", Implausible)]     // fails the eleven-test
    [TestCase("111222334", Implausible)]
    [TestCase("000000000", Implausible)]     // passes the sum but is all zeros
    [TestCase("00000000", Implausible)]
    [TestCase("12345678", Implausible)]      // 012345678 fails the test
    [TestCase("1112223333", Implausible)]    // 10 digits
    [TestCase("1112223", Implausible)]
    [TestCase("11122233a", Implausible)]
    [TestCase("bsn", Implausible)]
    public void Classify_bsn_appliesTheElevenTest(string value, Plausibility expected) =>
        Assert.That(Class(FieldTypes.Bsn, value), Is.EqualTo(expected));

    [TestCase("2000-01-01", "2025-06-15", Plausible)]
    [TestCase("01-01-2000", "2025-06-15", Plausible)]
    [TestCase("1/1/2000", "2025-06-15", Plausible)]
    [TestCase("15/06/1990", "2025-06-15", Plausible)]
    [TestCase("15.06.1990", "2025-06-15", Plausible)]
    [TestCase("2004-02-29", "2025-06-15", Plausible)]    // leap year
    [TestCase("29-02-2000", "2025-06-15", Plausible)]
    [TestCase("2001-02-29", "2025-06-15", Implausible)]  // not a leap year
    [TestCase("29-02-1900", "2025-06-15", Implausible)]  // 1900 was no leap year
    [TestCase("2011-06-15", "2025-06-15", Plausible)]    // 14 today
    [TestCase("2011-06-16", "2025-06-15", Implausible)]  // 13, turns 14 tomorrow
    [TestCase("1915-06-15", "2025-06-15", Plausible)]    // 110
    [TestCase("1914-06-16", "2025-06-15", Plausible)]    // still 110
    [TestCase("1914-06-15", "2025-06-15", Implausible)]  // 111 today
    [TestCase("2011-02-28", "2025-02-28", Plausible)]    // born on the 28th, 14 today
    [TestCase("2011-02-29", "2025-03-01", Implausible)]  // no such day
    [TestCase("2008-02-29", "2022-02-28", Implausible)]  // leap-day birthday: still 13 on 28 Feb
    [TestCase("2008-02-29", "2022-03-01", Plausible)]    // 14 on 1 March
    [TestCase("2025-06-16", "2025-06-15", Implausible)]  // tomorrow
    [TestCase("2030-01-01", "2025-06-15", Implausible)]
    [TestCase("31-04-1990", "2025-06-15", Implausible)]  // April has 30 days
    [TestCase("1990-13-01", "2025-06-15", Implausible)]
    [TestCase("00-01-1990", "2025-06-15", Implausible)]
    [TestCase("15-06/1990", "2025-06-15", Implausible)]  // mixed separators
    [TestCase("1990/06/15", "2025-06-15", Implausible)]
    [TestCase("15-06-90", "2025-06-15", Implausible)]    // two-digit year
    [TestCase("gisteren", "2025-06-15", Implausible)]
    [TestCase("0000-01-01", "2025-06-15", Implausible)]
    public void Classify_date_needsARealDateAndAnAgeFrom14To110(string value, string today, Plausibility expected) =>
        Assert.That(DisclosureClassifier.Classify(Field(FieldTypes.Date), value, DateOnly.Parse(today)).Class, Is.EqualTo(expected));

    [TestCase("0612345679", Plausible)]
    [TestCase("06 1234 5679", Plausible)]
    [TestCase("06-23456789", Plausible)]
    [TestCase("+31612345679", Plausible)]
    [TestCase("+31 6 1234 5679", Plausible)]
    [TestCase("+31 (0)6 1234 5679", Plausible)]
    [TestCase("0031612345679", Plausible)]
    [TestCase("00 31 6 12 34 56 79", Plausible)]
    [TestCase("0612345678", Implausible)]     // the classic fake
    [TestCase("0600000000", Implausible)]
    [TestCase("06 11111111", Implausible)]
    [TestCase("0687654321", Implausible)]
    [TestCase("061234567", Implausible)]      // 9 digits
    [TestCase("06123456790", Implausible)]    // 11 digits
    [TestCase("0201234567", Implausible)]     // a landline
    [TestCase("+32612345679", Implausible)]   // Belgium
    [TestCase("+3161234567x", Implausible)]
    [TestCase("mobiel", Implausible)]
    public void Classify_mobile_acceptsDutchMobileNumbersOnly(string value, Plausibility expected) =>
        Assert.That(Class(FieldTypes.Mobile, value), Is.EqualTo(expected));

    [TestCase("jan@example.nl", Plausible)]
    [TestCase("j.de.vries+shop@mail.example.co.uk", Plausible)]
    [TestCase("  A_B@Sub-Domain.Example.COM ", Plausible)]
    [TestCase("jan@example", Implausible)]        // no top-level domain
    [TestCase("jan@@example.nl", Implausible)]
    [TestCase("@example.nl", Implausible)]
    [TestCase("jan@", Implausible)]
    [TestCase("jan.@example.nl", Implausible)]
    [TestCase("j..an@example.nl", Implausible)]
    [TestCase("jan@-example.nl", Implausible)]
    [TestCase("jan@example.n", Implausible)]
    [TestCase("jan example@x.nl", Implausible)]
    [TestCase("geen", Implausible)]
    public void Classify_email_checksSyntax(string value, Plausibility expected) =>
        Assert.That(Class(FieldTypes.Email, value), Is.EqualTo(expected));

    [TestCase("2500", Plausible)]
    [TestCase("2.500", Plausible)]
    [TestCase("2,500", Plausible)]
    [TestCase("2500,50", Plausible)]
    [TestCase("2.500,50", Plausible)]
    [TestCase("2,500.50", Plausible)]
    [TestCase("€ 2500", Plausible)]
    [TestCase("€2.500,-", Plausible)]
    [TestCase("2500 euro", Plausible)]
    [TestCase("EUR 1800", Plausible)]
    [TestCase("0", Plausible)]
    [TestCase("50000", Plausible)]
    [TestCase("50.000", Plausible)]
    [TestCase("50000,01", Implausible)]
    [TestCase("1.000.000", Implausible)]
    [TestCase("-2500", Implausible)]
    [TestCase("2.50.0", Implausible)]
    [TestCase("2,500,5", Implausible)]
    [TestCase("veel", Implausible)]
    [TestCase("2500-3000", Implausible)]
    [TestCase("1e4", Implausible)]
    public void Classify_income_isAMonthlyAmountFrom0To50000(string value, Plausibility expected) =>
        Assert.That(Class(FieldTypes.Income, value), Is.EqualTo(expected));

    [TestCase("a@x.nl", Plausible, 1)]
    [TestCase("a@x.nl, b@x.nl; c@x.nl", Plausible, 3)]
    [TestCase("a@x.nl\nb@x.nl\r\nc@x.nl d@x.nl", Plausible, 4)]
    [TestCase("a@x.nl,,;  b@x.nl,", Plausible, 2)]
    [TestCase("a@x.nl, A@X.NL", Implausible, 1)]       // the same address twice
    [TestCase("a@x.nl, b@x.nl, a@x.nl", Implausible, 2)]
    [TestCase("a@x.nl, nobody", Implausible, 1)]       // one malformed
    [TestCase("nobody, nothing", Implausible, 0)]
    [TestCase(",;,", Implausible, 0)]
    public void Classify_emailList_countsDistinctWellFormedAddresses(string value, Plausibility expected, int count) =>
        Assert.That(DisclosureClassifier.Classify(Field(FieldTypes.EmailList), value, Today), Is.EqualTo(new Classification(expected, count)));

    [Test]
    public void Classify_emptyEmailList_countsZero() =>
        Assert.That(DisclosureClassifier.Classify(Field(FieldTypes.EmailList), "  ", Today), Is.EqualTo(new Classification(Empty, 0)));

    [TestCase("yes", Plausible)]
    [TestCase("no", Plausible)]
    [TestCase(" prefer_not ", Plausible)]
    [TestCase("Yes", Implausible)]    // codes are exact
    [TestCase("maybe", Implausible)]
    [TestCase("1", Implausible)]
    public void Classify_choice_acceptsOptionCodesOnly(string value, Plausibility expected) =>
        Assert.That(Class(FieldTypes.Choice, value), Is.EqualTo(expected));

    [Test]
    public void Classify_choiceWithoutOptions_isImplausible() =>
        Assert.That(DisclosureClassifier.Classify(Field(FieldTypes.Text) with { Type = FieldTypes.Choice }, "yes", Today).Class, Is.EqualTo(Implausible));

    [TestCase("Jan de Vries", Plausible)]
    [TestCase("Ed", Plausible)]
    [TestCase("Stu", Plausible)]
    [TestCase("Lili", Plausible)]
    [TestCase("Bol.com", Plausible)]
    [TestCase("Gemeente 's-Hertogenbosch", Plausible)]
    [TestCase("Kerkstraat 12, 1234 AB Utrecht", Plausible)]
    [TestCase("Test BV Amsterdam", Plausible)]   // a placeholder word among real ones
    [TestCase("x", Implausible)]                 // fewer than two letters
    [TestCase("12345", Implausible)]
    [TestCase("A1", Implausible)]
    [TestCase("xxx", Implausible)]
    [TestCase("aaaaaa", Implausible)]
    [TestCase("XX XX", Implausible)]
    [TestCase("asdf", Implausible)]
    [TestCase("ASDFGH", Implausible)]
    [TestCase("qwerty", Implausible)]
    [TestCase("abcd", Implausible)]
    [TestCase("test", Implausible)]
    [TestCase("Test test", Implausible)]
    [TestCase("testtest", Implausible)]
    [TestCase("asdasd", Implausible)]
    [TestCase("hahaha", Implausible)]
    [TestCase("n.v.t.", Implausible)]
    [TestCase("N/A", Implausible)]
    [TestCase("geen", Implausible)]
    [TestCase("onbekend", Implausible)]
    [TestCase("lorem ipsum", Implausible)]
    public void Classify_text_rejectsPlaceholdersAndKeyboardRuns(string value, Plausibility expected)
    {
        Assert.That(Class(FieldTypes.Text, value), Is.EqualTo(expected));
        Assert.That(Class(FieldTypes.FreeText, value), Is.EqualTo(expected));
    }

    [Test]
    public void Classify_unknownFieldType_throwsWithoutTheValue()
    {
        var field = Field(FieldTypes.Text) with { Type = "shoe_size" };
        var e = Assert.Throws<ArgumentException>(() => DisclosureClassifier.Classify(field, "secret-value-42", Today));
        Assert.That(e!.Message, Does.Contain("shoe_size"));
        Assert.That(e.Message, Does.Not.Contain("secret-value-42"));
    }

    static CheckoutField Checked(string check) =>
        new() { Key = check, Type = FieldTypes.Text, Label = new Text { ["nl"] = check }, Necessity = "required", Sensitivity = 2, Check = check };

    // A house number is what a Dutch shop takes: digits, then letters or a short addition after a space or hyphen.
    [TestCase("12", Plausibility.Plausible)]
    [TestCase("12a", Plausibility.Plausible)]
    [TestCase("12A", Plausibility.Plausible)]
    [TestCase("12-2", Plausibility.Plausible)]
    [TestCase("12 bis", Plausibility.Plausible)]
    [TestCase("12 - II", Plausibility.Plausible)]
    [TestCase(" 1 ", Plausibility.Plausible)]
    [TestCase("99999", Plausibility.Plausible)]
    [TestCase("0", Plausibility.Implausible)]
    [TestCase("012", Plausibility.Implausible)]
    [TestCase("abc", Plausibility.Implausible)]
    [TestCase("123456", Plausibility.Implausible)]
    [TestCase("12345678", Plausibility.Implausible)]
    [TestCase("12 -", Plausibility.Implausible)]
    [TestCase("12 abcde", Plausibility.Implausible)]
    [TestCase("١٢", Plausibility.Implausible)]          // Arabic-Indic digits: not what a shop's field takes
    [TestCase("12<script>", Plausibility.Implausible)]
    [TestCase("   ", Plausibility.Empty)]
    public void Classify_houseNumberField_takesTheNumberWithItsAddition(string value, Plausibility expected)
    {
        Assert.That(DisclosureClassifier.Classify(Checked(ShopChecks.HouseNumber), value, Today).Class, Is.EqualTo(expected));
        // The shop check agrees: what is plausible passes, what is implausible gets the house-number message.
        if (expected != Plausibility.Empty)
            Assert.That(ShopChecks.Check(ShopChecks.HouseNumber, value), Is.EqualTo(expected == Plausibility.Plausible ? null : "invalidHouseNumber"));
    }

    [TestCase("1234 AB", Plausibility.Plausible)]
    [TestCase("1234ab", Plausibility.Plausible)]
    [TestCase("0123 AB", Plausibility.Implausible)]
    [TestCase("Dorpsstraat", Plausibility.Implausible)]
    public void Classify_postcodeField_isPlausibleWhenItIsADutchPostcode(string value, Plausibility expected) =>
        Assert.That(DisclosureClassifier.Classify(Checked(ShopChecks.Postcode), value, Today).Class, Is.EqualTo(expected));

    [Test]
    public void Classify_textFieldWithoutACheck_stillNeedsTwoLetters() =>
        Assert.That(DisclosureClassifier.Classify(Checked(ShopChecks.HouseNumber) with { Check = null }, "12", Today).Class, Is.EqualTo(Plausibility.Implausible));
}
