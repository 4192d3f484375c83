using CsvHelper;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Export;

/// <summary>The listings page's time of one participant: from its shown_at to its submitted_at (page_times.csv's own row).</summary>
sealed record ListingsTimeRow(string ParticipantId, long? Milliseconds)
{
    public static readonly string Sql = $"""
        select t.participant_id, (extract(epoch from t.submitted_at - t.shown_at) * 1000)::bigint
        from page_time t join participant p on p.id = t.participant_id
        where p.study_id = @studyId and {Pilot.Filter} and t.page = '{Listings.Listings.StepName}'
        order by t.participant_id collate "C", t.step
        """;

    public static ListingsTimeRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.IsDBNull(1) ? null : r.GetInt64(1));
}

/// <summary>
/// The listings block's columns of participants.csv (export-format.md, "Rated listings"): written only when a
/// version of the study has the block, so the export of every other study keeps its columns. The choice itself is
/// in responses.csv (page listings, item listings_choice).
/// </summary>
static class ListingsColumns
{
    public static readonly string[] Names =
        ["listings_condition", "listings_merchant", "listings_rank", "listings_price", "listings_rating", "listings_cheapest",
         "listings_premium", "listings_top_rated", "listings_choice_ms"];

    /// <summary>The answers without the listings' choice: what responses.csv keeps when the debrief's use of behaviour was refused.</summary>
    public static List<ResponseRow> Without(IEnumerable<ResponseRow> answers) =>
        answers.Where(a => a.Page != Listings.Listings.StepName).ToList();

    public static bool In(ExportLayout layout) => layout.Versions.Values.Any(v => v.Study.Listings is not null);

    /// <summary>
    /// The condition comes from the cell (assigned at consent); the rest only once a merchant was chosen; the time
    /// only with the choice (a page shown and left open has no time to choose).
    /// </summary>
    public static void Write(CsvWriter csv, StudyVersion? version, Cell? cell, string? choice, long? milliseconds)
    {
        var listings = version?.Study.Listings;
        var mode = listings is null || cell is null ? null : Listings.Listings.ModeOf(version!.Study, cell);
        var scored = listings is null ? null : Listings.Listings.Score(listings, choice);
        csv.WriteField(mode ?? "");
        csv.WriteField(scored?.Merchant.Key ?? "");
        csv.Number(scored?.Rank);
        csv.Number(scored?.Merchant.Price);
        csv.Number(scored?.Merchant.Rating);
        csv.Number(scored?.Cheapest);
        csv.Number(scored?.Premium);
        csv.Bool(scored?.TopRated);
        csv.WriteField(scored is not null && milliseconds is { } ms ? ms.ToString(System.Globalization.CultureInfo.InvariantCulture) : "");
    }
}
