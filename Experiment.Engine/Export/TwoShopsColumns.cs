using CsvHelper;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;

namespace Experiment.Engine.Export;

/// <summary>
/// The two-shops block's columns of participants.csv (export-format.md, "Two shops"): written only when a version of
/// the study has the block. The arrangement comes from the cell (assigned at consent); the choice, its time and the
/// checkout's end from the responses (page two_shops), which also hold the class of each field given.
/// </summary>
static class TwoShopsColumns
{
    public static readonly string[] Names =
    [
        "twoshops_invasive_shop", "twoshops_invasive_position", "twoshops_price_gap", "twoshops_asked_invasive", "twoshops_asked_other",
        "twoshops_choice", "twoshops_chose_invasive", "twoshops_choice_ms", "twoshops_outcome",
    ];

    public static bool In(ExportLayout layout) => layout.Versions.Values.Any(v => v.Study.TwoShops is not null);

    /// <summary>The answers without the block's: what responses.csv holds of a participant who refused their use in the debrief.</summary>
    public static List<Participants.ResponseRow> Without(List<Participants.ResponseRow> answers) =>
        answers.Where(a => a.Page != ShopPair.Page).ToList();

    public static void Write(CsvWriter csv, StudyVersion? version, Cell? cell, Func<string, string?> answer)
    {
        var arrangement = version?.Study.TwoShops is null || cell is null ? null : ShopPair.Of(version.Study, cell);
        csv.WriteField(arrangement?.Invasive.Shop.Key ?? "");
        csv.WriteField(arrangement?.InvasivePosition ?? "");
        csv.Number(arrangement?.Gap);
        csv.WriteField(arrangement is null ? "" : string.Join('|', arrangement.Invasive.Asks.Select(f => f.Key)));
        csv.WriteField(arrangement is null ? "" : string.Join('|', arrangement.Other.Asks.Select(f => f.Key)));
        var choice = answer(ShopPair.ChoiceKey);
        var chosen = arrangement?.Find(choice);
        // Buying from neither shop (allowNoPurchase) is a choice with its time, but no shop and no checkout.
        var neither = arrangement is not null && chosen is null && choice == ShopPair.NoPurchase;
        csv.WriteField(chosen?.Shop.Key ?? (neither ? ShopPair.NoPurchase : ""));
        csv.Bool(chosen?.Invasive);
        csv.WriteField(chosen is null && !neither ? "" : answer(ShopPair.ChoiceMsKey) ?? "");
        csv.WriteField(chosen is null ? "" : answer(ShopPair.OutcomeKey) ?? "");
    }
}
