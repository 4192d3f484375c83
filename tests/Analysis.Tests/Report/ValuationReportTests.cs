using System.Text.Json;
using Analysis.Report;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>
/// The valuation seed end to end: imported, filled by the direct simulator with a known WTA/WTP effect, exported and
/// reported. The simulated valuations are log-normal around a WTP median of 2.5 and a WTA median of ratio x 2.5; the
/// seed's amounts (... 2, 3, 4, 6 ...) put both medians on midpoints of the list (2.5 and 5), so the report must
/// find exactly those medians and their ratio, and count the erratic lists as inconsistent.
/// </summary>
public sealed class ValuationReportTests : DatabaseTest
{
    private static string SeedStudy => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "valuation-nl.json");

    async Task<(ReportResult Report, StudyDefinition Study)> SimulateAndReportAsync(SimulationParameters p, int n = 600, int seed = 7)
    {
        var loaded = StudyFile.Load(SeedStudy);
        Assert.That(loaded.Ok, Is.True, string.Join("; ", loaded.Problems));
        await StudyImport.ImportAsync(DataSource, loaded.Study!);
        await DirectSimulator.RunAsync(DataSource, loaded.Study!.Id, n, seed, p);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, loaded.Study.Id, Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        return (ReportBuilder.Build(data), loaded.Study);
    }

    [Test]
    public async Task ReportStudy_simulatedWtaTwiceWtp_recoversTheMediansTheirRatioAndTheInconsistentLists()
    {
        var (report, study) = await SimulateAndReportAsync(new SimulationParameters { ValuationWtpMedian = 2.5, ValuationWtaRatio = 2, ValuationErratic = 0.05 });

        var v = report.Valuation!;
        Assert.That((v.Wtp.Median, v.Wta.Median), Is.EqualTo((2.5, 5.0)));
        Assert.That(v.RatioOfMedians, Is.EqualTo(2.0).Within(1e-12));
        Assert.That(v.MannWhitney!.P, Is.LessThan(1e-6));
        Assert.That(v.MannWhitney.Z, Is.GreaterThan(0), "WTA ranks higher");

        // The inconsistent lists, counted here from the stored rows by their own rule: an answer back to private after money.
        await using var conn = await DataSource.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(string Pid, int Cell, string Item, string Value)>(
            "select p.id, p.cell_idx, r.item, r.value from response r join participant p on p.id = r.participant_id where r.page = 'valuation'")).ToList();
        var analysed = await AnalysedAsync(conn, report);
        var lists = rows.Where(r => analysed.Contains(r.Pid)).GroupBy(r => (r.Pid, r.Cell))
            .Select(g => (g.Key.Cell, Answers: g.OrderBy(r => int.Parse(r.Item["valuation_r".Length..])).Select(r => r.Value is "keep" or "pay").ToArray())).ToList();
        static bool Inconsistent(bool[] isPrivate) => Enumerable.Range(1, isPrivate.Length - 1).Any(i => isPrivate[i] && !isPrivate[i - 1]);
        Assert.That(v.Wta.Inconsistent, Is.EqualTo(lists.Count(l => l.Cell == 0 && Inconsistent(l.Answers))).And.GreaterThan(0));
        Assert.That(v.Wtp.Inconsistent, Is.EqualTo(lists.Count(l => l.Cell == 1 && Inconsistent(l.Answers))).And.GreaterThan(0));
        Assert.That(v.Wta.Answered + v.Wtp.Answered, Is.EqualTo(lists.Count));
        Assert.That(v.Wta.Consistent + v.Wta.Inconsistent, Is.EqualTo(v.Wta.Answered));
        Assert.That(StudyDesign.Cells(study).Select(c => Experiment.Engine.Valuation.PriceList.FrameOf(study, c)), Is.EqualTo(new[] { "wta", "wtp" }));

        using var json = JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(json.RootElement.GetProperty("valuation").GetProperty("ratio_of_medians").GetDouble(), Is.EqualTo(2.0).Within(1e-12));
        var md = MarkdownReport.Render(report);
        Assert.That(md, Does.Contain("Valuation: willingness to accept vs willingness to pay").And.Contain("Ratio of medians WTA / WTP = 2.00"));
        Assert.That(md, Does.Contain($"{v.Wta.Inconsistent + v.Wtp.Inconsistent} inconsistent lists left out"));
    }

    [Test]
    public async Task ReportStudy_simulatedNoEffect_findsARatioNearOneAndNoSignificance()
    {
        var (report, _) = await SimulateAndReportAsync(new SimulationParameters { ValuationWtpMedian = 2.5, ValuationWtaRatio = 1 }, seed: 8);

        var v = report.Valuation!;
        Assert.That(v.Wta.Median, Is.EqualTo(2.5));
        Assert.That(v.Wtp.Median, Is.EqualTo(2.5));
        Assert.That(v.RatioOfMedians, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(v.MannWhitney!.P, Is.GreaterThan(0.01));
    }

    [Test]
    public async Task ReportStudy_studyWithoutParadigmBlocks_hasNoValuationOrListingsKey()
    {
        var loaded = StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "demo.json"));
        await StudyImport.ImportAsync(DataSource, loaded.Study!);
        await DirectSimulator.RunAsync(DataSource, loaded.Study!.Id, 40, 1, new SimulationParameters());
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, loaded.Study.Id, Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);

        var report = ReportBuilder.Build(data);

        Assert.That(report.Valuation, Is.Null);
        Assert.That(report.Listings, Is.Null);
        using var json = JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(json.RootElement.TryGetProperty("valuation", out _), Is.False);
        Assert.That(json.RootElement.TryGetProperty("listings", out _), Is.False);
    }

    /// <summary>The participants the report analysed: every consented one minus the declared exclusions (pilot, debrief not submitted, use refused, attention failed).</summary>
    static async Task<HashSet<string>> AnalysedAsync(Npgsql.NpgsqlConnection conn, ReportResult report)
    {
        var ids = (await conn.QueryAsync<string>(
            """
            select p.id from participant p
            where p.attention_passed is distinct from false
              and p.behaviour_consent
            """)).ToHashSet();
        Assert.That(ids, Has.Count.EqualTo(report.N.Participants), "the same participants as the report's flow");
        return ids;
    }
}
