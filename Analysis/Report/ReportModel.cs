using System.Text.Json.Serialization;

namespace Analysis.Report;

// The machine-readable report. Key names are spelled out one by one because analysts' scripts depend on them
// (export-format.md, "The machine-readable report"); properties serialise in declaration order, so the key
// order is stable. A number that is undefined for the data (a test that cannot run) is null, with a note.

public sealed record ReportResult(
    [property: JsonPropertyName("study_id")] string StudyId,
    [property: JsonPropertyName("n")] SampleCounts N,
    [property: JsonPropertyName("attrition")] IReadOnlyList<ArmFlow> Attrition,
    [property: JsonPropertyName("balance")] ArmBalance? Balance,
    [property: JsonPropertyName("alpha")] AlphaOut? Alpha,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldOut> Fields,
    [property: JsonPropertyName("wilcoxon")] WilcoxonOut? Wilcoxon,
    [property: JsonPropertyName("spearman")] SpearmanOut? Spearman,
    [property: JsonPropertyName("logistic")] LogisticOut? Logistic,
    [property: JsonPropertyName("discount")] DiscountOut? Discount,
    [property: JsonPropertyName("segments")] SegmentsOut? Segments,
    [property: JsonPropertyName("fake")] IReadOnlyList<FakeOut> Fake,
    [property: JsonPropertyName("missing")] MissingOut Missing,
    [property: JsonPropertyName("figures")] FigureData Figures,
    [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes)
{
    [JsonPropertyName("header")] public required HeaderOut Header { get; init; }
    [JsonPropertyName("flow")] public required FlowOut Flow { get; init; }
    /// <summary>Field key to its label in the report's language (codebook), for the tables and figures.</summary>
    [JsonPropertyName("labels")] public required IReadOnlyDictionary<string, string> Labels { get; init; }
    [JsonPropertyName("disclosure_by_cell")] public required IReadOnlyList<ShareOut> DisclosureByCell { get; init; }
    [JsonPropertyName("fields_by_arm")] public required IReadOnlyList<ArmFieldsOut> FieldsByArm { get; init; }
    [JsonPropertyName("order_effect")] public required OrderEffectOut? OrderEffect { get; init; }
    /// <summary>Only when the study has a valuation block: absent from the JSON otherwise, so other reports keep their keys.</summary>
    [JsonPropertyName("valuation"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ValuationOut? Valuation { get; init; }
    /// <summary>Only when the study has a two-shops block: absent from the JSON otherwise.</summary>
    [JsonPropertyName("two_shops"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TwoShopsOut? TwoShops { get; init; }
    /// <summary>Only when the study has a listings block, like the valuation's.</summary>
    [JsonPropertyName("listings"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ListingsOut? Listings { get; init; }
    /// <summary>Only when the study frames a field (requiredIn): absent from the JSON otherwise.</summary>
    [JsonPropertyName("framing"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public FramingOut? Framing { get; init; }
    /// <summary>disclosures.csv has rows; without any (a study without a checkout) the Markdown and HTML reports leave the checkout's tables out.</summary>
    [JsonIgnore] public bool HasCheckoutRows { get; init; } = true;
}

/// <summary>How to report: apply the declared exclusions (unless --no-exclusions), labels in which language.</summary>
public sealed record ReportOptions(bool ApplyExclusions = true, string Language = "en", string? Title = null);

public sealed record SampleCounts(
    [property: JsonPropertyName("participants")] int Participants,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("with_checkout")] int WithCheckout,
    [property: JsonPropertyName("consented")] int Consented,
    [property: JsonPropertyName("excluded")] int Excluded);

/// <summary>Consort-style flow of one arm: consented (every row of participants.csv), reached the checkout, completed.</summary>
public sealed record ArmFlow(
    [property: JsonPropertyName("arm")] string Arm,
    [property: JsonPropertyName("consented")] int Consented,
    [property: JsonPropertyName("reached_checkout")] int ReachedCheckout,
    [property: JsonPropertyName("completed")] int Completed);

/// <summary>Chi-square goodness of fit of the consented counts per arm against equal shares.</summary>
public sealed record ArmBalance(
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("arms")] int Arms,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("chi2")] double? Chi2,
    [property: JsonPropertyName("df")] int Df,
    [property: JsonPropertyName("p")] double? P);

public sealed record AlphaOut(
    [property: JsonPropertyName("k")] int K,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("alpha")] double? Alpha,
    [property: JsonPropertyName("ci_low")] double? CiLow,
    [property: JsonPropertyName("ci_high")] double? CiHigh);

public sealed record FieldOut(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("stated_pct")] double? StatedPct,
    [property: JsonPropertyName("disclosed_pct")] double? DisclosedPct,
    [property: JsonPropertyName("b")] int B,
    [property: JsonPropertyName("c")] int C,
    [property: JsonPropertyName("p_exact")] double? PExact,
    [property: JsonPropertyName("chi2_corrected")] double? Chi2Corrected,
    [property: JsonPropertyName("p_corrected")] double? PCorrected,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("p_holm")] double? PHolm);

public sealed record WilcoxonOut(
    [property: JsonPropertyName("n_used")] int NUsed,
    [property: JsonPropertyName("w_plus")] double? WPlus,
    [property: JsonPropertyName("w_minus")] double? WMinus,
    [property: JsonPropertyName("statistic")] double? Statistic,
    [property: JsonPropertyName("z")] double? Z,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("rank_biserial")] double? RankBiserial);

public sealed record SpearmanOut(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("rho")] double? Rho,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("ci_low")] double? CiLow,
    [property: JsonPropertyName("ci_high")] double? CiHigh,
    [property: JsonPropertyName("p_t")] double? PT);

