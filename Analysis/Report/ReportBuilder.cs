using Analysis.Statistics;

namespace Analysis.Report;

/// <summary>
/// Computes the report (export-format.md, "The machine-readable report", and statistics.md) from loaded data.
/// Pure: the same <see cref="ReportData"/> gives the same numbers, whether it came from a CSV folder or the database.
/// A test that cannot run on the data (too few cases, no variation) yields null and a note saying why.
/// </summary>
public static partial class ReportBuilder
{
    public static ReportResult Build(ReportData data, IProgress<string>? progress = null) => Build(data, new ReportOptions(), progress);

    public static ReportResult Build(ReportData all, ReportOptions options, IProgress<string>? progress = null)
    {
        var notes = new List<string>();
        var (flow, keep) = Exclusions.Apply(all, options.ApplyExclusions, notes);
        var data = keep.All(k => k) ? all : all.Subset(keep);
        if (data.Count == 0)
            throw new ReportInputException($"Every one of the {all.Count} participants is excluded by the declared rules " +
                $"({string.Join(", ", all.Info.Exclusions.Select(r => r.Text))}): there is nothing to analyse; --no-exclusions reports everyone.");
        var totals = Totals.Of(data);
        var concern = new double?[data.Count];
        for (var i = 0; i < data.Count; i++) concern[i] = data.ConcernScore(i);

        progress?.Report("paired fields and tests");
        var n = new SampleCounts(data.Count, data.Status.Count(s => s == ParticipantStatus.Completed), data.ReachedCheckout.Count(r => r),
            all.Count, all.Count - data.Count);
        var fields = PairedFields(data, notes);
        var fieldsByArm = FieldsByOfferArm(data, notes);
        var wilcoxon = WilcoxonOfD(data, totals, notes);
        var spearman = SpearmanOfConcern(data, totals, concern, notes);
        var alpha = Alpha(data, notes);
        progress?.Report("fitting the logistic model");
        var (logistic, dropped) = Logistic(data, concern, notes);
        progress?.Report("breakdowns and figures");

        var missing = new MissingOut(
            NoCheckout: data.Count - n.WithCheckout,
            NoConcernScore: concern.Count(c => c is null),
            NoPairedField: totals.Paired.Count(p => p == 0),
            DisclosureRowsUnpaired: data.Disclosures.Count(r => !r.IsPaired),
            LogisticRowsDropped: dropped,
            WestinUnclassified: 0);
        var segments = Segments(data, totals, notes);
        if (segments is not null) missing = missing with { WestinUnclassified = segments.Unclassified };

        var language = options.Language;
        var title = options.Title
            ?? (all.Info.Titles.GetValueOrDefault(language) is { Length: > 0 } t ? t : all.Info.Title);
        var header = new HeaderOut(
            title, all.Info.Versions, all.Info.ContentHash, all.Info.DataAsOf,
            all.Info.Software, SoftwareVersion, all.Source, language);
        var labels = data.Fields.ToDictionary(f => f, f => data.Label(f, language), StringComparer.Ordinal);
        if (data.Disclosures.Length == 0)
            notes.Add("disclosures.csv has no rows (the study has no checkout, or nobody reached it): the tables of the checkout's disclosures are left out.");

        return new ReportResult(
            data.StudyId, n, Attrition(flow), Balance(all), alpha, fields, wilcoxon, spearman, logistic,
            Discount(data, notes), segments, Fake(data),
            missing, Figures(data, totals, concern), notes)
        {
            Header = header, Flow = flow, Labels = labels, DisclosureByCell = DisclosureByCell(data), FieldsByArm = fieldsByArm,
            OrderEffect = OrderEffect(data, totals, notes),
            Valuation = Valuation(data, notes),
            TwoShops = TwoShops(data, notes),
            Listings = Listings(data, notes),
            Framing = Framing(data, notes),
            HasCheckoutRows = data.Disclosures.Length > 0,
        };
    }

    /// <summary>The Analysis assembly's informational version (e.g. "1.0.0+abc123" with the commit when built from git).</summary>
    public static readonly string SoftwareVersion = "Privacy Paradox Lab Analysis " +
        (typeof(ReportBuilder).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion ?? "unknown");

    /// <summary>Per-participant sums over disclosures.csv, one pass over the rows.</summary>
    internal sealed class Totals
    {
        public required int[] Paired, StatedYes, DisclosedPaired, OptionalRows, OptionalDisclosed;

        public static Totals Of(ReportData data)
        {
            var t = new Totals
            {
                Paired = new int[data.Count], StatedYes = new int[data.Count], DisclosedPaired = new int[data.Count],
                OptionalRows = new int[data.Count], OptionalDisclosed = new int[data.Count],
            };
            foreach (var r in data.Disclosures)
            {
                if (r.IsPaired)
                {
                    t.Paired[r.Participant]++;
                    t.StatedYes[r.Participant] += r.StatedWilling;
                    t.DisclosedPaired[r.Participant] += r.Disclosed;
                }
                if (r.Optional && r.Disclosed >= 0)
                {
                    t.OptionalRows[r.Participant]++;
                    t.OptionalDisclosed[r.Participant] += r.Disclosed;
                }
            }
            return t;
        }
    }

    internal static double? Num(double v) => double.IsFinite(v) ? v : null;
    internal static double? Num(double? v) => v is { } x && double.IsFinite(x) ? x : null;
    internal static double? Pct(int k, int n) => n == 0 ? null : 100.0 * k / n;

