using Analysis.Statistics;

namespace Analysis.Report;

/// <summary>The design-aware sections: disclosure by cell, McNemar per field within each offer arm, block-order effects.</summary>
public static partial class ReportBuilder
{
    /// <summary>Arms in the study's cell order: each factor's declared level order, factor by factor.</summary>
    internal static string[] OrderedArms(ReportData data)
    {
        var arms = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < data.Count; i++) arms.TryAdd(data.Arms[i], i);
        return arms.OrderBy(kv => kv.Value, Comparer<int>.Create((a, b) =>
        {
            for (var f = 0; f < data.ArmFactors.Length; f++)
            {
                var order = data.FactorLevelOrder[f];
                var c = Array.IndexOf(order, data.ArmFactorLevels[f][a]).CompareTo(Array.IndexOf(order, data.ArmFactorLevels[f][b]));
                if (c != 0) return c;
            }
            return Design.LevelComparer.Instance.Compare(data.Arms[a], data.Arms[b]);
        })).Select(kv => kv.Key).ToArray();
    }

    private static IReadOnlyList<ShareOut> DisclosureByCell(ReportData data)
    {
        var arms = OrderedArms(data);
        var index = arms.Select((a, i) => (a, i)).ToDictionary(t => t.a, t => t.i, StringComparer.Ordinal);
        var people = new HashSet<int>[arms.Length];
        var rows = new int[arms.Length];
        var disclosed = new int[arms.Length];
        for (var a = 0; a < arms.Length; a++) people[a] = [];
        foreach (var r in data.Disclosures)
        {
            if (!r.Optional || r.Disclosed < 0) continue;
            var a = index[data.Arms[r.Participant]];
            people[a].Add(r.Participant);
            rows[a]++;
            disclosed[a] += r.Disclosed;
        }
        return arms.Select((arm, a) => Share(arm, people[a].Count, disclosed[a], rows[a])).ToArray();
    }

    /// <summary>
    /// The per-field McNemar table within each level combination of the factors that change the offer (for the seed:
    /// each discount arm), Holm across the fields within the arm: the stated question is the same in every arm, the
    /// offer is not, so the pooled table mixes behaviours under different offers.
    /// </summary>
    private static IReadOnlyList<ArmFieldsOut> FieldsByOfferArm(ReportData data, List<string> notes)
    {
        var offer = Design.OfferFactorsOf(data);
        if (offer.Length == 0) return [];
        string ArmOf(int p) => string.Join(';', offer.Select(f => data.ArmFactors[f] + "=" + data.ArmFactorLevels[f][p]));
        var levelOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var arm in OrderedArms(data))
        {
            var p = Array.IndexOf(data.Arms, arm);
            levelOrder.TryAdd(ArmOf(p), levelOrder.Count);
        }
        return levelOrder.OrderBy(kv => kv.Value).Select(kv => new ArmFieldsOut(kv.Key,
            PairedFields(data, notes, r => ArmOf(r.Participant) == kv.Key, $" in arm {kv.Key}"))).ToArray();
    }

    /// <summary>
    /// Order effects: stated willingness and disclosure (paired fields) by block order, with Kruskal-Wallis on each
    /// participant's share stated willing and share disclosed (two orders: the same as a Mann-Whitney test without
    /// continuity correction). The block_order term of the logistic model is the adjusted check.
    /// </summary>
    private static OrderEffectOut? OrderEffect(ReportData data, Totals t, List<string> notes)
    {
        if (data.BlockOrders.Length != data.Count || data.BlockOrderLevels.Length < 2) return null;
        var groups = data.BlockOrderLevels.Select(order =>
        {
            var stated = new List<double>();
            var disclosed = new List<double>();
            int rows = 0, statedYes = 0, disclosedYes = 0;
            for (var i = 0; i < data.Count; i++)
            {
                if (data.BlockOrders[i] != order || t.Paired[i] == 0) continue;
                rows += t.Paired[i];
                statedYes += t.StatedYes[i];
                disclosedYes += t.DisclosedPaired[i];
                stated.Add((double)t.StatedYes[i] / t.Paired[i]);
                disclosed.Add((double)t.DisclosedPaired[i] / t.Paired[i]);
            }
            return (Order: order, Stated: stated, Disclosed: disclosed, Rows: rows, StatedYes: statedYes, DisclosedYes: disclosedYes);
        }).ToArray();
        var present = groups.Where(g => g.Stated.Count > 0).ToArray();
        KruskalWallisResult? Test(string what, Func<(string, List<double> Stated, List<double> Disclosed, int, int, int), List<double>> pick) =>
            present.Length < 2 ? null : Guard(notes, $"Kruskal-Wallis of each participant's share {what} across block orders",
                () => KruskalWallis.Test(present.Select(g => (IReadOnlyList<double>)pick(g)).ToArray()));
        var stated = Test("stated willing", g => g.Stated);
        var disclosed = Test("disclosed", g => g.Disclosed);
        if (present.Length < 2) notes.Add("Order effect: fewer than two block orders have participants with paired fields, no test.");
        return new OrderEffectOut(groups.Select(g => new OrderGroupOut(g.Order, g.Stated.Count, g.Rows,
                Pct(g.StatedYes, g.Rows), Pct(g.DisclosedYes, g.Rows))).ToArray(),
            "kruskal_wallis_share_per_participant",
            Num(stated?.H), stated?.Df, Num(stated?.P), Num(disclosed?.H), disclosed?.Df, Num(disclosed?.P));
    }
}
