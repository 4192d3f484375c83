using System.Globalization;

namespace Survey.Web.Participation;

/// <summary>
/// Prices as the shop shows them. Formatted by hand (the app runs with invariant globalization) in the same way
/// as wwwroot/js/checkout.js does, so the live total and the server's total look alike: nl "€ 1.234,50", en "€1,234.50".
/// </summary>
public static class Money
{
    public static string Format(decimal amount, string currency, string lang)
    {
        var s = Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);
        var symbol = currency == "EUR" ? "€" : currency + " ";
        return lang == "nl"
            ? (currency == "EUR" ? "€ " : symbol) + s.Replace(",", "\u0001").Replace(".", ",").Replace("\u0001", ".")
            : symbol + s;
    }

    public static string Invariant(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(double pct) => pct.ToString("0.##", CultureInfo.InvariantCulture);
}
