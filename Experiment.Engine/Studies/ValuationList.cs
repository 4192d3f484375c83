namespace Experiment.Engine.Studies;

/// <summary>The block types of a study file: a run of questionnaire pages, the shop, the valuation's price list, the rated listings.</summary>
public static class BlockTypes
{
    public const string Pages = "pages", Shop = "shop", Valuation = "valuation";
    /// <summary>The two competing shops (TwoShops).</summary>
    public const string TwoShops = "two_shops";
    public const string Listings = "listings";
    public static readonly string[] All = [Pages, Shop, Valuation, TwoShops, Listings];
}

/// <summary>
/// The valuation paradigm (Acquisti, John &amp; Loewenstein 2013; Grossklags &amp; Acquisti 2007): one data item, a
/// multiple price list of amounts, and a between-subject frame. In the frame "wta" each row asks whether the
/// participant sells the item for the amount (willingness to accept); in "wtp" whether they pay the amount to keep
/// it private (willingness to pay). The frame is the level of <see cref="Factor"/>, assigned like any factor.
/// Scoring: Experiment.Engine/Valuation/PriceList.cs; docs/paradigms/valuation.md.
/// </summary>
public sealed record ValuationList
{
    /// <summary>The factor whose levels are exactly "wta" and "wtp".</summary>
    public required string Factor { get; init; }
    public string Currency { get; init; } = "EUR";
    /// <summary>The data item, as it reads inside a sentence: "uw zoekgeschiedenis van de afgelopen maand".</summary>
    public required Text Item { get; init; }
    /// <summary>Shown above the list in both frames: the scenario (and whether the choice is hypothetical).</summary>
    public Text? Intro { get; init; }
    /// <summary>The rows' amounts, strictly ascending, in whole cents.</summary>
    public required IReadOnlyList<decimal> Amounts { get; init; }
}
