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
public readonly record struct DisclosureRow(
    int Participant, short Field, bool Optional, sbyte Sensitivity, double OfferPct,
    sbyte StatedWilling, sbyte Disclosed, sbyte Plausible)
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
    public required ConcernItem[] ConcernItems { get; init; }
    /// <summary>[participant * k + item]: concern answers already reverse-coded where the codebook says so; NaN when missing.</summary>
    public required double[] ConcernValues { get; init; }
    /// <summary>The three Westin statements, or null when the study does not have all three.</summary>
    public required WestinItems? Westin { get; init; }
    public required string[] Fields { get; init; }
    public required DisclosureRow[] Disclosures { get; init; }

    public int Count => ParticipantIds.Length;

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
/// Westin-style segmentation items (seg_lost_control, seg_companies_proper, seg_law_protects) with their answers
/// per participant ([participant * 3 + item], NaN when missing) and the scale midpoint per item: above the
/// midpoint counts as agree, below as disagree, the midpoint itself as neither.
/// </summary>
public sealed record WestinItems(double[] Midpoints, double[] Values)
{
    public static readonly string[] Keys = ["seg_lost_control", "seg_companies_proper", "seg_law_protects"];
}
