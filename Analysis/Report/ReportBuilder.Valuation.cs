using Analysis.Statistics;

namespace Analysis.Report;

// The valuation section (docs/report.md, "Valuation"): WTA against WTP over the consistent price lists.
public static partial class ReportBuilder
{
    /// <summary>Null when the export has no valuation columns (the study has no valuation block).</summary>
    internal static ValuationOut? Valuation(ReportData data, List<string> notes)
    {
        if (data.Valuation is not { } v) return null;
        ValuationGroupOut Group(string frame, out List<double> values)
        {
            var kept = new List<double>();
            int answered = 0, inconsistent = 0, below = 0, above = 0;
            for (var i = 0; i < data.Count; i++)
            {
                if (v.Frames[i] != frame || v.Consistent[i] < 0) continue;
                answered++;
                if (v.Consistent[i] == 0) { inconsistent++; continue; }
                kept.Add(v.Values[i]);
                if (v.Censored[i] == "below") below++;
                else if (v.Censored[i] == "above") above++;
            }
            values = kept;
            return new ValuationGroupOut(frame, answered, kept.Count, inconsistent, below, above, kept.Count == 0 ? null : Median(kept));
        }
        var wta = Group("wta", out var x);
        var wtp = Group("wtp", out var y);
        var test = Guard(notes, $"Mann-Whitney test of WTA (n = {x.Count}) against WTP (n = {y.Count})", () =>
        {
            var r = MannWhitney.Test(x, y);
            return new MannWhitneyOut(Num(r.U), Num(r.Z), Num(r.P));
        });
        double? ratio = wta.Median is { } a && wtp.Median is { } b && b > 0 ? a / b : null;
        if (wta.Median is not null && wtp.Median is 0) notes.Add("Valuation: the WTP median is 0, so the ratio of medians is undefined.");
        return new ValuationOut(
            "consistent price lists only; value = midpoint of the last private and the first money amount, censored lists at the end amount",
            wta, wtp, ratio, "mann_whitney", test);
    }

    /// <summary>The sample median: the middle value, or the mean of the two middle values.</summary>
    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
