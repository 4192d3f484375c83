namespace Analysis.Report;

/// <summary>
/// The report's sections as titled tables, shared by the Markdown and HTML renderers so that both show the same
/// numbers with the same n and test names. Each section says what it counts and which test it ran.
/// </summary>
internal sealed record Section(string Id, string Title, string Intro, string[] Header, IReadOnlyList<string[]> Rows, string? Footer = null);

internal static class ReportSections
{
    public static IReadOnlyList<Section> Of(ReportResult r)
    {
        var sections = new List<Section>
        {
            new("sample", "Sample and attrition by arm",
                $"{r.N.Participants} participants consented, {r.N.WithCheckout} reached the checkout, {r.N.Completed} completed. " +
                "Counts per arm (consort-style flow); withdrawn participants appear in no file.",
                ["Arm", "Consented", "Reached checkout", "Completed"],
                r.Attrition.Select(a => new[] { a.Arm, a.Consented.ToString(), a.ReachedCheckout.ToString(), a.Completed.ToString() })
                    .Append(["Total", r.N.Participants.ToString(), r.N.WithCheckout.ToString(), r.N.Completed.ToString()]).ToArray(),
                r.Balance is { } b
                    ? $"Balance of arms: chi-square goodness of fit against equal arms, chi2({b.Df}) = {Format.N(b.Chi2)}, {Format.PEq(b.P)}, n = {b.N}, {b.Arms} arms."
                    : "Balance of arms: one arm only, no test."),
            new("alpha", "Reliability of the concern scale",
                "Cronbach's alpha of the privacy-concern items (reverse-coded items reversed, complete cases), 95% interval by Feldt.",
                ["Items (k)", "n", "alpha", "95% CI"],
                r.Alpha is { } a ? [[a.K.ToString(), a.N.ToString(), Format.N(a.Alpha, 3), Format.Ci(a.CiLow, a.CiHigh, 3)]] : []),
            new("fields", "Stated willingness vs actual disclosure per field",
                "Per paired checkout field: n = participants with both a stated answer and a recorded disclosure. " +
                "b = said no but disclosed, c = said yes but withheld. McNemar test: exact binomial when b + c < 25, " +
                "else chi-square with continuity correction; Holm-adjusted across fields.",
                ["Field", "n", "Stated", "Disclosed", "b", "c", "Test", "p", "Holm p"],
                r.Fields.Select(f => new[] { f.Field, f.N.ToString(), Format.Pct(f.StatedPct), Format.Pct(f.DisclosedPct),
                    f.B.ToString(), f.C.ToString(), Format.TestName(f.Test), Format.P(f.P), Format.P(f.PHolm) }).ToArray()),
            new("wilcoxon", "The paradox per participant",
                "d = fields disclosed - fields stated willing, over each participant's paired fields " +
                $"({r.Figures.ParadoxD.Sum(c => c.Count)} participants with a paired field, " +
                $"{r.Figures.ParadoxD.Where(c => c.D == 0).Sum(c => c.Count)} with d = 0 dropped). Wilcoxon signed-rank test " +
                "(average ranks), effect size matched-pairs rank-biserial r.",
                ["n used", "W+", "W-", "Statistic", "z", "p", "Method", "Rank-biserial r"],
                r.Wilcoxon is { } w ? [[w.NUsed.ToString(), Format.N(w.WPlus, 1), Format.N(w.WMinus, 1), Format.N(w.Statistic, 1),
                    Format.N(w.Z), Format.P(w.P), Format.TestName(w.Method), Format.N(w.RankBiserial, 3)]] : []),
            new("spearman", "Concern vs behaviour",
                "Spearman rank correlation between the concern score and the number of optional fields disclosed, over " +
                "participants with both; p from the t distribution, 95% CI by Fisher z (Bonett-Wright).",
                ["n", "rho", "p", "95% CI"],
                r.Spearman is { } s ? [[s.N.ToString(), Format.N(s.Rho, 3), Format.P(s.P), Format.Ci(s.CiLow, s.CiHigh, 3)]] : []),
            new("logistic", "What moves disclosure: logistic regression",
                r.Logistic is { } lm
                    ? $"disclosed ~ 1 + discount_pct + concern_z + sensitivity over {lm.N} optional participant x field rows of " +
                      $"{lm.Clusters} participants with a concern score. z and p model-based (Wald); odds-ratio interval cluster-robust by participant."
                      + (lm.Separation is { } sep ? $" Separation by '{sep}': the estimates do not exist and are not shown." : "")
                    : "Not fitted (see notes).",
                ["Term", "Coef", "SE", "Cluster SE", "z", "p", "Odds ratio", "95% CI (cluster)"],
                r.Logistic is { } l ? l.Terms.Select(t => new[] { t.Term, Format.N(t.Coef, 4), Format.N(t.Se, 4), Format.N(t.SeCluster, 4),
                    Format.N(t.Z), Format.P(t.P), Format.N(t.OddsRatio, 3), Format.Ci(t.CiLow, t.CiHigh, 3) }).ToArray() : []),
            new("discount", "Disclosure by discount level",
                "Optional fields by the discount offered next to them; n = participant x field rows (a participant counts once per " +
                "field, so rows of one participant are not independent: the logistic model is the test that accounts for that). " +
                "95% Clopper-Pearson intervals.",
                ["Discount %", "Participants", "n rows", "Disclosed", "Disclosed %", "95% CI"],
                r.Discount is { } d ? d.Levels.Select(ShareRow).ToArray() : [],
                r.Discount is { Chi2: not null } dt
                    ? $"Pearson chi-square of discount level x disclosed: chi2({dt.Df}) = {Format.N(dt.Chi2)}, {Format.PEq(dt.P)}, Cramer's V = {Format.N(dt.CramersV, 3)}."
                    : null),
            new("segments", "Segments (Westin-style)",
                r.Segments?.Rule ?? "Not computed (see notes).",
                ["Segment", "Participants", "n rows", "Disclosed", "Disclosed %", "95% CI"],
                r.Segments is { } g ? g.Groups.Select(ShareRow).ToArray() : [],
                r.Segments is { } sg
                    ? $"Unclassified (a missing answer): {sg.Unclassified}. Kruskal-Wallis of each participant's share of optional fields disclosed: " +
                      (sg.H is null ? "not run." : $"H({sg.Df}) = {Format.N(sg.H)}, {Format.PEq(sg.P)}.")
                    : null),
            new("fake", "Fake-looking entries per field",
                "Among entries made (disclosed = 1): implausible = failed the format or check-digit test; unchecked = no plausibility recorded.",
                ["Field", "Disclosed", "Implausible", "% of disclosed", "Unchecked"],
                r.Fake.Select(f => new[] { f.Field, f.Disclosed.ToString(), f.Implausible.ToString(), Format.Pct(f.ImplausiblePct), f.Unchecked.ToString() }).ToArray()),
            new("missing", "Missing data (counted, never imputed)",
                "Each analysis uses the cases it can; these are the cases left out somewhere.",
                ["What", "Count"],
                [
                    ["Participants who did not reach the checkout", r.Missing.NoCheckout.ToString()],
                    ["Participants without a concern score (a concern item missing)", r.Missing.NoConcernScore.ToString()],
                    ["Participants without a paired field", r.Missing.NoPairedField.ToString()],
                    ["Disclosure rows without a stated answer (unpaired)", r.Missing.DisclosureRowsUnpaired.ToString()],
                    ["Optional rows left out of the logistic model (no offer or sensitivity)", r.Missing.LogisticRowsDropped.ToString()],
                    ["Participants not classified into a segment", r.Missing.WestinUnclassified.ToString()],
                ]),
        };
        return sections;
    }

    private static string[] ShareRow(ShareOut s) =>
        [s.Group, s.Participants.ToString(), s.N.ToString(), s.Disclosed.ToString(), Format.Pct(s.DisclosedPct), Format.PctCi(s.CiLowPct, s.CiHighPct)];
}
