using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Checkout;

/// <summary>The cart, shipping and order totals of the storefront (issue 17), and the payment step's rules.</summary>
public sealed class CartTests
{
    static Text T(string s) => new() { ["nl"] = s, ["en"] = s };

    static Shop Shop(string? fixedProduct = null, ShippingRule? shipping = null) => new()
    {
        Name = T("Winkel"),
        FixedProduct = fixedProduct,
        Shipping = shipping,
        Products =
        [
            new() { Key = "headphones", Name = T("Koptelefoon"), Price = 49.95m, Image = "headphones.svg", Stock = 14 },
            new() { Key = "powerbank", Name = T("Powerbank"), Price = 24.95m, Image = "powerbank.svg", Stock = 3 },
            new() { Key = "cable", Name = T("Kabel"), Price = 9.99m, Image = "cable.svg" },
        ],
        Fields = [new() { Key = "email", Type = FieldTypes.Email, Label = T("E-mail"), Necessity = "required", Sensitivity = 1 }],
    };

    static readonly ShippingRule FreeFrom50 = new() { Cost = 4.95m, FreeFrom = 50m };

    [Test]
    public void Initial_fixedProduct_isOneOfItAndOtherwiseOneOfEvery()
    {
        Assert.That(Cart.Initial(Shop("powerbank")), Is.EqualTo(new Dictionary<string, int> { ["powerbank"] = 1 }));
        Assert.That(Cart.Initial(Shop()), Is.EqualTo(new Dictionary<string, int> { ["headphones"] = 1, ["powerbank"] = 1, ["cable"] = 1 }));
        Assert.That(Cart.Offered(Shop("powerbank")).Select(p => p.Key), Is.EqualTo(new[] { "powerbank" }));
    }

    [TestCase(1, 49.95, 4.95, 54.90)]   // below the free-shipping amount: shipping is charged
    [TestCase(2, 99.90, 0, 99.90)]      // above it: free
    public void Totals_shippingRule_chargesBelowAndWaivesFromTheAmount(int quantity, double subtotal, double shipping, double total)
    {
        var t = Cart.Totals(Shop(shipping: FreeFrom50), new Dictionary<string, int> { ["headphones"] = quantity }, 0);
        Assert.Multiple(() =>
        {
            Assert.That(t.Subtotal, Is.EqualTo((decimal)subtotal));
            Assert.That(t.Shipping, Is.EqualTo((decimal)shipping));
            Assert.That(t.Total, Is.EqualTo((decimal)total));
            Assert.That(t.Items, Is.EqualTo(quantity));
        });
    }

    [Test]
    public void Totals_discount_appliesToTheGoodsAndNotToShipping()
    {
        // 5 x 9.99 = 49.95, below 50: shipping 4.95; 7% off the goods = 3.4965 -> goods 46.45 (half away from zero).
        var t = Cart.Totals(Shop(shipping: FreeFrom50), new Dictionary<string, int> { ["cable"] = 5 }, 7);
        Assert.Multiple(() =>
        {
            Assert.That(t.Subtotal, Is.EqualTo(49.95m));
            Assert.That(t.Goods, Is.EqualTo(46.45m));
            Assert.That(t.Discount, Is.EqualTo(3.50m));
            Assert.That(t.Shipping, Is.EqualTo(4.95m), "the discount does not make shipping free or dear");
            Assert.That(t.Total, Is.EqualTo(51.40m));
        });
    }

    [Test]
    public void Totals_emptyCart_costsNothingNotEvenShipping()
    {
        var t = Cart.Totals(Shop(shipping: FreeFrom50), new Dictionary<string, int>(), 0);
        Assert.That((t.Subtotal, t.Shipping, t.Total, t.Lines.Count), Is.EqualTo((0m, 0m, 0m, 0)));
    }