/// <summary>
/// <c>inference</c> says which SE the row's z, p and interval come from: <c>cluster</c> (participant-clustered, the
/// default) or <c>model</c> (when there is only one cluster); the other SE is the secondary column.
/// </summary>
public sealed record LogisticOut(
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("clusters")] int Clusters,
    [property: JsonPropertyName("terms")] IReadOnlyList<LogisticTermOut> Terms,
    [property: JsonPropertyName("separation")] string? Separation,
    [property: JsonPropertyName("inference")] string Inference,
    [property: JsonPropertyName("formula")] string Formula);

public sealed record LogisticTermOut(
    [property: JsonPropertyName("term")] string Term,
    [property: JsonPropertyName("coef")] double? Coef,
    [property: JsonPropertyName("se")] double? Se,
    [property: JsonPropertyName("se_cluster")] double? SeCluster,
    [property: JsonPropertyName("z")] double? Z,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("odds_ratio")] double? OddsRatio,
    [property: JsonPropertyName("ci_low")] double? CiLow,
    [property: JsonPropertyName("ci_high")] double? CiHigh,
    [property: JsonPropertyName("z_model")] double? ZModel,
    [property: JsonPropertyName("p_model")] double? PModel);

/// <summary>A share with its Clopper-Pearson 95% interval; <c>n</c> counts what the share is of.</summary>
public sealed record ShareOut(
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("participants")] int Participants,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("disclosed")] int Disclosed,
    [property: JsonPropertyName("disclosed_pct")] double? DisclosedPct,
    [property: JsonPropertyName("ci_low_pct")] double? CiLowPct,
    [property: JsonPropertyName("ci_high_pct")] double? CiHighPct);

/// <summary>Disclosure of optional fields by the discount offered next to them (rows: participant x optional field).</summary>
public sealed record DiscountOut(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("levels")] IReadOnlyList<ShareOut> Levels,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("chi2")] double? Chi2,
    [property: JsonPropertyName("df")] int? Df,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("cramers_v")] double? CramersV);

/// <summary>Westin-style segments and their disclosure of optional fields.</summary>
public sealed record SegmentsOut(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("groups")] IReadOnlyList<ShareOut> Groups,
    [property: JsonPropertyName("unclassified")] int Unclassified,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("h")] double? H,
    [property: JsonPropertyName("df")] int? Df,
    [property: JsonPropertyName("p")] double? P);

