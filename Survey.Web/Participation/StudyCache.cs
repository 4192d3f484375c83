using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>An imported (id, version) never changes, so each definition is read from the database (and parsed) once per process.</summary>
public sealed class StudyCache([FromKeyedServices(ParticipationSetup.Db)] NpgsqlDataSource db, Experiment.Engine.Storage.GroupCommit group)
{
    readonly ConcurrentDictionary<(string, int), StudyDefinition> cache = new();
    readonly ConcurrentDictionary<string, (string Id, long Until)> links = new(StringComparer.Ordinal);

    /// <summary>
    /// The study id a participant link names (its public slug, or the id itself). A found link is remembered for
    /// a minute, so a page costs no extra query; a slug changed by a new import is picked up after that.
    /// </summary>
    public async Task<string?> ResolveAsync(string linkKey, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (links.TryGetValue(linkKey, out var hit) && hit.Until > now) return hit.Id;
        var id = await StudyStore.ResolveAsync(db, linkKey, ct);
        if (id is not null) links[linkKey] = (id, now + 60_000);
        return id;
    }

    readonly ConditionalWeakTable<StudyDefinition, Design> designs = new();

    /// <summary>What a definition derives (StudyDesign), computed once per definition instead of once per request.</summary>
    sealed class Design(StudyDefinition study)
    {
        public readonly IReadOnlyList<Cell> Cells = StudyDesign.Cells(study);
        public readonly IReadOnlyList<Step>?[] Steps = new IReadOnlyList<Step>?[StudyDesign.BlockOrders(study).Count];
    }

    Design Of(StudyDefinition study) => designs.GetValue(study, s => new Design(s));

    /// <summary>StudyDesign.Cells of the definition.</summary>
    public IReadOnlyList<Cell> Cells(StudyDefinition study) => Of(study).Cells;

    /// <summary>The number of block orders of the definition (an order index below it has steps).</summary>
    public int OrderCount(StudyDefinition study) => Of(study).Steps.Length;

    /// <summary>StudyDesign.Steps of the definition and block order.</summary>
    public IReadOnlyList<Step> Steps(StudyDefinition study, int order)
    {
        var steps = Of(study).Steps;
        return steps[order] ??= StudyDesign.Steps(study, order);
    }

    public async Task<StudyDefinition?> GetAsync(string studyId, int version, CancellationToken ct)
    {
        if (cache.TryGetValue((studyId, version), out var s)) return s;
        var study = await StudyStore.GetAsync(db, studyId, version, ct);
        if (study is not null) cache[(studyId, version)] = study;
        return study;
    }

    /// <summary>
    /// The version new participants get, with its state, read fresh (a researcher may pause the study or import a
    /// new version at any moment), in the group commit's next batch; only the definition of that version comes from the cache.
    /// </summary>
    public async Task<(StudyDefinition Study, StudyStore.StudyState State)?> GetCurrentAsync(string linkKey, CancellationToken ct)
    {
        if (await ResolveAsync(linkKey, ct) is not { } studyId) return null;
        if (await StudyStore.GetStateAsync(group, studyId) is not { } state) return null;
        return await GetAsync(studyId, state.CurrentVersion, ct) is { } study ? (study, state) : null;
    }
}
