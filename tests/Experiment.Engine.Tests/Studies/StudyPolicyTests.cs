using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Experiment.Engine.Tests.Studies;

/// <summary>The policy rules on the seed studies and small edits of them; `study check` and import print these findings.</summary>
public sealed class StudyPolicyTests
{
    /// <summary>The seed study as it was before disclosure modes: everything typed in server mode, a BSN included.</summary>
    static string SeedJson => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Shared", "privacy-paradox-server.json"));

    static string Shipped(string file) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", file));

    [TestCase("privacy-paradox-nl.json", Panel.None)]
    [TestCase("privacy-paradox-prolific.json", Panel.Prolific)]
    public void Check_seedVariantOnItsPanel_findsNothing(string file, Panel panel) =>
        Assert.That(StudyPolicy.Check(Parse(Shipped(file)), panel).Select(f => f.ToString()), Is.Empty);

    [Test]
    public void Check_bsnByMode_refusedOnTheServerWarnedInTheBrowserAndNothingAsAChoice()
    {
        string WithBsnMode(string mode) => SeedJson.Replace("\"key\": \"bsn\",", $"\"key\": \"bsn\", \"disclosureMode\": \"{mode}\",");
        Assert.That(WithBsnMode("choice"), Is.Not.EqualTo(SeedJson));

        var bsn = new[] { "server", "browser", "choice" }.Select(m => StudyPolicy.Check(Parse(WithBsnMode(m)), Panel.None)
            .Where(f => f.Rule == StudyPolicy.Bsn).Select(f => (f.Path, f.Level)).ToList()).ToList();

        Assert.That(bsn[0], Is.EqualTo(new[] { ("shop.fields[9]", PolicyLevel.Refused) }));
        Assert.That(bsn[1], Is.EqualTo(new[] { ("shop.fields[9]", PolicyLevel.Warning) }));
        Assert.That(bsn[2], Is.Empty);
    }

    [Test]
    public void Check_choiceModeOnProlific_leavesOnlyTheTypedRequiredFields()
    {
        var s = Parse(SeedJson.Replace("\"maxDiscountPct\": 50,", "\"maxDiscountPct\": 50, \"disclosureMode\": \"choice\","));

        var findings = StudyPolicy.Check(s, Panel.Prolific);

        Assert.That(findings.Select(f => (f.Path, f.Rule)), Is.EqualTo(new[]
        {
            ("shop.fields[0]", StudyPolicy.ProlificPersonalData), ("shop.fields[1]", StudyPolicy.ProlificPersonalData), ("shop.fields[2]", StudyPolicy.ProlificPersonalData),
            ("shop.fields[3]", StudyPolicy.ProlificPersonalData), ("shop.fields[4]", StudyPolicy.ProlificPersonalData), ("shop.fields[5]", StudyPolicy.ProlificPersonalData),
        }), "name, postcode, house number, street, town and e-mail are required, so typed; every optional field is a choice");
    }

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
