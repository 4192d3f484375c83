using System.Security.Cryptography;

namespace Experiment.Engine.Checkout;

/// <summary>
/// The payment step: the participant chooses how to pay, and only the class of that choice is kept (iDEAL, card
/// or pay later). Nothing is paid, and no bank, card or account detail is ever asked for or stored.
/// </summary>
public static class Payment
{
    public const string Ideal = "ideal", Card = "card", PayLater = "pay_later";
    public static readonly string[] Classes = [Ideal, Card, PayLater];

    /// <summary>The class a submitted choice names, or null for anything else (which is then refused, not stored).</summary>
    public static string? ClassOf(string? submitted) => Classes.FirstOrDefault(c => c == submitted?.Trim());

    /// <summary>An order number as a shop prints it: ten random digits, derived from nothing the platform knows.</summary>
    public static string NewOrderNumber() =>
        (1 + RandomNumberGenerator.GetInt32(9)).ToString(System.Globalization.CultureInfo.InvariantCulture)
        + string.Concat(Enumerable.Range(0, 9).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));

    /// <summary>The delivery date promised for an order placed on <paramref name="ordered"/>: that many working days later, no delivery on Sunday.</summary>
    public static DateOnly DeliveryDate(DateOnly ordered, int workingDays)
    {
        var d = ordered;
        for (var left = Math.Max(1, workingDays); left > 0;)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek != DayOfWeek.Sunday) left--;
        }
        return d;
    }
}
