using Analysis.Statistics;

namespace Analysis.Report;

public static partial class ReportBuilder
{
    public static readonly string[] LogisticTerms = ["discount_pct", "concern_z", "sensitivity"];

    /// <summary>
    /// disclosed ~ 1 + discount_pct + concern_z + sensitivity + the study's design, over the optional rows of participants
    /// with a concern score, clustered by participant (z, p and interval from the clustered SE). The design comes from
    /// the declared factors (the arm_&lt;factor&gt; columns), see <see cref="Design"/>. concern_z is standardised over the
    /// participants in the model, one value per participant (SD with n-1). Rows without an offer or sensitivity are
    /// dropped and counted.
    /// </summary>
    private static (LogisticOut? Model, int Dropped) Logistic(ReportData data, double?[] concern, List<string> notes)
    {
        var dropped = 0;
        var rows = new List<int>();
        for (var r = 0; r < data.Disclosures.Length; r++)
        {
            var row = data.Disclosures[r];
            if (!row.Optional || concern[row.Participant] is null || row.Disclosed < 0) continue;
            if (double.IsNaN(row.OfferPct) || row.Sensitivity < 0) { dropped++; continue; }
            rows.Add(r);
        }
        if (dropped > 0) notes.Add($"Logistic model: {dropped} optional rows without offer_pct or sensitivity were left out.");

        var inModel = new bool[data.Count];
        foreach (var r in rows) inModel[data.Disclosures[r].Participant] = true;
        var scores = Enumerable.Range(0, data.Count).Where(i => inModel[i]).Select(i => concern[i]!.Value).ToArray();
        if (scores.Length < 3)
        {
            notes.Add($"Logistic model not fitted: {scores.Length} participants with a concern score and optional fields.");
            return (null, dropped);
        }
        var mean = scores.Average();
        var sd = Math.Sqrt(scores.Sum(s => (s - mean) * (s - mean)) / (scores.Length - 1));
        if (sd == 0)
        {
            notes.Add("Logistic model not fitted: every participant in the model has the same concern score, so concern_z is undefined.");
            return (null, dropped);
        }

        var design = Design.Of(data, rows, notes);
        design = design.WithoutAliased(data, rows, r => [1, r.OfferPct, (concern[r.Participant]!.Value - mean) / sd, r.Sensitivity], notes);
        var names = LogisticTerms.Concat(design.Terms.Select(t => t.Name)).ToArray();
        var x = new double[rows.Count][];
        var y = new double[rows.Count];
        var clusters = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = data.Disclosures[rows[i]];
            var values = new double[names.Length];
            values[0] = row.OfferPct;
            values[1] = (concern[row.Participant]!.Value - mean) / sd;
            values[2] = row.Sensitivity;
            for (var t = 0; t < design.Terms.Count; t++) values[3 + t] = design.Terms[t].Value(row);
            x[i] = values;
            y[i] = row.Disclosed;
            clusters[i] = data.ParticipantIds[row.Participant];
        }
        var formula = "disclosed ~ 1 + " + string.Join(" + ", names);
        var fit = Guard(notes, $"Logistic model on {rows.Count} rows", () => LogisticRegression.Fit(x, names, y, clusters));
        if (fit is null) return (null, dropped);
        if (fit.Separation is { } term)
            notes.Add($"Logistic model: separation by '{term}', so its estimates do not exist and are not printed.");
        // One SE per row: clustered by participant, unless there is a single cluster (then nothing to cluster on).
        var clustered = fit.Clusters > 1;
        if (!clustered) notes.Add("Logistic model: all rows come from one participant, so z, p and the interval are model-based.");
        var terms = fit.Separation is null
            ? fit.Terms.Select(t => clustered
                ? new LogisticTermOut(t.Term, Num(t.Coef), Num(t.Se), Num(t.SeCluster), Num(t.Z), Num(t.P),
                    Num(t.OddsRatio), Num(t.CiLow), Num(t.CiHigh), Num(t.ZModel), Num(t.PModel))
                : new LogisticTermOut(t.Term, Num(t.Coef), Num(t.Se), null, Num(t.ZModel), Num(t.PModel),
                    Num(t.OddsRatio), Num(t.CiLowModel), Num(t.CiHighModel), Num(t.ZModel), Num(t.PModel))).ToArray()
            : [];
        return (new LogisticOut(fit.N, fit.Clusters, terms, fit.Separation, clustered ? "cluster" : "model", formula), dropped);
    }
}
