using Dapper;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>A participant as the pages need it. Step indexes StudyDesign.Steps(study, OrderIdx).</summary>
public sealed record ParticipantRow(string Id, string StudyId, int StudyVersion, int CellIdx, string Arm, int OrderIdx,
    string Language, string Status, int Step, string CompletionCode, string? CheckoutOutcome);

/// <summary>
/// The participant's progress in PostgreSQL. The current step is the server's truth: a POST for any other step
/// writes nothing, and a POST for the current step writes its answers, its page time and step + 1 in one
/// transaction, holding the participant row locked so two simultaneous POSTs of one step cannot both pass.
/// </summary>
public static class ParticipantStore
{
    public static async Task<ParticipantRow?> FindAsync(NpgsqlDataSource db, string studyId, string participantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ParticipantRow>(new CommandDefinition(
            """
            select id, study_id, study_version, cell_idx, arm, order_idx, language, status, step, completion_code, checkout_outcome
            from participant where id = @participantId and study_id = @studyId
            """, new { studyId, participantId }, cancellationToken: ct));
    }

    public static async Task SetLanguageAsync(NpgsqlDataSource db, string participantId, string language, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update participant set language = @language, last_seen_at = now() where id = @participantId",
            new { participantId, language }, cancellationToken: ct));
    }

    /// <summary>The first time a step is shown (server time); showing it again changes nothing.</summary>
    public static async Task MarkShownAsync(NpgsqlDataSource db, string participantId, int step, string page, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into page_time (participant_id, step, page, shown_at) values (@participantId, @step, @page, now())
            on conflict (participant_id, step) do nothing;
            update participant set last_seen_at = now() where id = @participantId;
            """, new { participantId, step, page }, cancellationToken: ct));
    }

    /// <summary>Reaching the end page completes the participant (once).</summary>
    public static async Task CompleteAsync(NpgsqlDataSource db, string participantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update participant set status = 'completed', completed_at = now() where id = @participantId and status = 'in_progress'",
            new { participantId }, cancellationToken: ct));
    }

    /// <summary>
    /// Runs <paramref name="write"/> and moves the participant from <paramref name="step"/> to the next step, all or
    /// nothing. False (and nothing written) when the participant is no longer on that step: a stale request.
    /// </summary>
    public static async Task<bool> AdvanceAsync(NpgsqlDataSource db, string participantId, int step, string page,
        Func<NpgsqlConnection, NpgsqlTransaction, Task> write, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<int?>(new CommandDefinition(
            "select step from participant where id = @participantId for update", new { participantId }, tx, cancellationToken: ct));
        if (current != step)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        await write(conn, tx);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into page_time (participant_id, step, page, shown_at, submitted_at) values (@participantId, @step, @page, now(), now())
            on conflict (participant_id, step) do update set submitted_at = coalesce(page_time.submitted_at, excluded.submitted_at)
            """, new { participantId, step, page }, tx, cancellationToken: ct));
        var moved = await conn.ExecuteAsync(new CommandDefinition(
            "update participant set step = step + 1, last_seen_at = now() where id = @participantId and step = @step",
            new { participantId, step }, tx, cancellationToken: ct));
        if (moved != 1)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
        await tx.CommitAsync(ct);
        return true;
    }
}
