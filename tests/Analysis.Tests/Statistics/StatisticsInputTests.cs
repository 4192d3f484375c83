using Analysis.Statistics;
using NUnit.Framework;

namespace Analysis.Tests.Statistics;

/// <summary>What the statistics do with bad or degenerate input, and the behaviour the vectors do not cover.</summary>
public sealed class StatisticsInputTests
{
    [Test]
    public void McNemar_negativeCount_throwsNamingTheCell()
    {
        var error = Assert.Throws<ArgumentException>(() => McNemar.Test(-1, 3));
        Assert.That(error!.Message, Does.Contain("b must be a count >= 0, got -1"));
    }

    [TestCase(12, 12, "exact")]
    [TestCase(13, 12, "chi2_corrected")]
    public void McNemar_25DiscordantPairs_headlineSwitchesToCorrectedChiSquare(int b, int c, string test)
    {
        var result = McNemar.Test(b, c);
        Assert.That(result.HeadlineTest, Is.EqualTo(test));
        Assert.That(result.HeadlineP, Is.EqualTo(test == "exact" ? result.PExact : result.PCorrected));
    }

    [Test]
    public void McNemar_thousandsOfDiscordantPairs_keepsAFiniteExactPNearTheChiSquareOne()
    {
        var result = McNemar.Test(1100, 1000);
        Assert.That(double.IsFinite(result.PExact), Is.True, $"exact p was {result.PExact}");
        // For large b + c the exact and the continuity-corrected chi-square p agree closely (mcnemar-7 in the vectors: 0.2%).
        Assert.That(result.PExact, Is.EqualTo(result.PCorrected).Within(1).Percent);
    }

    [Test]
    public void Holm_pOutsideUnitInterval_throwsNamingItsPosition()
    {
        var error = Assert.Throws<ArgumentException>(() => Holm.Adjust([0.2, 1.5]));
        Assert.That(error!.Message, Does.Contain("p value 1 is 1.5"));
    }

    [Test]
    public void Ranks_ties_areAveragedInInputOrder()
    {
        Assert.That(Ranks.Average([3.0, 1.0, 3.0, 2.0, 3.0]), Is.EqualTo(new[] { 4.0, 1.0, 4.0, 2.0, 4.0 }));
    }

    [Test]
    public void Wilcoxon_noDifferences_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Wilcoxon.SignedRank([]));
        Assert.That(error!.Message, Does.Contain("no differences"));
    }

    [Test]
    public void Wilcoxon_allZeroDifferences_leavesNothingToTest()
    {
        var result = Wilcoxon.SignedRank([0.0, 0.0, 0.0]);
        Assert.That(result.NUsed, Is.Zero);
        Assert.That(result.NZero, Is.EqualTo(3));
        Assert.That(result.Method, Is.EqualTo("none"));
        Assert.That(result.Z, Is.Null);
        Assert.That(result.P, Is.EqualTo(1.0));
        Assert.That(result.RankBiserial, Is.NaN);
    }

    [Test]
    public void Wilcoxon_droppedZeros_switchToTheNormalApproximationAsInRAndScipy()
    {
        var result = Wilcoxon.SignedRank([0.0, 1.0, -2.0, 3.0, 4.0, 5.0]);
        Assert.That(result.Method, Is.EqualTo("approx"));
        Assert.That(result.PExact, Is.Null);
        Assert.That(result.P, Is.EqualTo(result.PApprox));
    }

    [Test]
    public void Correlation_mismatchedLengths_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Correlation.Pearson([1.0, 2, 3, 4, 5], [1.0, 2, 3, 4]));
        Assert.That(error!.Message, Does.Contain("x has 5 values but y has 4"));
    }

    [Test]
    public void Correlation_tooFewPairs_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Correlation.Spearman([1.0, 2, 3], [3.0, 1, 2]));
        Assert.That(error!.Message, Does.Contain("at least 4 pairs, got 3"));
    }

    [Test]
    public void Correlation_constantVariable_isUndefined()
    {
        var result = Correlation.Spearman([1.0, 1, 1, 1, 1], [1.0, 2, 3, 4, 5]);
        Assert.That(new[] { result.R, result.P, result.CiLow, result.CiHigh }, Is.All.NaN);
    }

    [Test]
    public void CronbachAlpha_raggedRows_throwNamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => CronbachAlpha.Compute([[1.0, 2, 3], [2.0, 3], [3.0, 4, 5]]));
        Assert.That(error!.Message, Does.Contain("row 1 has 2 items, row 0 has 3"));
    }

    [Test]
    public void ChiSquare_emptyRow_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ChiSquareIndependence.Test(new[,] { { 3, 4 }, { 0, 0 } }));
        Assert.That(error!.Message, Does.Contain("row 1 has no observations"));
    }

    [Test]
    public void KruskalWallis_emptyGroup_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => KruskalWallis.Test([[1.0, 2], []]));
        Assert.That(error!.Message, Does.Contain("group 1 is empty"));
    }

    [Test]
    public void ClopperPearson_moreSuccessesThanTrials_throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ClopperPearson.Interval(21, 20));
        Assert.That(error!.Message, Does.Contain("between 0 and n = 20, got 21"));
    }

    [Test]
    public void ClopperPearson_allSuccesses_reachesOne()
    {
        var (low, high) = ClopperPearson.Interval(20, 20);
        Assert.That(high, Is.EqualTo(1.0));
        // Lower bound for k = n is (alpha/2)^(1/n) in closed form.
        Assert.That(low, Is.EqualTo(Math.Pow(0.025, 1.0 / 20)).Within(1e-12));
    }
}
