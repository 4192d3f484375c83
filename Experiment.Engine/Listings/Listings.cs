using Experiment.Engine.Studies;

namespace Experiment.Engine.Listings;

/// <summary>A participant's choice among the listings, scored (docs/paradigms/rated-listings.md, "Measures").</summary>
/// <param name="Rank">The chosen result's position on the page (1 = top).</param>
/// <param name="Cheapest">The lowest price on the page (every result is shown to everyone).</param>
/// <param name="Premium">Price chosen minus the cheapest price: what the participant paid above the cheapest offer.</param>
/// <param name="TopRated">The chosen merchant has the highest privacy rating on the page.</param>
public sealed record ListingChoice(Merchant Merchant, int Rank, decimal Cheapest, decimal Premium, bool TopRated);

/// <summary>
/// The rated listings: the display modes of the privacy rating, the order of the results, and the scoring the
/// page, the export, the report and the bots share.
/// </summary>
public static class Listings
{
    /// <summary>
    /// none: price only (the original's no-information condition); indicator: the privacy rating as a meter;
    /// salient: the meter plus a sentence explaining it, above the results; irrelevant: a meter of the same look
    /// rating something unrelated to privacy (the original's irrelevant-information control).
    /// </summary>
    public const string None = "none", Indicator = "indicator", Salient = "salient", Irrelevant = "irrelevant";
    public static readonly string[] Modes = [None, Indicator, Salient, Irrelevant];

    public const string ByPrice = "price", AsListed = "file";
    public static readonly string[] Orders = [ByPrice, AsListed];

    /// <summary>Ratings run from 1 to this (4 = most protective), shown as that many filled squares.</summary>
    public const int MaxRating = 4;

    /// <summary>The step name and the responses' page of the block (a study has at most one).</summary>
    public const string StepName = "listings";

    /// <summary>The stored item: the chosen merchant's key.</summary>
    public const string ChoiceKey = "listings_choice";

    /// <summary>Item keys with this prefix are the block's own; validation keeps questionnaire items off them.</summary>
    public const string KeyPrefix = "listings_";

    /// <summary>The participant's display mode: their cell's level of the listings factor; null when the study has no listings.</summary>
    public static string? ModeOf(StudyDefinition study, Cell cell) =>
        study.Listings is { } l && cell.Levels.TryGetValue(l.Factor, out var level) && Modes.Contains(level) ? level : null;

    /// <summary>The results in page order: by price (a stable sort, so ties keep the file's order) or as listed.</summary>
    public static IReadOnlyList<Merchant> Ranked(RatedListings listings) =>
        listings.Order == AsListed ? listings.Merchants : listings.Merchants.OrderBy(m => m.Price).ToList();

    /// <summary>Scores a stored choice; null when there is none or it names no merchant of the study.</summary>
    public static ListingChoice? Score(RatedListings listings, string? merchantKey)
    {
        if (merchantKey is null) return null;
        var ranked = Ranked(listings);
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].Key != merchantKey) continue;
            var cheapest = ranked.Min(m => m.Price);
            return new ListingChoice(ranked[i], i + 1, cheapest, ranked[i].Price - cheapest, ranked[i].Rating == ranked.Max(m => m.Rating));
        }
        return null;
    }
}
