using System.Text.Json;
using Analysis.Statistics;
using NUnit.Framework;

namespace Analysis.Tests.Statistics;

/// <summary>
/// The participant-clustered inference of the logistic model against statsmodels (GLM Binomial, cov_type='cluster'):
/// Vectors/clustered.json, made by Vectors/make_clustered.py. z, p and the interval of every term must all be the
/// clustered ones; the model-based SE and p stay available beside them.
/// </summary>
public sealed class ClusteredVectorTests
{
    const double Relative = 1e-6; // iterative fit, as for the shared logistic cases

    static readonly string VectorFile = Path.Combine(AppContext.BaseDirectory, "Vectors", "clustered.json");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var testCase in document.RootElement.GetProperty("cases").EnumerateArray())
            yield return new TestCaseData(testCase.Clone()).SetName("Clustered_" + testCase.GetProperty("name").GetString()!);
    }

    [Test]
    public void VectorFile_has_a_case_where_model_based_and_clustered_p_disagree()
    {
        // The failure mode (p < 0.05 beside an interval containing 1) only shows where the two p differ.
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        var disagree = document.RootElement.GetProperty("cases").EnumerateArray().Sum(c =>
        {
            var e = c.GetProperty("expected");
            var model = Doubles(e.GetProperty("p_model"));
            var cluster = Doubles(e.GetProperty("p_cluster"));
            return model.Where((p, j) => (p < 0.05) != (cluster[j] < 0.05)).Count();
        });
        Assert.That(disagree, Is.GreaterThanOrEqualTo(1));
    }

    [TestCaseSource(nameof(Cases))]
    public void Fit_matches_statsmodels_cluster(JsonElement testCase)
    {
        var input = testCase.GetProperty("input");
        var e = testCase.GetProperty("expected");
        var columns = input.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var rows = input.GetProperty("X").EnumerateArray().Select(Doubles).ToArray();
        var fit = LogisticRegression.Fit(rows.Select(r => r[1..]).ToArray(), columns[1..], Doubles(input.GetProperty("y")),
            input.GetProperty("cluster").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.That(fit.Separation, Is.Null);
        var t = fit.Terms;
        using var scope = Assert.EnterMultipleScope();
        Close("coef", e, t.Select(x => x.Coef));
        Close("se", e, t.Select(x => x.Se));
        Close("p_model", e, t.Select(x => x.PModel));
        Close("se_cluster", e, t.Select(x => x.SeCluster));
        Close("z_cluster", e, t.Select(x => x.Z));
        Close("p_cluster", e, t.Select(x => x.P));
        Close("odds_ratio_ci_low", e, t.Select(x => x.CiLow));
        Close("odds_ratio_ci_high", e, t.Select(x => x.CiHigh));
    }

    static void Close(string key, JsonElement expected, IEnumerable<double> actual)
    {
        var want = Doubles(expected.GetProperty(key));
        var got = actual.ToArray();
        Assert.That(got, Has.Length.EqualTo(want.Length), key);
        for (var i = 0; i < want.Length; i++)
            Assert.That(got[i], Is.EqualTo(want[i]).Within(Relative * Math.Abs(want[i])), $"{key}[{i}]");
    }

    static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