/// <summary>
/// Fake-looking entries of one field: implausible among the disclosed; unchecked = disclosed without a plausibility
/// value (choice mode records none); mode = the disclosure mode(s) that measured the field, e.g. "browser".
/// </summary>
public sealed record FakeOut(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("disclosed")] int Disclosed,
    [property: JsonPropertyName("implausible")] int Implausible,
    [property: JsonPropertyName("implausible_pct")] double? ImplausiblePct,
    [property: JsonPropertyName("unchecked")] int Unchecked,
    [property: JsonPropertyName("mode")] string Mode = "");

/// <summary>Missing data, counted: nothing is imputed, each analysis uses the cases it can.</summary>
public sealed record MissingOut(
    [property: JsonPropertyName("no_checkout")] int NoCheckout,
    [property: JsonPropertyName("no_concern_score")] int NoConcernScore,
    [property: JsonPropertyName("no_paired_field")] int NoPairedField,
    [property: JsonPropertyName("disclosure_rows_unpaired")] int DisclosureRowsUnpaired,
    [property: JsonPropertyName("logistic_rows_dropped")] int LogisticRowsDropped,
    [property: JsonPropertyName("westin_unclassified")] int WestinUnclassified);

/// <summary>What the HTML figures draw, also in the JSON so a script can redraw them.</summary>
public sealed record FigureData(
    [property: JsonPropertyName("stated_vs_disclosed")] IReadOnlyList<FieldShares> StatedVsDisclosed,
    [property: JsonPropertyName("paradox_d")] IReadOnlyList<CountOut> ParadoxD,
    [property: JsonPropertyName("concern_bins")] IReadOnlyList<ConcernBin> ConcernBins);

public sealed record FieldShares(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("stated_pct")] double StatedPct,
    [property: JsonPropertyName("stated_ci_low_pct")] double StatedCiLowPct,
    [property: JsonPropertyName("stated_ci_high_pct")] double StatedCiHighPct,
    [property: JsonPropertyName("disclosed_pct")] double DisclosedPct,
    [property: JsonPropertyName("disclosed_ci_low_pct")] double DisclosedCiLowPct,
    [property: JsonPropertyName("disclosed_ci_high_pct")] double DisclosedCiHighPct);

public sealed record CountOut(
    [property: JsonPropertyName("d")] int D,
    [property: JsonPropertyName("count")] int Count);

/// <summary>Participants binned by concern score (half-point bins): mean count of optional fields disclosed, with its 95% normal interval.</summary>
public sealed record ConcernBin(
    [property: JsonPropertyName("concern_low")] double ConcernLow,
    [property: JsonPropertyName("concern_high")] double ConcernHigh,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("mean_optional_disclosed")] double Mean,
    [property: JsonPropertyName("ci_low")] double? CiLow,
    [property: JsonPropertyName("ci_high")] double? CiHigh);

/// <summary>The per-field McNemar table of one arm of the factors that change the offer (Holm within the arm).</summary>
public sealed record ArmFieldsOut(
    [property: JsonPropertyName("arm")] string Arm,
    [property: JsonPropertyName("fields")] IReadOnlyList<FieldOut> Fields);

/// <summary>Stated willingness and disclosure over the paired fields by block order.</summary>
public sealed record OrderEffectOut(
    [property: JsonPropertyName("orders")] IReadOnlyList<OrderGroupOut> Orders,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("stated_h")] double? StatedH,
    [property: JsonPropertyName("stated_df")] int? StatedDf,
    [property: JsonPropertyName("stated_p")] double? StatedP,
    [property: JsonPropertyName("disclosed_h")] double? DisclosedH,
    [property: JsonPropertyName("disclosed_df")] int? DisclosedDf,
    [property: JsonPropertyName("disclosed_p")] double? DisclosedP);

public sealed record OrderGroupOut(
    [property: JsonPropertyName("block_order")] string BlockOrder,
    [property: JsonPropertyName("participants")] int Participants,
    [property: JsonPropertyName("paired_rows")] int PairedRows,
    [property: JsonPropertyName("stated_pct")] double? StatedPct,
    [property: JsonPropertyName("disclosed_pct")] double? DisclosedPct);

