namespace Analysis.Simulation;

/// <summary>
/// The knobs of the simulated participant. Defaults are chosen to resemble the privacy-paradox literature: most
/// people state concern, most disclose anyway, concern barely moves behaviour (r about -0.13), discounts do move
/// it, a few fake their entries.
/// </summary>
public sealed record SimulationParameters
{
    /// <summary>Mean and SD of the latent privacy concern (standard-normal scale; positive = concerned).</summary>
    public double ConcernMean { get; init; } = 0.4;
    public double ConcernSd { get; init; } = 1.0;
    /// <summary>Log-odds of disclosing an optional field of average sensitivity (3) at 0% discount.</summary>
    public double BaseLogOdds { get; init; } = -0.2;
    /// <summary>Log-odds added per percent of discount offered next to a field.</summary>
    public double DiscountSensitivity { get; init; } = 0.08;
    /// <summary>Log-odds taken off per SD of concern: weak on purpose (the paradox).</summary>
    public double ConcernEffect { get; init; } = 0.15;
    /// <summary>Log-odds taken off per sensitivity point above 3.</summary>
    public double SensitivityEffect { get; init; } = 0.45;
    /// <summary>How much lower stated willingness is than actual disclosure, in log-odds.</summary>
    public double ParadoxStrength { get; init; } = 1.5;
    /// <summary>Share of disclosed optional fields that are filled with fake-looking values.</summary>
    public double FakeShare { get; init; } = 0.08;
    /// <summary>Chance of leaving a page for good, per page.</summary>
    public double DropoutPerPage { get; init; } = 0.01;
    /// <summary>Chance of declining consent (counted, nothing recorded).</summary>
    public double DeclineRate { get; init; } = 0.03;
    /// <summary>Chance of passing the attention check.</summary>
    public double AttentionPass { get; init; } = 0.93;
    /// <summary>Chance of leaving the shop at checkout instead of ordering.</summary>
    public double LeaveShopRate { get; init; } = 0.06;
    /// <summary>Chance of allowing the use of the shop behaviour at the debrief.</summary>
    public double BehaviourConsentRate { get; init; } = 0.97;
    /// <summary>Median seconds on a page, plus this much per questionnaire item.</summary>
    public double SecondsPerPage { get; init; } = 8;
    public double SecondsPerItem { get; init; } = 4;
    /// <summary>
    /// The valuation block's known effect: the median valuation of the data item under willingness to pay (in the
    /// list's currency), how many times higher it is under willingness to accept, the SD of its logarithm between
    /// people, and the share of people who answer the rows at random (their lists come out inconsistent).
    /// </summary>
    public double ValuationWtpMedian { get; init; } = 2.5;
    public double ValuationWtaRatio { get; init; } = 2.0;
    public double ValuationLogSd { get; init; } = 0.6;
    public double ValuationErratic { get; init; } = 0.05;
    /// <summary>
    /// The two-shops block's known effect: the chance of choosing the privacy-invasive shop when both prices are the
    /// same (gap 0) and when it is cheaper (any gap above 0). Defaults after Beresford, Kübler &amp; Preibusch (2012):
    /// both shops equally often at the same price, almost everyone at the cheaper invasive shop.
    /// </summary>
    public double InvasiveShareEqual { get; init; } = 0.5;
    public double InvasiveShareCheaper { get; init; } = 0.9;
    /// <summary>
    /// A position (primacy) effect for the two shops: added to that chance when the privacy-invasive shop is shown
    /// first (and the result kept within 0 and 1). 0 by default: the shop's position is counterbalanced so that it has
    /// no effect on the estimates, and the report tests whether it had one (two_shops.position_test).
    /// </summary>
    public double InvasiveFirstBonus { get; init; }
    /// <summary>
    /// The chance of buying from neither shop where the block allows it (allowNoPurchase); 0 by default, so the shops'
    /// shares above hold for everyone. The original's field experiment had most visitors not buy at all.
    /// </summary>
    public double TwoShopsNoPurchaseShare { get; init; }
    /// <summary>
    /// The chance of opening the shop's privacy statement at the checkout (shop.privacyStatement), then read for a
    /// log-normal time around 8 seconds. Few people open a policy behind a link (Steinfeld 2016 found most who were
    /// given a link skipped it), so 0.1 by default; in a requireScroll cell the statement is on the page and counts as opened.
    /// </summary>
    public double PrivacyStatementShare { get; init; } = 0.1;
    /// <summary>
    /// The listings block's known effect: the chance that a person buys from the most privacy-protective merchant
    /// (the top-rated one; otherwise they buy at the cheapest price), by how the rating is shown: without privacy
    /// information (modes none and irrelevant), as an indicator, and salient with its explanation. The expected
    /// premium of a mode is its share times the top-rated merchant's price above the cheapest.
    /// </summary>
    public double ListingsBaseShare { get; init; } = 0.10;
    public double ListingsIndicatorShare { get; init; } = 0.35;
    public double ListingsSalientShare { get; init; } = 0.50;
    /// <summary>
    /// The framing paradigm's known effect (a study with requiredIn fields): the chance that a person discloses an
    /// unpaid optional field when no field of the checkout is framed required, and when some are (Preibusch, Krol &amp;
    /// Beresford 2013 found that required fields lowered voluntary disclosure of the remaining optional ones).
    /// </summary>
    public double FramingVoluntaryShare { get; init; } = 0.75;
    public double FramingRequiredShare { get; init; } = 0.6;
    /// <summary>First arrival (UTC) and the span over which participants arrive, for --direct.</summary>
    public DateTime Start { get; init; } = new(2026, 10, 5, 8, 0, 0, DateTimeKind.Utc);
    public double SpreadDays { get; init; } = 7;

