using Dapper;
using Npgsql;

namespace Experiment.Engine.Researchers;

/// <summary>
/// Who exported or erased what, and when. Details hold counts and the kind of identifier used
/// ("by panel id: 1 participant"), never the identifier itself: the log must not become a second copy of
/// the personal data an erasure removed.
/// </summary>
public static class AuditLog
{
    public sealed record Entry(long Id, DateTime At, string Actor, string Action, string? StudyId, string Detail);

    public static async Task WriteAsync(NpgsqlDataSource db, string actor, string action, string? studyId, string detail, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await WriteAsync(conn, null, actor, action, studyId, detail, ct);
    }

    /// <summary>In the caller's transaction, so the entry and what it records commit together.</summary>
    public static Task WriteAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string actor, string action, string? studyId, string detail,
        CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition(
            "insert into audit_log (actor, action, study_id, detail) values (@actor, @action, @studyId, @detail)",
            new { actor, action, studyId, detail }, tx, cancellationToken: ct));

    /// <summary>Newest first; all studies when <paramref name="studyId"/> is null.</summary>
    public static async Task<IReadOnlyList<Entry>> ListAsync(NpgsqlDataSource db, string? studyId, int limit = 500, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<Entry>(new CommandDefinition(
            """
            select id, at, actor, action, study_id as StudyId, detail from audit_log
            where @studyId::text is null or study_id = @studyId
            order by id desc limit @limit
            """, new { studyId, limit }, cancellationToken: ct))).ToList();
    }

    /// <summary>The CLI's actor: the operating-system user, since the command line has no sign-in.</summary>
    public static string CliActor() => "cli:" + Environment.UserName;
}
