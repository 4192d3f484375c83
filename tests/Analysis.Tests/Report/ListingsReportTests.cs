using System.Text.Json;
using Analysis.Report;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;
using Ls = Experiment.Engine.Listings.Listings;

namespace Analysis.Tests.Report;

/// <summary>
/// The listings seed end to end: imported, filled by the direct simulator with a known effect of the display
/// condition, exported and reported. A simulated person buys from the top-rated merchant (CelMarkt, EUR 15.00) with
/// the condition's chance and otherwise at the cheapest price (EUR 14.40), so a condition's expected premium is its
/// chance times EUR 0.60: the report's mean must be near it and its interval must cover it.
/// </summary>
public sealed class ListingsReportTests : DatabaseTest
{
    static string SeedStudy => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "listings-nl.json");

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
    public async Task ReportStudy_simulatedPrivacyShares_recoversThePremiumPerCondition()
    {
        var p = new SimulationParameters { ListingsBaseShare = 0.1, ListingsIndicatorShare = 0.35, ListingsSalientShare = 0.5 };
        var report = await SimulateAndReportAsync(p, n: 1200, seed: 5);

        var l = report.Listings!;
        var expected = new Dictionary<string, double>
        {
            [Ls.None] = 0.1 * 0.60, [Ls.Irrelevant] = 0.1 * 0.60, [Ls.Indicator] = 0.35 * 0.60, [Ls.Salient] = 0.5 * 0.60,
        };
        Assert.That(l.Conditions.Select(c => c.Condition), Is.EqualTo(new[] { Ls.None, Ls.Indicator, Ls.Salient, Ls.Irrelevant }));
        foreach (var c in l.Conditions)
        {
            Assert.That(c.N, Is.GreaterThan(200), c.Condition);
            Assert.That(c.MeanPremium, Is.EqualTo(expected[c.Condition]).Within(0.06), c.Condition);
            Assert.That(expected[c.Condition], Is.InRange(c.CiLow!.Value, c.CiHigh!.Value), $"{c.Condition}: the 95% interval covers the simulated premium");
            // The interval is the mean +- t(0.975, n - 1) times the SE the row reports.
            var q = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, c.N - 1, 0.975);
            Assert.That(c.CiHigh!.Value - c.MeanPremium!.Value, Is.EqualTo(q * c.Se!.Value).Within(1e-12));
            Assert.That(c.MeanPremium!.Value - c.CiLow!.Value, Is.EqualTo(q * c.Se!.Value).Within(1e-12));
            // Everyone buys at 14.40 or 15.00, so the premium is 0 or 0.60 and the mean is 0.60 times the top-rated share.
            Assert.That(c.MeanPremium, Is.EqualTo(0.60 * c.TopRated / c.N).Within(1e-9));
            Assert.That(c.MedianPremium, Is.EqualTo(c.TopRated * 2 > c.N ? 0.60 : c.TopRated * 2 == c.N ? 0.30 : 0.0).Within(1e-9));
        }
        Assert.That(l.KruskalWallis!.P, Is.LessThan(1e-6));
        Assert.That(l.KruskalWallis.Df, Is.EqualTo(3));
        var salient = l.Comparisons.Single(c => c.Condition == Ls.Salient);
        Assert.That((salient.Against, salient.MannWhitney!.Z > 0, salient.PHolm < 1e-6), Is.EqualTo((Ls.None, true, true)));
        Assert.That(l.Comparisons.Single(c => c.Condition == Ls.Irrelevant).MannWhitney!.P, Is.GreaterThan(0.01), "irrelevant information has the baseline's share");

        // The choices the report counted are the stored ones of the analysed participants, scored by the seed's prices.
        await using var conn = await DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Value, bool Consent, bool? Attention)>(
            "select r.value, p.behaviour_consent, p.attention_passed from response r join participant p on p.id = r.participant_id where r.item = 'listings_choice'")).ToList();
        var analysed = stored.Where(s => s.Consent && s.Attention != false).ToList();
        Assert.That(l.Conditions.Sum(c => c.N), Is.EqualTo(analysed.Count));
        Assert.That(l.Conditions.Sum(c => c.TopRated), Is.EqualTo(analysed.Count(s => s.Value == "celmarkt")));
        Assert.That(analysed.Select(s => s.Value).Distinct(), Is.SubsetOf(new[] { "celmarkt", "batterijland" }));

        using var json = JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(json.RootElement.GetProperty("listings").GetProperty("test").GetString(), Is.EqualTo("kruskal_wallis"));
        var md = MarkdownReport.Render(report);
        Assert.That(md, Does.Contain("Rated listings: premium paid for privacy by condition").And.Contain("Kruskal-Wallis H(3) = "));
        // The seed has no checkout: its tables would be empty, so they are left out and a note says why.
        Assert.That(md, Does.Not.Contain("Stated willingness vs actual disclosure per field").And.Not.Contain("What moves disclosure"));
        Assert.That(report.Notes, Has.Some.StartsWith("disclosures.csv has no rows"));
    }

    [Test]
    public async Task ReportStudy_simulatedEqualShares_findsNoSignificantDifference()
    {
        var p = new SimulationParameters { ListingsBaseShare = 0.3, ListingsIndicatorShare = 0.3, ListingsSalientShare = 0.3 };
        var report = await SimulateAndReportAsync(p, n: 600, seed: 6);

        var l = report.Listings!;
        Assert.That(l.KruskalWallis!.P, Is.GreaterThan(0.01));
        foreach (var c in l.Conditions)
            Assert.That(0.3 * 0.60, Is.InRange(c.CiLow!.Value, c.CiHigh!.Value), c.Condition);
    }
}
