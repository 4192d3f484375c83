using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Survey.Web.Participation;

/// <summary>
/// What the checkout's form says about the shop's privacy statement (shop.privacyStatement): checkout.js reports
/// whether it was opened on the page and for how many milliseconds (hidden privacy_opened and privacy_ms, empty
/// without JavaScript), and in a cell that must scroll past it whether its end was reached (privacy_scrolled).
/// Nothing typed travels with them.
/// </summary>
public static class PrivacyForm
{
    /// <summary>A day: more is no time a checkout page was open, so it is not recorded.</summary>
    public const int MaxMs = 86_400_000;

    /// <summary>Scrolled: the end was reached (kept when an order comes back with an error, so it need not be scrolled again).</summary>
    public sealed record Report(bool? Opened, int? Ms, bool Scrolled = false)
    {
        public string OpenedText => Opened switch { true => "1", false => "0", _ => "" };
        public string MsText => Ms?.ToString(CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The browser's report; a value the page never sends counts as no report (empty in the export).</summary>
    public static Report Read(IFormCollection form)
    {
        bool? opened = form["privacy_opened"].FirstOrDefault() switch { "1" => true, "0" => false, _ => null };
        int? ms = opened is not null && int.TryParse(form["privacy_ms"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= MaxMs ? v : null;
        return new(opened, ms, Scrolled(form["privacy_scrolled"]));
    }

    /// <summary>The end of the statement was reached: checkout.js's hidden field, or the tick at its end without JavaScript.</summary>
    public static bool Scrolled(StringValues value) => value.Contains("1");
}
