using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The policy rules on the seed study and small edits of it; `study check` and import print these findings.</summary>
public sealed class StudyPolicyTests
{
    static string SeedJson => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "privacy-paradox-nl.json"));

    static StudyDefinition Parse(string json)
    {
        var r = StudyFile.Parse(json, "s.json");
        Assert.That(r.Problems.Select(p => p.ToString()), Is.Empty);
        return r.Study!;
    }

    static string WithApprovals(string json, string approvals) => json.Replace("\"shop\": {", $"\"approvals\": {approvals},\n  \"shop\": {{");

    [Test]
    public void Check_seedOnProlific_warnsForEveryTypedFieldAndRefusesTheBsn()
    {
        var s = Parse(SeedJson);

        var findings = StudyPolicy.Check(s, Panel.Prolific);

        var typed = s.Shop!.Fields.Select((f, i) => (f, i)).Where(x => x.f.Type != FieldTypes.Choice).Select(x => $"shop.fields[{x.i}]");
        Assert.That(findings.Where(f => f.Rule == StudyPolicy.ProlificPersonalData).Select(f => f.Path), Is.EqualTo(typed));
        Assert.That(findings.Where(f => f.Level == PolicyLevel.Refused).Select(f => (f.Path, f.Rule)), Is.EqualTo(new[] { ("shop.fields[9]", StudyPolicy.Bsn) }));
    }

    [Test]
    public void Check_seedOnNoPanel_refusesTheBsnAndWarnsForTheProlificCompletionUrl()
    {
        var findings = StudyPolicy.Check(Parse(SeedJson), Panel.None);

        Assert.That(findings.Select(f => (f.Path, f.Level, f.Rule)), Is.EqualTo(new[]
        {
            ("shop.fields[9]", PolicyLevel.Refused, StudyPolicy.Bsn),
            ("panel.completionUrl", PolicyLevel.Warning, StudyPolicy.CompletionUrl),
        }));
    }

    [Test]
    public void Check_approvalForTheBsnRule_doesNotSilenceItsRefusal()
    {
        var s = Parse(WithApprovals(SeedJson, "{ \"bsn\": \"consent form 3\", \"completion-url\": \"own panel\" }"));

        var findings = StudyPolicy.Check(s, Panel.None);

        Assert.That(findings.Select(f => (f.Path, f.Level, f.Rule)), Is.EqualTo(new[] { ("shop.fields[9]", PolicyLevel.Refused, StudyPolicy.Bsn) }));
    }

    [Test]
    public void Check_blankApprovalReference_doesNotSilenceAWarning()
    {
        var s = Parse(WithApprovals(SeedJson, "{ \"completion-url\": \"  \" }"));

        var findings = StudyPolicy.Check(s, Panel.None);

        Assert.That(findings.Select(f => f.Rule), Does.Contain(StudyPolicy.CompletionUrl));
    }

    [Test]
    public void Check_everyFinding_citesASourceOfItsRule()
    {
        var findings = StudyPolicy.Check(Parse(SeedJson), Panel.Prolific);

        Assert.That(findings, Is.Not.Empty);
        foreach (var f in findings)
            Assert.That(f.ToString(), Does.StartWith(f.Path + ": ").And.Contain($"[{f.Rule}]").And.EndWith($"({StudyPolicy.Sources[f.Rule]})"));
    }

    [TestCase("prolific", Panel.Prolific)]
    [TestCase(" Prolific ", Panel.Prolific)]
    [TestCase("none", Panel.None)]
    [TestCase("mturk", null)]
    [TestCase(null, null)]
    public void ParsePanel_names_mapToPanels(string? name, Panel? expected) =>
        Assert.That(StudyPolicy.ParsePanel(name), Is.EqualTo(expected));
}
