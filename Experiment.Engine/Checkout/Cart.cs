using System.Globalization;
using System.Text.Json;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Checkout;

/// <summary>One product in the cart, with how many of it.</summary>
public sealed record CartLine(Product Product, int Quantity)
{
    public decimal Amount => Product.Price * Quantity;
}

/// <summary>
/// What an order costs, computed once (<see cref="Cart.Totals"/>): the pages show these numbers and the
/// confirmation and any export read the same ones. Discount applies to the goods, shipping is added after it.
/// </summary>
public sealed record OrderTotals(IReadOnlyList<CartLine> Lines, decimal Subtotal, double DiscountPct, decimal Discount, decimal Shipping, decimal Total)
{
    public int Items => Lines.Sum(l => l.Quantity);
    /// <summary>The goods after the discount (what the discount percentage applies to).</summary>
    public decimal Goods => Subtotal - Discount;
}

/// <summary>
/// The shop's cart: product key to quantity, in the shop's product order. Quantities come from form fields
/// <c>qty_{product}</c>; an absent field keeps the quantity, a value outside 0..max is refused by
/// <see cref="Apply"/> (the page then says so), never stored.
/// </summary>
public static class Cart
{
    /// <summary>The most of one product a cart takes (a shop's usual per-order limit).</summary>
    public const int MaxQuantity = 10;

    /// <summary>
    /// The cart before the participant changes it, and of a participant who never had one stored (the direct
    /// simulator, sessions from before carts existed): one of the fixed product, or one of every product when
    /// the design fixes none (what the shop sold before the cart could be changed).
    /// </summary>
    public static IReadOnlyDictionary<string, int> Initial(Shop shop) =>
        shop.FixedProduct is { } fixedKey
            ? new Dictionary<string, int>(StringComparer.Ordinal) { [fixedKey] = 1 }
            : shop.Products.ToDictionary(p => p.Key, _ => 1, StringComparer.Ordinal);

    /// <summary>The products a page offers: the fixed one only, or the whole catalogue.</summary>
    public static IReadOnlyList<Product> Offered(Shop shop) =>
        shop.FixedProduct is { } k ? shop.Products.Where(p => p.Key == k).ToList() : shop.Products;

    public static int Max(Product p) => Math.Clamp(p.Stock ?? MaxQuantity, 0, MaxQuantity);

    public static IReadOnlyList<CartLine> Lines(Shop shop, IReadOnlyDictionary<string, int> cart) =>
        shop.Products.Where(p => cart.GetValueOrDefault(p.Key) > 0).Select(p => new CartLine(p, Math.Min(cart[p.Key], Max(p)))).ToList();

    public static decimal ShippingFor(Shop shop, decimal subtotal, bool empty) =>
        empty || shop.Shipping is not { } rule || (rule.FreeFrom is { } free && subtotal >= free) ? 0m : rule.Cost;

    /// <summary>Every amount of the order: lines, subtotal, the (capped) discount on the goods, shipping, total.</summary>
    public static OrderTotals Totals(Shop shop, IReadOnlyDictionary<string, int> cart, double discountPct)
    {
        var lines = Lines(shop, cart);
        var subtotal = lines.Sum(l => l.Amount);
        var goods = CheckoutRules.Total(subtotal, discountPct);
        var shipping = ShippingFor(shop, subtotal, lines.Count == 0);
        return new OrderTotals(lines, subtotal, discountPct, subtotal - goods, shipping, goods + shipping);
    }

    /// <summary>
    /// The cart after a form's <c>qty_{product}</c> fields (and a <c>remove</c> of one product): null when a
    /// quantity is not a whole number from 0 to what the product allows, so nothing odd is ever stored.
    /// </summary>
    public static Dictionary<string, int>? Apply(Shop shop, IReadOnlyDictionary<string, int> cart, CheckoutRules.Form form, string? remove = null)
    {
        var result = new Dictionary<string, int>(cart, StringComparer.Ordinal);
        foreach (var p in shop.Products)
        {
            var raw = form("qty_" + p.Key);
            if (raw is null) continue;
            // ASCII digits only: int.TryParse would take a trailing NUL ("1\0") as 1.
            var digits = raw.Trim();
            if (digits.Length is 0 or > 2 || !digits.All(char.IsAsciiDigit)
                || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q > Max(p)) return null;
            result[p.Key] = q;
        }
        if (remove is not null) result[remove] = 0;
        foreach (var k in result.Where(kv => kv.Value <= 0 || shop.Products.All(p => p.Key != kv.Key)).Select(kv => kv.Key).ToList()) result.Remove(k);
        return result;
    }

    public static string ToJson(IReadOnlyDictionary<string, int> cart) => JsonSerializer.Serialize(cart);

    /// <summary>A stored cart; products no longer in the shop are dropped.</summary>
    public static IReadOnlyDictionary<string, int> FromJson(Shop shop, string? json)
    {
        if (json is null) return Initial(shop);
        var stored = JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];
        return stored.Where(kv => kv.Value > 0 && shop.Products.Any(p => p.Key == kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
