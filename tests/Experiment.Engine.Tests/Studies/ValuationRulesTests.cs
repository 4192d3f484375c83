using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The valuation block's rules: one broken file per rule (ValuationBroken/make_broken.py), each with its exact path and message.</summary>
public sealed class ValuationRulesTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "ValuationBroken", name);
    static string Seed(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", name);

    [TestCase("block-with-pages.json", "blocks[1].pages", "a valuation block has no pages")]
    [TestCase("block-without-valuation.json", "blocks[1].type", "a valuation block needs a \"valuation\" in the study")]
    [TestCase("valuation-without-block.json", "valuation", "there is a valuation but no block of type \"valuation\" shows it")]
    [TestCase("two-blocks.json", "blocks[2].type", "only one valuation block is allowed")]
    [TestCase("factor-unknown.json", "valuation.factor", "no factor 'framing' (factors: frame); the frame is a factor with the levels wta and wtp")]
    [TestCase("factor-levels.json", "valuation.factor", "factor 'frame' has the levels sell, pay; the frame's factor has exactly the levels wta and wtp")]
    [TestCase("currency.json", "valuation.currency", "'euro' is not a currency code like \"EUR\"")]
    [TestCase("too-few-amounts.json", "valuation.amounts", "a price list needs at least 2 amounts, got 1")]
    [TestCase("too-many-amounts.json", "valuation.amounts", "at most 30 amounts, got 31")]
    [TestCase("negative-amount.json", "valuation.amounts[0]", "must not be negative, got -0.5")]
    [TestCase("fraction-of-cent.json", "valuation.amounts[1]", "1.005 is not a whole number of cents; the page shows amounts to the cent")]
    [TestCase("not-ascending.json", "valuation.amounts[2]", "1 must be more than the amount before it (1); the rows ascend")]
    [TestCase("item-key-reserved.json", "pages[0].items[0].key", "'valuation_r1': keys starting with valuation_ are the price list's own (its rows and export columns)")]
    [TestCase("missing-item-text.json", "valuation.item", "missing text for language 'nl'")]
    [TestCase("unknown-key.json", "valuation.rows", "unknown key 'rows'; allowed here: factor, currency, item, intro, amounts")]
    [TestCase("missing-amounts.json", "valuation.amounts", "required key is missing")]
    public void Load_brokenValuationFile_reportsExactlyItsProblem(string file, string path, string message)
    {
        var result = StudyFile.Load(Broken(file));

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(Broken(file), path, message) }));
        Assert.That(result.Study, Is.Null);
    }

    [Test]
    public void Load_everyBrokenValuationFile_hasATestCase()
    {
        var tested = typeof(ValuationRulesTests).GetMethod(nameof(Load_brokenValuationFile_reportsExactlyItsProblem))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Broken("x"))!, "*.json").Select(Path.GetFileName).Where(f => f != "valid.json");
        Assert.That(files, Is.EquivalentTo(tested));
    }

    [Test]
    public void Load_validValuationFile_hasTheValuationStepAfterTheQuestionnaire()
    {
        var result = StudyFile.Load(Broken("valid.json"));

        Assert.That(result.Problems, Is.Empty);
        var steps = StudyDesign.Steps(result.Study!, 0);
        Assert.That(steps.Select(s => s.Name), Is.EqualTo(new[] { "intro", "p1", PriceList.StepName, "debrief", "end" }));
        Assert.That(steps[2].Kind, Is.EqualTo(StepKind.Valuation));
    }

    [TestCase("valuation-nl.json", new[] { "nl", "en" })]
    [TestCase("valuation-en.json", new[] { "en" })]
    public void Load_valuationSeed_isValidWithBothFramesAsCells(string file, string[] languages)
    {
        var result = StudyFile.Load(Seed(file));

        Assert.That(result.Problems, Is.Empty);
        var study = result.Study!;
        Assert.That(study.Languages, Is.EquivalentTo(languages));
        Assert.That(StudyDesign.Cells(study).Select(c => PriceList.FrameOf(study, c)), Is.EqualTo(new[] { "wta", "wtp" }));
        Assert.That(study.Valuation!.Amounts, Is.Ordered.Ascending);
    }

    [Test]
    public void ContentHash_studyWithoutValuation_isUnchangedByTheNewKey()
    {
        // The hash of a study without the block must stay what it was, or every stored study would look changed.
        var demo = StudyFile.Load(Seed("demo.json"));

        Assert.That(System.Text.Json.JsonSerializer.Serialize(demo.Study, StudyStore.Json), Does.Not.Contain("valuation"));
    }
}
