using Experiment.Engine.Studies;

namespace Analysis.Report;

/// <summary>
/// An error in the report's input (a missing file or column, a bad value, no participants): the message names
/// the file, line and column so an analyst can fix the data; the command prints it and exits non-zero.
/// </summary>
public sealed class ReportInputException(string message) : Exception(message);

public enum ParticipantStatus : byte { InProgress, Completed, Abandoned }

/// <summary>
/// One participant x checkout field of disclosures.csv, kept as a small struct (about 24 bytes) so that a study of
/// 100,000 participants with ten fields stays in a few tens of megabytes. Flags are -1 when the CSV field was empty.
/// </summary>
/// <summary>How a checkout row was measured (disclosures.csv disclosure_mode; absent in older exports: server).</summary>
public enum DisclosureMode : byte { Server, Browser, Choice }

public readonly record struct DisclosureObservation(
    int Participant, short Field, bool Optional, sbyte Sensitivity, double OfferPct,
    sbyte StatedWilling, sbyte Disclosed, sbyte Plausible, DisclosureMode Mode = DisclosureMode.Server)
{
    public bool IsPaired => StatedWilling >= 0 && Disclosed >= 0;
}

/// <summary>A privacy-concern item from the codebook (construct starting with "concern").</summary>
public sealed record ConcernItem(string Key, bool ReverseCoded, double ScaleMin, double ScaleMax);

/// <summary>
/// What the report reads from an export folder (participants.csv, disclosures.csv, codebook.csv), in columns:
/// arrays indexed by participant (in file order) rather than one object per participant, for memory and speed.
/// </summary>
public sealed class ReportData
{
    public required string StudyId { get; init; }
    public required string[] ParticipantIds { get; init; }
    public required string[] Arms { get; init; }
    /// <summary>The arm_&lt;factor&gt; columns, factor names without the prefix.</summary>
    public required string[] ArmFactors { get; init; }
    /// <summary>[factor][participant]: the factor's level of each participant.</summary>
    public required string[][] ArmFactorLevels { get; init; }
    public required ParticipantStatus[] Status { get; init; }
    /// <summary>checkout_outcome non-empty: the participant reached (and ended) the checkout.</summary>
    public required bool[] ReachedCheckout { get; init; }
    /// <summary>checkout_outcome = ordered: the participant placed the order (what the framing section counts); empty when not read.</summary>
    public bool[] Ordered { get; init; } = [];
    public required ConcernItem[] ConcernItems { get; init; }
    /// <summary>[participant * k + item]: concern answers already reverse-coded where the codebook says so; NaN when missing.</summary>
    public required double[] ConcernValues { get; init; }
    /// <summary>The three Westin statements, or null when the study does not have all three.</summary>
    public required WestinItems? Westin { get; init; }
    public required string[] Fields { get; init; }
    public required DisclosureObservation[] Disclosures { get; init; }

    /// <summary>[factor]: the factor's levels in the order the codebook declares them (its cell order), then any others seen.</summary>
    public string[][] FactorLevelOrder { get; init; } = [];
    /// <summary>block_order per participant ("" when the export has no such column).</summary>
    public string[] BlockOrders { get; init; } = [];
    /// <summary>The block orders in the codebook's order.</summary>
    public string[] BlockOrderLevels { get; init; } = [];
    /// <summary>attention_passed, duration_s, behaviour_consent and pilot (null without the column): what exclusion rules read.</summary>
    public sbyte[] AttentionPassed { get; init; } = [];
    public double[] DurationSeconds { get; init; } = [];
    public sbyte[] BehaviourConsent { get; init; } = [];
    public sbyte[]? Pilot { get; init; }
    /// <summary>The valuation columns of participants.csv; null when the export has none.</summary>
    public ValuationColumns? Valuation { get; init; }
    /// <summary>The two-shops columns of participants.csv; null when the export has none.</summary>
    public TwoShopsColumns? TwoShops { get; init; }
    /// <summary>The listings columns of participants.csv; null when the export has none.</summary>
    public ListingsColumns? Listings { get; init; }
    /// <summary>Field key to its label per language ("en", "nl"), from the codebook; a missing label falls back to the key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> FieldLabels { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    /// <summary>What study.csv says about the export (title, versions, content hash, export time, exclusion rules), or empty.</summary>
    public StudyInfo Info { get; init; } = StudyInfo.None;
    /// <summary>Where the data came from, for the report's header (e.g. "export folder seed-data/demo").</summary>
    public string Source { get; init; } = "";

    public int Count => ParticipantIds.Length;

    public string Label(string field, string language) =>
        FieldLabels.TryGetValue(field, out var l) && l.TryGetValue(language, out var text) && text.Length > 0 ? text : field;