    [Test]
    public void Apply_quantitiesAndRemoval_changeOnlyWhatWasSent()
    {
        var start = new Dictionary<string, int> { ["headphones"] = 1, ["powerbank"] = 2 };
        var form = new Dictionary<string, string> { ["qty_headphones"] = "3" };
        var after = Cart.Apply(Shop(), start, k => form.GetValueOrDefault(k));
        Assert.That(after, Is.EqualTo(new Dictionary<string, int> { ["headphones"] = 3, ["powerbank"] = 2 }));
        var removed = Cart.Apply(Shop(), after!, k => form.GetValueOrDefault(k), remove: "powerbank");
        Assert.That(removed, Is.EqualTo(new Dictionary<string, int> { ["headphones"] = 3 }));
        var zero = Cart.Apply(Shop(), removed!, k => k == "qty_headphones" ? "0" : null);
        Assert.That(zero, Is.Empty, "a quantity of 0 removes the line");
    }

    [TestCase("4")]        // more than the 3 in stock
    [TestCase("11")]       // more than the cart's maximum
    [TestCase("-1")]
    [TestCase("1.5")]
    [TestCase("")]
    [TestCase("２")]        // a full-width digit
    [TestCase("1\u0000")]
    public void Apply_quantityOutsideTheRules_isRefused(string quantity)
    {
        var cart = Cart.Apply(Shop(), Cart.Initial(Shop()), k => k == "qty_powerbank" || k == "qty_cable" && quantity == "11" ? quantity : null);
        Assert.That(cart, Is.Null);
    }

    [Test]
    public void FromJson_productNoLongerInTheShop_isDropped()
    {
        var cart = Cart.FromJson(Shop(), "{\"headphones\":2,\"gone\":1}");
        Assert.That(cart, Is.EqualTo(new Dictionary<string, int> { ["headphones"] = 2 }));
    }

    [TestCase("ideal", "ideal")]
    [TestCase(" card ", "card")]
    [TestCase("pay_later", "pay_later")]
    [TestCase("NL91ABNA0417164300", null)]
    [TestCase("4111 1111 1111 1111", null)]
    [TestCase("IDEAL", null)]
    [TestCase("", null)]
    [TestCase(null, null)]
    public void ClassOf_submittedChoice_isOneOfTheClassesOrNothing(string? submitted, string? expected) =>
        Assert.That(Payment.ClassOf(submitted), Is.EqualTo(expected));

    [TestCase("2026-12-05", 1, "2026-12-07")]   // Saturday + 1 working day: no delivery on Sunday, so Monday
    [TestCase("2026-12-01", 1, "2026-12-02")]   // Tuesday -> Wednesday
    [TestCase("2026-12-04", 2, "2026-12-07")]   // Friday + 2: Saturday, (Sunday), Monday
    public void DeliveryDate_workingDays_skipSunday(string ordered, int days, string expected) =>
        Assert.That(Payment.DeliveryDate(DateOnly.Parse(ordered), days), Is.EqualTo(DateOnly.Parse(expected)));

    [Test]
    public void NewOrderNumber_isTenRandomDigits()
    {
        var numbers = Enumerable.Range(0, 50).Select(_ => Payment.NewOrderNumber()).ToList();
        Assert.That(numbers, Has.All.Match(@"^[1-9][0-9]{9}$"));
        Assert.That(numbers.Distinct().Count(), Is.GreaterThan(45), "random, not a sequence or a hash of an id");
    }

    [Test]
    public void OrderTotal_seedLikeStudy_equalsTheTotalsTheCheckoutShows()
    {
        var study = TestStudies.SixCells() with { Shop = TestStudies.SixCells().Shop! with { Shipping = FreeFrom50 } };
        // 49.95 below 50: 4.95 shipping; no offers in this study.
        Assert.That(CheckoutRules.OrderTotal(study, 0, _ => false), Is.EqualTo(54.90m));
        Assert.That(CheckoutRules.OrderTotals(study, 0, new Dictionary<string, int> { ["h"] = 2 }, _ => false).Total, Is.EqualTo(99.90m));
    }
}
