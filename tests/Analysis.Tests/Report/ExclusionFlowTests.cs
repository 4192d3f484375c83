using Analysis.Report;
using Experiment.Engine.Studies;
using NUnit.Framework;

namespace Analysis.Tests.Report;

/// <summary>
/// The CONSORT flow: declared rules applied in order, each participant under the first rule that excludes them,
/// consented = excluded + analysed in every cell; --no-exclusions analyses everyone and says so.
/// </summary>
public sealed class ExclusionFlowTests
{
    static string DemoFolder => Path.Combine(AppContext.BaseDirectory, "DemoData");

    static readonly ExclusionRule[] AllRules =
    [
        new() { Rule = ExclusionRule.Pilot }, new() { Rule = ExclusionRule.DebriefNotReached },
        new() { Rule = ExclusionRule.BehaviourConsentRefused }, new() { Rule = ExclusionRule.AttentionFailed },
        new() { Rule = ExclusionRule.Speeder, FractionOfMedian = 0.3 },
    ];

    /// <summary>
    /// 120 participants of the 3 x 2 design; by index: every 10th (i % 10 == 0) a pilot, i % 10 == 1 never reached
    /// the debrief, == 2 refused the shop data, == 3 failed the attention check, == 4 a speeder (20 s against a
    /// median of 300 s). Participant 20 is a pilot who also failed attention: counted once, under pilot.
    /// </summary>
    static ReportData EveryRuleTripped()
    {
        var d = DesignStudy.Generate(120, seed: 5);
        var n = d.Count;
        var pilot = new sbyte[n];
        var status = d.Status.ToArray();
        var consent = d.BehaviourConsent.ToArray();
        var attention = d.AttentionPassed.ToArray();
        var duration = d.DurationSeconds.ToArray();
        for (var i = 0; i < n; i++)
            switch (i % 10)
            {
                case 0: pilot[i] = 1; break;
                case 1: status[i] = ParticipantStatus.Abandoned; consent[i] = -1; duration[i] = double.NaN; break;
                case 2: consent[i] = 0; break;
                case 3: attention[i] = 0; break;
                case 4: duration[i] = 20; break;
            }
        attention[20] = 0;
        return new ReportData
        {
            StudyId = d.StudyId, ParticipantIds = d.ParticipantIds, Arms = d.Arms, ArmFactors = d.ArmFactors,
            ArmFactorLevels = d.ArmFactorLevels, FactorLevelOrder = d.FactorLevelOrder, Status = status,
            ReachedCheckout = d.ReachedCheckout, ConcernItems = d.ConcernItems, ConcernValues = d.ConcernValues, Westin = null,
            Fields = d.Fields, Disclosures = d.Disclosures, BlockOrders = d.BlockOrders, BlockOrderLevels = d.BlockOrderLevels,
            AttentionPassed = attention, DurationSeconds = duration, BehaviourConsent = consent, Pilot = pilot,
            Info = StudyInfo.None with { Exclusions = AllRules, ContentHash = "test" },
        };
    }

    static void AssertAddsUp(FlowOut flow)
    {
        foreach (var c in flow.Cells.Append(flow.Total))
            Assert.That(c.Excluded.Sum() + c.Analysed, Is.EqualTo(c.Consented), $"{c.Arm}: excluded + analysed = consented");
        Assert.That(flow.Cells.Sum(c => c.Consented), Is.EqualTo(flow.Total.Consented));
        Assert.That(flow.Cells.Sum(c => c.Analysed), Is.EqualTo(flow.Total.Analysed));
        for (var r = 0; r < flow.Rules.Count; r++)
            Assert.That(flow.Cells.Sum(c => c.Excluded[r]), Is.EqualTo(flow.Total.Excluded[r]), flow.Rules[r].Rule);
        // Stages can only shrink: nobody completes without reaching the debrief, nor reaches it without the checkout.
        foreach (var c in flow.Cells.Append(flow.Total))
            Assert.That(new[] { c.Consented, c.ReachedCheckout, c.ReachedDebrief, c.Completed }, Is.Ordered.Descending, c.Arm);
    }

    [Test]
    public void Flow_participantsWhoSaidNoToTheShopData_areCountedPerCellInTheTableAndTheJson()
    {
        var data = EveryRuleTripped();
        var said = data.BehaviourConsent.Count(c => c == 0);
        var report = ReportBuilder.Build(data);
        var flow = report.Flow;
        var md = MarkdownReport.Render(report);
        using var json = System.Text.Json.JsonDocument.Parse(JsonReport.Render(report));
        var row = md.Split('\n').Single(l => l.StartsWith("| Said no to the use of their shop data (debrief) |", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(said, Is.GreaterThanOrEqualTo(12), "every i % 10 == 2 said no");
            Assert.That(flow.Total.RefusedShopData, Is.EqualTo(said), "counted whether or not an earlier rule excluded them");
            Assert.That(flow.Cells.Sum(c => c.RefusedShopData), Is.EqualTo(said));
            Assert.That(row.TrimEnd().EndsWith($"| {said} |", StringComparison.Ordinal), row);
            Assert.That(json.RootElement.GetProperty("flow").GetProperty("total").GetProperty("refused_shop_data").GetInt32(), Is.EqualTo(said));
            foreach (var c in flow.Cells.Append(flow.Total))
                Assert.That(c.RefusedShopData, Is.LessThanOrEqualTo(c.ReachedDebrief), c.Arm + ": only who reached the debrief answered");
        });
    }

