using CsvHelper;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;

namespace Experiment.Engine.Export;

/// <summary>
/// The valuation block's columns of participants.csv (export-format.md, "Valuation"): written only when a version
/// of the study has the block, so the export of every other study keeps its columns. The rows' own answers are in
/// responses.csv (page valuation, items valuation_r1 ...).
/// </summary>
static class ValuationColumns
{
    public static readonly string[] Names =
        ["valuation_frame", "valuation_switch_row", "valuation_switches", "valuation_value", "valuation_censored", "valuation_consistent"];

    /// <summary>The answers without the price list's rows: what responses.csv holds of a participant who refused their use in the debrief.</summary>
    public static List<Participants.ResponseRow> Without(List<Participants.ResponseRow> answers) =>
        answers.Where(a => a.Page != PriceList.StepName).ToList();

    public static bool In(ExportLayout layout) => layout.Versions.Values.Any(v => v.Study.Valuation is not null);

    /// <summary>The frame comes from the cell (assigned at consent); the rest only once the whole list was submitted.</summary>
    public static void Write(CsvWriter csv, StudyVersion? version, Cell? cell, Func<string, string?> answer)
    {
        var list = version?.Study.Valuation;
        var frame = list is null || cell is null ? null : PriceList.FrameOf(version!.Study, cell);
        var score = list is null || frame is null ? null : PriceList.Score(list.Amounts, frame, row => answer(PriceList.RowKey(row)));
        csv.WriteField(frame ?? "");
        csv.Number(score?.SwitchRow);
        csv.Number(score?.Switches);
        if (score?.Value is { } value) csv.Number(value);
        else csv.WriteField("");
        csv.WriteField(score?.Censored ?? "");
        csv.Bool(score?.Consistent);
    }
}