/// <summary>
/// CONSORT-style flow: per cell consented, reached the checkout, reached the debrief, of those said no to the use
/// of their shop data (behaviour_consent = 0), completed, excluded by each
/// declared rule (the first rule that applies), analysed. <c>applied</c> false: nobody was excluded
/// (<c>--no-exclusions</c> or no rules) and <c>excluded</c> counts who a rule flags.
/// </summary>
public sealed record FlowOut(
    [property: JsonPropertyName("applied")] bool Applied,
    [property: JsonPropertyName("rules")] IReadOnlyList<RuleOut> Rules,
    [property: JsonPropertyName("cells")] IReadOnlyList<FlowCell> Cells,
    [property: JsonPropertyName("total")] FlowCell Total,
    [property: JsonPropertyName("declined_consent")] int? DeclinedConsent);

public sealed record RuleOut(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("description")] string Description);

public sealed record FlowCell(
    [property: JsonPropertyName("arm")] string Arm,
    [property: JsonPropertyName("consented")] int Consented,
    [property: JsonPropertyName("reached_checkout")] int ReachedCheckout,
    [property: JsonPropertyName("reached_debrief")] int ReachedDebrief,
    [property: JsonPropertyName("refused_shop_data")] int RefusedShopData,
    [property: JsonPropertyName("completed")] int Completed,
    [property: JsonPropertyName("excluded")] IReadOnlyList<int> Excluded,
    [property: JsonPropertyName("analysed")] int Analysed);

/// <summary>Where the numbers come from: the report's header.</summary>
public sealed record HeaderOut(
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("study_versions")] string? StudyVersions,
    [property: JsonPropertyName("content_hash")] string? ContentHash,
    [property: JsonPropertyName("data_as_of")] string? DataAsOf,
    [property: JsonPropertyName("export_software")] string? ExportSoftware,
    [property: JsonPropertyName("report_software")] string ReportSoftware,
    // Where the data were read from (a folder path or the database) differs between --from-csv and --study of the
    // same data, whose JSON must be identical; it is shown in the Markdown and HTML header only.
    [property: JsonIgnore] string Source,
    [property: JsonPropertyName("language")] string Language);

/// <summary>
/// The valuation paradigm: per frame the price lists answered, the consistent ones analysed (the inconsistent ones
/// counted, never repaired), how many of those are censored at either end, and the median implied valuation; the
/// ratio of the medians (WTA / WTP) and the Mann-Whitney test of WTA against WTP.
/// </summary>
public sealed record ValuationOut(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("wta")] ValuationGroupOut Wta,
    [property: JsonPropertyName("wtp")] ValuationGroupOut Wtp,
    [property: JsonPropertyName("ratio_of_medians")] double? RatioOfMedians,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("mann_whitney")] MannWhitneyOut? MannWhitney);

public sealed record ValuationGroupOut(
    [property: JsonPropertyName("frame")] string Frame,
    [property: JsonPropertyName("answered")] int Answered,
    [property: JsonPropertyName("consistent")] int Consistent,
    [property: JsonPropertyName("inconsistent")] int Inconsistent,
    [property: JsonPropertyName("censored_below")] int CensoredBelow,
    [property: JsonPropertyName("censored_above")] int CensoredAbove,
    [property: JsonPropertyName("median")] double? Median);

/// <summary>U of the first sample (WTA), z signed positive when WTA ranks higher, two-sided p (statistics.md).</summary>
public sealed record MannWhitneyOut(
    [property: JsonPropertyName("u")] double? U,
    [property: JsonPropertyName("z")] double? Z,
    [property: JsonPropertyName("p")] double? P);

