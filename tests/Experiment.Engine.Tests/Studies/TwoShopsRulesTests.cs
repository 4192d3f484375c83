using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The two-shops block's rules: one broken file per rule (TwoShopsBroken/make_broken.py), each with its exact path and message.</summary>
public sealed class TwoShopsRulesTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "TwoShopsBroken", name);
    static string Seed(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", name);

    [TestCase("asks-field-twice.json", "twoShops.asksMore[1]", "'birth_date' is listed twice")]
    [TestCase("asks-more-empty.json", "twoShops.asksMore", "the privacy-invasive shop must ask at least one data item")]
    [TestCase("asks-the-same.json", "twoShops.asksLess", "both shops would ask the same data; the paradigm compares shops that differ in what they ask")]
    [TestCase("asks-unknown-field.json", "twoShops.asksLess[0]", "'phone' is not a field (fields: birth_date, income, birth_year)")]
    [TestCase("block-with-pages.json", "blocks[1].pages", "a two_shops block has no pages")]
    [TestCase("block-without-two-shops.json", "blocks[1].type", "a two_shops block needs a \"twoShops\" in the study")]
    [TestCase("currency.json", "twoShops.currency", "'euro' is not a currency code like \"EUR\"")]
    [TestCase("field-key-twice.json", "twoShops.fields[3].key", "'income' is used twice")]
    [TestCase("field-type-bsn.json", "twoShops.fields[0].type", "'bsn' is not a type a shop may ask here; types: text, email, date, year, mobile, income")]
    [TestCase("gap-factor-unknown.json", "twoShops.gapFactor", "no factor 'price' (factors: gap, invasive, first); its levels are the price gaps, e.g. \"0\" and \"1\"")]
    [TestCase("gap-level-fraction-of-cent.json", "twoShops.gapFactor", "level '0.005' of factor 'gap' is not a whole number of cents")]
    [TestCase("gap-level-not-amount.json", "twoShops.gapFactor", "level 'one' of factor 'gap' is not an amount like \"0\" or \"1.50\"")]
    [TestCase("gap-level-too-big.json", "twoShops.gapFactor", "level '9.99' of factor 'gap' is not less than the cheapest product (9.99)")]
    [TestCase("invasive-factor-is-gap.json", "twoShops.invasiveFactor", "factor 'gap' is already the gap factor")]
    [TestCase("invasive-factor-unknown.json", "twoShops.invasiveFactor", "no factor 'asker' (factors: gap, invasive, first); its levels are the shop keys")]
    [TestCase("item-key-reserved.json", "pages[0].items[0].key", "'twoshops_choice': keys starting with twoshops_ are the two shops' own (their responses and export columns)")]
    [TestCase("missing-gap-factor.json", "twoShops.gapFactor", "required key is missing")]
    [TestCase("missing-shop-name.json", "twoShops.shops[0].name", "missing text for language 'nl'")]
    [TestCase("mode-browser.json", "twoShops.disclosureMode", "'browser' is not a mode of this block; modes: server, choice")]
    [TestCase("no-fields.json", "twoShops.fields", "at least one data item for the shops to ask")]
    [TestCase("no-products.json", "twoShops.products", "both shops need at least one product")]
    [TestCase("position-factor-levels.json", "twoShops.positionFactor", "factor 'first' has the levels left, right; its levels are exactly the shop keys (a, b)")]
    [TestCase("position-is-invasive.json", "twoShops.positionFactor", "factor 'invasive' is already the invasive factor; position and data asked are crossed, not tied")]
    [TestCase("price-fraction-of-cent.json", "twoShops.products[0].price", "9.995 is not a whole number of cents")]
    [TestCase("price-zero.json", "twoShops.products[0].price", "must be more than 0, got 0")]
    [TestCase("same-shop-keys.json", "twoShops.shops[1].key", "'a' is the first shop's key too")]
    [TestCase("three-shops.json", "twoShops.shops", "exactly two shops, got 3")]
    [TestCase("too-many-products.json", "twoShops.products", "at most 6 products, got 7")]
    [TestCase("two-blocks.json", "blocks[2].type", "only one two_shops block is allowed")]
    [TestCase("two-shops-without-block.json", "twoShops", "there is a twoShops but no block of type \"two_shops\" shows it")]
    [TestCase("unknown-key.json", "twoShops.colour", "unknown key 'colour'; allowed here: currency, intro, products, shops, fields, asksMore, asksLess, gapFactor, invasiveFactor, positionFactor, disclosureMode, allowNoPurchase")]
    [TestCase("shop-key-none.json", "twoShops.shops[1].key", "'none' is the stored answer \"buys from neither shop\" (allowNoPurchase); give the shop another key")]
    [TestCase("allow-no-purchase-text.json", "twoShops.allowNoPurchase", "expected true or false, got the string \"yes\"")]
    public void Load_brokenTwoShopsFile_reportsExactlyItsProblem(string file, string path, string message)
    {
        var result = StudyFile.Load(Broken(file));

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(Broken(file), path, message) }));
        Assert.That(result.Study, Is.Null);
    }

    [Test]
    public void Load_everyBrokenTwoShopsFile_hasATestCase()
    {
        var tested = typeof(TwoShopsRulesTests).GetMethod(nameof(Load_brokenTwoShopsFile_reportsExactlyItsProblem))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Broken("x"))!, "*.json").Select(Path.GetFileName).Where(f => f != "valid.json");
        Assert.That(files, Is.EquivalentTo(tested));
    }

    [Test]
    public void Load_validTwoShopsFile_hasTheChoiceThenTheCheckoutAfterTheQuestionnaire()
    {
        var result = StudyFile.Load(Broken("valid.json"));

        Assert.That(result.Problems, Is.Empty);
        var steps = StudyDesign.Steps(result.Study!, 0);
        Assert.That(steps.Select(s => s.Name), Is.EqualTo(new[] { "intro", "p1", ShopPair.ChoiceStep, ShopPair.CheckoutStep, "debrief", "end" }));
        Assert.That(steps.Select(s => s.Kind).Skip(2).Take(2), Is.EqualTo(new[] { StepKind.TwoShopsChoice, StepKind.TwoShopsCheckout }));
    }

    [TestCase("two-shops-nl.json", "server")]
    [TestCase("two-shops-en.json", "choice")]
    public void Load_twoShopsSeed_isValidWithEveryArrangementAsACell(string file, string mode)
    {
        var result = StudyFile.Load(Seed(file));

        Assert.That(result.Problems, Is.Empty);
        var study = result.Study!;
        Assert.That(study.TwoShops!.Mode, Is.EqualTo(mode));
        var arrangements = StudyDesign.Cells(study).Select(c => ShopPair.Of(study, c))
            .Select(a => (a.Gap, a.Invasive.Shop.Key, a.InvasivePosition)).ToList();
        // 2 gaps x which shop asks more x which is shown first: every combination once.
        Assert.That(arrangements, Is.Unique);
        Assert.That(arrangements, Has.Count.EqualTo(8));
        Assert.That(arrangements.Select(a => a.Gap).Distinct(), Is.EquivalentTo(new[] { 0m, 1m }));
        Assert.That(arrangements.Select(a => a.InvasivePosition).Distinct(), Is.EquivalentTo(new[] { "first", "second" }));
    }

    [Test]
    public void Of_gapOfOne_makesEveryProductOneCheaperAtTheShopThatAsksMore()
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;
        var cell = StudyDesign.Cells(study).First(c => c.Levels["gap"] == "1" && c.Levels["invasive"] == "b" && c.Levels["first"] == "a");

        var a = ShopPair.Of(study, cell);

        Assert.That(a.Shown.Select(s => s.Shop.Key), Is.EqualTo(new[] { "a", "b" }));
        Assert.That(a.Invasive.Shop.Key, Is.EqualTo("b"));
        Assert.That(a.InvasivePosition, Is.EqualTo("second"));
        Assert.That(a.Invasive.Prices, Is.EqualTo(new[] { 8.99m }));
        Assert.That(a.Other.Prices, Is.EqualTo(new[] { 9.99m }));
        Assert.That(a.Invasive.Asks.Select(f => f.Key), Is.EqualTo(new[] { "birth_date", "income" }));
        Assert.That(a.Other.Asks.Select(f => f.Key), Is.EqualTo(new[] { "birth_year" }));
    }

    [Test]
    public void Checkout_typedValues_keepsOnlyTheirClassAndRefusesABlank()
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;
        var invasive = ShopPair.Of(study, StudyDesign.Cells(study)[0]).Invasive;
        var today = new DateOnly(2026, 10, 5);
        var form = new Dictionary<string, string> { ["f_birth_date"] = "17-03-1990", ["f_income"] = "  " };

        var (missing, given) = ShopPair.Checkout(invasive, DisclosureModes.Server, k => form.GetValueOrDefault(k), today);

        Assert.That(missing, Is.EqualTo(new[] { "income" }));
        Assert.That(given, Is.EqualTo(new Dictionary<string, string> { ["twoshops_given_birth_date"] = "plausible" }));
        Assert.That(given.Values, Has.None.Contains("1990"), "the typed value is never what is kept");
    }

    [TestCase("1990", "plausible")]
    [TestCase(" 2012 ", "plausible")]
    [TestCase("2013", "implausible")]
    [TestCase("1915", "implausible")]
    [TestCase("199O", "implausible")]
    [TestCase("١٩٩٠", "implausible")]
    [TestCase("90", "implausible")]
    public void Checkout_yearOfBirth_isPlausibleForAnAgeFrom14To110(string typed, string expected)
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;
        var other = ShopPair.Of(study, StudyDesign.Cells(study)[0]).Other;
        var form = new Dictionary<string, string> { ["f_birth_year"] = typed };

        var (missing, given) = ShopPair.Checkout(other, DisclosureModes.Server, k => form.GetValueOrDefault(k), new DateOnly(2026, 10, 5));

        Assert.That(missing, Is.Empty);
        Assert.That(given[ShopPair.GivenKey("birth_year")], Is.EqualTo(expected));
    }

    [Test]
    public void Checkout_choiceMode_needsEveryTick()
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;
        var invasive = ShopPair.Of(study, StudyDesign.Cells(study)[0]).Invasive;
        var form = new Dictionary<string, string> { ["s_birth_date"] = "1", ["s_income"] = "yes" };

        var (missing, given) = ShopPair.Checkout(invasive, DisclosureModes.Choice, k => form.GetValueOrDefault(k), new DateOnly(2026, 10, 5));

        Assert.That(missing, Is.EqualTo(new[] { "income" }));
        Assert.That(given, Is.EqualTo(new Dictionary<string, string> { ["twoshops_given_birth_date"] = "ticked" }));
    }

    [Test]
    public void ContentHash_studyWithoutTwoShops_isUnchangedByTheNewKey()
    {
        var demo = StudyFile.Load(Seed("demo.json"));

        Assert.That(System.Text.Json.JsonSerializer.Serialize(demo.Study, StudyStore.Json), Does.Not.Contain("twoShops"));
    }
}
