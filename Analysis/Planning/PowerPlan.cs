using Analysis.Statistics;
using Experiment.Engine.Studies;

namespace Analysis.Planning;

/// <summary>What the researcher assumes before the data exist (every number is printed in the plan).</summary>
public sealed record PlanAssumptions(
    int NPerCell = 80,
    double Stated = 0.25,
    double Paradox = 0.35,
    double Consistency = 0.80,
    double DiscountOddsRatio = 1.04,
    double ParticipantSd = 1.0,
    double Alpha = 0.05,
    double Power = 0.80,
    int Simulations = 1000,
    int Seed = 2026);

/// <summary>The study as the plan needs it: its cells, the paired fields and the offer each cell shows next to each.</summary>
public sealed record PlanDesign(
    StudyDefinition Study, string ContentHash, IReadOnlyList<string> Cells, IReadOnlyList<string> Fields, double[][] Offers)
{
    public static PlanDesign Of(StudyDefinition study, string contentHash)
    {
        var cells = StudyDesign.Cells(study);
        var fields = (study.Shop?.Fields ?? []).Where(f => f.PairedItem is not null).ToArray();
        return new PlanDesign(study, contentHash, cells.Select(c => c.Arm).ToArray(), fields.Select(f => f.Key).ToArray(),
            cells.Select(c => fields.Select(f => StudyDesign.OfferFor(f, c)).ToArray()).ToArray());
    }

    /// <summary>Cells grouped by the offers they show: the arms within which the per-arm McNemar table is computed.</summary>
    public int[][] OfferArms() => Enumerable.Range(0, Cells.Count)
        .GroupBy(c => string.Join(';', Offers[c]))
        .Select(g => g.ToArray()).ToArray();

    public bool OfferVaries => Offers.SelectMany(o => o).Distinct().Count() > 1;
}

public sealed record PowerResult(
    int NPerCell, int Participants, double[] FieldPower, double AllFieldsPower, double LowestArmFieldPower, double? DiscountPower);

/// <summary>
/// Power by simulation of the report's own tests on data drawn from the stated assumptions: per participant a
/// random intercept u ~ N(0, sd) on the logit scale; per paired field, stated willing with probability
/// <c>Stated</c>; disclosed with logit P = logit(Paradox if said no, else Consistency) + ln(OR) x offer + u. Then:
/// the per-field McNemar headline test (exact when b + c &lt; 25, else continuity-corrected chi-square), Holm over the
/// fields, pooled over all cells and within each offer arm; and the discount effect as the discount_pct term of
/// disclosed ~ 1 + discount_pct with participant-clustered SE. Fixed seeds: the same inputs give the same powers.
/// </summary>
public static class PowerPlan
{
    public static PowerResult Simulate(PlanDesign design, PlanAssumptions a, int nPerCell, int simulations, bool withDiscount = true)
    {
        var rng = new Random(a.Seed);
        int cells = design.Cells.Count, k = design.Fields.Count;
        var arms = design.OfferArms();
        var armOf = new int[cells];
        for (var g = 0; g < arms.Length; g++) foreach (var c in arms[g]) armOf[c] = g;
        var fieldRejected = new int[k];
        var armFieldRejected = new int[arms.Length];
        int allRejected = 0, discountRejected = 0;
        var testDiscount = withDiscount && design.OfferVaries && k > 0;
        double logOr = Math.Log(a.DiscountOddsRatio), baseNo = Logit(a.Paradox), baseYes = Logit(a.Consistency);

        for (var s = 0; s < simulations; s++)
        {
            var b = new int[k]; var c = new int[k];
            var armB = new int[arms.Length, k]; var armC = new int[arms.Length, k];
            var x = testDiscount ? new List<double[]>(cells * nPerCell * k) : null;
            var y = testDiscount ? new List<double>(cells * nPerCell * k) : null;
            var cluster = testDiscount ? new List<string>(cells * nPerCell * k) : null;
            var id = 0;
            for (var cell = 0; cell < cells; cell++)
                for (var i = 0; i < nPerCell; i++, id++)
                {
                    var u = a.ParticipantSd * Normal(rng);
                    var name = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    for (var f = 0; f < k; f++)
                    {
                        var stated = rng.NextDouble() < a.Stated;
                        var offer = design.Offers[cell][f];
                        var disclosed = rng.NextDouble() < 1 / (1 + Math.Exp(-((stated ? baseYes : baseNo) + logOr * offer + u)));
                        if (!stated && disclosed) { b[f]++; armB[armOf[cell], f]++; }
                        if (stated && !disclosed) { c[f]++; armC[armOf[cell], f]++; }
                        if (testDiscount) { x!.Add([offer]); y!.Add(disclosed ? 1 : 0); cluster!.Add(name); }
                    }
                }
            if (k > 0)
            {
                var holm = Holm.Adjust(Enumerable.Range(0, k).Select(f => McNemar.Test(b[f], c[f]).HeadlineP).ToArray());
                var all = true;
                for (var f = 0; f < k; f++)
                    if (holm[f] < a.Alpha) fieldRejected[f]++; else all = false;
                if (all) allRejected++;
                for (var g = 0; g < arms.Length; g++)
                {
                    var armHolm = Holm.Adjust(Enumerable.Range(0, k).Select(f => McNemar.Test(armB[g, f], armC[g, f]).HeadlineP).ToArray());
                    armFieldRejected[g] += armHolm.Count(p => p < a.Alpha);
                }
            }
            if (testDiscount)
            {
                try
                {
                    var fit = LogisticRegression.Fit(x!, ["discount_pct"], y!, cluster!);
                    if (fit.Separation is null && fit.Terms[1].P < a.Alpha) discountRejected++;
                }
                catch (ArgumentException) { /* a degenerate draw (all 0 or 1) is a failure to reject */ }
            }
        }
        double n = simulations;
        var lowestArm = k == 0 ? double.NaN : armFieldRejected.Min() / (n * k);
        return new PowerResult(nPerCell, cells * nPerCell, fieldRejected.Select(r => r / n).ToArray(), allRejected / n,
            lowestArm, testDiscount ? discountRejected / n : null);
    }

    /// <summary>
    /// The smallest N per cell (from 2 to 5000) whose simulated power reaches the wanted power, by bisection with
    /// common random numbers (the same seed at every N); null when even 5000 per cell does not reach it.
    /// </summary>
    public static int? NPerCellFor(Func<int, double> power, double wanted)
    {
        int lo = 2, hi = 5000;
        if (power(hi) < wanted) return null;
        if (power(lo) >= wanted) return lo;
        while (hi - lo > 1)
        {
            var mid = (lo + hi) / 2;
            if (power(mid) >= wanted) hi = mid; else lo = mid;
        }
        return hi;
    }

    static double Logit(double p) => Math.Log(p / (1 - p));

    static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
