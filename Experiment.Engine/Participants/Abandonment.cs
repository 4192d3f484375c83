using Dapper;
using Npgsql;

namespace Experiment.Engine.Participants;

/// <summary>
/// "Abandoned" is not something a participant tells us: it is an in_progress session with no request for
/// <see cref="After"/>. A day is far longer than any real session, so nobody still working gets marked, and
/// short enough that a launch's drop-outs show up on the dashboard by the next day. A marked participant who
/// does come back and finishes becomes completed as usual.
/// </summary>
public static class Abandonment
{
    public static readonly TimeSpan After = TimeSpan.FromHours(24);

    /// <summary>Marks this study's stale sessions abandoned; returns how many changed.</summary>
    public static async Task<int> MarkAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            """
            update participant set status = 'abandoned'
            where study_id = @studyId and status = 'in_progress' and last_seen_at < now() - @after
            """, new { studyId, after = After }, cancellationToken: ct));
    }
}
