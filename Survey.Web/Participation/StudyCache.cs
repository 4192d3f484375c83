using System.Collections.Concurrent;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>An imported (id, version) never changes, so each definition is read from the database once per process.</summary>
public sealed class StudyCache(NpgsqlDataSource db)
{
    readonly ConcurrentDictionary<(string, int), StudyDefinition> cache = new();

    public async Task<StudyDefinition?> GetAsync(string studyId, int version, CancellationToken ct)
    {
        if (cache.TryGetValue((studyId, version), out var s)) return s;
        var study = await StudyStore.GetAsync(db, studyId, version, ct);
        if (study is not null) cache[(studyId, version)] = study;
        return study;
    }
}
