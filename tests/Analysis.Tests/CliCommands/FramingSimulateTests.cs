using Analysis.Report;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>
/// The framing section recovers the simulation's known effect on the seed framing-nl: the bots give each unpaid
/// optional field with one chance when no field is framed required and another when some are
/// (`simulate --framing-voluntary-share`, `--framing-required-share`); the report's shares per arm and its tests find them.
/// </summary>
public sealed class FramingSimulateTests : DatabaseTest
{
    static string Seed => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "framing-nl.json");

    string markdown = "";

    async Task<FramingOut> SimulateAsync(double voluntary, double required, int seed)
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Seed).Study!);
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "framing-nl", "-n", "900", "--direct", "--seed", seed.ToString(),
            "--framing-voluntary-share", voluntary.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--framing-required-share", required.ToString(System.Globalization.CultureInfo.InvariantCulture), "--live", "--connection", ConnectionString);
        Assert.That(exit, Is.Zero, error);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, "framing-nl", Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);
        var report = ReportBuilder.Build(data);
        markdown = MarkdownReport.Render(report);
        return report.Framing!;
    }

    static FramingCellOut Cell(FramingOut f, string field, string arm) =>
        f.Fields.Single(x => x.Field == field).Cells.Single(c => c.Share.Group == arm);

    /// <summary>
    /// The estimate is within 4 standard errors of the simulated share (a miss has a chance of about 1 in 16,000, where
    /// asking each of some twenty 95% intervals to cover it would fail one seed in three), and its interval holds it.
    /// </summary>
    static void Covers(ShareOut s, double truePct)
    {
        var se = 100 * Math.Sqrt(truePct / 100 * (1 - truePct / 100) / s.N);
        Assert.That(s.DisclosedPct!.Value, Is.EqualTo(truePct).Within(4 * se), $"{s.Group}: {s.DisclosedPct:F1}% of {s.N}");
        Assert.That(s.DisclosedPct!.Value, Is.InRange(s.CiLowPct!.Value, s.CiHighPct!.Value));
    }

    [Test]
    public async Task Framing_requiredFieldsLowerVoluntaryDisclosure_theReportFindsBothSharesAndTheDifference()
    {
        var f = await SimulateAsync(voluntary: 0.8, required: 0.5, seed: 7);

        Assert.That(f.FramedFields, Is.EqualTo(new[] { "colour", "found_us" }));
        foreach (var field in new[] { "dob", "gender", "mobile", "income_band" })
        {
            Covers(Cell(f, field, "framing=optional").Share, 80);
            Covers(Cell(f, field, "framing=required").Share, 50);
            Covers(Cell(f, field, "framing=paid").Share, 80);
            Assert.That(f.Fields.Single(x => x.Field == field).P, Is.LessThan(0.001), field);
        }
        // Framed required, a field is given by everyone who ordered; framed optional without an offer, at the voluntary share.
        var colour = Cell(f, "colour", "framing=required");
        Assert.That((colour.Necessity, colour.Share.Disclosed), Is.EqualTo(("required", colour.Share.N)));
        Covers(Cell(f, "colour", "framing=optional").Share, 80);
        Assert.That((Cell(f, "colour", "framing=paid").Necessity, Cell(f, "colour", "framing=paid").OfferPct), Is.EqualTo(("optional", 5.0)));
        Covers(f.Arms.Single(a => a.Arm == "framing=optional").Voluntary, 80);
        Covers(f.Arms.Single(a => a.Arm == "framing=required").Voluntary, 50);
        Assert.That(f.P, Is.LessThan(0.001));
        // The rendered section names its test and shows the per-arm shares.
        Assert.That(markdown, Does.Contain("Framing: over-disclosure of optional fields by arm").And.Contain("Kruskal-Wallis of the per-participant shares"));
        TestContext.Out.WriteLine(markdown[markdown.IndexOf("Framing: over-disclosure", StringComparison.Ordinal)..][..4000]);
    }

    [Test]
    public async Task Framing_noEffect_theReportFindsEqualSharesAndNoDifference()
    {
        var f = await SimulateAsync(voluntary: 0.7, required: 0.7, seed: 8);

        foreach (var arm in new[] { "framing=optional", "framing=required", "framing=paid" })
            Covers(f.Arms.Single(a => a.Arm == arm).Voluntary, 70);
        Assert.That(f.P, Is.GreaterThan(0.05));
        Assert.That(f.Fields.Single(x => x.Field == "dob").P, Is.GreaterThan(0.05));
    }

    [Test]
    public async Task Report_studyWithoutFraming_hasNoFramingSection()
    {
        await StudyImport.ImportAsync(DataSource, StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "demo.json")).Study!);
        var (exit, _, error) = await CliRun.RunAsync("simulate", "--study", "demo", "-n", "20", "--direct", "--seed", "1", "--live", "--connection", ConnectionString);
        Assert.That(exit, Is.Zero, error);
        var data = await ReportFromDatabase.LoadAsync(ConnectionString, "demo", Clock, ReportProgress.Plain(TextWriter.Null), CancellationToken.None);

        Assert.That(ReportBuilder.Build(data).Framing, Is.Null);
    }
}
