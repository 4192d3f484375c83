using Analysis.Statistics;
using NUnit.Framework;

namespace Analysis.Tests.Statistics;

/// <summary>Separation and bad input for the logistic model (the reference vectors only hold well-behaved fits).</summary>
public sealed class LogisticRegressionTests
{
    static string[] Clusters(int n) => Enumerable.Range(0, n).Select(i => (i / 2).ToString()).ToArray();

    [Test]
    public void Fit_perfectlySeparatedByOneTerm_namesThatTerm()
    {
        // y = 1 exactly when discount >= 10; concern is noise.
        var random = new Random(7);
        var x = Enumerable.Range(0, 40).Select(i => new[] { (i % 4) * 5.0, random.NextDouble() }).ToArray();
        var y = x.Select(r => r[0] >= 10 ? 1.0 : 0.0).ToArray();
        var result = LogisticRegression.Fit(x, ["discount_pct", "concern_z"], y, Clusters(40));
        Assert.That(result.Separation, Is.EqualTo("discount_pct"));
        Assert.That(result.Terms, Is.Empty);
        Assert.That(result.Converged, Is.False);
    }

    [Test]
    public void Fit_quasiSeparatedByOneTerm_namesThatTerm()
    {
        // Everyone at sensitivity 5 withholds; elsewhere the outcome is mixed.
        var random = new Random(11);
        var x = Enumerable.Range(0, 200).Select(i => new[] { random.NextDouble() * 2 - 1, i % 5 == 4 ? 1.0 : 0.0 }).ToArray();
        var y = x.Select(r => r[1] == 1.0 ? 0.0 : random.NextDouble() < 0.5 ? 1.0 : 0.0).ToArray();
        var result = LogisticRegression.Fit(x, ["concern_z", "most_sensitive"], y, Clusters(200));
        Assert.That(result.Separation, Is.EqualTo("most_sensitive"));
        Assert.That(result.Terms, Is.Empty);
    }

    [Test]
    public void Fit_singleOutcomeValue_namesTheIntercept()
    {
        var x = Enumerable.Range(0, 10).Select(i => new[] { (double)i }).ToArray();
        var result = LogisticRegression.Fit(x, ["discount_pct"], Enumerable.Repeat(1.0, 10).ToArray(), Clusters(10));
        Assert.That(result.Separation, Is.EqualTo("intercept"));
    }

    [Test]
    public void Fit_wellBehavedData_convergesWithClusterIntervalAroundTheOddsRatio()
    {
        var random = new Random(3);
        var x = Enumerable.Range(0, 400).Select(_ => new[] { random.NextDouble() * 20 }).ToArray();
        var y = x.Select(r => random.NextDouble() < 1 / (1 + Math.Exp(-(-1 + 0.1 * r[0]))) ? 1.0 : 0.0).ToArray();
        var result = LogisticRegression.Fit(x, ["discount_pct"], y, Clusters(400));
        Assert.That(result.Separation, Is.Null);
        Assert.That(result.Converged, Is.True);
        Assert.That(result.Clusters, Is.EqualTo(200));
        var term = result.Terms.Single(t => t.Term == "discount_pct");
        Assert.That(term.CiLow, Is.LessThan(term.OddsRatio).And.GreaterThan(0));
        Assert.That(term.CiHigh, Is.GreaterThan(term.OddsRatio));
        Assert.That(Math.Log(term.CiHigh / term.OddsRatio), Is.EqualTo(1.959963984540054 * term.SeCluster).Within(1e-12));
    }

    [Test]
    public void Fit_outcomeOtherThanZeroOrOne_throwsNamingTheRow()
    {
        var x = Enumerable.Range(0, 10).Select(i => new[] { (double)i }).ToArray();
        var y = Enumerable.Range(0, 10).Select(i => i == 6 ? 2.0 : i % 2).ToArray();
        var error = Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, ["discount_pct"], y, Clusters(10)));
        Assert.That(error!.Message, Does.Contain("y[6] is 2"));
    }

    [Test]
    public void Fit_constantTerm_throwsNamingIt()
    {
        var x = Enumerable.Range(0, 10).Select(i => new[] { (double)i, 5.0 }).ToArray();
        var y = Enumerable.Range(0, 10).Select(i => (double)(i % 2)).ToArray();
        var error = Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, ["concern_z", "discount_pct"], y, Clusters(10)));
        Assert.That(error!.Message, Does.Contain("term 'discount_pct' is constant"));
    }

    [Test]
    public void Fit_collinearTerms_throw()
    {
        var x = Enumerable.Range(0, 10).Select(i => new[] { (double)i, 2.0 * i }).ToArray();
        var y = Enumerable.Range(0, 10).Select(i => (double)(i % 2)).ToArray();
        var error = Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, ["a", "b"], y, Clusters(10)));
        Assert.That(error!.Message, Does.Contain("collinear"));
    }

    [Test]
    public void Fit_mismatchedClusterIds_throw()
    {
        var x = Enumerable.Range(0, 10).Select(i => new[] { (double)i }).ToArray();
        var y = Enumerable.Range(0, 10).Select(i => (double)(i % 2)).ToArray();
        var error = Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, ["a"], y, Clusters(9)));
        Assert.That(error!.Message, Does.Contain("9 cluster ids for 10 rows"));
    }
}
