using System.Globalization;
using Experiment.Engine.Listings;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Survey.Web.Participation;

/// <summary>
/// The listings block's page: the search results in the block's order, each a merchant with its price and, by the
/// participant's display mode, a rating meter; one choice. The choice is stored as given (its scoring is the
/// export's, Listings.Score), and the page shows the merchants' own prices, so the premium is what was seen.
/// </summary>
public static class ListingsForm
{
    /// <summary>One result as shown: the merchant, its price as the page writes it, and the meter (null in the mode none).</summary>
    public sealed record Result(int Rank, Merchant Merchant, string PriceText, Meter? Meter);

    /// <summary>A rating meter: what it rates, its value, and the sentence a screen reader reads instead of the squares.</summary>
    public sealed record Meter(string Name, int Value, int Max, string Spoken);

    public static IReadOnlyList<Result> Results(RatedListings listings, string mode, PageBase labels) =>
        Listings.Ranked(listings).Select((m, i) => new Result(i + 1, m, Money.Format(m.Price, listings.Currency, labels.Lang), MeterOf(listings, m, mode, labels))).ToList();

    static Meter? MeterOf(RatedListings listings, Merchant m, string mode, PageBase labels)
    {
        var (name, value) = mode switch
        {
            Listings.Indicator or Listings.Salient => (labels.L("listingsPrivacy"), m.Rating),
            Listings.Irrelevant => (listings.IrrelevantLabel!.In(labels.Lang), m.IrrelevantRating ?? 0),
            _ => ((string?)null, 0),
        };
        return name is null ? null : new Meter(name, value, Listings.MaxRating,
            string.Format(CultureInfo.InvariantCulture, labels.L("listingsRating"), name, value, Listings.MaxRating));
    }

    /// <summary>The mode of the participant's cell; validation guarantees the factor, so none is only a fallback.</summary>
    public static string ModeOf(StudyDefinition study, int cellIdx) =>
        Listings.ModeOf(study, StudyDesign.Cells(study)[cellIdx]) ?? Listings.None;

    /// <summary>The chosen merchant's key, or the error: nothing chosen, or something that is not a merchant of the page.</summary>
    public static (string? Choice, FieldError? Error) Read(RatedListings listings, IFormCollection form, PageBase labels)
    {
        var values = form[Listings.ChoiceKey];
        var raw = (values.FirstOrDefault() ?? "").Trim();
        var name = labels.L("listingsChoose");
        if (raw.Length == 0) return (null, new(Listings.ChoiceKey, labels.L("listingsPick")) { Name = name });
        if (values.Count > 1 || listings.Merchants.All(m => m.Key != raw)) return (null, new(Listings.ChoiceKey, labels.L("invalidChoice")) { Name = name });
        return (raw, null);
    }

    public static StepWrite Write(string choice) =>
        new(ResponsePage: Listings.StepName, Answers: new Dictionary<string, string>(StringComparer.Ordinal) { [Listings.ChoiceKey] = choice });
}

/// <summary>The listings block's search results in the participant's display mode (ListingsForm).</summary>
public sealed class ListingsPage(string lang, string title) : StepPage(lang, title)
{
    /// <summary>The comparison site's name in the header (listings.site, else the label listingsSite).</summary>
    public required string SiteName { get; init; }
    public required string Query { get; init; }
    /// <summary>The display mode (Listings.Modes): salient adds the explanation above the results.</summary>
    public required string Mode { get; init; }
    public required IReadOnlyList<ListingsForm.Result> Results { get; init; }
    /// <summary>The merchant chosen before an error, kept checked.</summary>
    public string Chosen { get; init; } = "";
}
