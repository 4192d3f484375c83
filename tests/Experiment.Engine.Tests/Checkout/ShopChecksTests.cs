using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Checkout;

/// <summary>Issue 13: the checks of a shop's required fields ("check like a shop"), valid and invalid, odd input included.</summary>
public sealed class ShopChecksTests
{
    [TestCase("anna@example.org")]
    [TestCase("  anna.de-vries+shop@mail.example.nl ")]
    public void Check_validEmail_passes(string value) => Assert.That(ShopChecks.Check(ShopChecks.Email, value), Is.Null);

    [TestCase("bad")]
    [TestCase("anna@")]
    [TestCase("anna@example")]
    [TestCase("anna@@example.org")]
    [TestCase("ａｎｎａ@example.org")]          // full-width letters
    [TestCase("anna@exämple.org")]
    [TestCase("anna@example.org\u0000")]
    [TestCase("an na@example.org")]
    [TestCase("anna@example.org\u200B")]       // zero-width space
    public void Check_invalidEmail_givesTheEmailMessage(string value) =>
        Assert.That(ShopChecks.Check(ShopChecks.Email, value), Is.EqualTo("invalidEmail"));

    [TestCase("1234 AB")]
    [TestCase("1234AB")]
    [TestCase("1234ab")]
    [TestCase("9999 zz")]
    [TestCase(" 1012 ab ")]
    public void Check_validDutchPostcode_passes(string value) => Assert.That(ShopChecks.Check(ShopChecks.Postcode, value), Is.Null);

    [TestCase("0123 AB")]                 // no Dutch postcode starts with 0
    [TestCase("123 AB")]
    [TestCase("12345 AB")]
    [TestCase("1234 A")]
    [TestCase("1234 ABC")]
    [TestCase("1234  AB")]                // two spaces
    [TestCase("1234-AB")]
    [TestCase("AB 1234")]
    [TestCase("١٢٣٤ AB")]                 // Arabic-Indic digits
    [TestCase("１２３４ AB")]              // full-width digits
    [TestCase("1234 ÄB")]
    [TestCase("1234\tAB")]
    [TestCase("1234 AB\u0000")]
    public void Check_invalidPostcode_givesThePostcodeMessage(string value) =>
        Assert.That(ShopChecks.Check(ShopChecks.Postcode, value), Is.EqualTo("invalidPostcode"));

    [TestCase("Al")]
    [TestCase("Anna de Vries")]
    [TestCase("Zoë O'Neill-Ünal")]
    [TestCase("Ze\u0301ro")]              // a combining accent
    [TestCase("李明")]
    [TestCase("𝐀𝐁")]                     // letters outside the BMP
    public void Check_nameOfTwoLettersOrMore_passes(string value) => Assert.That(ShopChecks.Check(ShopChecks.Name, value), Is.Null);

    [TestCase("A")]
    [TestCase("A.")]
    [TestCase("12")]
    [TestCase("--")]
    [TestCase("A\u200B")]                 // one letter and a zero-width space
    [TestCase("An\u0000na")]
    [TestCase("An\u202Ena")]              // a bidi override
    [TestCase("\uD800A")]                 // a lone surrogate and one letter
    public void Check_nameWithoutTwoLetters_givesTheNameMessage(string value) =>
        Assert.That(ShopChecks.Check(ShopChecks.Name, value), Is.EqualTo("invalidName"));

    [TestCase(ShopChecks.Email)] [TestCase(ShopChecks.Postcode)] [TestCase(ShopChecks.Name)]
    public void Check_blankOrNull_passesForTheRequiredRuleToReport(string kind)
    {
        Assert.That(new[] { ShopChecks.Check(kind, null), ShopChecks.Check(kind, ""), ShopChecks.Check(kind, " \t\r\n") }, Has.All.Null);
    }

    [Test]
    public void Check_unknownKind_throwsNamingTheKindNotTheValue()
    {
        var e = Assert.Throws<ArgumentException>(() => ShopChecks.Check("shoe_size", "secret-value"));
        Assert.That(e!.Message, Does.Contain("shoe_size").And.Not.Contain("secret-value"));
    }

    [Test]
    public void Messages_everyKind_hasDutchAndEnglishAsShopsWordThem()
    {
        string L(string key, string lang) => Labels.Defaults[key].In(lang);
        Assert.Multiple(() =>
        {
            Assert.That(L("invalidEmail", "nl"), Is.EqualTo("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."));
            Assert.That(L("invalidEmail", "en"), Is.EqualTo("Enter a valid email address, for example name@example.com."));
            Assert.That(L("invalidPostcode", "nl"), Is.EqualTo("Vul een geldige postcode in, bijvoorbeeld 1234 AB."));
            Assert.That(L("invalidPostcode", "en"), Is.EqualTo("Enter a valid postcode, for example 1234 AB."));
            Assert.That(L("invalidName", "nl"), Is.EqualTo("Vul uw naam in (minstens twee letters)."));
            Assert.That(L("invalidName", "en"), Is.EqualTo("Enter your name (at least two letters)."));
        });
    }

    [Test]
    public void KindOf_byTypeUnlessTheFieldSays_emailAndPostcodeByTypeNameByCheck()
    {
        CheckoutField F(string type, string? check = null) =>
            new() { Key = "k", Type = type, Label = new(), Necessity = "required", Sensitivity = 1, Check = check };
        Assert.That(new[] { ShopChecks.KindOf(F(FieldTypes.Email)), ShopChecks.KindOf(F("postcode")), ShopChecks.KindOf(F(FieldTypes.Text)),
            ShopChecks.KindOf(F(FieldTypes.Text, ShopChecks.Name)) }, Is.EqualTo(new[] { "email", "postcode", null, "name" }));
    }
}
