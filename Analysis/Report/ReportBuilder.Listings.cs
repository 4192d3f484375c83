using System.Text.Json.Serialization;
using Analysis.Statistics;

namespace Analysis.Report;

// The listings section (docs/report.md, "Rated listings"): the premium paid for privacy, by display condition.
public static partial class ReportBuilder
{
    /// <summary>Null when the export has no listings columns (the study has no listings block).</summary>
    internal static ListingsOut? Listings(ReportData data, List<string> notes)
    {
        if (data.Listings is not { } l) return null;
        var groups = new List<(string Condition, List<double> Premiums)>();
        foreach (var mode in Experiment.Engine.Listings.Listings.Modes)
        {
            var premiums = Enumerable.Range(0, data.Count).Where(i => l.Conditions[i] == mode && !double.IsNaN(l.Premiums[i])).Select(i => l.Premiums[i]).ToList();
            if (premiums.Count > 0 || l.Conditions.Contains(mode)) groups.Add((mode, premiums));
        }
        var rows = groups.Select(g =>
        {
            var topRated = Enumerable.Range(0, data.Count).Count(i => l.Conditions[i] == g.Condition && l.TopRated[i] == 1);
            var (lo, hi) = g.Premiums.Count == 0 ? (double.NaN, double.NaN) : ClopperPearson.Interval(topRated, g.Premiums.Count);
            var (mean, se, meanLo, meanHi) = MeanInterval(g.Premiums);
            return new ListingsConditionOut(g.Condition, g.Premiums.Count, Num(mean), Num(se), Num(meanLo), Num(meanHi),
                g.Premiums.Count == 0 ? null : Median(g.Premiums), topRated, Pct(topRated, g.Premiums.Count), Num(100 * lo), Num(100 * hi));
        }).ToList();

        var present = groups.Where(g => g.Premiums.Count > 0).ToList();
        var overall = present.Count < 2 ? null : Guard(notes, "Kruskal-Wallis of the premium across listings conditions", () =>
        {
            var r = KruskalWallis.Test(present.Select(g => (IReadOnlyList<double>)g.Premiums).ToList());
            return new KruskalWallisOut(Num(r.H), r.Df, Num(r.P));
        });
        if (present.Count < 2) notes.Add("Listings: fewer than two conditions with a choice, so the premium is not compared between conditions.");

        // Each condition against the one without privacy information (or the first present), Holm across the comparisons.
        var baseline = present.FindIndex(g => g.Condition == Experiment.Engine.Listings.Listings.None) is var b and >= 0 ? b : 0;
        var pairs = new List<(string Condition, MannWhitneyOut? Test)>();
        var against = present.Count > 0 ? present[baseline].Condition : "";
        foreach (var g in present.Where((_, i) => i != baseline))
            pairs.Add((g.Condition, Guard(notes, $"Mann-Whitney test of the premium, {g.Condition} against {against}", () =>
            {
                var r = MannWhitney.Test(g.Premiums, present[baseline].Premiums);
                return new MannWhitneyOut(Num(r.U), Num(r.Z), Num(r.P));
            })));
        var tested = pairs.Where(x => x.Test?.P is not null).ToList();
        var holm = Holm.Adjust(tested.Select(x => x.Test!.P!.Value).ToList());
        var comparisons = pairs.Select(x => new ListingsComparisonOut(x.Condition, against, x.Test,
            tested.FindIndex(t => t.Condition == x.Condition) is var k and >= 0 ? holm[k] : null)).ToList();

        return new ListingsOut("premium = price chosen - cheapest price on the page; participants who chose a merchant (and did not refuse its use)",
            rows, "kruskal_wallis", overall, comparisons);
    }

    /// <summary>The mean with its standard error s / sqrt(n) and the t interval mean +- t(0.975, n - 1) SE; NaN below 2 values.</summary>
    internal static (double Mean, double Se, double Low, double High) MeanInterval(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return (double.NaN, double.NaN, double.NaN, double.NaN);
        var mean = values.Average();
        if (values.Count < 2) return (mean, double.NaN, double.NaN, double.NaN);
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        var se = sd / Math.Sqrt(values.Count);
        var q = Distributions.StudentTQuantile(0.975, values.Count - 1);
        return (mean, se, mean - q * se, mean + q * se);
    }
}

/// <summary>
/// The rated-listings paradigm: per display condition the choices, the premium paid for privacy (mean with its
/// t interval from one SE, median) and the share buying from the top-rated merchant (Clopper-Pearson); the
/// Kruskal-Wallis test of the premium across conditions and Mann-Whitney tests against the baseline, Holm-adjusted.
/// </summary>
public sealed record ListingsOut(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("conditions")] IReadOnlyList<ListingsConditionOut> Conditions,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("kruskal_wallis")] KruskalWallisOut? KruskalWallis,
    [property: JsonPropertyName("comparisons")] IReadOnlyList<ListingsComparisonOut> Comparisons);

public sealed record ListingsConditionOut(
    [property: JsonPropertyName("condition")] string Condition,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mean_premium")] double? MeanPremium,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("ci_low")] double? CiLow,
    [property: JsonPropertyName("ci_high")] double? CiHigh,
    [property: JsonPropertyName("median_premium")] double? MedianPremium,
    [property: JsonPropertyName("top_rated")] int TopRated,
    [property: JsonPropertyName("top_rated_pct")] double? TopRatedPct,
    [property: JsonPropertyName("top_rated_ci_low_pct")] double? TopRatedCiLowPct,
    [property: JsonPropertyName("top_rated_ci_high_pct")] double? TopRatedCiHighPct);

/// <summary>H with its df and p (statistics.md, kruskal_wallis).</summary>
public sealed record KruskalWallisOut(
    [property: JsonPropertyName("h")] double? H,
    [property: JsonPropertyName("df")] int Df,
    [property: JsonPropertyName("p")] double? P);

/// <summary>One condition against the baseline: Mann-Whitney U of the condition's premiums, and its Holm-adjusted p.</summary>
public sealed record ListingsComparisonOut(
    [property: JsonPropertyName("condition")] string Condition,
    [property: JsonPropertyName("against")] string Against,
    [property: JsonPropertyName("mann_whitney")] MannWhitneyOut? MannWhitney,
    [property: JsonPropertyName("p_holm")] double? PHolm);
