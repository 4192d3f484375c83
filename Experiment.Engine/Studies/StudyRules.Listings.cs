using System.Text.RegularExpressions;
using Modes = Experiment.Engine.Listings.Listings;

namespace Experiment.Engine.Studies;

// The rules of the listings block and its search results (docs/study-format.md, "The listings block").
static partial class StudyRules
{
    /// <summary>More results than this do not fit a phone's screen and patience; the original showed a handful.</summary>
    public const int MaxListings = 10;

    /// <summary>
    /// The rules every paradigm block shares: no pages, its section present, at most one such block, and a section
    /// that some block shows (<paramref name="stray"/> is the message for one that none does).
    /// </summary>
    static void CheckParadigmBlocks(StudyDefinition s, string type, bool declared, string stray, Action<string, string> report)
    {
        var blocks = s.Blocks.Select((b, i) => (b, i)).Where(x => x.b.Type == type).ToList();
        foreach (var (b, i) in blocks)
        {
            if (b.Pages.Count > 0) report($"blocks[{i}].pages", $"a {type} block has no pages");
            if (!declared) report($"blocks[{i}].type", $"a {type} block needs a \"{type}\" in the study");
            if (blocks[0].i != i) report($"blocks[{i}].type", $"only one {type} block is allowed");
        }
        if (declared && blocks.Count == 0) report(type, stray);
    }

    static void CheckListings(StudyDefinition s, Action<string, string> report)
    {
        CheckParadigmBlocks(s, BlockTypes.Listings, s.Listings is not null, "there are listings but no block of type \"listings\" shows them", report);
        if (s.Listings is not { } l) return;

        var factor = s.Factors.FirstOrDefault(f => f.Key == l.Factor);
        if (factor is null)
            report("listings.factor", $"no factor {Q(l.Factor)} (factors: {Keys(s.Factors.Select(f => f.Key))}); " +
                $"the display of the privacy rating is a factor with levels among {string.Join(", ", Modes.Modes)}");
        else
        {
            foreach (var level in factor.Levels.Where(x => !Modes.Modes.Contains(x)))
                report("listings.factor", $"factor {Q(factor.Key)} has the level {Q(level)}; its levels are display modes: {string.Join(", ", Modes.Modes)}");
            if (factor.Levels.Contains(Modes.Irrelevant) && l.IrrelevantLabel is null)
                report("listings.irrelevantLabel", "the mode irrelevant shows an unrelated rating, so it needs the label that says what it rates");
        }
        if (!Regex.IsMatch(l.Currency, @"^[A-Z]{3}\z")) report("listings.currency", $"{Q(l.Currency)} is not a currency code like \"EUR\"");
        if (!Modes.Orders.Contains(l.Order))
            report("listings.order", $"{Q(l.Order)} is not an order; orders are: {string.Join(", ", Modes.Orders)}");

        if (l.Merchants.Count < 2) report("listings.merchants", $"a choice needs at least 2 merchants, got {l.Merchants.Count}");
        if (l.Merchants.Count > MaxListings) report("listings.merchants", $"at most {MaxListings} merchants, got {l.Merchants.Count}");
        var irrelevant = factor?.Levels.Contains(Modes.Irrelevant) == true;
        var keys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < l.Merchants.Count; i++)
        {
            var m = l.Merchants[i];
            var path = $"listings.merchants[{i}]";
            if (!KeyPattern().IsMatch(m.Key)) report(path + ".key", $"{Q(m.Key)} must be lower-case letters, digits and underscores, starting with a letter");
            else if (!keys.TryAdd(m.Key, i)) report(path + ".key", $"{Q(m.Key)} is already the key of listings.merchants[{keys[m.Key]}]");
            if (string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > 60 || m.Name.Any(char.IsControl))
                report(path + ".name", "must be 1 to 60 characters without control characters");
            // The page shows each price to the cent: a price it would have to round is not the price offered.
            if (m.Price <= 0) report(path + ".price", $"must be more than 0, got {N((double)m.Price)}");
            else if (decimal.Round(m.Price, 2) != m.Price) report(path + ".price", $"{N((double)m.Price)} is not a whole number of cents; the page shows prices to the cent");
            if (m.Rating is < 1 or > Modes.MaxRating) report(path + ".rating", $"must be 1 to {Modes.MaxRating}, got {m.Rating}");
            if (m.IrrelevantRating is { } r && r is < 1 or > Modes.MaxRating)
                report(path + ".irrelevantRating", $"must be 1 to {Modes.MaxRating}, got {r}");
            else if (irrelevant && m.IrrelevantRating is null)
                report(path + ".irrelevantRating", "the mode irrelevant shows every merchant's unrelated rating; this one has none");
        }
        // Without a price difference or a rating difference there is no premium to pay for privacy.
        if (l.Merchants.Count >= 2 && l.Merchants.Select(m => m.Price).Distinct().Count() == 1)
            report("listings.merchants", "every merchant has the same price, so no premium for privacy can be paid");
        if (l.Merchants.Count >= 2 && l.Merchants.Select(m => m.Rating).Distinct().Count() == 1)
            report("listings.merchants", "every merchant has the same privacy rating, so privacy cannot be chosen");

        // The choice is stored as the response listings_choice; an item may not take the block's names.
        for (var i = 0; i < s.Pages.Count; i++)
            for (var j = 0; j < s.Pages[i].Items.Count; j++)
                if (s.Pages[i].Items[j].Key.StartsWith(Modes.KeyPrefix, StringComparison.Ordinal))
                    report($"pages[{i}].items[{j}].key", $"{Q(s.Pages[i].Items[j].Key)}: keys starting with {Modes.KeyPrefix} are the listings' own (the choice and its export columns)");
    }
}
