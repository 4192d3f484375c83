using Dapper;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Participants;

/// <summary>
/// Applies the retention the consent text promised: participants who started more than RetentionDays ago
/// (of the study version they consented to) are deleted with everything they left. They are counted as
/// purged, not withdrawn (see migration 0020). Stale sessions are then stored as abandoned (<see cref="Abandonment"/>).
/// "Ago" is measured on the caller's TimeProvider, not on the database server's clock.
/// </summary>
public static class Retention
{
    public sealed record Outcome(int Purged, int MarkedAbandoned);

    public static async Task<Outcome?> PurgeAsync(NpgsqlDataSource db, string studyId, TimeProvider clock, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var versions = await StudyStore.VersionsAsync(conn, studyId, ct);
        if (versions.Count == 0) return null;

        var now = clock.GetUtcNow();

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select set_config('ppl.removal_reason', 'purged', true)", transaction: tx, cancellationToken: ct));
        var purged = 0;
        foreach (var v in versions)
            purged += await conn.ExecuteAsync(new CommandDefinition(
                """
                delete from participant
                where study_id = @studyId and study_version = @version and started_at < @startedBefore
                """, new { studyId, version = v.Version, startedBefore = (now - TimeSpan.FromDays(v.RetentionDays)).UtcDateTime }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        var abandoned = await Abandonment.MarkAsync(db, studyId, clock, ct);
        return new Outcome(purged, abandoned);
    }
}