    public void Validate()
    {
        static void Share(double v, string name)
        {
            if (v is < 0 or > 1 || double.IsNaN(v)) throw new ArgumentException($"{name} must be between 0 and 1 (got {v}).");
        }
        Share(FakeShare, "--fake-share");
        Share(DropoutPerPage, "--dropout");
        Share(DeclineRate, "--decline-rate");
        Share(AttentionPass, "--attention-pass");
        Share(LeaveShopRate, "--leave-shop");
        Share(BehaviourConsentRate, "--behaviour-consent");
        Share(ValuationErratic, "--valuation-erratic");
        Share(InvasiveShareEqual, "--invasive-share-equal");
        Share(InvasiveShareCheaper, "--invasive-share-cheaper");
        Share(TwoShopsNoPurchaseShare, "--no-purchase-share");
        Share(PrivacyStatementShare, "--privacy-statement-share");
        if (InvasiveFirstBonus is < -1 or > 1 || double.IsNaN(InvasiveFirstBonus))
            throw new ArgumentException($"--invasive-first-bonus must be between -1 and 1 (got {InvasiveFirstBonus}).");
        Share(ListingsBaseShare, "--listings-base-share");
        Share(ListingsIndicatorShare, "--listings-indicator-share");
        Share(ListingsSalientShare, "--listings-salient-share");
        Share(FramingVoluntaryShare, "--framing-voluntary-share");
        Share(FramingRequiredShare, "--framing-required-share");
        if (!(ValuationWtpMedian > 0) || !(ValuationWtaRatio > 0) || !(ValuationLogSd >= 0))
            throw new ArgumentException($"--wtp-median and --wta-ratio must be positive and --valuation-log-sd not negative (got {ValuationWtpMedian}, {ValuationWtaRatio}, {ValuationLogSd}).");
        if (ConcernSd < 0) throw new ArgumentException($"--concern-sd must not be negative (got {ConcernSd}).");
        if (SecondsPerPage <= 0 || SecondsPerItem < 0) throw new ArgumentException("--seconds-per-page must be positive and --seconds-per-item not negative.");
        if (SpreadDays < 0) throw new ArgumentException($"--spread-days must not be negative (got {SpreadDays}).");
    }
}
