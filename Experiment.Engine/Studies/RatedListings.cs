namespace Experiment.Engine.Studies;

/// <summary>
/// The privacy-rated-listings paradigm (Tsai, Egelman, Cranor &amp; Acquisti 2011): the search results of several
/// merchants for one product, each with a price and a privacy rating; the participant picks the merchant to buy
/// from. How the rating is shown (not at all, as an indicator, salient with an explanation, or an unrelated rating
/// instead) is the level of <see cref="Factor"/>, assigned like any factor. Ranking and scoring:
/// Experiment.Engine/Listings/Listings.cs; docs/paradigms/rated-listings.md.
/// </summary>
public sealed record RatedListings
{
    /// <summary>The factor whose levels are display modes (Listings.Modes): none, indicator, salient, irrelevant.</summary>
    public required string Factor { get; init; }
    public string Currency { get; init; } = "EUR";
    /// <summary>The comparison site's name, shown in the page's header as the shop's brand is (default: the label listingsSite).</summary>
    public Text? Site { get; init; }
    /// <summary>The product searched for, as the results page names it: "een pak AA-batterijen (8 stuks)".</summary>
    public required Text Product { get; init; }
    /// <summary>Shown above the results in every mode: the scenario (and whether the purchase is hypothetical).</summary>
    public Text? Intro { get; init; }
    /// <summary>How the results are ranked: "price" (cheapest first, ties in file order) or "file" (as listed).</summary>
    public string Order { get; init; } = "price";
    /// <summary>What the unrelated rating of the mode "irrelevant" rates ("Toegankelijkheid van de site"); required with that mode.</summary>
    public Text? IrrelevantLabel { get; init; }
    public required IReadOnlyList<Merchant> Merchants { get; init; }
}

/// <summary>One search result: the merchant, its price for the product, its privacy rating (1 to 4, 4 = most protective).</summary>
public sealed record Merchant
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required decimal Price { get; init; }
    public required int Rating { get; init; }
    /// <summary>The unrelated rating (1 to 4) shown instead of the privacy rating in the mode "irrelevant".</summary>
    public int? IrrelevantRating { get; init; }
}
