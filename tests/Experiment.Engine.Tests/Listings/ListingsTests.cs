using Experiment.Engine.Studies;
using NUnit.Framework;
using L = Experiment.Engine.Listings.Listings;

namespace Experiment.Engine.Tests.Listings;

public sealed class ListingsTests
{
    static Merchant M(string key, decimal price, int rating) => new() { Key = key, Name = key, Price = price, Rating = rating };

    static RatedListings Of(string order, params Merchant[] merchants) =>
        new() { Factor = "info", Product = new Text { ["en"] = "batteries" }, Order = order, Merchants = merchants };

    [Test]
    public void Ranked_byPrice_putsTheCheapestFirstAndKeepsTheFileOrderOfTies()
    {
        var listings = Of(L.ByPrice, M("a", 15m, 4), M("b", 14.4m, 1), M("c", 15m, 2), M("d", 14.55m, 2));

        Assert.That(L.Ranked(listings).Select(m => m.Key), Is.EqualTo(new[] { "b", "d", "a", "c" }));
    }

    [Test]
    public void Ranked_asListed_keepsTheFileOrder()
    {
        var listings = Of(L.AsListed, M("a", 15m, 4), M("b", 14.4m, 1));

        Assert.That(L.Ranked(listings).Select(m => m.Key), Is.EqualTo(new[] { "a", "b" }));
    }

    [Test]
    public void Score_topRatedDearerMerchant_givesItsRankPriceAndPremiumOverTheCheapest()
    {
        var listings = Of(L.ByPrice, M("a", 15m, 4), M("b", 14.4m, 1), M("c", 14.75m, 1));

        var s = L.Score(listings, "a")!;

        Assert.That((s.Rank, s.Merchant.Price, s.Merchant.Rating, s.Cheapest, s.Premium, s.TopRated), Is.EqualTo((3, 15m, 4, 14.4m, 0.60m, true)));
    }

    [Test]
    public void Score_cheapestMerchant_paysNoPremiumAndIsNotTopRated()
    {
        var s = L.Score(Of(L.ByPrice, M("a", 15m, 4), M("b", 14.4m, 1)), "b")!;

        Assert.That((s.Rank, s.Premium, s.TopRated), Is.EqualTo((1, 0m, false)));
    }

    [TestCase(null)]
    [TestCase("nobody")]
    [TestCase("")]
    public void Score_noOrUnknownChoice_isNull(string? choice) =>
        Assert.That(L.Score(Of(L.ByPrice, M("a", 15m, 4), M("b", 14.4m, 1)), choice), Is.Null);
}
