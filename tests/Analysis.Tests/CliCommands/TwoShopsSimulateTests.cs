using Analysis.Report;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>`simulate --direct` takes the two-shops block's effect from its options, and refuses impossible ones.</summary>
public sealed class TwoShopsSimulateTests : DatabaseTest
{
    static string Seed => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "two-shops-en.json");

    [Test]
    public async Task Simulate_invasiveShareOptions_areTheSharesTheReportFinds()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        // Nobody chooses the invasive shop at the same price, everybody when it is cheaper: the report must find 0% and 100%.
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "two-shops-en", "-n", "160", "--direct", "--seed", "4",
            "--invasive-share-equal", "0", "--invasive-share-cheaper", "1", "--live", "--connection", ConnectionString);

        Assert.That(exit, Is.Zero, error);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, "two-shops-en", Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        var t = ReportBuilder.Build(data).TwoShops!;
        Assert.That(t.ByGap.Select(g => (g.Condition, g.SharePct)), Is.EqualTo(new[] { ("gap=0", (double?)0.0), ("gap=1", 100.0) }));
        Assert.That(t.ByGap.Select(g => g.N), Has.All.GreaterThan(30));
    }

    [Test]
    public async Task Simulate_invasiveShareAboveOne_isRefusedNamingTheOption()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "two-shops-en", "-n", "5", "--direct", "--invasive-share-cheaper", "1.5", "--connection", ConnectionString);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--invasive-share-cheaper"));
    }

    [TestCase("1.5")]
    [TestCase("-2")]
    public async Task Simulate_invasiveFirstBonusOutsideMinusOneToOne_isRefusedNamingTheOption(string bonus)
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "two-shops-en", "-n", "5", "--direct", "--invasive-first-bonus", bonus, "--connection", ConnectionString);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--invasive-first-bonus").And.Contain("between -1 and 1"));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await Dapper.SqlMapper.ExecuteScalarAsync<long>(conn, "select count(*) from participant"), Is.Zero);
    }
}
