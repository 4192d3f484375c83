using System.Globalization;
using Experiment.Engine.Studies;

namespace Analysis.Simulation;

/// <summary>What a simulated participant does with one checkout field.</summary>
public readonly record struct FieldChoice(bool Disclosed, bool Fake);

/// <summary>
/// One simulated participant: a latent privacy concern and a personal propensity to disclose, from which every
/// answer and every checkout decision follows. Concern items move with the latent concern (reverse-coded items
/// the other way), stated willingness is the actual disclosure probability lowered by the paradox strength,
/// and disclosure rises with the discount and falls (weakly) with concern and with the field's sensitivity.
/// All randomness comes from the Random passed in, so a seed gives the same participant every time.
/// </summary>
public sealed class Persona
{
    readonly SimulationParameters p;
    readonly Random rng;

    public double Concern { get; }
    /// <summary>Personal deviation in log-odds of disclosing, shared by stated and actual behaviour.</summary>
    public double Propensity { get; }
    /// <summary>Whether this person fakes at all is personal too: some people fake many fields, most none.</summary>
    public double FakeTendency { get; }

    public Persona(SimulationParameters parameters, Random rng)
    {
        p = parameters;
        this.rng = rng;
        Concern = p.ConcernMean + p.ConcernSd * Normal();
        Propensity = 0.8 * Normal();
        // Mean stays FakeShare: a quarter of people fake at four times the rate (capped), the rest never.
        FakeTendency = rng.NextDouble() < 0.25 ? Math.Min(1, 4 * p.FakeShare) : 0;
    }

    public Random Rng => rng;

    public double Normal() => Normal(rng);