    /// <summary>The same data restricted to the participants marked in <paramref name="keep"/> (exclusions applied).</summary>
    public ReportData Subset(bool[] keep)
    {
        var map = new int[Count];
        var n = 0;
        for (var i = 0; i < Count; i++) map[i] = keep[i] ? n++ : -1;
        T[] Pick<T>(T[] a) => a.Length == Count ? a.Where((_, i) => keep[i]).ToArray() : a;
        var k = ConcernItems.Length;
        var concern = new double[n * k];
        for (var i = 0; i < Count; i++)
            if (keep[i]) Array.Copy(ConcernValues, i * k, concern, map[i] * k, k);
        return new ReportData
        {
            StudyId = StudyId, ParticipantIds = Pick(ParticipantIds), Arms = Pick(Arms), ArmFactors = ArmFactors,
            ArmFactorLevels = ArmFactorLevels.Select(Pick).ToArray(), Status = Pick(Status), ReachedCheckout = Pick(ReachedCheckout), Ordered = Pick(Ordered),
            ConcernItems = ConcernItems, ConcernValues = concern,
            Westin = Westin is { } w ? new WestinItems(w.Midpoints, Enumerable.Range(0, Count).Where(i => keep[i])
                .SelectMany(i => w.Values.Skip(i * 3).Take(3)).ToArray()) : null,
            Fields = Fields,
            Disclosures = Disclosures.Where(r => keep[r.Participant]).Select(r => r with { Participant = map[r.Participant] }).ToArray(),
            FactorLevelOrder = FactorLevelOrder, BlockOrders = Pick(BlockOrders), BlockOrderLevels = BlockOrderLevels,
            AttentionPassed = Pick(AttentionPassed), DurationSeconds = Pick(DurationSeconds), BehaviourConsent = Pick(BehaviourConsent),
            Pilot = Pilot is null ? null : Pick(Pilot), FieldLabels = FieldLabels, Info = Info, Source = Source,
            Valuation = Valuation is { } v ? new ValuationColumns(Pick(v.Frames), Pick(v.Values), Pick(v.Censored), Pick(v.Consistent)) : null,
            TwoShops = TwoShops is { } t ? new TwoShopsColumns(Pick(t.Gaps), Pick(t.Positions), Pick(t.ChoseInvasive), Pick(t.NoPurchase)) : null,
            Listings = Listings is { } l ? new ListingsColumns(Pick(l.Conditions), Pick(l.Premiums), Pick(l.TopRated)) : null,
        };
    }

    /// <summary>Mean of the concern items, or null when the participant misses any of them (no imputation).</summary>
    public double? ConcernScore(int participant)
    {
        var k = ConcernItems.Length;
        if (k == 0) return null;
        var sum = 0.0;
        for (var j = 0; j < k; j++)
        {
            var v = ConcernValues[participant * k + j];
            if (double.IsNaN(v)) return null;
            sum += v;
        }
        return sum / k;
    }
}

/// <summary>
/// Per participant: valuation_frame ("" when none), valuation_value (NaN when empty), valuation_censored ("" inside
/// the list) and valuation_consistent (-1 when the list was not answered).
/// </summary>
public sealed record ValuationColumns(string[] Frames, double[] Values, string[] Censored, sbyte[] Consistent);

/// <summary>
/// Per participant: twoshops_price_gap as exported ("" when none), twoshops_invasive_position ("first", "second" or
/// "") and twoshops_chose_invasive (-1 when the choice was not made).
/// </summary>
/// <summary>Per participant: the price gap, the invasive shop's position, chose it (1/0, -1 when no shop was chosen), bought from neither shop.</summary>
public sealed record TwoShopsColumns(string[] Gaps, string[] Positions, sbyte[] ChoseInvasive, bool[] NoPurchase);

/// <summary>
/// Westin-style segmentation items (seg_lost_control, seg_companies_proper, seg_law_protects) with their answers
/// per participant ([participant * 3 + item], NaN when missing) and the scale midpoint per item: above the
/// midpoint counts as agree, below as disagree, the midpoint itself as neither.
/// </summary>
public sealed record WestinItems(double[] Midpoints, double[] Values)
{
    public static readonly string[] Keys = ["seg_lost_control", "seg_companies_proper", "seg_law_protects"];
}

/// <summary>
/// The export's study.csv (key,value rows): provenance for the report's header and the exclusion rules the study
/// declares, in the order they are applied. A folder without study.csv (data prepared elsewhere) has none.
/// </summary>
public sealed record StudyInfo(
    string? Title, string? Versions, string? ContentHash, string? DataAsOf, string? Software, IReadOnlyList<ExclusionRule> Exclusions)
{
    public static readonly StudyInfo None = new(null, null, null, null, null, []);
    /// <summary>The title per language ("en", "nl"); empty when not given.</summary>
    public IReadOnlyDictionary<string, string> Titles { get; init; } = new Dictionary<string, string>();
    /// <summary>How many declined consent (they are in no file, only counted), when study.csv says.</summary>
    public int? DeclinedConsent { get; init; }
    public bool Present => ContentHash is not null || Title is not null || Exclusions.Count > 0;
}
