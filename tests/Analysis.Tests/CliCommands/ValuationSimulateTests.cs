using Analysis.Report;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>`simulate --direct` takes the valuation block's effect from its options, and refuses impossible ones.</summary>
public sealed class ValuationSimulateTests : DatabaseTest
{
    static string Seed => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "valuation-nl.json");

    [Test]
    public async Task Simulate_wtaRatioOption_isTheEffectTheReportFinds()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        // WTP median 2.5 and WTA 1.4 x 2.5 = 3.5: both midpoints of the seed's list (2|3 and 3|4).
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "valuation-nl", "-n", "300", "--direct", "--seed", "4",
            "--wtp-median", "2.5", "--wta-ratio", "1.4", "--valuation-erratic", "0", "--live", "--connection", ConnectionString);

        Assert.That(exit, Is.Zero, error);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, "valuation-nl", Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        var v = ReportBuilder.Build(data).Valuation!;
        Assert.That((v.Wtp.Median, v.Wta.Median), Is.EqualTo((2.5, 3.5)));
        Assert.That(v.RatioOfMedians, Is.EqualTo(1.4).Within(1e-12));
        Assert.That(v.Wta.Inconsistent + v.Wtp.Inconsistent, Is.Zero, "--valuation-erratic 0: nobody answers at random");
    }

    [Test]
    public async Task Simulate_wtaRatioZero_isRefusedNamingTheOption()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);

        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "valuation-nl", "-n", "5", "--direct", "--wta-ratio", "0", "--connection", ConnectionString);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("--wta-ratio"));
    }
}
