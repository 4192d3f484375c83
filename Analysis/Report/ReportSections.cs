namespace Analysis.Report;

/// <summary>
/// The report's sections as titled tables, shared by the Markdown and HTML renderers so that both show the same
/// numbers with the same n and test names. Each section says what it counts and which test it ran.
/// </summary>
internal sealed record Section(string Id, string Title, string Intro, string[] Header, IReadOnlyList<string[]> Rows, string? Footer = null)
{
    /// <summary>The table's number in the report ("Table 3"), counted over the sections shown.</summary>
    public int Number { get; init; }
}

internal static class ReportSections
{
    public static IReadOnlyList<Section> Of(ReportResult r) => Build(r).Select((s, i) => s with { Number = i + 1 }).ToArray();

    private static List<Section> Build(ReportResult r)
    {
        var sections = new List<Section?>
        {
            Flow(r),
            Valuation(r),
            TwoShops(r),
            Listings(r),
            Framing(r),
            new("cells", "Disclosure of optional fields by cell",
                "Optional checkout fields per between-subject cell (arms in the study's order); n = participant x field rows, " +
                "95% Clopper-Pearson intervals. The logistic model below is the test that accounts for rows of one participant.",
                ["Cell", "Participants", "n rows", "Disclosed", "Disclosed %", "95% CI"],
                r.DisclosureByCell.Select(ShareRow).ToArray(),
                r.Balance is { } b
                    ? $"Balance of the consented participants over the arms: chi-square goodness of fit against equal arms, chi2({b.Df}) = {Format.N(b.Chi2)}, {Format.PEq(b.P)}, n = {b.N}, {b.Arms} arms."
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
                r.Fields.Select(f => new[] { Label(r, f.Field), f.N.ToString(), Format.Pct(f.StatedPct), Format.Pct(f.DisclosedPct),
                    f.B.ToString(), f.C.ToString(), Format.TestName(f.Test), Format.P(f.P), Format.P(f.PHolm) }).ToArray()),
            FieldsByArm(r),
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
                "participants with both; p and 95% CI both from Fisher z with the Bonett-Wright SE (so p < 0.05 exactly when the interval excludes 0); " +
                "the t-test p that R and scipy print is in the last column.",
                ["n", "rho", "p", "95% CI", "p (t test)"],
                r.Spearman is { } s ? [[s.N.ToString(), Format.N(s.Rho, 3), Format.P(s.P), Format.Ci(s.CiLow, s.CiHigh, 3), Format.P(s.PT)]] : []),
            new("logistic", "What moves disclosure: logistic regression",
                r.Logistic is { } lm
                    ? $"{lm.Formula}, over {lm.N} optional participant x field rows of {lm.Clusters} participants with a concern score. " +
                      (lm.Inference == "cluster"
                          ? "Standard errors clustered by participant (each participant gives several rows); z, p and the odds-ratio interval all come from the clustered SE. The model-based SE is shown for comparison."
                          : "One participant only: z, p and the interval are model-based.") +
                      " Factors enter as treatment dummies against their first level; a factor that changes the offer enters through discount_pct."
                      + (lm.Separation is { } sep ? $" Separation by '{sep}': the estimates do not exist and are not shown." : "")
                    : "Not fitted (see notes).",
                ["Term", "Coef", ClusterInference(r) ? "Cluster SE" : "SE", "z", "p", "Odds ratio", "95% CI", "Model-based SE"],
                r.Logistic is { } l ? l.Terms.Select(t => new[] { t.Term, Format.N(t.Coef, 4),
                    Format.N(l.Inference == "cluster" ? t.SeCluster : t.Se, 4),
                    Format.N(t.Z), Format.P(t.P), Format.N(t.OddsRatio, 3), Format.Ci(t.CiLow, t.CiHigh, 3), Format.N(t.Se, 4) }).ToArray() : []),
            OrderEffect(r),
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
                "Among entries made (disclosed = 1): implausible = failed the format or check-digit test; unchecked = no plausibility recorded. " +
                "Mode: how the field was measured (server: typed, classified on the server; browser: typed, classified in the browser; " +
                "choice: ticked to share, nothing typed, so never checked). Disclosure counts alike in every mode.",
                ["Field", "Mode", "Disclosed", "Implausible", "% of disclosed", "Unchecked"],
                r.Fake.Select(f => new[] { Label(r, f.Field), f.Mode, f.Disclosed.ToString(), f.Implausible.ToString(), Format.Pct(f.ImplausiblePct), f.Unchecked.ToString() }).ToArray()),
            new("missing", "Missing data (counted, never imputed)",
                "Each analysis uses the cases it can; these are the cases left out somewhere.",
                ["What", "Count"],
                [
                    ["Participants without checkout behaviour (checkout not reached, or its use refused)", r.Missing.NoCheckout.ToString()],
                    ["Participants without a concern score (a concern item missing)", r.Missing.NoConcernScore.ToString()],
                    ["Participants without a paired field", r.Missing.NoPairedField.ToString()],
                    ["Disclosure rows without a stated answer (unpaired)", r.Missing.DisclosureRowsUnpaired.ToString()],
                    ["Optional rows left out of the logistic model (no offer or sensitivity)", r.Missing.LogisticRowsDropped.ToString()],
                    ["Participants not classified into a segment", r.Missing.WestinUnclassified.ToString()],
                ]),
        };
        return sections.OfType<Section>().Where(s => r.HasCheckoutRows || !CheckoutSections.Contains(s.Id)).ToList();
    }

    /// <summary>The tables made of disclosures.csv's rows: left out when it has none (a study without a checkout), see the notes.</summary>
    private static readonly HashSet<string> CheckoutSections =
        ["cells", "fields", "fields-by-arm", "wilcoxon", "spearman", "logistic", "discount", "segments", "fake", "order"];

    private static bool ClusterInference(ReportResult r) => r.Logistic is null || r.Logistic.Inference == "cluster";

    /// <summary>The header's lines (label, value): what was analysed, from which data, by which software, with which rules.</summary>
    public static IReadOnlyList<(string Label, string Value)> Header(ReportResult r)
    {
        var h = r.Header;
        var rules = r.Flow.Rules.Count == 0 ? "none declared"
            : string.Join("; ", r.Flow.Rules.Select((x, i) => $"{i + 1}. {x.Description}")) + (r.Flow.Applied ? "" : " (NOT applied: --no-exclusions)");
        return
        [
            ("Study", $"{r.StudyId}" + (h.StudyVersions is { } v ? $", version {v}" : "") + (h.ContentHash is { } c ? $", content hash {c}" : "")),
            ("Data", h.Source + (h.DataAsOf is { } t ? $", data as of {t} (latest recorded activity)" : ", date unknown (no study.csv)") +
                (h.ExportSoftware is { } s ? $" by {s}" : "")),
            ("Report", $"{h.ReportSoftware}; labels in '{h.Language}'"),
            ("Included", $"every consented participant (withdrawn participants are in no file) not excluded by a rule: {r.N.Participants} of {r.N.Consented}"),
            ("Exclusion rules", rules),
        ];
    }

    /// <summary>The study's title from the data (study.csv), else its id: never a default.</summary>
    public static string Title(ReportResult r) => r.Header.Title ?? "study " + r.StudyId;

    internal static string Label(ReportResult r, string field) => r.Labels.TryGetValue(field, out var l) ? l : field;

    /// <summary>CONSORT-style flow: one column per cell and a total, one row per stage and per exclusion rule.</summary>
    private static Section Flow(ReportResult r)
    {
        var f = r.Flow;
        var cells = f.Cells.Append(f.Total).ToArray();
        var rows = new List<string[]>
        {
            Row("Consented", cells.Select(c => c.Consented)),
            Row("Reached the checkout", cells.Select(c => c.ReachedCheckout)),
            Row("Reached the debrief", cells.Select(c => c.ReachedDebrief)),
            Row("Said no to the use of their shop data (debrief)", cells.Select(c => c.RefusedShopData)),
            Row("Completed", cells.Select(c => c.Completed)),
        };
        for (var i = 0; i < f.Rules.Count; i++)
            rows.Add(Row($"{(f.Applied ? "Excluded" : "Flagged, not excluded")} ({i + 1}): {f.Rules[i].Description}", cells.Select(c => c.Excluded[i])));
        rows.Add(Row("Analysed", cells.Select(c => c.Analysed)));
        var intro = f.Rules.Count == 0
            ? "No exclusion rules are declared: every consented participant is analysed."
            : f.Applied
                ? "Exclusion rules as the study declares them, applied in this order; a participant is counted under the first rule " +
                  "that excludes them, so in every column consented = the exclusions + analysed. Stages (checkout, debrief, completed) count everyone who consented."
                : "--no-exclusions: the declared rules were NOT applied and every consented participant is analysed; the rows show " +
                  "how many each rule would have excluded (first rule that applies).";
        var declined = r.Flow.DeclinedConsent is { } d
            ? $"{r.N.Consented + d} answered the consent page, {d} declined (counted only, not assigned to a cell); " : "";
        return new Section("sample", "Participant flow by cell (CONSORT)",
            $"{declined}{r.N.Consented} participants consented, {r.N.Excluded} excluded, {r.N.Participants} analysed. Withdrawn participants appear in no file. " + intro,
            ["Step", .. f.Cells.Select(c => c.Arm), "Total"], rows);
    }

    private static string[] Row(string what, IEnumerable<int> counts) => [what, .. counts.Select(c => c.ToString())];

    private static Section? FieldsByArm(ReportResult r) => r.FieldsByArm.Count == 0 ? null :
        new("fields-by-arm", "Stated willingness vs actual disclosure per field, within each offer arm",
            "The stated question is the same in every arm, the offer next to the field is not: per arm of the factors that " +
            "change the offer, the McNemar test of each paired field (exact when b + c < 25, else continuity-corrected chi-square), " +
            "Holm-adjusted across the fields within the arm.",
            ["Arm", "Field", "n", "Stated", "Disclosed", "b", "c", "Test", "p", "Holm p"],
            r.FieldsByArm.SelectMany(a => a.Fields.Select(f => new[] { a.Arm, Label(r, f.Field), f.N.ToString(), Format.Pct(f.StatedPct),
                Format.Pct(f.DisclosedPct), f.B.ToString(), f.C.ToString(), Format.TestName(f.Test), Format.P(f.P), Format.P(f.PHolm) })).ToArray());

    private static Section? Valuation(ReportResult r) => r.Valuation is not { } v ? null :
        new("valuation", "Valuation: willingness to accept vs willingness to pay",
            "Implied valuation of the data item per frame, over the consistent price lists only (private on the low rows, money on the rest); " +
            "value = midpoint of the last private and the first money amount, a list with money on every row counts as the first amount " +
            "(censored below), one private on every row as the last amount (censored above). Inconsistent lists are counted, not analysed. " +
            "Mann-Whitney U test of WTA against WTP (normal approximation, tie- and continuity-corrected).",
            ["Frame", "Answered", "Consistent", "Inconsistent", "Censored below", "Censored above", "Median"],
            new[] { v.Wta, v.Wtp }.Select(g => new[] { g.Frame.ToUpperInvariant(), g.Answered.ToString(), g.Consistent.ToString(), g.Inconsistent.ToString(),
                g.CensoredBelow.ToString(), g.CensoredAbove.ToString(), Format.N(g.Median) }).ToArray(),
            $"Ratio of medians WTA / WTP = {Format.N(v.RatioOfMedians)}. " + (v.MannWhitney is { } m
                ? $"Mann-Whitney U = {Format.N(m.U, 1)}, z = {Format.N(m.Z)}, {Format.PEq(m.P)} (n = {v.Wta.Consistent} + {v.Wtp.Consistent}); " +
                  $"{v.Wta.Inconsistent + v.Wtp.Inconsistent} inconsistent lists left out."
                : $"Mann-Whitney test not run (see notes); {v.Wta.Inconsistent + v.Wtp.Inconsistent} inconsistent lists left out."));

    private static Section? TwoShops(ReportResult r) => r.TwoShops is not { } t ? null :
        new("two-shops", "Two shops: choosing the privacy-invasive shop",
            "Among participants who chose a shop: the share who chose the shop that asked more personal data, per price gap (how much " +
            "cheaper each product was there) and per position of that shop, with Clopper-Pearson 95% intervals. Pearson chi-square " +
            "test (no continuity correction) of the choice against the gap; for two gaps Fisher's exact test is the headline. " +
            "The position is counterbalanced; the same test against it checks for a position effect.",
            // "Bought from neither" only when someone did (a block with allowNoPurchase): those are not among the choosers.
            t.ByGap.Any(g => g.NoPurchase > 0)
                ? ["Condition", "Chose a shop", "Chose invasive", "Share", "95% CI", "Bought from neither"]
                : ["Condition", "Chose a shop", "Chose invasive", "Share", "95% CI"],
            t.ByGap.Concat(t.ByPosition).Select(g => new[] { g.Condition, g.N.ToString(), g.ChoseInvasive.ToString(), Format.Pct(g.SharePct), Format.PctCi(g.CiLowPct, g.CiHighPct) }
                .Concat(t.ByGap.Any(x => x.NoPurchase > 0) ? [g.NoPurchase.ToString()] : Array.Empty<string>()).ToArray()).ToArray(),
            (t.GapTest is { } x
                ? $"By gap: chi-square({x.Df}) = {Format.N(x.Chi2)}, {Format.PEq(x.P)}, Cramer's V = {Format.N(x.CramersV)}" +
                  (x.FisherP is { } f ? $"; Fisher's exact {Format.PEq(f)}." : ".")
                : "By gap: not tested (see notes).") +
            (t.PositionTest is { } y
                ? $" By position: chi-square({y.Df}) = {Format.N(y.Chi2)}, {Format.PEq(y.P)}" + (y.FisherP is { } fp ? $"; Fisher's exact {Format.PEq(fp)}." : ".")
                : " By position: not tested (see notes)."));
    private static Section? Listings(ReportResult r) => r.Listings is not { } l ? null :
        new("listings", "Rated listings: premium paid for privacy by condition",
            "Premium = price of the merchant chosen minus the cheapest price on the page, over the participants who chose one. " +
            "Mean with its 95% t interval (mean +- t(0.975, n-1) s/sqrt(n)), median, and the share buying from the top-rated merchant " +
            "(Clopper-Pearson 95%). Kruskal-Wallis test of the premium across conditions; Mann-Whitney U test (normal approximation, " +
            "tie- and continuity-corrected) of each condition against the baseline, Holm-adjusted.",
            ["Condition", "n", "Mean premium", "95% CI", "Median", "Top-rated", "95% CI"],
            l.Conditions.Select(c => new[] { c.Condition, c.N.ToString(), Format.N(c.MeanPremium), Format.Ci(c.CiLow, c.CiHigh), Format.N(c.MedianPremium),
                Format.Pct(c.TopRatedPct), Format.PctCi(c.TopRatedCiLowPct, c.TopRatedCiHighPct) }).ToArray(),
            (l.KruskalWallis is { } k ? $"Kruskal-Wallis H({k.Df}) = {Format.N(k.H)}, {Format.PEq(k.P)}. " : "Kruskal-Wallis test not run (see notes). ") +
            string.Join(" ", l.Comparisons.Select(c => c.MannWhitney is { } m
                ? $"{c.Condition} vs {c.Against}: U = {Format.N(m.U, 1)}, z = {Format.N(m.Z)}, {Format.PEq(m.P)}, Holm {Format.PEq(c.PHolm)}."
                : $"{c.Condition} vs {c.Against}: not tested (see notes).")));
    private static Section? Framing(ReportResult r) => r.Framing is not { } f ? null :
        new("framing", "Framing: over-disclosure of optional fields by arm",
            $"Per field that is optional in some arm, over the {f.Unit}: how the arm framed it (required = marked * and needed to order), " +
            "the offer, and the share that gave it with its 95% Clopper-Pearson interval. Giving an optional field is over-disclosure " +
            $"(voluntary when no offer). Framed fields: {string.Join(", ", f.FramedFields.Select(x => Label(r, x)))}. Test per field: chi-square of arm x disclosure " +
            "over the arms where it is optional (Fisher's exact p for two arms).",
            ["Field", "Arm", "Framed as", "Offer %", "n", "Disclosed", "Disclosed %", "95% CI", "chi2 (df)", "p", "Fisher p"],
            f.Fields.SelectMany(x => x.Cells.Select((c, i) => new[] { Label(r, x.Field), c.Share.Group, c.Necessity, Format.N(c.OfferPct, 0),
                c.Share.N.ToString(), c.Share.Disclosed.ToString(), Format.Pct(c.Share.DisclosedPct), Format.PctCi(c.Share.CiLowPct, c.Share.CiHighPct),
                i == 0 && x.Chi2 is not null ? $"{Format.N(x.Chi2)} ({x.Df})" : "", i == 0 ? Format.P(x.P) : "", i == 0 ? Format.P(x.FisherP) : "" })).ToArray(),
            "Voluntary over-disclosure per arm (never-framed optional fields without an offer; rows = participant x field, interval over rows; " +
            "mean = each participant's share averaged): " +
            string.Join("; ", f.Arms.Select(a => $"{a.Arm}: {a.Voluntary.Disclosed}/{a.Voluntary.N} = {Format.Pct(a.Voluntary.DisclosedPct)} " +
                $"{Format.PctCi(a.Voluntary.CiLowPct, a.Voluntary.CiHighPct)}, mean {Format.Pct(a.MeanSharePct)} (n = {a.Voluntary.Participants} of {a.Ordered} who ordered)")) +
            ". " + (f.H is null ? "Kruskal-Wallis test not run (see notes)." : $"Kruskal-Wallis of the per-participant shares across arms: H({f.Df}) = {Format.N(f.H)}, {Format.PEq(f.P)}."));

    private static Section? OrderEffect(ReportResult r) => r.OrderEffect is not { } o ? null :
        new("order", "Order effect: stated willingness and disclosure by block order",
            "Over the paired fields of participants with at least one: the share stated willing and the share disclosed per block order. " +
            "Kruskal-Wallis test of each participant's share across orders (with two orders equivalent to Mann-Whitney); " +
            "the block_order term of the logistic model is the adjusted check.",
            ["Block order", "Participants", "Paired rows", "Stated willing", "Disclosed"],
            o.Orders.Select(g => new[] { g.BlockOrder, g.Participants.ToString(), g.PairedRows.ToString(), Format.Pct(g.StatedPct), Format.Pct(g.DisclosedPct) }).ToArray(),
            $"Stated willing: " + (o.StatedH is null ? "not tested." : $"H({o.StatedDf}) = {Format.N(o.StatedH)}, {Format.PEq(o.StatedP)}.") +
            " Disclosed: " + (o.DisclosedH is null ? "not tested." : $"H({o.DisclosedDf}) = {Format.N(o.DisclosedH)}, {Format.PEq(o.DisclosedP)}."));

    private static string[] ShareRow(ShareOut s) =>
        [s.Group, s.Participants.ToString(), s.N.ToString(), s.Disclosed.ToString(), Format.Pct(s.DisclosedPct), Format.PctCi(s.CiLowPct, s.CiHighPct)];
}
