using Ls = Experiment.Engine.Listings.Listings;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The listings block's rules: one broken file per rule (ListingsBroken/make_broken.py), each with its exact path and message.</summary>
public sealed class ListingsRulesTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "ListingsBroken", name);
    static string Seed(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", name);

    [TestCase("block-with-pages.json", "blocks[1].pages", "a listings block has no pages")]
    [TestCase("block-without-listings.json", "blocks[1].type", "a listings block needs a \"listings\" in the study")]
    [TestCase("listings-without-block.json", "listings", "there are listings but no block of type \"listings\" shows them")]
    [TestCase("two-blocks.json", "blocks[2].type", "only one listings block is allowed")]
    [TestCase("factor-unknown.json", "listings.factor", "no factor 'salience' (factors: info); the display of the privacy rating is a factor with levels among none, indicator, salient, irrelevant")]
    [TestCase("factor-level.json", "listings.factor", "factor 'info' has the level 'loud'; its levels are display modes: none, indicator, salient, irrelevant")]
    [TestCase("irrelevant-without-label.json", "listings.irrelevantLabel", "the mode irrelevant shows an unrelated rating, so it needs the label that says what it rates")]
    [TestCase("currency.json", "listings.currency", "'euro' is not a currency code like \"EUR\"")]
    [TestCase("order.json", "listings.order", "'rating' is not an order; orders are: price, file")]
    [TestCase("one-merchant.json", "listings.merchants", "a choice needs at least 2 merchants, got 1")]
    [TestCase("too-many-merchants.json", "listings.merchants", "at most 10 merchants, got 11")]
    [TestCase("merchant-key.json", "listings.merchants[1].key", "'Safe Shop' must be lower-case letters, digits and underscores, starting with a letter")]
    [TestCase("merchant-key-twice.json", "listings.merchants[1].key", "'cheap' is already the key of listings.merchants[0]")]
    [TestCase("merchant-name-blank.json", "listings.merchants[1].name", "must be 1 to 60 characters without control characters")]
    [TestCase("price-zero.json", "listings.merchants[0].price", "must be more than 0, got 0")]
    [TestCase("price-fraction-of-cent.json", "listings.merchants[1].price", "15.005 is not a whole number of cents; the page shows prices to the cent")]
    [TestCase("rating-range.json", "listings.merchants[1].rating", "must be 1 to 4, got 5")]
    [TestCase("rating-not-whole.json", "listings.merchants[1].rating", "expected a whole number, got the number 3.5")]
    [TestCase("irrelevant-rating-range.json", "listings.merchants[0].irrelevantRating", "must be 1 to 4, got 0")]
    [TestCase("irrelevant-rating-missing.json", "listings.merchants[1].irrelevantRating", "the mode irrelevant shows every merchant's unrelated rating; this one has none")]
    [TestCase("same-prices.json", "listings.merchants", "every merchant has the same price, so no premium for privacy can be paid")]
    [TestCase("same-ratings.json", "listings.merchants", "every merchant has the same privacy rating, so privacy cannot be chosen")]
    [TestCase("item-key-reserved.json", "pages[0].items[0].key", "'listings_choice': keys starting with listings_ are the listings' own (the choice and its export columns)")]
    [TestCase("missing-product-text.json", "listings.product", "missing text for language 'nl'")]
    [TestCase("unknown-key.json", "listings.results", "unknown key 'results'; allowed here: factor, currency, site, product, intro, order, irrelevantLabel, merchants")]
    [TestCase("missing-merchants.json", "listings.merchants", "required key is missing")]
    public void Load_brokenListingsFile_reportsExactlyItsProblem(string file, string path, string message)
    {
        var result = StudyFile.Load(Broken(file));

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(Broken(file), path, message) }));
        Assert.That(result.Study, Is.Null);
    }

    [Test]
    public void Load_everyBrokenListingsFile_hasATestCase()
    {
        var tested = typeof(ListingsRulesTests).GetMethod(nameof(Load_brokenListingsFile_reportsExactlyItsProblem))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Broken("x"))!, "*.json").Select(Path.GetFileName).Where(f => f != "valid.json");
        Assert.That(files, Is.EquivalentTo(tested));
    }

    [Test]
    public void Load_validListingsFile_hasTheListingsStepAfterTheQuestionnaire()
    {
        var result = StudyFile.Load(Broken("valid.json"));

        Assert.That(result.Problems, Is.Empty);
        var steps = StudyDesign.Steps(result.Study!, 0);
        Assert.That(steps.Select(s => s.Name), Is.EqualTo(new[] { "intro", "p1", Ls.StepName, "debrief", "end" }));
        Assert.That(steps[2].Kind, Is.EqualTo(StepKind.Listings));
    }

    [TestCase("listings-nl.json", "nl", "en")]
    [TestCase("listings-en.json", "en")]
    public void Load_listingsSeed_isValidWithEveryDisplayModeAsACell(string file, params string[] languages)
    {
        var result = StudyFile.Load(Seed(file));

        Assert.That(result.Problems, Is.Empty);
        var study = result.Study!;
        Assert.That(study.Languages, Is.EquivalentTo(languages));
        Assert.That(StudyDesign.Cells(study).Select(c => Ls.ModeOf(study, c)), Is.EquivalentTo(Ls.Modes));
        // The original's premium: the most protective shop costs about 60 cents more than the cheapest, on about 15.
        var ranked = Ls.Ranked(study.Listings!);
        Assert.That(Ls.Score(study.Listings!, ranked.MaxBy(m => m.Rating)!.Key)!.Premium, Is.EqualTo(0.60m));
    }

    [Test]
    public void ContentHash_studyWithoutListings_isUnchangedByTheNewKey()
    {
        var demo = StudyFile.Load(Seed("demo.json"));

        Assert.That(System.Text.Json.JsonSerializer.Serialize(demo.Study, StudyStore.Json), Does.Not.Contain("listings"));
    }
}
