using Dapper;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Participants;

/// <summary>
/// Applies the retention the consent text promised: participants who started more than RetentionDays ago
/// (of the study version they consented to) are deleted with everything they left. They are counted as
/// purged, not withdrawn (see migration 0020).
/// </summary>
public static class Retention
{
    public sealed record Outcome(int Purged, int MarkedAbandoned);

    public static async Task<Outcome?> PurgeAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var versions = await StudyStore.VersionsAsync(conn, studyId, ct);
        if (versions.Count == 0) return null;

        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select set_config('ppl.removal_reason', 'purged', true)", transaction: tx, cancellationToken: ct));
        var purged = 0;
        foreach (var v in versions)
            purged += await conn.ExecuteAsync(new CommandDefinition(
                """
                delete from participant
                where study_id = @studyId and study_version = @version and started_at < now() - make_interval(days => @days)
                """, new { studyId, version = v.Version, days = v.RetentionDays }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        var abandoned = await Abandonment.MarkAsync(db, studyId, ct);
        return new Outcome(purged, abandoned);
    }
}
