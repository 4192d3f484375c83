using System.Globalization;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Valuation;

/// <summary>A participant's price list, scored (docs/paradigms/valuation.md, "Scoring").</summary>
/// <param name="SwitchRow">The first row (1-based) with the money answer; null when every row kept the data private.</param>
/// <param name="Switches">How often the answer changes from one row to the next.</param>
/// <param name="Consistent">Private on the low rows, money on the rest: no switch, or one switch from private to money.</param>
/// <param name="Value">The implied valuation; null for an inconsistent list, which is flagged, not repaired.</param>
/// <param name="Censored">"below" (money on every row) or "above" (private on every row); null inside the list.</param>
public sealed record PriceListScore(int? SwitchRow, int Switches, bool Consistent, decimal? Value, string? Censored);

/// <summary>
/// The multiple price list of the valuation block: the row keys and answer codes the page stores, and the
/// scoring the export and the report use. Rows ascend in amount. In the frame wta a row's answers are "keep"
/// (private) and "sell" (the amount); in wtp "pay" (the amount, private) and "share". A consistent list is private
/// up to some row and money from the next: the valuation lies between the last private amount and the first money
/// amount and is scored as their midpoint; a list with money on every row is censored below (scored as the first
/// amount), one private on every row censored above (scored as the last amount). Both keep the order of the
/// scores, which is all the rank test needs.
/// </summary>
public static class PriceList
{
    public const string Wta = "wta", Wtp = "wtp";
    public static readonly string[] Frames = [Wta, Wtp];

    /// <summary>The step name and the responses' page of the block (a study has at most one).</summary>
    public const string StepName = "valuation";

    /// <summary>The stored item of row <paramref name="row"/> (1-based): valuation_r1, valuation_r2, ...</summary>
    public static string RowKey(int row) => "valuation_r" + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>Item keys with this prefix are the rows' own; validation keeps questionnaire items off them.</summary>
    public const string KeyPrefix = "valuation_";

    /// <summary>The answer that keeps the data private and the one that takes or keeps the money, per frame.</summary>
    public static (string Private, string Money) Codes(string frame) => frame == Wta ? ("keep", "sell") : ("pay", "share");

    /// <summary>The participant's frame: their cell's level of the valuation factor; null when the study has no list.</summary>
    public static string? FrameOf(StudyDefinition study, Cell cell) =>
        study.Valuation is { } v && cell.Levels.TryGetValue(v.Factor, out var level) && Frames.Contains(level) ? level : null;

    /// <summary>
    /// Scores the answers, row by row (null or an unknown code: not answered). Null when any row is unanswered:
    /// the page takes only complete lists, so a gap means the list was never submitted.
    /// </summary>
    public static PriceListScore? Score(IReadOnlyList<decimal> amounts, string frame, Func<int, string?> answerOfRow)
    {
        var (keep, money) = Codes(frame);
        var isPrivate = new bool[amounts.Count];
        for (var i = 0; i < amounts.Count; i++)
        {
            var a = answerOfRow(i + 1);
            if (a == keep) isPrivate[i] = true;
            else if (a != money) return null;
        }
        var switches = 0;
        for (var i = 1; i < isPrivate.Length; i++)
            if (isPrivate[i] != isPrivate[i - 1]) switches++;
        var firstMoney = Array.IndexOf(isPrivate, false);
        int? switchRow = firstMoney < 0 ? null : firstMoney + 1;
        var consistent = switches == 0 || (switches == 1 && isPrivate[0]);
        if (!consistent) return new PriceListScore(switchRow, switches, false, null, null);
        if (firstMoney < 0) return new PriceListScore(null, switches, true, amounts[^1], "above");
        if (firstMoney == 0) return new PriceListScore(1, switches, true, amounts[0], "below");
        return new PriceListScore(switchRow, switches, true, (amounts[firstMoney - 1] + amounts[firstMoney]) / 2, null);
    }
}
