using System.Globalization;
using Experiment.Engine.Studies;
using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>The mock shop's product page.</summary>
public sealed class ProductPage(IPage page) : ParticipantPage(page)
{
    public Task AddToCartAsync() => SubmitAsync("add_to_cart");
}

/// <summary>The cart.</summary>
public sealed class CartPage(IPage page) : ParticipantPage(page)
{
    public Task CheckoutAsync() => SubmitAsync("checkout");
}

/// <summary>
/// The checkout form: inputs <c>f_{field}</c> (choice fields as radios), hidden <c>t_{field}</c> with the time on
/// the field, the live total <c>output#order-total[data-amount]</c>, offers in elements with data-offer-pct.
/// </summary>
public sealed class CheckoutPage(IPage page) : ParticipantPage(page)
{
    public ILocator Input(string field) => Form.Locator($"[name='f_{field}']");

    /// <summary>
    /// Types the value (server and browser mode: the input #field-{key}, named f_{key} only in server mode), picks the
    /// radio, or, where the field is a choice "share my ..." (choice mode, browser mode without JavaScript), ticks it.
    /// </summary>
    public async Task FillAsync(CheckoutField field, string value)
    {
        var share = Form.Locator($"#share-{field.Key}");
        if (await share.CountAsync() > 0 && await share.IsVisibleAsync())
        {
            if (value.Length > 0) await share.CheckAsync();
        }
        else if (field.Type == FieldTypes.Choice)
            await Form.Locator($"input[data-field='{field.Key}'][value='{value}']").CheckAsync();
        else
            await Form.Locator($"#field-{field.Key}").FillAsync(value);
    }

    /// <summary>The amount the page shows as total now (data-amount of #order-total, invariant decimal).</summary>
    public async Task<decimal> TotalAsync() =>
        ParseAmount(await Page.Locator("#order-total").GetAttributeAsync("data-amount"));

    /// <summary>Every offer percentage shown on the page, in page order.</summary>
    public async Task<IReadOnlyList<decimal>> OffersShownAsync()
    {
        var pcts = await Page.Locator("[data-offer-pct]").EvaluateAllAsync<string[]>("es => es.map(e => e.dataset.offerPct)");
        return pcts.Select(p => ParseAmount(p)).ToList();
    }

    public Task PlaceOrderAsync() => SubmitAsync("place_order");
    public Task LeaveShopAsync() => SubmitAsync("leave_shop");

    /// <summary>
    /// The total the shop must charge, worked out here independently of the engine: the price of the cart the
    /// participant did not change (one of the fixed product, else one of every product) minus the sum of the
    /// offers of the fields given, capped at the shop's maximum discount, rounded to cents (half away from
    /// zero), plus shipping unless the goods (before the discount) reach the free-shipping amount.
    /// </summary>
    public static decimal ExpectedTotal(Shop shop, Cell cell, IEnumerable<string> disclosedFields)
    {
        var given = disclosedFields.ToHashSet(StringComparer.Ordinal);
        var pct = shop.Fields.Where(f => given.Contains(f.Key)).Sum(f => (decimal)StudyDesign.OfferFor(f, cell));
        pct = Math.Min(pct, (decimal)shop.MaxDiscountPct);
        var price = shop.FixedProduct is { } k ? shop.Products.Single(p => p.Key == k).Price : shop.Products.Sum(p => p.Price);
        var shipping = shop.Shipping is { } s && !(s.FreeFrom is { } free && price >= free) ? s.Cost : 0m;
        return Math.Round(price - price * pct / 100m, 2, MidpointRounding.AwayFromZero) + shipping;
    }

    /// <summary>A value a real customer could type for a field (plausible under the engine's classification).</summary>
    public static string TypicalValue(CheckoutField field) => field.Type switch
    {
        FieldTypes.Email => "anna.devries@example.org",
        FieldTypes.Date => "1990-05-17",
        FieldTypes.Mobile => "06 2345 6781",
        FieldTypes.Bsn => "111222333",
        FieldTypes.Income => "2500",
        FieldTypes.EmailList => "piet@example.org, kees@example.net",
        FieldTypes.Choice => field.Options![0].Code,
        FieldTypes.FreeText => "Bakkerij Van Dam",
        _ => field.Key.Contains("name", StringComparison.OrdinalIgnoreCase) ? "Anna de Vries" :
             field.Key.Contains("post", StringComparison.OrdinalIgnoreCase) || field.Key.Contains("zip", StringComparison.OrdinalIgnoreCase) ? "1012 AB" :
             field.Key.Contains("city", StringComparison.OrdinalIgnoreCase) || field.Key.Contains("plaats", StringComparison.OrdinalIgnoreCase) ? "Utrecht" :
             "Dorpsstraat 12 Utrecht",
    };
}

/// <summary>The payment step: radios <c>payment</c> with the payment classes, button <c>pay</c>.</summary>
public sealed class PaymentPage(IPage page) : ParticipantPage(page)
{
    public async Task PayAsync(string paymentClass)
    {
        await Form.Locator($"input[name='payment'][value='{paymentClass}']").CheckAsync();
        await SubmitAsync("pay");
    }
}

/// <summary>The order confirmation (or the page after leaving the shop).</summary>
public sealed class ShopDonePage(IPage page) : ParticipantPage(page)
{
    /// <summary>
    /// The amount paid on the confirmation: #order-total's data-amount if present, else the text of #amount-paid
    /// as shown to the participant ("€ 1.234,50" in Dutch, "€1,234.50" in English); null when none is shown.
    /// </summary>
    public async Task<decimal?> TotalAsync()
    {
        var total = Page.Locator("#order-total");
        if (await total.CountAsync() > 0) return ParseAmount(await total.First.GetAttributeAsync("data-amount"));
        var paid = Page.Locator("#amount-paid");
        return await paid.CountAsync() == 0 ? null : ParseShownMoney(await paid.First.TextContentAsync() ?? "");
    }

    /// <summary>A shown price: the last separator followed by exactly two digits is the decimal one.</summary>
    public static decimal ParseShownMoney(string text)
    {
        var s = new string(text.Where(c => char.IsAsciiDigit(c) || c is ',' or '.').ToArray());
        var last = s.LastIndexOfAny([',', '.']);
        var hasCents = last >= 0 && s.Length - last - 1 == 2;
        var whole = new string((hasCents ? s[..last] : s).Where(char.IsAsciiDigit).ToArray());
        var number = hasCents ? whole + "." + s[(last + 1)..] : whole;
        return decimal.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }

    public Task NextAsync() => SubmitAsync("next");
}
