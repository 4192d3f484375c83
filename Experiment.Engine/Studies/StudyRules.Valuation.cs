using System.Text.RegularExpressions;
using Experiment.Engine.Valuation;

namespace Experiment.Engine.Studies;

// The rules of the valuation block and its price list (docs/study-format.md, "The valuation block").
static partial class StudyRules
{
    /// <summary>A list of more rows than this does not fit a phone screen's patience; published lists have about ten.</summary>
    public const int MaxValuationRows = 30;

    static void CheckValuation(StudyDefinition s, Action<string, string> report)
    {
        CheckParadigmBlocks(s, BlockTypes.Valuation, s.Valuation is not null, "there is a valuation but no block of type \"valuation\" shows it", report);
        if (s.Valuation is not { } v) return;

        if (s.Factors.FirstOrDefault(f => f.Key == v.Factor) is not { } factor)
            report("valuation.factor", $"no factor {Q(v.Factor)} (factors: {Keys(s.Factors.Select(f => f.Key))}); " +
                "the frame is a factor with the levels wta and wtp");
        else if (factor.Levels.Count != PriceList.Frames.Length || !PriceList.Frames.All(factor.Levels.Contains))
            report("valuation.factor", $"factor {Q(factor.Key)} has the levels {Keys(factor.Levels)}; the frame's factor has exactly the levels wta and wtp");
        if (!Regex.IsMatch(v.Currency, @"^[A-Z]{3}\z")) report("valuation.currency", $"{Q(v.Currency)} is not a currency code like \"EUR\"");

        if (v.Amounts.Count < 2) report("valuation.amounts", $"a price list needs at least 2 amounts, got {v.Amounts.Count}");
        if (v.Amounts.Count > MaxValuationRows) report("valuation.amounts", $"at most {MaxValuationRows} amounts, got {v.Amounts.Count}");
        for (var i = 0; i < v.Amounts.Count; i++)
        {
            var a = v.Amounts[i];
            var path = $"valuation.amounts[{i}]";
            // The page shows each amount to the cent: an amount it would have to round is not the amount offered.
            if (a < 0) report(path, $"must not be negative, got {N((double)a)}");
            else if (decimal.Round(a, 2) != a) report(path, $"{N((double)a)} is not a whole number of cents; the page shows amounts to the cent");
            else if (i > 0 && a <= v.Amounts[i - 1])
                report(path, $"{N((double)a)} must be more than the amount before it ({N((double)v.Amounts[i - 1])}); the rows ascend");
        }

        // The rows are stored as responses named valuation_r1, valuation_r2, ...; an item may not take those names.
        for (var i = 0; i < s.Pages.Count; i++)
            for (var j = 0; j < s.Pages[i].Items.Count; j++)
                if (s.Pages[i].Items[j].Key.StartsWith(PriceList.KeyPrefix, StringComparison.Ordinal))
                    report($"pages[{i}].items[{j}].key", $"{Q(s.Pages[i].Items[j].Key)}: keys starting with {PriceList.KeyPrefix} are the price list's own (its rows and export columns)");
    }
}
