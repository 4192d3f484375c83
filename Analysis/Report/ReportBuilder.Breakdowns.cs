using Analysis.Statistics;

namespace Analysis.Report;

public static partial class ReportBuilder
{
    public const string SegmentRule =
        "Westin-style, from seg_lost_control, seg_companies_proper and seg_law_protects: an answer above the scale " +
        "midpoint is agree, below is disagree, the midpoint is neither. Fundamentalist = agrees consumers lost control " +
        "and disagrees with both others; unconcerned = the reverse; everyone else with all three answers = pragmatist; " +
        "a missing answer = unclassified.";

    internal static ShareOut Share(string group, int participants, int disclosed, int n)
    {
        if (n == 0) return new ShareOut(group, participants, 0, 0, null, null, null);
        var (lo, hi) = ClopperPearson.Interval(disclosed, n);
        return new ShareOut(group, participants, n, disclosed, Pct(disclosed, n), 100 * lo, 100 * hi);
    }

    private static DiscountOut? Discount(ReportData data, List<string> notes)
    {
        // offer -> participants, rows, disclosed; participants counted once per level they saw
        var levels = new SortedDictionary<double, (HashSet<int> People, int Rows, int Disclosed)>();
        foreach (var r in data.Disclosures)
        {
            if (!r.Optional || r.Disclosed < 0 || double.IsNaN(r.OfferPct)) continue;
            if (!levels.TryGetValue(r.OfferPct, out var l)) l = ([], 0, 0);
            l.People.Add(r.Participant);
            levels[r.OfferPct] = (l.People, l.Rows + 1, l.Disclosed + r.Disclosed);
        }
        if (levels.Count == 0) return null;
        var shares = levels.Select(kv => Share(FormatPct(kv.Key), kv.Value.People.Count, kv.Value.Disclosed, kv.Value.Rows)).ToArray();
        ChiSquareResult? test = null;
        if (levels.Count >= 2)
        {
            var table = new int[shares.Length, 2];
            for (var i = 0; i < shares.Length; i++) { table[i, 0] = shares[i].Disclosed; table[i, 1] = shares[i].N - shares[i].Disclosed; }
            test = Guard(notes, "Chi-square of discount level x disclosure", () => ChiSquareIndependence.Test(table));
        }
        else notes.Add("Disclosure by discount: only one discount level, no test.");
        return new DiscountOut("participant x optional field", shares, "chi2_independence",
            Num(test?.Chi2), test?.Df, Num(test?.P), Num(test?.CramersV));
    }

    internal static string FormatPct(double pct) => pct.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static SegmentsOut? Segments(ReportData data, Totals t, List<string> notes)
    {
        if (data.Westin is not { } w)
        {
            notes.Add("Segments not computed: the study lacks the three Westin items (seg_lost_control, seg_companies_proper, seg_law_protects).");
            return null;
        }
        string[] names = ["fundamentalist", "pragmatist", "unconcerned"];
        var people = new int[3];
        var rows = new int[3];
        var disclosed = new int[3];
        var shares = new List<double>[] { [], [], [] };
        var unclassified = 0;
        for (var i = 0; i < data.Count; i++)
        {
            var s = Segment(w, i);
            if (s < 0) { unclassified++; continue; }
            people[s]++;
            rows[s] += t.OptionalRows[i];
            disclosed[s] += t.OptionalDisclosed[i];
            if (t.OptionalRows[i] > 0) shares[s].Add((double)t.OptionalDisclosed[i] / t.OptionalRows[i]);
        }
        var groups = Enumerable.Range(0, 3).Select(s => Share(names[s], people[s], disclosed[s], rows[s])).ToArray();
        var present = shares.Where(g => g.Count > 0).Select(g => (IReadOnlyList<double>)g).ToArray();
        KruskalWallisResult? kw = present.Length >= 2
            ? Guard(notes, "Kruskal-Wallis of the share of optional fields disclosed across segments", () => KruskalWallis.Test(present))
            : null;
        if (present.Length < 2) notes.Add("Segments: fewer than two segments have participants with optional fields, no test.");
        return new SegmentsOut(SegmentRule, groups, unclassified, "kruskal_wallis_share_of_optional_fields_disclosed",
            Num(kw?.H), kw?.Df, Num(kw?.P));
    }

