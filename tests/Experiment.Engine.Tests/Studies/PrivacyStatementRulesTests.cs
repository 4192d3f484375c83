using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The rules of shop.privacyStatement: one broken file per rule (PrivacyBroken/make_broken.py), each with its exact path and message.</summary>
public sealed class PrivacyStatementRulesTests
{
    static string Broken(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Studies", "PrivacyBroken", name);

    [TestCase("scroll-empty-list.json", "shop.privacyStatement.requireScroll",
        "list at least one offer key, like \"notice=salient\"; without one no cell must scroll past the statement")]
    [TestCase("scroll-unknown-factor.json", "shop.privacyStatement.requireScroll[0]", "offer key 'notise=salient': no factor 'notise' (factors: notice)")]
    [TestCase("scroll-unknown-level.json", "shop.privacyStatement.requireScroll[0]", "offer key 'notice=loud': factor 'notice' has no level 'loud' (levels: plain, salient)")]
    [TestCase("scroll-not-a-key.json", "shop.privacyStatement.requireScroll[0]",
        "offer key 'salient': write \"*\" or factor=level parts joined by ';', like \"discount=5;notice=plain\"")]
    [TestCase("scroll-not-a-list.json", "shop.privacyStatement.requireScroll", "expected a list [ ... ], got the string \"notice=salient\"")]
    [TestCase("scroll-matches-no-cell.json", "shop.privacyStatement.requireScroll[0]", "'notice=salient;shown=a' matches no cell of the study")]
    [TestCase("text-blank.json", "shop.privacyStatement.text.nl", "text is empty")]
    public void Load_brokenPrivacyStatementFile_reportsExactlyItsProblem(string file, string path, string message)
    {
        var result = StudyFile.Load(Broken(file));

        Assert.That(result.Problems, Is.EqualTo(new[] { new StudyProblem(Broken(file), path, message) }));
        Assert.That(result.Study, Is.Null);
    }

    [Test]
    public void Load_everyBrokenPrivacyStatementFile_hasATestCase()
    {
        var tested = typeof(PrivacyStatementRulesTests).GetMethod(nameof(Load_brokenPrivacyStatementFile_reportsExactlyItsProblem))!
            .GetCustomAttributes(typeof(TestCaseAttribute), false).Cast<TestCaseAttribute>().Select(t => (string)t.Arguments[0]!);
        var files = Directory.GetFiles(Path.GetDirectoryName(Broken("x"))!, "*.json").Select(Path.GetFileName).Where(f => f != "valid.json");
        Assert.That(files, Is.EquivalentTo(tested));
    }

    [Test]
    public void RequiresScrollIn_validFile_onlyTheSalientCellMustScroll()
    {
        var study = StudyFile.Load(Broken("valid.json")).Study!;
        var statement = study.Shop!.PrivacyStatement!;

        Assert.That(StudyDesign.Cells(study).Select(c => (c.Arm, statement.RequiresScrollIn(c))),
            Is.EqualTo(new[] { ("notice=plain", false), ("notice=salient", true) }));
    }
}
