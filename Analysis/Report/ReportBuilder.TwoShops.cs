using System.Globalization;
using Analysis.Statistics;

namespace Analysis.Report;

// The two-shops section (docs/report.md, "Two shops"): the share choosing the privacy-invasive shop per condition.
public static partial class ReportBuilder
{
    /// <summary>Null when the export has no two-shops columns (the study has no such block).</summary>
    internal static TwoShopsOut? TwoShops(ReportData data, List<string> notes)
    {
        if (data.TwoShops is not { } t) return null;
        // Conditions in numeric order of the gap ("0" before "1" before "10"), positions first before second.
        var gaps = Enumerable.Range(0, data.Count).Where(i => t.ChoseInvasive[i] >= 0 && t.Gaps[i].Length > 0).Select(i => t.Gaps[i]).Distinct()
            .OrderBy(g => decimal.Parse(g, NumberStyles.Float, CultureInfo.InvariantCulture)).ToList();
        var counts = gaps.Select(g => Count(t, i => t.Gaps[i] == g)).ToList();
        var byGap = gaps.Select((g, j) => Group("gap=" + g, counts[j]) with { NoPurchase = Neither(t, i => t.Gaps[i] == g) }).ToList();
        var positions = new[] { "first", "second" }.Select(pos => (pos, c: Count(t, i => t.Positions[i] == pos))).Where(x => x.c.N > 0).ToList();
        var byPosition = positions.Select(x => Group("invasive shown " + x.pos, x.c) with { NoPurchase = Neither(t, i => t.Positions[i] == x.pos) }).ToList();
        ChoiceTestOut? test = null;
        if (gaps.Count < 2) notes.Add("Two shops: fewer than two price gaps with choices, so the choice is not tested against the gap.");
        else test = Guard(notes, "Chi-square test of the two shops' choice against the price gap", () => ChoiceTest(counts));
        // The position is counterbalanced so that it cannot bias the gap's estimate; whether it had an effect of its own
        // (a primacy effect) is a check a reviewer asks for, so it is tested the same way (2x2: Fisher's exact p too).
        ChoiceTestOut? positionTest = null;
        if (positions.Count < 2) notes.Add("Two shops: the privacy-invasive shop was not shown in both positions, so the choice is not tested against its position.");
        else positionTest = Guard(notes, "Chi-square test of the two shops' choice against the invasive shop's position", () => ChoiceTest(positions.Select(x => x.c).ToList()));
        return new TwoShopsOut("participants who chose a shop; invasive = the shop that asked more personal data", byGap, byPosition,
            test?.FisherP is not null ? "fisher_exact" : "chi_square", test) { PositionTest = positionTest };
    }

    /// <summary>Pearson chi-square (Fisher's exact p for two groups) of chose-invasive against the groups' counts.</summary>
    static ChoiceTestOut ChoiceTest(IReadOnlyList<(int N, int K)> groups)
    {
        var table = new int[groups.Count, 2];
        for (var j = 0; j < groups.Count; j++) { table[j, 0] = groups[j].K; table[j, 1] = groups[j].N - groups[j].K; }
        var r = ChiSquareIndependence.Test(table);
        return new ChoiceTestOut(Num(r.Chi2), r.Df, Num(r.P), Num(r.CramersV), Num(r.FisherP));
    }

    static (int N, int K) Count(TwoShopsColumns t, Func<int, bool> inGroup)
    {
        int n = 0, k = 0;
        for (var i = 0; i < t.ChoseInvasive.Length; i++)
        {
            if (t.ChoseInvasive[i] < 0 || !inGroup(i)) continue;
            n++;
            if (t.ChoseInvasive[i] == 1) k++;
        }
        return (n, k);
    }

    /// <summary>In the group: participants who bought from neither shop (allowNoPurchase); not in its n.</summary>
    static int Neither(TwoShopsColumns t, Func<int, bool> inGroup) => Enumerable.Range(0, t.NoPurchase.Length).Count(i => t.NoPurchase[i] && inGroup(i));

    static TwoShopsGroupOut Group(string condition, (int N, int K) c)
    {
        if (c.N == 0) return new(condition, 0, 0, null, null, null);
        var (low, high) = ClopperPearson.Interval(c.K, c.N);
        return new(condition, c.N, c.K, Pct(c.K, c.N), 100 * low, 100 * high);
    }
}
