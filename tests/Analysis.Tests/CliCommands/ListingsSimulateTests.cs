using Analysis.Report;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>`simulate --direct` takes the listings block's effect from its options, and refuses impossible ones.</summary>
public sealed class ListingsSimulateTests : DatabaseTest
{
    static string Seed => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "listings-en.json");

    [Test]
    public async Task Simulate_listingsShareOptions_areTheEffectTheReportFinds()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        // Nobody buys privacy without the rating, everybody does when it is salient.
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "listings-en", "-n", "200", "--direct", "--seed", "3",
            "--listings-base-share", "0", "--listings-indicator-share", "0.5", "--listings-salient-share", "1", "--live", "--connection", ConnectionString);

        Assert.That(exit, Is.Zero, error);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, "listings-en", Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        var l = ReportBuilder.Build(data).Listings!;
        var byCondition = l.Conditions.ToDictionary(c => c.Condition);
        Assert.That((byCondition["none"].MeanPremium, byCondition["irrelevant"].MeanPremium, byCondition["salient"].MeanPremium), Is.EqualTo((0.0, 0.0, 0.60)).Within(1e-9));
        Assert.That((byCondition["none"].TopRatedPct, byCondition["salient"].TopRatedPct), Is.EqualTo((0.0, 100.0)));
    }

    [Test]
    public async Task Simulate_listingsShareAboveOne_isRefusedNamingTheOption()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "listings-en", "-n", "5", "--direct", "--listings-salient-share", "1.5", "--connection", ConnectionString);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--listings-salient-share"));
    }
}
