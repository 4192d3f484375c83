using System.Globalization;
using System.Text;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Mvc;

namespace Survey.Web.Participation;

/// <summary>What the storefront's views format: stars, numbers in the page's language, payment labels and logos, the brand's stylesheet.</summary>
public static class ShopAssets
{
    /// <summary>Five stars, the rating rounded to whole stars (the number is said next to it).</summary>
    public static string Stars(double rating)
    {
        var full = (int)Math.Round(Math.Clamp(rating, 0, 5), MidpointRounding.AwayFromZero);
        return new string('★', full) + new string('☆', 5 - full);
    }

    public static string Decimal1(double value, string lang)
    {
        var s = value.ToString("0.0", CultureInfo.InvariantCulture);
        return lang == "nl" ? s.Replace('.', ',') : s;
    }

    public static string Count(int value, string lang)
    {
        var s = value.ToString("#,0", CultureInfo.InvariantCulture);
        return lang == "nl" ? s.Replace(',', '.') : s;
    }

    /// <summary>The label keys of a payment class: its name and its hint.</summary>
    public static (string Name, string Hint) PaymentLabels(string paymentClass) => paymentClass switch
    {
        Payment.Ideal => ("payIdeal", "payIdealHint"),
        Payment.Card => ("payCard", "payCardHint"),
        _ => ("payLater", "payLaterHint"),
    };

    public static string PaymentLogo(string paymentClass) => paymentClass switch
    {
        Payment.Ideal => "pay-ideal.svg",
        Payment.Card => "pay-card.svg",
        _ => "pay-later.svg",
    };

    public static string IconType(string? file) => file?.EndsWith(".png", StringComparison.Ordinal) == true ? "image/png" : "image/svg+xml";

    /// <summary>The brand stylesheet next to the page's form action (/s/{link}/p): /s/{link}/brand.css?v={version}.</summary>
    public static string BrandCssUrl(string formAction, StudyDefinition study) =>
        formAction[..formAction.LastIndexOf('/')] + "/brand.css?v=" + study.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The brand's colours as CSS custom properties; they were checked on import (#rrggbb, readable with white text).</summary>
    public static string BrandCss(ShopBrand? brand)
    {
        var css = new StringBuilder(":root {");
        if (brand?.Colour is { } c) css.Append(" --brand: ").Append(c).Append(';');
        if (brand?.AccentColour is { } a) css.Append(" --brand-accent: ").Append(a).Append(';');
        return css.Append(" }\n").ToString();
    }
}

/// <summary>
/// /s/{link}/brand.css: the shop's colours from the study file, as a stylesheet of this host (the pages' CSP
/// allows no inline style). The version in the query names the definition, so it may be cached.
/// </summary>
[Route("s/{studyId:studyid}/brand.css")]
public sealed class ShopBrandController(StudyCache studies) : Controller
{
    [HttpGet(""), HttpHead("")]
    public async Task<IActionResult> Css(string studyId, [FromQuery] int v, CancellationToken ct)
    {
        if (await studies.ResolveAsync(studyId, ct) is not { } id || await studies.GetAsync(id, v, ct) is not { Shop: { } shop }) return NotFound();
        Response.Headers.CacheControl = "public, max-age=86400";
        return Content(ShopAssets.BrandCss(shop.Brand), "text/css; charset=utf-8");
    }
}
