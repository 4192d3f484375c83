using System.Globalization;

namespace Survey.Web.Participation;

/// <summary>
/// Prices as the shop shows them. Formatted by hand (the app runs with invariant globalization) in the same way
/// as wwwroot/js/checkout.js does, so the live total and the server's total look alike: nl "€ 1.234,50", en "€1,234.50", "£14.40".
/// </summary>
public static class Money
{
    public static string Format(decimal amount, string currency, string lang)
    {
        var s = Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("#,0.00", CultureInfo.InvariantCulture);
        var symbol = Symbol(currency);
        return lang == "nl"
            ? (symbol is null ? currency : symbol) + " " + s.Replace(",", "\u0001").Replace(".", ",").Replace("\u0001", ".")
            : (symbol ?? currency + " ") + s;
    }

    /// <summary>The sign a shop writes for the currency ("€", "£", "$"); other currencies are written by their code, "CHF 12.50".</summary>
    public static string? Symbol(string currency) => currency switch { "EUR" => "€", "GBP" => "£", "USD" => "$", _ => null };

    public static string Invariant(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero).ToString("0.00", CultureInfo.InvariantCulture);

    public static string Percent(double pct) => pct.ToString("0.##", CultureInfo.InvariantCulture);
}

/// <summary>A delivery date as a shop writes it, by hand for the same reason as Money: nl "dinsdag 3 december", en "Tuesday 3 December".</summary>
public static class ShopDates
{
    static readonly string[] DaysNl = ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"];
    static readonly string[] DaysEn = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    static readonly string[] MonthsNl = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    static readonly string[] MonthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(DateOnly date, string lang) => lang == "nl"
        ? $"{DaysNl[(int)date.DayOfWeek]} {date.Day.ToString(CultureInfo.InvariantCulture)} {MonthsNl[date.Month - 1]}"
        : $"{DaysEn[(int)date.DayOfWeek]} {date.Day.ToString(CultureInfo.InvariantCulture)} {MonthsEn[date.Month - 1]}";
}
