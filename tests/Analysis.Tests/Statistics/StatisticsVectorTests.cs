using System.Text.Json;
using Analysis.Statistics;
using NUnit.Framework;

namespace Analysis.Tests.Statistics;

/// <summary>
/// Runs every case of the reference vectors (Vectors/statistics.json, scipy 1.10 / statsmodels 0.13) through
/// Analysis.Statistics, one NUnit test per case named after it. Every expected key is asserted; a value we compute
/// that the case does not list must be null (e.g. the exact Wilcoxon p of an "approx" case, Fisher's p of a 3x2
/// table); a kind without an implementation fails.
/// </summary>
public sealed class StatisticsVectorTests
{
    const double Relative = 1e-9;
    const double LogisticRelative = 1e-6; // iterative fit: statsmodels stops at its own tolerance

    // Relative error is meaningless against an expected exact 0 (McNemar's uncorrected chi-square at b = c, the
    // Clopper-Pearson lower bound at k = 0); there the difference itself must be at rounding level.
    const double AbsoluteAtZero = 1e-15;

    static readonly string VectorFile = Path.Combine(AppContext.BaseDirectory, "Vectors", "statistics.json");

    public static IEnumerable<TestCaseData> Cases()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(VectorFile));
        foreach (var testCase in document.RootElement.GetProperty("cases").EnumerateArray())
            yield return new TestCaseData(testCase.Clone()).SetName(testCase.GetProperty("name").GetString()!);
    }

    [Test]
    public void VectorFile_holds_cases_of_every_kind()
    {
        var kinds = Cases().Select(c => ((JsonElement)c.Arguments[0]!).GetProperty("kind").GetString()).Distinct().Order();
        Assert.That(kinds, Is.EquivalentTo(new[]
        {
            "chi2_independence", "cronbach_alpha", "holm", "kruskal_wallis", "logistic", "mann_whitney", "mcnemar",
            "pearson", "proportion_ci", "spearman", "wilcoxon",
        }));
    }

    [TestCaseSource(nameof(Cases))]
    public void Case_matches_reference(JsonElement testCase)
    {
        var kind = testCase.GetProperty("kind").GetString()!;
        var input = testCase.GetProperty("input");
        var expected = testCase.GetProperty("expected");
        var actual = Compute(kind, input);
        var tolerance = kind == "logistic" ? LogisticRelative : Relative;

        using var scope = Assert.EnterMultipleScope(); // report every mismatching key of the case, not just the first
        foreach (var key in expected.EnumerateObject())
        {
            Assert.That(actual.ContainsKey(key.Name), Is.True, $"{kind}: nothing computed for expected key '{key.Name}'");
            AssertMatches($"{kind}.{key.Name}", key.Value, actual[key.Name], tolerance);
        }
        foreach (var (key, value) in actual)
            if (!expected.TryGetProperty(key, out _))
                Assert.That(value, Is.Null, $"{kind}.{key}: the reference leaves it out, so it must be undefined");
    }

    static Dictionary<string, object?> Compute(string kind, JsonElement input)
    {
        switch (kind)
        {
            case "mcnemar":
            {
                var r = McNemar.Test(input.GetProperty("b").GetInt32(), input.GetProperty("c").GetInt32());
                return new()
                {
                    ["b"] = r.B, ["c"] = r.C, ["p_exact"] = r.PExact, ["chi2_corrected"] = r.Chi2Corrected,
                    ["p_corrected"] = r.PCorrected, ["chi2_uncorrected"] = r.Chi2Uncorrected, ["p_uncorrected"] = r.PUncorrected,
                };
            }
            case "holm":
                return new() { ["adjusted"] = Holm.Adjust(Doubles(input.GetProperty("p"))) };
            case "wilcoxon":
            {
                var r = Wilcoxon.SignedRank(Doubles(input.GetProperty("d")));
                return new()
                {
                    ["n_used"] = r.NUsed, ["w_plus"] = r.WPlus, ["w_minus"] = r.WMinus, ["statistic"] = r.Statistic,
                    ["z"] = r.Z, ["p_approx"] = r.PApprox, ["rank_biserial"] = r.RankBiserial, ["method"] = r.Method,
                    ["p_exact"] = r.PExact,
                };
            }
            case "spearman":
            {
                var r = Correlation.Spearman(Doubles(input.GetProperty("x")), Doubles(input.GetProperty("y")));
                return new() { ["rho"] = r.R, ["p"] = r.P, ["ci_low"] = r.CiLow, ["ci_high"] = r.CiHigh };
            }
            case "pearson":
            {
                var r = Correlation.Pearson(Doubles(input.GetProperty("x")), Doubles(input.GetProperty("y")));
                return new() { ["r"] = r.R, ["p"] = r.P, ["ci_low"] = r.CiLow, ["ci_high"] = r.CiHigh };
            }
            case "cronbach_alpha":
            {
                var rows = input.GetProperty("items").EnumerateArray().Select(Doubles).ToArray();
                var r = CronbachAlpha.Compute(rows);
                return new() { ["alpha"] = r.Alpha, ["ci_low"] = r.CiLow, ["ci_high"] = r.CiHigh };
            }
            case "logistic":
                return Logistic(input);
            case "chi2_independence":
            {
                var rows = input.GetProperty("table").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt32()).ToArray()).ToArray();
                var table = new int[rows.Length, rows[0].Length];
                for (var i = 0; i < rows.Length; i++)
                    for (var j = 0; j < rows[0].Length; j++) table[i, j] = rows[i][j];
                var r = ChiSquareIndependence.Test(table);
                return new() { ["chi2"] = r.Chi2, ["df"] = r.Df, ["p"] = r.P, ["cramers_v"] = r.CramersV, ["fisher_p"] = r.FisherP };
            }
            case "kruskal_wallis":
            {
                var r = KruskalWallis.Test(input.GetProperty("groups").EnumerateArray().Select(g => (IReadOnlyList<double>)Doubles(g)).ToArray());
                return new() { ["h"] = r.H, ["df"] = r.Df, ["p"] = r.P };
            }
            case "mann_whitney":
            {
                var r = MannWhitney.Test(Doubles(input.GetProperty("x")), Doubles(input.GetProperty("y")));
                return new() { ["u"] = r.U, ["p"] = r.P };
            }
            case "proportion_ci":
            {
                var (low, high) = ClopperPearson.Interval(input.GetProperty("k").GetInt32(), input.GetProperty("n").GetInt32());
                return new() { ["ci_low"] = low, ["ci_high"] = high };
            }
            default:
                Assert.Fail($"Reference kind '{kind}' has no implementation in Analysis.Statistics.");
                throw new InvalidOperationException("unreachable");
        }
    }

    // The reference design matrix carries the intercept column; our API adds it itself.
    static Dictionary<string, object?> Logistic(JsonElement input)
    {
        var columns = input.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToArray();
        var rows = input.GetProperty("X").EnumerateArray().Select(Doubles).ToArray();
        Assert.That(columns[0], Is.EqualTo("intercept"));
        Assert.That(rows.All(r => r[0] == 1.0), Is.True, "the reference's first column must be the intercept");
        var r = LogisticRegression.Fit(rows.Select(row => row[1..]).ToArray(), columns[1..], Doubles(input.GetProperty("y")),
            input.GetProperty("cluster").EnumerateArray().Select(c => c.ToString()).ToArray());
        Assert.That(r.Separation, Is.Null, "reference fits are not separated");
        Assert.That(r.Converged, Is.True);
        Assert.That(r.Terms.Select(t => t.Term), Is.EqualTo(columns));
        return new()
        {
            ["coef"] = r.Terms.Select(t => t.Coef).ToArray(), ["se"] = r.Terms.Select(t => t.Se).ToArray(),
            // The shared reference's z and p are statsmodels' default (model-based) summary.
            ["z"] = r.Terms.Select(t => t.ZModel).ToArray(), ["p"] = r.Terms.Select(t => t.PModel).ToArray(),
            ["odds_ratio"] = r.Terms.Select(t => t.OddsRatio).ToArray(), ["se_cluster"] = r.Terms.Select(t => t.SeCluster).ToArray(),
            ["cluster_correction"] = r.ClusterCorrection, ["deviance"] = r.Deviance, ["log_likelihood"] = r.LogLikelihood,
        };
    }

    static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    static void AssertMatches(string what, JsonElement expected, object? actual, double tolerance)
    {
        switch (expected.ValueKind)
        {
            case JsonValueKind.Null:
                Assert.That(actual, Is.Null, $"{what}: the reference says undefined");
                break;
            case JsonValueKind.String:
                Assert.That(actual, Is.EqualTo(expected.GetString()), what);
                break;
            case JsonValueKind.Array:
                var values = (double[])actual!;
                var wanted = Doubles(expected);
                Assert.That(values, Has.Length.EqualTo(wanted.Length), what);
                for (var i = 0; i < wanted.Length; i++) AssertClose($"{what}[{i}]", wanted[i], values[i], tolerance);
                break;
            case JsonValueKind.Number:
                Assert.That(actual, Is.Not.Null, $"{what}: computed as undefined, the reference has {expected}");
                AssertClose(what, expected.GetDouble(), Convert.ToDouble(actual), tolerance);
                break;
            default:
                Assert.Fail($"{what}: unexpected JSON value {expected}");
                break;
        }
    }

    static void AssertClose(string what, double expected, double actual, double tolerance)
    {
        var allowed = expected == 0 ? AbsoluteAtZero : tolerance * Math.Abs(expected);
        Assert.That(Math.Abs(actual - expected), Is.LessThanOrEqualTo(allowed),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
    }
}