    private static IReadOnlyList<ArmFlow> Attrition(FlowOut flow) =>
        flow.Cells.Select(c => new ArmFlow(c.Arm, c.Consented, c.ReachedCheckout, c.Completed)).ToArray();

    private static ArmBalance? Balance(ReportData data)
    {
        var counts = data.Arms.GroupBy(a => a, StringComparer.Ordinal).Select(g => (double)g.Count()).ToArray();
        if (counts.Length < 2) return null;
        var expected = (double)data.Count / counts.Length;
        var chi2 = counts.Sum(o => (o - expected) * (o - expected) / expected);
        return new ArmBalance("chi2_goodness_of_fit_equal_arms", counts.Length, data.Count, chi2, counts.Length - 1,
            Num(Distributions.ChiSquareUpper(chi2, counts.Length - 1)));
    }

    private static IReadOnlyList<FieldOut> PairedFields(ReportData data, List<string> notes,
        Func<DisclosureObservation, bool>? where = null, string scope = "")
    {
        // [field] -> n, stated yes, disclosed, b, c
        var cells = new int[data.Fields.Length, 5];
        foreach (var r in data.Disclosures)
        {
            if (!r.IsPaired || (where is not null && !where(r))) continue;
            cells[r.Field, 0]++;
            cells[r.Field, 1] += r.StatedWilling;
            cells[r.Field, 2] += r.Disclosed;
            if (r.StatedWilling == 0 && r.Disclosed == 1) cells[r.Field, 3]++;
            if (r.StatedWilling == 1 && r.Disclosed == 0) cells[r.Field, 4]++;
        }
        var paired = Enumerable.Range(0, data.Fields.Length).Where(f => cells[f, 0] > 0).ToArray();
        var tests = paired.Select(f => McNemar.Test(cells[f, 3], cells[f, 4])).ToArray();
        var holm = tests.Length == 0 ? [] : Holm.Adjust(tests.Select(t => t.HeadlineP).ToArray());
        if (paired.Length == 0) notes.Add($"No checkout field is paired with a stated-willingness answer{scope}: no per-field McNemar tests.");
        return paired.Select((f, i) => new FieldOut(
            data.Fields[f], cells[f, 0], Pct(cells[f, 1], cells[f, 0]), Pct(cells[f, 2], cells[f, 0]),
            tests[i].B, tests[i].C, Num(tests[i].PExact), Num(tests[i].Chi2Corrected), Num(tests[i].PCorrected),
            Num(tests[i].HeadlineP), tests[i].HeadlineTest, Num(holm[i]))).ToArray();
    }

    private static WilcoxonOut? WilcoxonOfD(ReportData data, Totals t, List<string> notes)
    {
        var d = new List<double>();
        for (var i = 0; i < data.Count; i++)
            if (t.Paired[i] > 0) d.Add(t.DisclosedPaired[i] - t.StatedYes[i]);
        if (d.Count == 0)
        {
            notes.Add("Wilcoxon signed-rank test not run: no participant has a paired field.");
            return null;
        }
        var w = Wilcoxon.SignedRank(d);
        if (w.NUsed == 0) notes.Add($"Wilcoxon signed-rank test: all {d.Count} differences are zero, there is nothing to rank.");
        return new WilcoxonOut(w.NUsed, Num(w.WPlus), Num(w.WMinus), Num(w.Statistic), Num(w.Z), Num(w.P), w.Method, Num(w.RankBiserial));
    }

    private static SpearmanOut? SpearmanOfConcern(ReportData data, Totals t, double?[] concern, List<string> notes)
    {
        var x = new List<double>();
        var y = new List<double>();
        for (var i = 0; i < data.Count; i++)
            if (concern[i] is { } c && t.OptionalRows[i] > 0)
            {
                x.Add(c);
                y.Add(t.OptionalDisclosed[i]);
            }
        return Guard(notes, $"Spearman correlation of concern and optional fields disclosed (n = {x.Count})", () =>
        {
            var r = Correlation.Spearman(x, y);
            if (!double.IsFinite(r.R))
                notes.Add($"Spearman correlation (n = {x.Count}) undefined: the concern score or the count of optional fields disclosed does not vary.");
            // The row's p and interval from the same SE (Fisher z, Bonett-Wright); the t-test p stays beside it.
            return new SpearmanOut(r.N, Num(r.R), Num(r.PFisher), Num(r.CiLow), Num(r.CiHigh), Num(r.P));
        });
    }

    private static AlphaOut? Alpha(ReportData data, List<string> notes)
    {
        var k = data.ConcernItems.Length;
        var rows = new List<double[]>();
        for (var i = 0; i < data.Count; i++)
        {
            var row = data.ConcernValues.AsSpan(i * k, k).ToArray();
            if (k > 0 && !row.Any(double.IsNaN)) rows.Add(row);
        }
        return Guard(notes, $"Cronbach's alpha of the {k} concern items (complete cases n = {rows.Count})", () =>
        {
            var a = CronbachAlpha.Compute(rows);
            return new AlphaOut(a.K, a.N, Num(a.Alpha), Num(a.CiLow), Num(a.CiHigh));
        });
    }

    /// <summary>Runs a test whose input may be degenerate; a rejected input becomes a note and a null.</summary>
    internal static T? Guard<T>(List<string> notes, string what, Func<T> run) where T : class
    {
        try { return run(); }
        catch (ArgumentException e)
        {
            notes.Add($"{what} not computed: {e.Message}");
            return null;
        }
    }
}