/// <summary>
/// The two competing shops: per price gap (and per position of the invasive shop) how many chose a shop, how many of
/// them the privacy-invasive one, that share with its Clopper-Pearson 95% interval; the Pearson chi-square test of
/// the choice against the gap (with Fisher's exact p for a 2x2 table, the headline test then), and the same test
/// against the position.
/// </summary>
public sealed record TwoShopsOut(
    [property: JsonPropertyName("rule")] string Rule,
    [property: JsonPropertyName("by_gap")] IReadOnlyList<TwoShopsGroupOut> ByGap,
    [property: JsonPropertyName("by_position")] IReadOnlyList<TwoShopsGroupOut> ByPosition,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("gap_test")] ChoiceTestOut? GapTest)
{
    /// <summary>The same test of the choice against the invasive shop's position (first/second), after gap_test so earlier keys keep their places.</summary>
    [JsonPropertyName("position_test")] public ChoiceTestOut? PositionTest { get; init; }
}

public sealed record TwoShopsGroupOut(
    [property: JsonPropertyName("condition")] string Condition,
    [property: JsonPropertyName("n")] int N,
    [property: JsonPropertyName("chose_invasive")] int ChoseInvasive,
    [property: JsonPropertyName("share_pct")] double? SharePct,
    [property: JsonPropertyName("ci_low_pct")] double? CiLowPct,
    [property: JsonPropertyName("ci_high_pct")] double? CiHighPct)
{
    /// <summary>Participants of the condition who bought from neither shop (allowNoPurchase): not in n, the choosers.</summary>
    [JsonPropertyName("no_purchase")] public int NoPurchase { get; init; }
}

/// <summary>Pearson chi-square without continuity correction, Cramer's V, and Fisher's exact p for a 2x2 table (statistics.md).</summary>
public sealed record ChoiceTestOut(
    [property: JsonPropertyName("chi2")] double? Chi2,
    [property: JsonPropertyName("df")] int Df,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("cramers_v")] double? CramersV,
    [property: JsonPropertyName("fisher_p")] double? FisherP);
/// The framing paradigm (docs/paradigms/framing.md): per field that is optional in some arm, per arm how it was framed,
/// the offer, and the share of the participants who placed the order that gave it (Clopper-Pearson 95%), with a
/// chi-square test across the arms where the field was optional; per arm the voluntary over-disclosure of the fields
/// never framed required (the share of them each participant gave, unpaid ones only) and its Kruskal-Wallis test.
/// </summary>
public sealed record FramingOut(
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("framed_fields")] IReadOnlyList<string> FramedFields,
    [property: JsonPropertyName("fields")] IReadOnlyList<FramingFieldOut> Fields,
    [property: JsonPropertyName("arms")] IReadOnlyList<FramingArmOut> Arms,
    [property: JsonPropertyName("test")] string Test,
    [property: JsonPropertyName("h")] double? H,
    [property: JsonPropertyName("df")] int? Df,
    [property: JsonPropertyName("p")] double? P);

/// <summary>One field: its share per arm and the chi-square (with Fisher's exact p for two arms) over the arms where it was optional.</summary>
public sealed record FramingFieldOut(
    [property: JsonPropertyName("field")] string Field,
    [property: JsonPropertyName("framed")] bool Framed,
    [property: JsonPropertyName("cells")] IReadOnlyList<FramingCellOut> Cells,
    [property: JsonPropertyName("chi2")] double? Chi2,
    [property: JsonPropertyName("df")] int? Df,
    [property: JsonPropertyName("p")] double? P,
    [property: JsonPropertyName("fisher_p")] double? FisherP);

/// <summary>A field in one arm: "required" or "optional" there, its offer, and the share disclosed (group = the arm).</summary>
public sealed record FramingCellOut(
    [property: JsonPropertyName("necessity")] string Necessity,
    [property: JsonPropertyName("offer_pct")] double? OfferPct,
    [property: JsonPropertyName("share")] ShareOut Share);

/// <summary>Per arm: participants who ordered, the unpaid never-framed optional rows, those given, and the mean per-participant share given.</summary>
public sealed record FramingArmOut(
    [property: JsonPropertyName("arm")] string Arm,
    [property: JsonPropertyName("ordered")] int Ordered,
    [property: JsonPropertyName("voluntary")] ShareOut Voluntary,
    [property: JsonPropertyName("mean_share_pct")] double? MeanSharePct);