    /// <summary>Box-Muller on a seeded generator; 1 - u keeps the logarithm finite.</summary>
    static double Normal(Random r)
    {
        double u1 = 1 - r.NextDouble(), u2 = r.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public bool Chance(double probability) => rng.NextDouble() < probability;

    static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Log-odds that this person discloses an optional field at the given discount.</summary>
    public double DisclosureLogOdds(CheckoutField field, double offerPct) =>
        p.BaseLogOdds + Propensity + p.DiscountSensitivity * offerPct
        - p.ConcernEffect * (Concern - p.ConcernMean) - p.SensitivityEffect * (field.Sensitivity - 3);

    /// <param name="someFieldsFramedRequired">
    /// A framing study only (null otherwise): whether this checkout makes some framed fields required. An unpaid
    /// optional field of a framing study is then disclosed with the framing paradigm's known share
    /// (SimulationParameters.FramingVoluntaryShare, or FramingRequiredShare when some fields are required).
    /// </param>
    public FieldChoice Checkout(CheckoutField field, double offerPct, bool? someFieldsFramedRequired = null)
    {
        if (!field.IsOptional)
            // Needed for delivery: always filled, occasionally with something fake.
            return new FieldChoice(true, field.Type != FieldTypes.Choice && Chance(p.FakeShare / 4));
        var disclosed = someFieldsFramedRequired is { } framed && offerPct == 0
            ? Chance(framed ? p.FramingRequiredShare : p.FramingVoluntaryShare)
            : Chance(Logistic(DisclosureLogOdds(field, offerPct)));
        var fake = disclosed && field.Type != FieldTypes.Choice && Chance(FakeTendency);
        return new FieldChoice(disclosed, fake);
    }

    public bool LeavesShop() => Chance(p.LeaveShopRate * (1 + 0.5 * Math.Max(0, Concern)));

    public bool StatesWilling(CheckoutField field, double offerPct) =>
        Chance(Logistic(DisclosureLogOdds(field, offerPct) - p.ParadoxStrength));

    /// <summary>
    /// The stored value for a questionnaire item (null: left empty, only for optional items). Stated-willingness
    /// items are recognised by the checkout field that pairs with them.
    /// </summary>
    /// <param name="loading">How strongly the item follows the latent concern, signed (see SessionPlanner.StudyPlan.Loadings).</param>
    public string? Answer(Item item, double loading, CheckoutField? pairedField, double pairedOffer, IReadOnlyCollection<string>? offeredValues = null)
    {
        if (item.IsAttentionCheck)
        {
            if (Chance(p.AttentionPass)) return item.Expected;
            var wrong = AllValues(item, offeredValues).Where(v => v != item.Expected).ToList();
            return wrong.Count > 0 ? wrong[rng.Next(wrong.Count)] : item.Expected;
        }
        if (pairedField is not null)
        {
            var willing = StatesWilling(pairedField, pairedOffer);
            return item.Type switch
            {
                ItemTypes.YesNo => willing ? "1" : "0",
                ItemTypes.Likert => Scale(item.Points ?? 7, willing ? 1.2 : -1.2, item.Reverse),
                _ => Generic(item, offeredValues),
            };
        }
        return item.Type switch
        {
            ItemTypes.Likert => Scale(item.Points ?? 7, loading * Concern, item.Reverse),
            ItemTypes.YesNo => Chance(Logistic((item.Reverse ? -1 : 1) * loading * 1.5 * Concern)) ? "1" : "0",
            _ => Generic(item, offeredValues),
        };
    }

    /// <summary>
    /// A Likert answer: the signal plus item noise of SD 1 (on the latent scale), which gives concern scales an
    /// alpha around 0.85 to 0.9 like published IUIPC scales rather than a too-perfect 0.95.
    /// </summary>
    string Scale(int points, double signal, bool reverse)
    {
        var mid = (points + 1) / 2.0;
        var spread = (points - 1) / 4.0;
        var raw = (int)Math.Round(mid + spread * (signal + 1.0 * Normal()));
        var v = Math.Clamp(raw, 1, points);
        if (reverse) v = points + 1 - v;
        return v.ToString(CultureInfo.InvariantCulture);
    }

    string? Generic(Item item, IReadOnlyCollection<string>? offeredValues)
    {
        switch (item.Type)
        {
            case ItemTypes.Choice:
                var codes = AllValues(item, offeredValues).ToList();
                return codes.Count == 0 ? null : codes[rng.Next(codes.Count)];
            case ItemTypes.Number:
                // Whole numbers inside the item's range (an age, a count); 18..78 when the file gives none.
                var lo = (long)Math.Ceiling(item.Min ?? Math.Min(18, item.Max ?? 18));
                var hi = (long)Math.Floor(item.Max ?? lo + 60);
                if (hi < lo) return (item.Min ?? 0).ToString(CultureInfo.InvariantCulture);
                return rng.NextInt64(lo, hi + 1).ToString(CultureInfo.InvariantCulture);
            case ItemTypes.Text:
                if (!item.Required && Chance(0.8)) return null;
                var text = TextAnswers[rng.Next(TextAnswers.Length)];
                return item.MaxLength is { } len && text.Length > len ? text[..len] : text;
            case ItemTypes.YesNo:
                return Chance(0.5) ? "1" : "0";
            case ItemTypes.Likert:
                return Scale(item.Points ?? 7, 0, false);
            default:
                return null;
        }
    }

    static IEnumerable<string> AllValues(Item item, IReadOnlyCollection<string>? offered) =>
        offered is { Count: > 0 } ? offered : item.Type switch
        {
            ItemTypes.Likert => Enumerable.Range(1, item.Points ?? 7).Select(i => i.ToString(CultureInfo.InvariantCulture)),
            ItemTypes.YesNo => ["1", "0"],
            ItemTypes.Choice => item.Options?.Select(o => o.Code) ?? [],
            _ => [],
        };

    static readonly string[] TextAnswers = ["Geen opmerkingen", "Interessant onderzoek", "Prima", "No comments", "Nothing to add"];

    // Drawn at the first price-list row only, so that the simulation of a study without one draws what it drew before.
    double? valuation;
    bool erratic;

    /// <summary>
    /// One row of the valuation's price list: this person's valuation of the data item is log-normal around the
    /// frame's median (SimulationParameters: WTP median, WTA = ratio times it); they sell when the amount reaches it
    /// (wta) and pay while the amount is within it (wtp). An erratic person answers each row at random.
    /// </summary>
    public string ValuationAnswer(string frame, decimal amount)
    {
        if (valuation is null)
        {
            erratic = Chance(p.ValuationErratic);
            var median = p.ValuationWtpMedian * (frame == Experiment.Engine.Valuation.PriceList.Wta ? p.ValuationWtaRatio : 1);
            valuation = median * Math.Exp(p.ValuationLogSd * Normal());
        }
        var (keep, money) = Experiment.Engine.Valuation.PriceList.Codes(frame);
        if (erratic) return Chance(0.5) ? keep : money;
        var a = (double)amount;
        return frame == Experiment.Engine.Valuation.PriceList.Wta ? (a >= valuation ? money : keep) : (a <= valuation ? keep : money);
    }

    /// <summary>
    /// The two shops' choice: the privacy-invasive shop with the chance the parameters give for its price gap
    /// (InvasiveShareEqual at 0, InvasiveShareCheaper above), plus InvasiveFirstBonus when that shop is shown first,
    /// so a report on simulated data can be held to them.
    /// </summary>
    public bool ChoosesInvasiveShop(decimal gap, bool invasiveShownFirst) =>
        Chance(Math.Clamp((gap > 0 ? p.InvasiveShareCheaper : p.InvasiveShareEqual) + (invasiveShownFirst ? p.InvasiveFirstBonus : 0), 0, 1));

    /// <summary>
    /// What checkout.js reports of the shop's privacy statement: opened (with the parameters' chance, always when the
    /// cell puts it on the page to scroll through) and for how many milliseconds, log-normal around 8 seconds.
    /// </summary>
    public (bool Opened, int Ms) PrivacyStatement(bool onThePage)
    {
        // A stream of its own, seeded by the person's own draws, so that this measure (added later) leaves every other
        // simulated answer as it was: the demo data and the seeded tests keep their values.
        var own = new Random(unchecked((int)(BitConverter.DoubleToInt64Bits(Concern) ^ BitConverter.DoubleToInt64Bits(Propensity) >> 7)));
        if (!onThePage && own.NextDouble() >= p.PrivacyStatementShare) return (false, 0);
        return (true, (int)Math.Round(8000 * Math.Exp(0.7 * Normal(own))));
    }

    /// <summary>Buys from neither shop, where the block offers that (SimulationParameters.TwoShopsNoPurchaseShare).</summary>
    public bool BuysFromNeitherShop() => Chance(p.TwoShopsNoPurchaseShare);

    /// <summary>Milliseconds to choose between the two shops: log-normal around 9 seconds.</summary>
    public int ChoiceMilliseconds() => (int)Math.Round(9000 * Math.Exp(0.5 * Normal()));

    /// <summary>A value a person types for a field a shop asks: a year of birth (18 to 77 years ago) for a year, else as at the checkout.</summary>
    public string TwoShopsValue(Experiment.Engine.Studies.TwoShopsField field, DateOnly today) =>
        field.Type == Experiment.Engine.Studies.FieldTypes.Year
            ? (today.Year - 18 - Rng.Next(60)).ToString(CultureInfo.InvariantCulture)
            : FakeValues.For(field.AsCheckoutField(), false, Rng, today);

    /// <summary>
    /// The merchant chosen from the listings: the top-rated one (the first of the highest rating in page order) with
    /// the mode's chance (SimulationParameters.Listings*Share), else the cheapest (the first by price in page order).
    /// </summary>
    public string ListingChoice(Experiment.Engine.Studies.RatedListings listings, string mode)
    {
        var share = mode switch
        {
            Experiment.Engine.Listings.Listings.Indicator => p.ListingsIndicatorShare,
            Experiment.Engine.Listings.Listings.Salient => p.ListingsSalientShare,
            _ => p.ListingsBaseShare,
        };
        var ranked = Experiment.Engine.Listings.Listings.Ranked(listings);
        return Chance(share) ? ranked.MaxBy(m => m.Rating)!.Key : ranked.MinBy(m => m.Price)!.Key;
    }

    /// <summary>Seconds spent on a page before submitting it: log-normal around the parameters' median.</summary>
    public double PageSeconds(int items, int fields = 0)
    {
        var median = p.SecondsPerPage + p.SecondsPerItem * items + 3 * fields;
        return Math.Round(median * Math.Exp(0.45 * Normal()), 3);
    }

    /// <summary>Milliseconds on a checkout field: longer when something is typed.</summary>
    public int FieldMilliseconds(bool typed) =>
        (int)Math.Round((typed ? 5000 : 900) * Math.Exp(0.5 * Normal()));
}
