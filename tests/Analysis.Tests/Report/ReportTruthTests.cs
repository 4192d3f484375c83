using Analysis.Report;
using NUnit.Framework;

namespace Analysis.Tests.Report;

/// <summary>On simulated data with a known discount effect and a weak concern effect, the report recovers the truth.</summary>
public sealed class ReportTruthTests
{
    private static ReportResult _report = null!;
    private static string _folder = "";

    [OneTimeSetUp]
    public static void BuildReport()
    {
        _folder = ExportFolderWriter.NewTempFolder();
        SyntheticStudy.Generate(4000, seed: 20260101).WriteTo(_folder);
        _report = ReportBuilder.Build(ExportFolderReader.Read(_folder));
    }

    [OneTimeTearDown]
    public static void Clean() => Directory.Delete(_folder, recursive: true);

    [TestCase("intercept", SyntheticStudy.B0)]
    [TestCase("discount_pct", SyntheticStudy.B1)]
    [TestCase("concern_z", SyntheticStudy.B2)]
    [TestCase("sensitivity", SyntheticStudy.B3)]
    public void Logistic_simulatedStudy_estimateWithinThreeClusterSeOfTruth(string term, double truth)
    {
        var t = _report.Logistic!.Terms.Single(x => x.Term == term);
        Assert.That(t.Coef!.Value, Is.EqualTo(truth).Within(3 * t.SeCluster!.Value), $"{term}: {t.Coef} (se {t.SeCluster})");
        Assert.That(t.SeCluster, Is.LessThan(0.25 * Math.Max(Math.Abs(truth), 0.2)), "the test must be able to fail: SE small relative to the effect");
    }

    [Test]
    public void Logistic_simulatedStudy_discountEffectSignificantAndConcernNegative()
    {
        var terms = _report.Logistic!.Terms.ToDictionary(t => t.Term);
        Assert.That(terms["discount_pct"].P, Is.LessThan(1e-6));
        Assert.That(terms["concern_z"].Coef, Is.LessThan(0));
        Assert.That(_report.Logistic.Separation, Is.Null);
    }

    [Test]
    public void Logistic_simulatedStudy_fitsOptionalRowsOfParticipantsWithCheckout()
    {
        var withCheckout = _report.N.WithCheckout;
        Assert.That(_report.Logistic!.Clusters, Is.EqualTo(withCheckout));
        Assert.That(_report.Logistic.N, Is.EqualTo(4 * withCheckout), "four optional fields per participant");
        Assert.That(_report.N.Participants, Is.EqualTo(4000));
        Assert.That(_report.Missing.NoCheckout, Is.EqualTo(4000 - withCheckout));
    }

    [Test]
    public void Discount_simulatedStudy_disclosureRisesWithOffer()
    {
        var pcts = _report.Discount!.Levels.Select(l => l.DisclosedPct!.Value).ToArray();
        Assert.That(_report.Discount.Levels.Select(l => l.Group), Is.EqualTo(new[] { "0", "5", "15", "25" }));
        Assert.That(pcts, Is.Ordered.Ascending);
        Assert.That(_report.Discount.P, Is.LessThan(1e-6));
        Assert.That(_report.Discount.Levels.All(l => l.CiLowPct < l.DisclosedPct && l.DisclosedPct < l.CiHighPct));
    }

    [Test]
    public void Alpha_fourItemsWithOneReversed_isHighBecauseReverseCodingIsUndone()
    {
        // Without undoing the reverse-coded item it would correlate negatively and pull alpha far down.
        Assert.That(_report.Alpha!.K, Is.EqualTo(4));
        Assert.That(_report.Alpha.N, Is.EqualTo(4000));
        Assert.That(_report.Alpha.Alpha, Is.GreaterThan(0.8));
    }

    [Test]
    public void Spearman_simulatedStudy_weakNegativeCorrelation()
    {
        Assert.That(_report.Spearman!.Rho, Is.LessThan(0).And.GreaterThan(-0.3));
        Assert.That(_report.Spearman.N, Is.EqualTo(_report.N.WithCheckout));
    }

    [Test]
    public void Segments_everyParticipant_isClassifiedOnce()
    {
        var s = _report.Segments!;
        Assert.That(s.Groups.Sum(g => g.Participants) + s.Unclassified, Is.EqualTo(4000));
        Assert.That(s.Groups.Select(g => g.Group), Is.EqualTo(new[] { "fundamentalist", "pragmatist", "unconcerned" }));
    }
}
