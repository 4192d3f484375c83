using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The storefront's keys in a study file (issue 17): read, and refused with the path when wrong.</summary>
public sealed class StorefrontFileTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "Broken", name);

    static StudyLoadResult WithShop(string shopKeys, string rootKeys = "") => StudyFile.Parse(File.ReadAllText(Broken("valid.json"))
        .Replace("\"version\": 1,", "\"version\": 1," + rootKeys)
        .Replace("  \"shop\": {\n", "  \"shop\": {\n" + shopKeys + ",\n"), "s.json");

    [Test]
    public void Parse_fullStorefront_isRead()
    {
        var result = WithShop("""
            "brand": { "name": "Klik & Klaar", "colour": "#0a5c4a", "accentColour": "#b34700", "kvk": "81234567", "email": "ks@shop.example" },
            "shipping": { "cost": 4.95, "freeFrom": 50 }, "deliveryDays": 2, "autofill": true
            """, " \"slug\": \"k7q2m9x4ta\",");

        Assert.That(result.Problems, Is.Empty);
        var shop = result.Study!.Shop!;
        Assert.Multiple(() =>
        {
            Assert.That(result.Study.Slug, Is.EqualTo("k7q2m9x4ta"));
            Assert.That(shop.Brand!.Name, Is.EqualTo("Klik & Klaar"));
            Assert.That(shop.Shipping, Is.EqualTo(new ShippingRule { Cost = 4.95m, FreeFrom = 50m }));
            Assert.That(shop.DeliveryDays, Is.EqualTo(2));
            Assert.That(shop.Autofill, Is.True);
        });
    }

    [TestCase("\"brand\": { \"name\": \"X\", \"colour\": \"#ffcc00\" }", "shop.brand.colour", "too light for white text")]
    [TestCase("\"brand\": { \"name\": \"X\", \"colour\": \"red\" }", "shop.brand.colour", "is not a colour")]
    [TestCase("\"brand\": { \"name\": \"X\", \"kvk\": \"1234\" }", "shop.brand.kvk", "8 digits")]
    [TestCase("\"brand\": { \"name\": \"X\", \"logo\": \"../secret.svg\" }", "shop.brand.logo", "plain file name")]
    [TestCase("\"fixedProduct\": \"nope\"", "shop.fixedProduct", "no product 'nope'")]
    [TestCase("\"shipping\": { \"cost\": -1 }", "shop.shipping.cost", "must not be negative")]
    [TestCase("\"deliveryDays\": 0", "shop.deliveryDays", "from 1 to 30")]
    public void Parse_wrongStorefrontValue_isReportedAtItsPath(string keys, string path, string message)
    {
        var result = WithShop(keys);
        Assert.That(result.Problems.Select(p => p.Path + ": " + p.Message), Has.Some.StartsWith(path + ":").And.Some.Contains(message));
    }

    [TestCase("\"slug\": \"broken\",", "the study's id")]
    [TestCase("\"slug\": \"Has Space\",", "lower-case letters")]
    public void Parse_slugThatNamesTheStudyOrIsNoLink_isRefused(string key, string message)
    {
        var result = WithShop("\"deliveryDays\": 1", " " + key);
        Assert.That(result.Problems.Where(p => p.Path == "slug").Select(p => p.Message), Has.Some.Contains(message));
    }
}
