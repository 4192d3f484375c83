using System.Text.Json;
using Analysis.Report;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>
/// End to end on the seed study: imported with StudyImport, filled by the simulator's direct generator, reported
/// from the database. Pins that the real export (not only the test's own CSV writer) feeds every section.
/// </summary>
public sealed class ReportSeedStudyTests : DatabaseTest
{
    private static string SeedStudy => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "privacy-paradox-nl.json");

    [Test]
    public async Task ReportStudy_seedStudySimulated_everySectionComputed()
    {
        var loaded = StudyFile.Load(SeedStudy);
        Assert.That(loaded.Ok, Is.True, string.Join("; ", loaded.Problems));
        await StudyImport.ImportAsync(DataSource, loaded.Study!);
        var sim = await DirectSimulator.RunAsync(DataSource, loaded.Study!.Id, 400, 3, new SimulationParameters());

        var data = await ReportFromDatabase.LoadAsync(ConnectionString, loaded.Study.Id, Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        var report = ReportBuilder.Build(data);

        await using var conn = await DataSource.OpenConnectionAsync();
        var consented = await conn.ExecuteScalarAsync<long>("select count(*) from participant where study_id = @id", new { id = loaded.Study.Id });
        Assert.That(report.N.Consented, Is.EqualTo(consented));
        // The seed study's declared exclusions travel through the export's study.csv and are applied in order.
        Assert.That(report.Flow.Applied, Is.True);
        Assert.That(report.Flow.Rules.Select(r => r.Rule), Is.EqualTo(new[]
            { "pilot", "debrief_not_reached", "behaviour_consent_refused", "attention_failed", "speeder" }));
        Assert.That(report.Flow.Total.Excluded.Sum() + report.Flow.Total.Analysed, Is.EqualTo(consented));
        Assert.That(report.N.Participants, Is.EqualTo(report.Flow.Total.Analysed));
        Assert.That(report.Flow.Total.Completed, Is.EqualTo(sim.Completed));
        Assert.That(report.Attrition.Sum(a => a.Consented), Is.EqualTo(consented));
        Assert.That(report.Header.ContentHash, Is.EqualTo(loaded.ContentHash));
        Assert.That(report.Alpha!.K, Is.EqualTo(8), "the seed study's eight concern items (IUIPC-8)");
        Assert.That(report.Fields, Is.Not.Empty);
        Assert.That(report.Wilcoxon, Is.Not.Null);
        Assert.That(report.Spearman!.Rho, Is.Not.Null);
        Assert.That(report.Logistic!.Separation, Is.Null);
        // The seed's design from its declared factors: discount changes the offer (discount_pct), notice is a dummy,
        // their interaction, and the counterbalanced block order.
        Assert.That(report.Logistic.Terms.Select(t => t.Term), Is.EqualTo(new[]
        {
            "intercept", "discount_pct", "concern_z", "sensitivity", "notice[salient]", "discount_pct:notice[salient]",
            "block_order[shop>questionnaire]",
        }));
        Assert.That(report.Segments!.Groups.Sum(g => g.Participants) + report.Segments.Unclassified, Is.EqualTo(report.N.Participants));
        Assert.That(report.Discount!.Levels, Is.Not.Empty);

        using var json = JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(json.RootElement.GetProperty("n").GetProperty("consented").GetInt32(), Is.EqualTo(consented));
        Assert.That(HtmlReport.Render(report), Does.Contain("<figure id=\"figure-concern\">\n<svg"));
    }
}