    [Test]
    public void Flow_everyRuleTripped_eachCountedUnderItsFirstRuleAndAddsUp()
    {
        var report = ReportBuilder.Build(EveryRuleTripped());
        var flow = report.Flow;
        Assert.That(flow.Applied, Is.True);
        Assert.That(flow.Total.Excluded, Is.EqualTo(new[] { 12, 12, 12, 12, 12 }), "participant 20 counts as a pilot, not a 13th attention failure");
        Assert.That(flow.Total.Analysed, Is.EqualTo(120 - 60));
        Assert.That(report.N.Participants, Is.EqualTo(60));
        Assert.That(report.N.Excluded, Is.EqualTo(60));
        Assert.That(report.Logistic!.Clusters, Is.EqualTo(60), "the model sees only the analysed participants");
        AssertAddsUp(flow);
    }

    [Test]
    public void Flow_noExclusions_analysesEveryoneFlagsTheSameAndSaysSo()
    {
        var report = ReportBuilder.Build(EveryRuleTripped(), new ReportOptions(ApplyExclusions: false));
        Assert.That(report.Flow.Applied, Is.False);
        Assert.That(report.Flow.Total.Excluded, Is.EqualTo(new[] { 12, 12, 12, 12, 12 }));
        Assert.That(report.N.Participants, Is.EqualTo(120));
        Assert.That(report.N.Excluded, Is.Zero);
        Assert.That(report.Notes, Has.Some.StartsWith("--no-exclusions:"));
        var md = MarkdownReport.Render(report);
        Assert.That(md, Does.Contain("Flagged, not excluded (1): pilot").And.Contain("NOT applied: --no-exclusions"));
    }

    [Test]
    public void Flow_demoData_declaredRulesFromStudyCsvAddUp()
    {
        var data = ExportFolderReader.Read(DemoFolder);
        Assert.That(data.Info.Exclusions.Select(r => r.Text), Is.EqualTo(new[]
            { "pilot", "debrief_not_reached", "behaviour_consent_refused", "attention_failed", "speeder:fractionOfMedian=0.3" }));
        var report = ReportBuilder.Build(data);
        AssertAddsUp(report.Flow);
        Assert.That(report.Flow.Total.Consented, Is.EqualTo(data.Count));
        // Refusing the shop data blanks checkout_outcome, yet those participants did pass the checkout.
        foreach (var c in report.Flow.Cells) Assert.That(c.ReachedCheckout, Is.GreaterThanOrEqualTo(c.Completed), c.Arm);
        Assert.That(report.Flow.Total.Excluded[2], Is.GreaterThan(0), "the demo has behaviour-consent refusals");
    }

    [Test]
    public void Flow_arms_inDeclaredLevelOrderNotTextOrder()
    {
        // The seed's discount levels (0, 3, 7) sort the same as text and as numbers, so the demo's 7 is relabelled 15:
        // as text "15" would come before "3".
        var folder = Path.Combine(Path.GetTempPath(), "ppl-flow-order-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in Directory.GetFiles(DemoFolder)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var participants = Path.Combine(folder, "participants.csv");
            var text = File.ReadAllText(participants);
            foreach (var notice in new[] { "plain", "salient" })
                text = text.Replace($",discount=7;notice={notice},7,{notice},", $",discount=15;notice={notice},15,{notice},");
            File.WriteAllText(participants, text);
            var codebook = Path.Combine(folder, "codebook.csv");
            var relabelled = File.ReadAllText(codebook).Replace(",0|3|7,arm_discount", ",0|3|15,arm_discount");
            Assert.That(relabelled, Is.Not.EqualTo(File.ReadAllText(codebook)), "the demo codebook declares the levels 0|3|7");
            File.WriteAllText(codebook, relabelled);

            var report = ReportBuilder.Build(ExportFolderReader.Read(folder));
            Assert.That(report.Flow.Cells.Select(c => c.Arm), Is.EqualTo(new[]
            {
                "discount=0;notice=plain", "discount=0;notice=salient", "discount=3;notice=plain", "discount=3;notice=salient",
                "discount=15;notice=plain", "discount=15;notice=salient",
            }));
            Assert.That(report.Discount!.Levels.Select(l => l.Group), Is.EqualTo(new[] { "0", "3", "7" }), "offers sort as numbers");
        }
        finally { Directory.Delete(folder, true); }
    }

    [Test]
    public void Build_everyoneExcluded_clearError()
    {
        var d = DesignStudy.Generate(30, seed: 1);
        var all = new ReportData
        {
            StudyId = d.StudyId, ParticipantIds = d.ParticipantIds, Arms = d.Arms, ArmFactors = d.ArmFactors,
            ArmFactorLevels = d.ArmFactorLevels, FactorLevelOrder = d.FactorLevelOrder, Status = d.Status,
            ReachedCheckout = d.ReachedCheckout, ConcernItems = d.ConcernItems, ConcernValues = d.ConcernValues, Westin = null,
            Fields = d.Fields, Disclosures = d.Disclosures, AttentionPassed = Enumerable.Repeat((sbyte)0, 30).ToArray(),
            DurationSeconds = d.DurationSeconds, BehaviourConsent = d.BehaviourConsent,
            Info = StudyInfo.None with { Exclusions = [new ExclusionRule { Rule = ExclusionRule.AttentionFailed }] },
        };
        var e = Assert.Throws<ReportInputException>(() => ReportBuilder.Build(all));
        Assert.That(e!.Message, Does.Contain("Every one of the 30 participants is excluded").And.Contain("attention_failed"));
    }
}
