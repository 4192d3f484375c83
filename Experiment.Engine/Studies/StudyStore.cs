using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Experiment.Engine.Storage;
using Npgsql;

namespace Experiment.Engine.Studies;

/// <summary>The studies in the database: the imported definitions and the state a researcher controls.</summary>
public static class StudyStore
{
    /// <summary>How a StudyDefinition is written to and read from the study.definition column.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    const string SelectState = "select study_id, current_version, status, entered, declined, withdrawn from study_state";

    public sealed record StudyState(string StudyId, int CurrentVersion, string Status, long Entered, long Declined, long Withdrawn);

    public static async Task<StudyDefinition?> GetAsync(NpgsqlDataSource db, string studyId, int version, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var json = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select definition::text from study where id = @studyId and version = @version",
            new { studyId, version }, cancellationToken: ct));
        return json is null ? null : Parse(json);
    }

    /// <summary>Every imported version of a study, newest first; empty when it was never imported.</summary>
    public static async Task<IReadOnlyList<StudyDefinition>> VersionsAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await VersionsAsync(conn, studyId, ct);
    }

    /// <inheritdoc cref="VersionsAsync(NpgsqlDataSource, string, CancellationToken)"/>
    public static async Task<IReadOnlyList<StudyDefinition>> VersionsAsync(NpgsqlConnection conn, string studyId, CancellationToken ct = default) =>
        (await conn.QueryAsync<string>(new CommandDefinition(
            "select definition::text from study where id = @studyId order by version desc", new { studyId }, cancellationToken: ct)))
        .Select(Parse).ToList();

    /// <summary>The one place a stored definition is read back.</summary>
    static StudyDefinition Parse(string json) => JsonSerializer.Deserialize<StudyDefinition>(json, Json)!;

    /// <summary>The version new participants get, with its state; null when no such study was imported.</summary>
    public static async Task<(StudyDefinition Study, StudyState State)?> GetCurrentAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Definition, int CurrentVersion, string Status, long Entered, long Declined, long Withdrawn)>(
            new CommandDefinition(
                """
                select s.definition::text, st.current_version, st.status, st.entered, st.declined, st.withdrawn
                from study_state st join study s on s.id = st.study_id and s.version = st.current_version
                where st.study_id = @studyId
                """, new { studyId }, cancellationToken: ct));
        if (row.Definition is null) return null;
        var study = Parse(row.Definition);
        return (study, new StudyState(studyId, row.CurrentVersion, row.Status, row.Entered, row.Declined, row.Withdrawn));
    }

    /// <summary>The state of one study (its current version, status and counts); null when it was never imported.</summary>
    /// <summary>The study a participant link names: by its public slug, else by its id (researchers' own links, tests).</summary>
    public static async Task<string?> ResolveAsync(NpgsqlDataSource db, string linkKey, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select study_id from study_state where slug = @linkKey or study_id = @linkKey order by (slug = @linkKey) desc limit 1",
            new { linkKey }, cancellationToken: ct));
    }

    /// <summary>The public slug of the participant link (StudyImport sets it).</summary>
    public static async Task<string?> SlugAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select slug from study_state where study_id = @studyId", new { studyId }, cancellationToken: ct));
    }

    public static async Task<StudyState?> GetStateAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<StudyState>(new CommandDefinition(
            SelectState + " where study_id = @studyId",
            new { studyId }, cancellationToken: ct));
    }

    /// <summary><see cref="GetStateAsync(NpgsqlDataSource, string, CancellationToken)"/> in the next batch of the participant pages' group commit.</summary>
    public static Task<StudyState?> GetStateAsync(GroupCommit group, string studyId) =>
        group.RowAsync(studyId, Positional.Statement(SelectState + " where study_id = $1 /* study */").With(studyId, NpgsqlTypes.NpgsqlDbType.Text),
            r => new StudyState(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5)));

    public static async Task<IReadOnlyList<StudyState>> ListAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<StudyState>(new CommandDefinition(
            SelectState + " order by study_id",
            cancellationToken: ct))).ToList();
    }

    public static async Task<bool> SetStatusAsync(NpgsqlDataSource db, string studyId, string status, CancellationToken ct = default)
    {
        if (status is not ("open" or "pilot" or "paused" or "closed")) throw new ArgumentException($"Unknown study status '{status}'.", nameof(status));
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "update study_state set status = @status where study_id = @studyId", new { studyId, status }, cancellationToken: ct)) == 1;
    }

    public sealed record StudySummary(string StudyId, int CurrentVersion, string Status, long Versions, long Participants, long Completed,
        long Entered, long Declined, long Withdrawn, long Pilot);

    /// <summary>
    /// Every imported study with its participant counts (all versions), for `study list` and overviews; pilot
    /// participants are counted apart (Pilot), in none of the others.
    /// </summary>
    public static async Task<IReadOnlyList<StudySummary>> ListWithCountsAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<StudySummary>(new CommandDefinition(
            """
            select st.study_id as StudyId, st.current_version as CurrentVersion, st.status as Status,
                   (select count(*) from study s where s.id = st.study_id) as Versions,
                   (select count(*) from participant p where p.study_id = st.study_id and not p.pilot) as Participants,
                   (select count(*) from participant p where p.study_id = st.study_id and p.status = 'completed' and not p.pilot) as Completed,
                   st.entered as Entered, st.declined as Declined, st.withdrawn as Withdrawn,
                   (select count(*) from participant p where p.study_id = st.study_id and p.pilot) as Pilot
            from study_state st order by st.study_id
            """, cancellationToken: ct))).ToList();
    }
}
