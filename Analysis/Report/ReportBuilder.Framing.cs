using Analysis.Statistics;

namespace Analysis.Report;

// The framing section (docs/report.md, "Framing"): over-disclosure of optional fields by arm, when some field is
// framed required in one arm and optional in another (disclosures.csv necessity, as each participant's cell framed it).
public static partial class ReportBuilder
{
    /// <summary>Null when no field's necessity differs between participants (the study frames no field).</summary>
    internal static FramingOut? Framing(ReportData data, List<string> notes)
    {
        if (data.Ordered.Length != data.Count) return null;
        var fields = data.Fields.Length;
        var seenOptional = new bool[fields];
        var seenRequired = new bool[fields];
        foreach (var r in data.Disclosures)
            if (r.Optional) seenOptional[r.Field] = true;
            else seenRequired[r.Field] = true;
        var framed = Enumerable.Range(0, fields).Where(f => seenOptional[f] && seenRequired[f]).ToArray();
        if (framed.Length == 0) return null;

        var arms = OrderedArms(data);
        var armOf = arms.Select((a, i) => (a, i)).ToDictionary(x => x.a, x => x.i, StringComparer.Ordinal);
        var ordered = new int[arms.Length];
        for (var i = 0; i < data.Count; i++)
            if (data.Ordered[i] && armOf.TryGetValue(data.Arms[i], out var a)) ordered[a]++;
        // [field, arm]: rows of participants who ordered, disclosed, how often optional, and the offers seen.
        var n = new int[fields, arms.Length];
        var k = new int[fields, arms.Length];
        var optionalRows = new int[fields, arms.Length];
        var offers = new SortedSet<double>[fields, arms.Length];
        // Per participant: the unpaid optional rows of never-framed fields, and how many of them were given.
        var voluntaryRows = new int[data.Count];
        var voluntaryGiven = new int[data.Count];
        var isFramed = new bool[fields];
        foreach (var f in framed) isFramed[f] = true;
        foreach (var r in data.Disclosures)
        {
            if (!data.Ordered[r.Participant] || r.Disclosed < 0 || !seenOptional[r.Field]
                || !armOf.TryGetValue(data.Arms[r.Participant], out var arm)) continue;
            n[r.Field, arm]++;
            k[r.Field, arm] += r.Disclosed;
            if (r.Optional) optionalRows[r.Field, arm]++;
            (offers[r.Field, arm] ??= []).Add(r.OfferPct);
            if (r.Optional && !isFramed[r.Field] && r.OfferPct == 0)
            {
                voluntaryRows[r.Participant]++;
                voluntaryGiven[r.Participant] += r.Disclosed;
            }
        }

        var fieldRows = new List<FramingFieldOut>();
        for (var f = 0; f < fields; f++)
        {
            if (!seenOptional[f]) continue;
            var cells = new List<FramingCellOut>();
            var tested = new List<int>();
            for (var a = 0; a < arms.Length; a++)
            {
                if (n[f, a] == 0) continue;
                var necessity = optionalRows[f, a] == n[f, a] ? "optional" : optionalRows[f, a] == 0 ? "required" : "mixed";
                var offer = offers[f, a] is { Count: 1 } one ? one.Min : (double?)null;
                cells.Add(new FramingCellOut(necessity, offer, Share(arms[a], n[f, a], k[f, a], n[f, a])));
                if (necessity == "optional") tested.Add(a);
            }
            ChiSquareResult? test = null;
            if (tested.Count >= 2)
            {
                var table = new int[tested.Count, 2];
                for (var i = 0; i < tested.Count; i++) { table[i, 0] = k[f, tested[i]]; table[i, 1] = n[f, tested[i]] - k[f, tested[i]]; }
                test = Guard(notes, $"Framing: chi-square of arm x disclosure of {data.Fields[f]} over the arms where it is optional", () => ChiSquareIndependence.Test(table));
            }
            fieldRows.Add(new FramingFieldOut(data.Fields[f], isFramed[f], cells, Num(test?.Chi2), test?.Df, Num(test?.P), Num(test?.FisherP)));
        }

        var armRows = new List<FramingArmOut>();
        var perArm = arms.Select(_ => new List<double>()).ToArray();
        for (var i = 0; i < data.Count; i++)
            if (voluntaryRows[i] > 0 && armOf.TryGetValue(data.Arms[i], out var a)) perArm[a].Add((double)voluntaryGiven[i] / voluntaryRows[i]);
        for (var a = 0; a < arms.Length; a++)
        {
            int rows = 0, given = 0;
            for (var i = 0; i < data.Count; i++)
                if (data.Arms[i] == arms[a]) { rows += voluntaryRows[i]; given += voluntaryGiven[i]; }
            armRows.Add(new FramingArmOut(arms[a], ordered[a], Share(arms[a], perArm[a].Count, given, rows),
                perArm[a].Count == 0 ? null : 100 * perArm[a].Average()));
        }
        var groups = perArm.Where(g => g.Count > 0).Select(g => (IReadOnlyList<double>)g).ToArray();
        var kw = groups.Length >= 2
            ? Guard(notes, "Framing: Kruskal-Wallis of the share of never-framed unpaid optional fields given, across arms", () => KruskalWallis.Test(groups))
            : null;
        if (groups.Length < 2) notes.Add("Framing: fewer than two arms have participants with never-framed unpaid optional fields, no test of over-disclosure.");
        return new FramingOut("participants who placed the order", framed.Select(f => data.Fields[f]).ToArray(), fieldRows, armRows,
            "kruskal_wallis_share_of_never_framed_unpaid_optional_fields_given", Num(kw?.H), kw?.Df, Num(kw?.P));
    }
}
