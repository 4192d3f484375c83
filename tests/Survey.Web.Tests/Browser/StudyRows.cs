using Dapper;
using Npgsql;

namespace Survey.Web.Tests.Browser;

public sealed record ParticipantRow(string Id, string StudyId, int StudyVersion, int CellIdx, string Arm, int OrderIdx,
    string BlockOrder, string Language, string Status, int Step, DateTime? CompletedAt, bool? AttentionPassed,
    string? CheckoutOutcome, bool? BehaviourConsent, string CompletionCode);

public sealed record PanelIdRow(string Panel, string PanelParticipantId, string? PanelStudyId, string? PanelSessionId);
public sealed record ResponseRow(string Page, string Item, string Value, DateTime AnsweredAt);
public sealed record PageTimeRow(int Step, string Page, DateTime ShownAt, DateTime? SubmittedAt);
public sealed record StoredDisclosure(string Field, decimal OfferPct, bool Disclosed, bool? Plausible, int? ListCount, int? TimeOnFieldMs);
public sealed record TableCounts(long Participants, long PanelIds, long Responses, long PageTimes, long Disclosures);
public sealed record StateRow(long Entered, long Declined, long Withdrawn);

/// <summary>What the database holds about participants, read straight from the tables the app writes.</summary>
public static class StudyRows
{
    public static async Task<ParticipantRow?> ByPanelIdAsync(NpgsqlDataSource db, string panelId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<ParticipantRow>(
            """
            select p.id, p.study_id, p.study_version, p.cell_idx, p.arm, p.order_idx, p.block_order, p.language,
                   p.status, p.step, p.completed_at, p.attention_passed, p.checkout_outcome, p.behaviour_consent,
                   p.completion_code
            from participant p join panel_id x on x.participant_id = p.id
            where x.panel_participant_id = @panelId
            """, new { panelId });
    }

    public static async Task<PanelIdRow?> PanelIdAsync(NpgsqlDataSource db, string participantId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleOrDefaultAsync<PanelIdRow>(
            "select panel, panel_participant_id, panel_study_id, panel_session_id from panel_id where participant_id = @participantId",
            new { participantId });
    }

    public static async Task<IReadOnlyList<ResponseRow>> ResponsesAsync(NpgsqlDataSource db, string participantId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<ResponseRow>(
            "select page, item, value, answered_at from response where participant_id = @participantId order by item",
            new { participantId })).ToList();
    }

    public static async Task<IReadOnlyList<PageTimeRow>> PageTimesAsync(NpgsqlDataSource db, string participantId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<PageTimeRow>(
            "select step, page, shown_at, submitted_at from page_time where participant_id = @participantId order by step",
            new { participantId })).ToList();
    }

    public static async Task<IReadOnlyList<StoredDisclosure>> DisclosuresAsync(NpgsqlDataSource db, string participantId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return (await conn.QueryAsync<StoredDisclosure>(
            """
            select field, offer_pct, disclosed, plausible, list_count, time_on_field_ms
            from disclosure where participant_id = @participantId order by field
            """, new { participantId })).ToList();
    }

    public static async Task<TableCounts> CountsAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<TableCounts>(
            """
            select (select count(*) from participant) as participants, (select count(*) from panel_id) as panel_ids,
                   (select count(*) from response) as responses, (select count(*) from page_time) as page_times,
                   (select count(*) from disclosure) as disclosures
            """);
    }

    /// <summary>
    /// Every table of the database with its row count and a digest of its content (so an update shows too), for
    /// "nothing was written" checks.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> EveryTableAsync(NpgsqlDataSource db)
    {
        await using var conn = await db.OpenConnectionAsync();
        var tables = (await conn.QueryAsync<string>("select tablename from pg_tables where schemaname = 'public' order by 1")).ToList();
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in tables)
            // The names come from pg_tables itself, quoted as identifiers.
            result[table] = await conn.QuerySingleAsync<string>(
                $"select count(*) || ' rows, ' || coalesce(md5(string_agg(t::text, ',' order by t::text)), '-') from public.\"{table.Replace("\"", "\"\"")}\" t");
        return result;
    }

    /// <summary>Rows of any participant table that mention this participant id (after an erasure: none).</summary>
    public static async Task<long> RowsOfAsync(NpgsqlDataSource db, string participantId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<long>(
            """
            select (select count(*) from participant where id = @participantId)
                 + (select count(*) from panel_id where participant_id = @participantId)
                 + (select count(*) from response where participant_id = @participantId)
                 + (select count(*) from page_time where participant_id = @participantId)
                 + (select count(*) from disclosure where participant_id = @participantId)
            """, new { participantId });
    }

    public static async Task<StateRow> StateAsync(NpgsqlDataSource db, string studyId)
    {
        await using var conn = await db.OpenConnectionAsync();
        return await conn.QuerySingleAsync<StateRow>(
            "select entered, declined, withdrawn from study_state where study_id = @studyId", new { studyId });
    }
}
