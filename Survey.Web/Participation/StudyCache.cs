using System.Collections.Concurrent;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>An imported (id, version) never changes, so each definition is read from the database (and parsed) once per process.</summary>
public sealed class StudyCache([FromKeyedServices(ParticipationSetup.Db)] NpgsqlDataSource db)
{
    readonly ConcurrentDictionary<(string, int), StudyDefinition> cache = new();

    public async Task<StudyDefinition?> GetAsync(string studyId, int version, CancellationToken ct)
    {
        if (cache.TryGetValue((studyId, version), out var s)) return s;
        var study = await StudyStore.GetAsync(db, studyId, version, ct);
        if (study is not null) cache[(studyId, version)] = study;
        return study;
    }

    /// <summary>
    /// The version new participants get, with its state, read fresh (a researcher may pause the study or import a
    /// new version at any moment); only the definition of that version comes from the cache.
    /// </summary>
    public async Task<(StudyDefinition Study, StudyStore.StudyState State)?> GetCurrentAsync(string studyId, CancellationToken ct)
    {
        if (await StudyStore.GetStateAsync(db, studyId, ct) is not { } state) return null;
        return await GetAsync(studyId, state.CurrentVersion, ct) is { } study ? (study, state) : null;
    }
}