    /// <summary>0 fundamentalist, 1 pragmatist, 2 unconcerned, -1 unclassified (a missing answer).</summary>
    internal static int Segment(WestinItems w, int participant)
    {
        int Side(int item)
        {
            var v = w.Values[participant * 3 + item];
            return double.IsNaN(v) ? int.MinValue : Math.Sign(v - w.Midpoints[item]);
        }
        int lost = Side(0), companies = Side(1), law = Side(2);
        if (lost == int.MinValue || companies == int.MinValue || law == int.MinValue) return -1;
        if (lost > 0 && companies < 0 && law < 0) return 0;
        if (lost < 0 && companies > 0 && law > 0) return 2;
        return 1;
    }

    private static IReadOnlyList<FakeOut> Fake(ReportData data)
    {
        var counts = new int[data.Fields.Length, 3];
        var modes = new int[data.Fields.Length, 3];
        foreach (var r in data.Disclosures)
        {
            modes[r.Field, (int)r.Mode]++;
            if (r.Disclosed != 1) continue;
            counts[r.Field, 0]++;
            if (r.Plausible == 0) counts[r.Field, 1]++;
            if (r.Plausible < 0) counts[r.Field, 2]++;
        }
        return Enumerable.Range(0, data.Fields.Length)
            .Select(f => new FakeOut(data.Fields[f], counts[f, 0], counts[f, 1], Pct(counts[f, 1], counts[f, 0]), counts[f, 2],
                Modes(Enumerable.Range(0, 3).Select(m => ((DisclosureMode)m, modes[f, m])))))
            .ToArray();
    }

    /// <summary>"browser", or a mix (browser mode without JavaScript is a choice) as "browser 95, choice 5", most used first.</summary>
    internal static string Modes(IEnumerable<(DisclosureMode Mode, int N)> counts)
    {
        var used = counts.Where(c => c.N > 0).OrderByDescending(c => c.N).ThenBy(c => c.Mode).ToList();
        static string Name(DisclosureMode m) => m.ToString().ToLowerInvariant();
        return used.Count == 1 ? Name(used[0].Mode) : string.Join(", ", used.Select(c => $"{Name(c.Mode)} {c.N}"));
    }

    private static FigureData Figures(ReportData data, Totals t, double?[] concern)
    {
        var perField = new int[data.Fields.Length, 3];
        foreach (var r in data.Disclosures)
        {
            if (!r.IsPaired) continue;
            perField[r.Field, 0]++;
            perField[r.Field, 1] += r.StatedWilling;
            perField[r.Field, 2] += r.Disclosed;
        }
        var shares = new List<FieldShares>();
        for (var f = 0; f < data.Fields.Length; f++)
        {
            int n = perField[f, 0], s = perField[f, 1], d = perField[f, 2];
            if (n == 0) continue;
            var (sl, sh) = ClopperPearson.Interval(s, n);
            var (dl, dh) = ClopperPearson.Interval(d, n);
            shares.Add(new FieldShares(data.Fields[f], n, 100.0 * s / n, 100 * sl, 100 * sh, 100.0 * d / n, 100 * dl, 100 * dh));
        }

        var histogram = new SortedDictionary<int, int>();
        for (var i = 0; i < data.Count; i++)
            if (t.Paired[i] > 0)
            {
                var d = t.DisclosedPaired[i] - t.StatedYes[i];
                histogram[d] = histogram.GetValueOrDefault(d) + 1;
            }

        var bins = new SortedDictionary<double, List<double>>();
        for (var i = 0; i < data.Count; i++)
            if (concern[i] is { } c && t.OptionalRows[i] > 0)
            {
                var low = Math.Floor(c * 2) / 2;
                if (!bins.TryGetValue(low, out var list)) bins[low] = list = [];
                list.Add(t.OptionalDisclosed[i]);
            }
        var concernBins = bins.Select(kv =>
        {
            var v = kv.Value;
            var mean = v.Average();
            double? half = v.Count > 1 ? 1.96 * Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Count - 1) / v.Count) : null;
            return new ConcernBin(kv.Key, kv.Key + 0.5, v.Count, mean, mean - half, mean + half);
        }).ToArray();

        return new FigureData(shares, histogram.Select(kv => new CountOut(kv.Key, kv.Value)).ToArray(), concernBins);
    }
}
