using System.Globalization;

namespace Analysis.Report;

/// <summary>
/// The between-subject design as the model sees it, derived from the study's declared factors (the
/// arm_&lt;factor&gt; columns with the level order of the codebook) and the block order, never from factor names:
/// <list type="bullet">
/// <item>a factor whose levels change the discount offered (see <see cref="OfferFactorsOf"/>) enters through
/// discount_pct, which already carries it row by row;</item>
/// <item>every other factor enters as treatment dummies <c>factor[level]</c> against its first declared level;</item>
/// <item>interactions: discount_pct x each dummy when some factor changes the offer, and the products of dummies of
/// different factors;</item>
/// <item>block order as dummies <c>block_order[order]</c> against the first declared order.</item>
/// </list>
/// A dummy that does not vary over the model's rows (a level nobody in the model has) is left out with a note.
/// </summary>
internal sealed class Design
{
    public sealed record Term(string Name, Func<DisclosureRow, double> Value);

    public required IReadOnlyList<Term> Terms { get; init; }
    /// <summary>Indexes into <see cref="ReportData.ArmFactors"/> of the factors that change the offer.</summary>
    public required int[] OfferFactors { get; init; }

    /// <summary>
    /// The factors that change the offer: f does when two participants who differ only in f's level (same field,
    /// same levels of every other factor) were offered different percents.
    /// </summary>
    public static int[] OfferFactorsOf(ReportData data)
    {
        var result = new List<int>();
        for (var f = 0; f < data.ArmFactors.Length; f++)
        {
            var offers = new Dictionary<string, double>(StringComparer.Ordinal);
            var changes = false;
            foreach (var r in data.Disclosures)
            {
                if (!r.Optional || double.IsNaN(r.OfferPct)) continue;
                var others = string.Join(';', Enumerable.Range(0, data.ArmFactors.Length).Where(g => g != f)
                    .Select(g => data.ArmFactorLevels[g][r.Participant]));
                var key = r.Field + "|" + others;
                if (offers.TryGetValue(key, out var seen)) { if (seen != r.OfferPct) { changes = true; break; } }
                else offers[key] = r.OfferPct;
            }
            if (changes) result.Add(f);
        }
        return result.ToArray();
    }

    public static Design Of(ReportData data, IReadOnlyList<int> rows, List<string> notes)
    {
        var offer = OfferFactorsOf(data);
        var dummies = new List<(int Factor, Term Term)>();
        for (var f = 0; f < data.ArmFactors.Length; f++)
        {
            if (offer.Contains(f)) continue;
            var levels = data.ArmFactorLevels[f];
            foreach (var level in data.FactorLevelOrder[f].Skip(1))
                dummies.Add((f, new Term($"{data.ArmFactors[f]}[{level}]", r => levels[r.Participant] == level ? 1 : 0)));
        }
        var terms = new List<Term>(dummies.Select(d => d.Term));
        if (offer.Length > 0)
            terms.AddRange(dummies.Select(d => new Term($"discount_pct:{d.Term.Name}", r => r.OfferPct * d.Term.Value(r))));
        for (var a = 0; a < dummies.Count; a++)
            for (var b = a + 1; b < dummies.Count; b++)
                if (dummies[a].Factor != dummies[b].Factor)
                {
                    var (ta, tb) = (dummies[a].Term, dummies[b].Term);
                    terms.Add(new Term($"{ta.Name}:{tb.Name}", r => ta.Value(r) * tb.Value(r)));
                }
        if (data.BlockOrders.Length == data.Count)
            foreach (var order in data.BlockOrderLevels.Skip(1))
                terms.Add(new Term($"block_order[{order}]", r => data.BlockOrders[r.Participant] == order ? 1 : 0));

        var kept = new List<Term>();
        foreach (var t in terms)
        {
            var first = rows.Count > 0 ? t.Value(data.Disclosures[rows[0]]) : 0;
            if (rows.Any(r => t.Value(data.Disclosures[r]) != first)) kept.Add(t);
            else notes.Add($"Logistic model: term '{t.Name}' does not vary over the model's rows and is left out.");
        }
        return new Design { Terms = kept, OfferFactors = offer };
    }

    /// <summary>
    /// Drops design terms that the data cannot tell apart from earlier terms (in a small or unbalanced study a
    /// dummy can equal a combination of others, e.g. block order confounded with a cell): terms are added in order
    /// and kept only while the scaled X'X stays well conditioned. Each dropped term is named in a note, so the model
    /// is still fitted rather than not at all.
    /// </summary>
    public Design WithoutAliased(ReportData data, IReadOnlyList<int> rows, Func<DisclosureRow, double[]> baseColumns, List<string> notes)
    {
        if (Terms.Count == 0 || rows.Count == 0) return this;
        var b = baseColumns(data.Disclosures[rows[0]]).Length;
        var k = b + Terms.Count;
        var gram = new double[k, k];
        var x = new double[k];
        foreach (var r in rows)
        {
            var row = data.Disclosures[r];
            var basics = baseColumns(row);
            Array.Copy(basics, x, b);
            for (var t = 0; t < Terms.Count; t++) x[b + t] = Terms[t].Value(row);
            for (var i = 0; i < k; i++)
                for (var j = 0; j <= i; j++) gram[i, j] += x[i] * x[j];
        }
        var kept = Enumerable.Range(0, b).ToList();
        var terms = new List<Term>();
        for (var t = 0; t < Terms.Count; t++)
        {
            var trial = kept.Append(b + t).ToArray();
            var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(trial.Length, trial.Length, (i, j) =>
            {
                int a = Math.Max(trial[i], trial[j]), c = Math.Min(trial[i], trial[j]);
                return gram[a, c] / Math.Sqrt(gram[trial[i], trial[i]] * gram[trial[j], trial[j]]);
            });
            if (m.ConditionNumber() < 1e10) { kept.Add(b + t); terms.Add(Terms[t]); }
            else notes.Add($"Logistic model: term '{Terms[t].Name}' is a combination of the terms before it in these data (aliased) and is left out.");
        }
        return new Design { Terms = terms, OfferFactors = OfferFactors };
    }

    /// <summary>
    /// Orders levels as declared (the codebook's values of arm_&lt;factor&gt;, i.e. the study's order); levels the
    /// codebook does not list follow, numbers by value before text, so 0, 5, 15 never sorts as 0, 15, 5.
    /// </summary>
    public static string[] Ordered(IEnumerable<string> declared, IEnumerable<string> seen)
    {
        var list = declared.Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        list.AddRange(seen.Where(l => l.Length > 0 && !list.Contains(l)).Distinct(StringComparer.Ordinal).Order(LevelComparer.Instance));
        return list.ToArray();
    }

    public sealed class LevelComparer : IComparer<string>
    {
        public static readonly LevelComparer Instance = new();
        public int Compare(string? x, string? y)
        {
            var nx = double.TryParse(x, NumberStyles.Float, CultureInfo.InvariantCulture, out var a);
            var ny = double.TryParse(y, NumberStyles.Float, CultureInfo.InvariantCulture, out var b);
            if (nx && ny) return a.CompareTo(b);
            if (nx != ny) return nx ? -1 : 1;
            return string.CompareOrdinal(x, y);
        }
    }
}
