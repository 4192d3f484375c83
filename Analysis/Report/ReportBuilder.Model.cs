using Analysis.Statistics;

namespace Analysis.Report;

public static partial class ReportBuilder
{
    public static readonly string[] LogisticTerms = ["discount_pct", "concern_z", "sensitivity"];

    /// <summary>
    /// disclosed ~ 1 + discount_pct + concern_z + sensitivity over the optional rows of participants with a concern
    /// score, clustered by participant. concern_z is standardised over the participants in the model, one value per
    /// participant (SD with n-1). Rows without an offer or sensitivity are dropped and counted.
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

        var x = new double[rows.Count][];
        var y = new double[rows.Count];
        var clusters = new string[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var row = data.Disclosures[rows[i]];
            x[i] = [row.OfferPct, (concern[row.Participant]!.Value - mean) / sd, row.Sensitivity];
            y[i] = row.Disclosed;
            clusters[i] = data.ParticipantIds[row.Participant];
        }
        var fit = Guard(notes, $"Logistic model on {rows.Count} rows", () => LogisticRegression.Fit(x, LogisticTerms, y, clusters));
        if (fit is null) return (null, dropped);
        if (fit.Separation is { } term)
            notes.Add($"Logistic model: separation by '{term}', so its estimates do not exist and are not printed.");
        var terms = fit.Separation is null
            ? fit.Terms.Select(t => new LogisticTermOut(t.Term, Num(t.Coef), Num(t.Se), Num(t.SeCluster), Num(t.Z), Num(t.P),
                Num(t.OddsRatio), Num(t.CiLow), Num(t.CiHigh))).ToArray()
            : [];
        return (new LogisticOut(fit.N, fit.Clusters, terms, fit.Separation), dropped);
    }
}
