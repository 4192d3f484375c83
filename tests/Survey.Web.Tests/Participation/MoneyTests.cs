using NUnit.Framework;
using Survey.Web.Participation;

namespace Survey.Web.Tests.Participation;

/// <summary>Prices are written the way a shop in the participant's language writes them (checkout.js does the same).</summary>
public sealed class MoneyTests
{
    [TestCase(1234.5, "EUR", "nl", "€ 1.234,50")]
    [TestCase(1234.5, "EUR", "en", "€1,234.50")]
    [TestCase(14.4, "GBP", "en", "£14.40")]
    [TestCase(14.4, "GBP", "nl", "£ 14,40")]
    [TestCase(0.6, "USD", "en", "$0.60")]
    [TestCase(12.5, "CHF", "en", "CHF 12.50")]
    [TestCase(12.5, "CHF", "nl", "CHF 12,50")]
    [TestCase(0.005, "EUR", "nl", "€ 0,01")]
    public void Format_amountCurrencyAndLanguage_isWrittenAsAShopWritesIt(double amount, string currency, string lang, string expected) =>
        Assert.That(Money.Format((decimal)amount, currency, lang), Is.EqualTo(expected));
}
