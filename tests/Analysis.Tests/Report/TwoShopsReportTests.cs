using System.Text.Json;
using Analysis.Report;
using Analysis.Simulation;
using Analysis.Statistics;
using Dapper;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>
/// The two-shops seed end to end: imported, filled by the direct simulator with known chances of choosing the
/// privacy-invasive shop (at the same price and when it is EUR 1 cheaper), exported and reported. The report must
/// count exactly the stored choices, put each true chance inside its Clopper-Pearson interval, and find the gap's
/// effect with Fisher's exact test, and no effect when the chances are equal.
/// </summary>
public sealed class TwoShopsReportTests : DatabaseTest
{
    private static string SeedStudy => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "two-shops-nl.json");

    async Task<ReportResult> SimulateAndReportAsync(SimulationParameters p, int n, int seed)
    {
        var loaded = StudyFile.Load(SeedStudy);
        Assert.That(loaded.Ok, Is.True, string.Join("; ", loaded.Problems));
        await StudyImport.ImportAsync(DataSource, loaded.Study!);
        await DirectSimulator.RunAsync(DataSource, loaded.Study!.Id, n, seed, p);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, loaded.Study.Id, Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        return ReportBuilder.Build(data);
    }

    [Test]
    public async Task ReportStudy_simulatedHalfAtTheSamePriceAndNinetyPercentWhenCheaper_recoversBothSharesAndTheGapEffect()
    {
        var report = await SimulateAndReportAsync(new SimulationParameters { InvasiveShareEqual = 0.5, InvasiveShareCheaper = 0.9 }, n: 1200, seed: 11);

        var t = report.TwoShops!;
        Assert.That(t.ByGap.Select(g => g.Condition), Is.EqualTo(new[] { "gap=0", "gap=1" }));
        var (same, cheaper) = (t.ByGap[0], t.ByGap[1]);
        foreach (var (g, truth) in new[] { (same, 50.0), (cheaper, 90.0) })
        {
            Assert.That(g.N, Is.GreaterThan(400), g.Condition);
            Assert.That(g.CiLowPct, Is.LessThan(truth), g.Condition);
            Assert.That(g.CiHighPct, Is.GreaterThan(truth), g.Condition);
            Assert.That(g.SharePct, Is.EqualTo(truth).Within(6), g.Condition);
            // Each interval is Clopper-Pearson of its own counts.
            var (low, high) = ClopperPearson.Interval(g.ChoseInvasive, g.N);
            Assert.That((g.CiLowPct, g.CiHighPct), Is.EqualTo((100 * low, 100 * high)));
        }
        Assert.That(t.Test, Is.EqualTo("fisher_exact"));
        Assert.That(t.GapTest!.FisherP, Is.LessThan(1e-10));
        Assert.That(t.GapTest.Df, Is.EqualTo(1));
        // Position is counterbalanced and has no simulated effect: both positions near the overall share.
        Assert.That(t.ByPosition.Select(g => g.Condition), Is.EqualTo(new[] { "invasive shown first", "invasive shown second" }));
        Assert.That(t.ByPosition.Sum(g => g.N), Is.EqualTo(same.N + cheaper.N));
        Assert.That(t.PositionTest!.Df, Is.EqualTo(1));
        Assert.That(t.PositionTest.FisherP, Is.GreaterThan(0.01));

        // The counts, from the stored rows by their own rule: the chosen shop is the one asking more in the participant's cell.
        await using var conn = await DataSource.OpenConnectionAsync();
        var study = StudyFile.Load(SeedStudy).Study!;
        var cells = StudyDesign.Cells(study);
        var analysed = (await conn.QueryAsync<(string Id, int Cell, string Choice)>(
            "select p.id, p.cell_idx, r.value from response r join participant p on p.id = r.participant_id where r.item = @item " +
            "and p.status = 'completed' and p.behaviour_consent and p.attention_passed", new { item = ShopPair.ChoiceKey })).ToList();
        var invasiveAtGap = analysed.Where(a => ShopPair.Of(study, cells[a.Cell]).Invasive.Shop.Key == a.Choice)
            .GroupBy(a => ShopPair.Of(study, cells[a.Cell]).Gap).ToDictionary(g => g.Key, g => g.Count());
        Assert.That((same.ChoseInvasive, cheaper.ChoseInvasive), Is.EqualTo((invasiveAtGap[0m], invasiveAtGap[1m])));
        Assert.That(same.N + cheaper.N, Is.EqualTo(analysed.Count));

        using var json = JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(json.RootElement.GetProperty("two_shops").GetProperty("by_gap")[1].GetProperty("chose_invasive").GetInt32(), Is.EqualTo(cheaper.ChoseInvasive));
        var md = MarkdownReport.Render(report);
        Assert.That(md, Does.Contain("Two shops: choosing the privacy-invasive shop").And.Contain("Fisher's exact p < 0.001"));
    }

    [Test]
    public async Task ReportStudy_simulatedNoGapEffect_findsNoSignificantDifference()
    {
        var report = await SimulateAndReportAsync(new SimulationParameters { InvasiveShareEqual = 0.5, InvasiveShareCheaper = 0.5 }, n: 800, seed: 12);

        var t = report.TwoShops!;
        Assert.That(t.ByGap.Select(g => g.SharePct), Has.All.EqualTo(50.0).Within(8));
        Assert.That(t.GapTest!.FisherP, Is.GreaterThan(0.01));
        Assert.That(t.PositionTest!.FisherP, Is.GreaterThan(0.01));
    }

    [Test]
    public async Task ReportStudy_simulatedPositionEffect_recoversEachPositionsShareAndTestsTheEffect()
    {
        // 40% choose the invasive shop whatever the gap, 80% when it is shown first: a primacy effect of 40 points.
        var report = await SimulateAndReportAsync(
            new SimulationParameters { InvasiveShareEqual = 0.4, InvasiveShareCheaper = 0.4, InvasiveFirstBonus = 0.4 }, n: 1000, seed: 13);

        var t = report.TwoShops!;
        Assert.That(t.ByPosition.Select(g => g.Condition), Is.EqualTo(new[] { "invasive shown first", "invasive shown second" }));
        foreach (var (g, truth) in new[] { (t.ByPosition[0], 80.0), (t.ByPosition[1], 40.0) })
        {
            Assert.That(g.N, Is.GreaterThan(300), g.Condition);
            Assert.That(g.CiLowPct, Is.LessThan(truth), g.Condition);
            Assert.That(g.CiHighPct, Is.GreaterThan(truth), g.Condition);
            var (low, high) = ClopperPearson.Interval(g.ChoseInvasive, g.N);
            Assert.That((g.CiLowPct, g.CiHighPct), Is.EqualTo((100 * low, 100 * high)));
        }
        Assert.That(t.PositionTest!.FisherP, Is.LessThan(1e-10));
        // The test is of the by_position counts themselves.
        var (first, second) = (t.ByPosition[0], t.ByPosition[1]);
        var direct = ChiSquareIndependence.Test(new[,] { { first.ChoseInvasive, first.N - first.ChoseInvasive }, { second.ChoseInvasive, second.N - second.ChoseInvasive } });
        Assert.That(t.PositionTest.Chi2, Is.EqualTo(direct.Chi2).Within(1e-9));
        // The gap has no effect here, and the counterbalanced position does not make one appear.
        Assert.That(t.GapTest!.FisherP, Is.GreaterThan(0.01));

        using var json = JsonDocument.Parse(JsonReport.Render(report));
        var keys = json.RootElement.GetProperty("two_shops").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(keys, Is.EqualTo(new[] { "rule", "by_gap", "by_position", "test", "gap_test", "position_test" }));
        Assert.That(MarkdownReport.Render(report), Does.Contain("By position: chi-square(1) ="));
    }

    [Test]
    public async Task ReportStudy_simulatedBuyingFromNeitherShop_countsThemPerConditionOutsideTheChoosers()
    {
        // The Dutch seed offers "I don't buy from either shop" (allowNoPurchase); a third of the people take it.
        var report = await SimulateAndReportAsync(
            new SimulationParameters { InvasiveShareEqual = 0.5, InvasiveShareCheaper = 0.9, TwoShopsNoPurchaseShare = 0.3 }, n: 1200, seed: 14);

        var t = report.TwoShops!;
        await using var conn = await DataSource.OpenConnectionAsync();
        var study = StudyFile.Load(SeedStudy).Study!;
        Assert.That(study.TwoShops!.AllowNoPurchase, Is.True);
        var cells = StudyDesign.Cells(study);
        var analysed = (await conn.QueryAsync<(string Id, int Cell, string Choice)>(
            "select p.id, p.cell_idx, r.value from response r join participant p on p.id = r.participant_id where r.item = @item " +
            "and p.status = 'completed' and p.behaviour_consent and p.attention_passed", new { item = ShopPair.ChoiceKey })).ToList();
        var neitherAtGap = analysed.Where(a => a.Choice == ShopPair.NoPurchase).GroupBy(a => ShopPair.Of(study, cells[a.Cell]).Gap).ToDictionary(g => g.Key, g => g.Count());
        var choosersAtGap = analysed.Where(a => a.Choice != ShopPair.NoPurchase).GroupBy(a => ShopPair.Of(study, cells[a.Cell]).Gap).ToDictionary(g => g.Key, g => g.Count());
        Assert.That(t.ByGap.Select(g => (g.N, g.NoPurchase)), Is.EqualTo(new[] { (choosersAtGap[0m], neitherAtGap[0m]), (choosersAtGap[1m], neitherAtGap[1m]) }));
        var neither = neitherAtGap.Values.Sum();
        Assert.That(neither / (double)analysed.Count, Is.EqualTo(0.3).Within(0.05));
        Assert.That(t.ByPosition.Sum(g => g.NoPurchase), Is.EqualTo(neither));
        // The shares among the choosers are still the simulated ones: buying nowhere is not counted as either shop.
        foreach (var (g, truth) in new[] { (t.ByGap[0], 50.0), (t.ByGap[1], 90.0) })
            Assert.That((g.CiLowPct < truth, g.CiHighPct > truth), Is.EqualTo((true, true)), g.Condition);
        // Nobody who bought nowhere reached a checkout.
        Assert.That(await conn.ExecuteScalarAsync<long>(
            "select count(*) from response o join response c on c.participant_id = o.participant_id and c.item = @choice and c.value = @none where o.item = @outcome",
            new { choice = ShopPair.ChoiceKey, none = ShopPair.NoPurchase, outcome = ShopPair.OutcomeKey }), Is.Zero);

        using var json = JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(json.RootElement.GetProperty("two_shops").GetProperty("by_gap")[0].GetProperty("no_purchase").GetInt32(), Is.EqualTo(neitherAtGap[0m]));
        Assert.That(MarkdownReport.Render(report), Does.Contain("| Bought from neither |"));
    }

    [Test]
    public async Task ReportStudy_studyWithoutTwoShops_hasNoTwoShopsKey()
    {
        var loaded = StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "demo.json"));
        await StudyImport.ImportAsync(DataSource, loaded.Study!);
        await DirectSimulator.RunAsync(DataSource, loaded.Study!.Id, 40, 1, new SimulationParameters());
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, loaded.Study.Id, Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);

        var report = ReportBuilder.Build(data);

        Assert.That(report.TwoShops, Is.Null);
        Assert.That(JsonReport.Render(report), Does.Not.Contain("two_shops"));
    }
}
