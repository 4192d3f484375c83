using System.Text.Json;
using Dapper;
using Experiment.Engine.Assignment;
using Npgsql;

namespace Experiment.Engine.Studies;

public enum ImportOutcome { Imported, Unchanged, Replaced, Refused }

/// <summary>What importing one study did. Message is one line for the command line.</summary>
public sealed record ImportResult(string StudyId, int Version, ImportOutcome Outcome, string Message)
{
    /// <summary>This import created the study (it was not in the database before); it starts closed.</summary>
    public bool Created { get; init; }
}

/// <summary>
/// Puts a validated study into the database, keyed by (id, version) with the hash of its content.
/// <list type="bullet">
/// <item>Same content again: nothing changes (Unchanged).</item>
/// <item>A version not seen before: inserted (Imported); the study's current version moves to the highest
/// version imported, and its status (open/paused/closed) is kept. A new study starts "closed": it refuses
/// participants until a researcher opens it (console or `study open`), so a half-checked import never goes live.</item>
/// <item>Changed content under a version that has participants: refused, because those participants ran the old
/// content; the message says to raise the version. Without participants the definition is replaced.</item>
/// </list>
/// </summary>
public static class StudyImport
{
    public static async Task<ImportResult> ImportAsync(NpgsqlDataSource db, StudyDefinition study, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        var hash = StudyFile.ContentHash(study);
        var json = JsonSerializer.Serialize(study, StudyStore.Json);
        ImportResult result;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            // One import of a study at a time, whatever process runs it.
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext('study-import:' || @Id))",
                new { study.Id }, tx, cancellationToken: ct));
            // The assignment lock every writer of assignment_counter takes: no participant of this version is
            // enrolled while we decide, and deleting the counters below cannot interleave with an enrolment.
            await Assigner.LockAsync(conn, tx, study, ct);
            var existing = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "select content_hash from study where id = @Id and version = @Version", new { study.Id, study.Version }, tx, cancellationToken: ct));

            if (existing == hash)
                result = new(study.Id, study.Version, ImportOutcome.Unchanged, $"{study.Id} v{study.Version}: unchanged");
            else if (existing is not null)
            {
                var participants = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                    "select count(*) from participant where study_id = @Id and study_version = @Version",
                    new { study.Id, study.Version }, tx, cancellationToken: ct));
                if (participants > 0)
                {
                    await tx.RollbackAsync(ct);
                    return new(study.Id, study.Version, ImportOutcome.Refused,
                        $"{study.Id} v{study.Version}: refused: the content differs from the imported version {study.Version}, " +
                        $"which already has {participants} participant(s). Raise \"version\" in the file (e.g. to {study.Version + 1}) and import again.");
                }
                await conn.ExecuteAsync(new CommandDefinition(
                    """
                    update study set content_hash = @hash, definition = @json::jsonb, imported_at = now() where id = @Id and version = @Version;
                    delete from assignment_counter where study_id = @Id and study_version = @Version;
                    """, new { study.Id, study.Version, hash, json }, tx, cancellationToken: ct));
                result = new(study.Id, study.Version, ImportOutcome.Replaced,
                    $"{study.Id} v{study.Version}: replaced (content changed, no participants yet)");
            }
            else
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "insert into study (id, version, content_hash, definition) values (@Id, @Version, @hash, @json::jsonb)",
                    new { study.Id, study.Version, hash, json }, tx, cancellationToken: ct));
                result = new(study.Id, study.Version, ImportOutcome.Imported, $"{study.Id} v{study.Version}: imported");
            }
            // xmax = 0 only on a row this statement inserted: that is how we know the study is new.
            // The public slug: the file's, else the one already stored, else a neutral random one (kept from then on).
            if (study.Slug is { } wanted && await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
                    "select study_id from study_state where (slug = @wanted or study_id = @wanted) and study_id <> @Id limit 1",
                    new { wanted, study.Id }, tx, cancellationToken: ct)) is { } taken)
            {
                await tx.RollbackAsync(ct);
                return new(study.Id, study.Version, ImportOutcome.Refused,
                    $"{study.Id} v{study.Version}: refused: \"slug\" '{wanted}' is already the link of study {taken}; choose another one.");
            }
            var created = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                """
                insert into study_state (study_id, current_version, status) values (@Id, @Version, 'closed')
                on conflict (study_id) do update set current_version = greatest(study_state.current_version, excluded.current_version)
                returning xmax = 0
                """, new { study.Id, study.Version }, tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "update study_state set slug = coalesce(@Slug, slug, @random) where study_id = @Id",
                new { study.Id, study.Slug, random = NewSlug(study.Id) }, tx, cancellationToken: ct));
            result = result with { Created = created };
            await tx.CommitAsync(ct);
        }
        await Assigner.EnsureCountersAsync(db, study, ct);
        return result;
    }

    /// <summary>
    /// Ten random letters and digits, e.g. "k7q2m9x4ta": names nothing, and never clashes in practice (36^10). A draw
    /// that spells the study's id (as "sixn8tljkm" once did for the study "six") is drawn again, so the link never
    /// shows the id, whatever it says.
    /// </summary>
    public static string NewSlug(string studyId)
    {
        string slug;
        do slug = string.Concat(Enumerable.Range(0, 10).Select(i => "abcdefghijklmnopqrstuvwxyz0123456789"[System.Security.Cryptography.RandomNumberGenerator.GetInt32(i == 0 ? 26 : 36)]));
        while (studyId.Length > 0 && slug.Contains(studyId, StringComparison.OrdinalIgnoreCase));
        return slug;
    }
}
