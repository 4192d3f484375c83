using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The rules of requiredIn (the framing paradigm): one broken file per rule (FramingBroken/make_broken.py), each with its exact path and message.</summary>
public sealed class FramingRulesTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "FramingBroken", name);

    [TestCase("on-required-field.json", "shop.fields[0].requiredIn",
        "the field is required in every cell already (\"necessity\": \"required\"); requiredIn makes an optional field required in some cells")]
    [TestCase("empty-list.json", "shop.fields[1].requiredIn", "list at least one offer key, like \"framing=required\"; without one the field is optional everywhere")]
    [TestCase("unknown-factor.json", "shop.fields[1].requiredIn[0]", "offer key 'frame=required': no factor 'frame' (factors: framing)")]
    [TestCase("unknown-level.json", "shop.fields[1].requiredIn[0]", "offer key 'framing=mandatory': factor 'framing' has no level 'mandatory' (levels: optional, required)")]
    [TestCase("matches-no-cell.json", "shop.fields[1].requiredIn[0]", "'framing=required;shown=a' matches no cell of the study")]
    [TestCase("required-everywhere.json", "shop.fields[1].requiredIn",
        "makes the field required in every cell; say \"necessity\": \"required\" instead, or leave a cell in which it is optional")]
    [TestCase("offer-where-required.json", "shop.fields[1].offers",
        "offers 5% in cell 'framing=required', where requiredIn makes the field required; a required field earns no discount, so the offer shown would not be given")]
    [TestCase("not-typed.json", "shop.fields[1].requiredIn",
        "the field's disclosure mode is 'choice', but where it is required it is typed; a framed field must be typed in every cell (\"disclosureMode\": \"server\") so that its disclosure is measured alike in all of them")]
    [TestCase("not-a-list.json", "shop.fields[1].requiredIn", "expected a list [ ... ], got the string \"framing=required\"")]
    public void Load_brokenFramingFile_reportsExactlyItsProblem(string file, string path, string message)
    {
        var result = StudyFile.Load(Broken(file));

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(Broken(file), path, message) }));
        Assert.That(result.Study, Is.Null);
    }

    [Test]
    public void Load_everyBrokenFramingFile_hasATestCase()
    {
        var tested = typeof(FramingRulesTests).GetMethod(nameof(Load_brokenFramingFile_reportsExactlyItsProblem))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Broken("x"))!, "*.json").Select(Path.GetFileName).Where(f => f != "valid.json");
        Assert.That(files, Is.EquivalentTo(tested));
    }

    [Test]
    public void Lines_framedField_isRequiredWithoutOfferInItsCellAndOptionalElsewhere()
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;

        var optional = CheckoutRules.Lines(study, 0).Single(l => l.Field.Key == "colour");
        var required = CheckoutRules.Lines(study, 1).Single(l => l.Field.Key == "colour");

        Assert.That((optional.Field.IsOptional, required.Field.IsOptional), Is.EqualTo((true, false)));
        Assert.That(required.Mode, Is.EqualTo(DisclosureModes.Server));
        Assert.That(CheckoutRules.Problems(_ => null, CheckoutRules.Lines(study, 1)).Select(p => p.Field), Is.EqualTo(new[] { "name", "colour" }));
        Assert.That(CheckoutRules.Problems(_ => null, CheckoutRules.Lines(study, 0)).Select(p => p.Field), Is.EqualTo(new[] { "name" }));
    }

    [Test]
    public void ContentHash_studyWithoutRequiredIn_isUnchangedByTheNewKey()
    {
        var demo = StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "demo.json"));

        Assert.That(System.Text.Json.JsonSerializer.Serialize(demo.Study, StudyStore.Json), Does.Not.Contain("requiredIn"));
    }
}
