using Analysis.Report;
using NUnit.Framework;

namespace Analysis.Tests.Report;

/// <summary>
/// The report's logistic model, built from the declared factors, recovers a known notice effect, a known
/// discount x notice interaction and a block-order effect: over 200 simulated studies (fixed seeds) the mean estimate
/// is within Monte-Carlo error of the truth and the clustered 95% intervals cover it about 95% of the time.
/// </summary>
public sealed class DesignRecoveryTests
{
    const int Replications = 200, Participants = 600;
    static readonly Dictionary<string, List<(double Coef, double Low, double High)>> Fits = [];

    [OneTimeSetUp]
    public static void Simulate()
    {
        for (var r = 0; r < Replications; r++)
        {
            var report = ReportBuilder.Build(DesignStudy.Generate(Participants, seed: 1000 + r));
            Assert.That(report.Logistic!.Separation, Is.Null);
            foreach (var t in report.Logistic.Terms)
            {
                if (!Fits.TryGetValue(t.Term, out var list)) Fits[t.Term] = list = [];
                // The interval is of the odds ratio; on the coefficient scale it is its log.
                list.Add((t.Coef!.Value, Math.Log(t.CiLow!.Value), Math.Log(t.CiHigh!.Value)));
            }
        }
    }

    [TestCase("notice[salient]", DesignStudy.Notice)]
    [TestCase("discount_pct:notice[salient]", DesignStudy.Interaction)]
    [TestCase("block_order[shop>questionnaire]", DesignStudy.ShopFirst)]
    [TestCase("discount_pct", DesignStudy.B1)]
    [TestCase("concern_z", DesignStudy.B2)]
    [TestCase("sensitivity", DesignStudy.B3)]
    public void Logistic_knownDesignEffects_meanEstimateNearTruthAndIntervalsCover95(string term, double truth)
    {
        Assert.That(Fits.Keys, Is.EquivalentTo(new[]
        {
            "intercept", "discount_pct", "concern_z", "sensitivity", "notice[salient]", "discount_pct:notice[salient]",
            "block_order[shop>questionnaire]",
        }));
        var fits = Fits[term];
        Assert.That(fits, Has.Count.EqualTo(Replications));
        var mean = fits.Average(f => f.Coef);
        var sd = Math.Sqrt(fits.Sum(f => (f.Coef - mean) * (f.Coef - mean)) / (fits.Count - 1));
        var coverage = fits.Count(f => f.Low <= truth && truth <= f.High) / (double)fits.Count;
        TestContext.Out.WriteLine($"{term}: truth {truth}, mean {mean:F4}, sd {sd:F4}, coverage {coverage:P1}");
        using var scope = Assert.EnterMultipleScope();
        // Monte-Carlo error of the mean is sd / sqrt(200); allow 4 of those (the MLE's own small-sample bias is far smaller here).
        Assert.That(mean, Is.EqualTo(truth).Within(4 * sd / Math.Sqrt(fits.Count)), $"{term}: mean {mean:F4}, sd {sd:F4}");
        // 95% nominal; with 200 replications the binomial SD of the coverage is 1.5 points.
        Assert.That(coverage, Is.InRange(0.91, 0.99), $"{term}: coverage {coverage:P1}");
    }
}
