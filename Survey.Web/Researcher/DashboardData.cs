using Dapper;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Researcher;

/// <summary>Counts of one row of the dashboard (a cell, a block order, or the whole study).</summary>
public sealed record Counts(string Name, long Entered, long InProgress, long Completed, long Abandoned, long Withdrawn, long Purged);

/// <summary>One row of the study list: the same totals as the dashboard's (DashboardData.TotalsAsync).</summary>
public sealed record StudyTotals(string StudyId, int CurrentVersion, string Status, long Declined, Counts Total);

public sealed record FunnelStep(int Step, string Page, long Shown, long Submitted);

public sealed record Funnel(string BlockOrder, IReadOnlyList<FunnelStep> Steps);

/// <summary>Everything the live dashboard shows; also its JSON (camelCase) for the polling script.</summary>
public sealed record Dashboard(string StudyId, int Version, string Status, string Title, long Declined, Counts Total,
    IReadOnlyList<Counts> Cells, IReadOnlyList<Counts> Orders, IReadOnlyList<Funnel> Funnels, double? MedianDurationS,
    int? TargetPerCell, DateTime At, IReadOnlyList<string> Languages, string ScriptLanguage)
{
    /// <summary>The study says "demo": true: not meant for launch, may lack the ethics details.</summary>
    public bool Demo { get; init; }
    /// <summary>The link to paste into the panel (ParticipantLink), absolute for the address the console was asked at.</summary>
    public string? ParticipantLink { get; init; }

    /// <summary>The median duration as the console shows it (page and live JSON): see FormatDuration.</summary>
    public string MedianDuration => FormatDuration(MedianDurationS);

    /// <summary>Whole seconds under a minute ("45 s"), else minutes and seconds ("12:05 min"): a tenth of a minute
    /// showed "0.0 min" for short sessions such as bots'.</summary>
    public static string FormatDuration(double? seconds)
    {
        if (seconds is not { } value || double.IsNaN(value) || value < 0) return "–";
        var whole = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        return whole < 60 ? $"{whole} s" : $"{whole / 60}:{whole % 60:00} min";
    }
}

/// <summary>
/// The dashboard's queries. A session silent for Abandonment.After counts as abandoned here even before a
/// purge stores it (Abandonment.StatusSql, the export's rule too, as of the same clock), so the dashboard and
/// the export never disagree. Cells and block orders are
/// grouped by their names (arm, block_order), which stay meaningful across study versions.
/// </summary>
public static class DashboardData
{
    public static async Task<Dashboard?> LoadAsync(NpgsqlDataSource db, string studyId, TimeProvider clock, CancellationToken ct, string? baseUrl = null)
    {
        var current = await StudyStore.GetCurrentAsync(db, studyId, ct);
        if (current is null) return null;
        var (study, state) = current.Value;
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);

        var rows = (await conn.QueryAsync<(string Arm, string BlockOrder, string Status, long N)>(new CommandDefinition(
            $"""
            select arm, block_order, {Abandonment.StatusSql}, count(*)
            from participant where study_id = @studyId group by 1, 2, 3
            """, new { studyId, abandonedBefore = Abandonment.Cutoff(now) }, cancellationToken: ct))).ToList();

        var versions = (await StudyStore.VersionsAsync(conn, studyId, ct)).ToDictionary(v => v.Version);
        var removed = (await conn.QueryAsync<(int Version, int CellIdx, int OrderIdx, string Reason, long N)>(new CommandDefinition(
            "select study_version, cell_idx, order_idx, reason, n from removal_count where study_id = @studyId",
            new { studyId }, cancellationToken: ct)))
            .Select(r => (Arm: ArmOf(versions, r.Version, r.CellIdx), Order: OrderOf(versions, r.Version, r.OrderIdx), r.Reason, r.N)).ToList();

        var funnelRows = (await conn.QueryAsync<(string BlockOrder, int Step, string Page, long Shown, long Submitted)>(new CommandDefinition(
            """
            select p.block_order, t.step, t.page, count(*), count(t.submitted_at)
            from page_time t join participant p on p.id = t.participant_id
            where p.study_id = @studyId group by 1, 2, 3 order by 1, 2, 3
            """, new { studyId }, cancellationToken: ct))).ToList();
        var median = await conn.ExecuteScalarAsync<double?>(new CommandDefinition(
            """
            select percentile_cont(0.5) within group (order by extract(epoch from completed_at - started_at))
            from participant where study_id = @studyId and status = 'completed' and completed_at is not null
            """, new { studyId }, cancellationToken: ct));

        var cellNames = StudyDesign.Cells(study).Select(c => c.Arm)
            .Concat(rows.Select(r => r.Arm)).Concat(removed.Select(r => r.Arm)).Distinct().ToList();
        var orderNames = StudyDesign.BlockOrders(study).Select(StudyDesign.BlockOrderName)
            .Concat(rows.Select(r => r.BlockOrder)).Concat(removed.Select(r => r.Order)).Distinct().ToList();

        Counts Count(string name, Func<string, string, bool> match)
        {
            long Of(string status) => rows.Where(r => match(r.Arm, r.BlockOrder) && r.Status == status).Sum(r => r.N);
            long Gone(string reason) => removed.Where(r => match(r.Arm, r.Order) && r.Reason == reason).Sum(r => r.N);
            var (busy, done, left, withdrawn, purged) = (Of("in_progress"), Of("completed"), Of("abandoned"), Gone("withdrawn"), Gone("purged"));
            return new Counts(name, busy + done + left + withdrawn + purged, busy, done, left, withdrawn, purged);
        }

        var totals = (await TotalsAsync(conn, studyId, now, ct)).Single();
        return new Dashboard(studyId, state.CurrentVersion, state.Status, study.Title.In(study.DefaultLanguage ?? study.Languages[0]), state.Declined,
            totals.Total,
            cellNames.Select(c => Count(c == "" ? "(single cell)" : c, (arm, _) => arm == c)).ToList(),
            orderNames.Select(o => Count(o, (_, order) => order == o)).ToList(),
            funnelRows.GroupBy(r => r.BlockOrder).Select(g => new Funnel(g.Key, g.Select(r => new FunnelStep(r.Step, r.Page, r.Shown, r.Submitted)).ToList())).ToList(),
            median, study.TargetPerCell, now.UtcDateTime, study.Languages, Experiment.Engine.Export.Exporter.DefaultLanguage(study))
        {
            Demo = study.Demo,
            ParticipantLink = baseUrl is null ? null : Experiment.Engine.Studies.ParticipantLink.For(baseUrl, study, await StudyStore.SlugAsync(db, studyId, ct)),
        };
    }

    static string ArmOf(Dictionary<int, StudyDefinition> versions, int version, int cell) =>
        versions.TryGetValue(version, out var v) && StudyDesign.Cells(v) is var cells && cell >= 0 && cell < cells.Count ? cells[cell].Arm : $"v{version} cell {cell}";

    static string OrderOf(Dictionary<int, StudyDefinition> versions, int version, int order) =>
        versions.TryGetValue(version, out var v) && StudyDesign.BlockOrders(v) is var orders && order >= 0 && order < orders.Count
            ? StudyDesign.BlockOrderName(orders[order]) : $"v{version} order {order}";

    /// <summary>The study list: per study its status and the totals the dashboard shows (the same query).</summary>
    public static async Task<IReadOnlyList<StudyTotals>> ListAsync(NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await TotalsAsync(conn, null, clock.GetUtcNow(), ct);
    }

    /// <summary>
    /// The one query of a study's totals, for the study list (every study) and the dashboard (one): entered is
    /// every enrolled participant, those still here by status plus those removed (erased or purged).
    /// Withdrawn is the larger of the study's counter and the removal counts, as older data may lack either.
    /// </summary>
    static async Task<IReadOnlyList<StudyTotals>> TotalsAsync(NpgsqlConnection conn, string? studyId, DateTimeOffset now, CancellationToken ct) =>
        (await conn.QueryAsync<(string StudyId, int CurrentVersion, string Status, long Declined, long InProgress, long Completed, long Abandoned,
                long RemovedWithdrawn, long Withdrawn, long Purged)>(new CommandDefinition(
            $"""
            select st.study_id, st.current_version, st.status, st.declined,
                   coalesce(p.in_progress, 0), coalesce(p.completed, 0), coalesce(p.abandoned, 0),
                   coalesce(r.withdrawn, 0), greatest(st.withdrawn, coalesce(r.withdrawn, 0)), coalesce(r.purged, 0)
            from study_state st
            left join (select study_id, count(*) filter (where s = 'in_progress') as in_progress, count(*) filter (where s = 'completed') as completed,
                              count(*) filter (where s = 'abandoned') as abandoned
                       from (select study_id, {Abandonment.StatusSql} as s from participant) x group by study_id) p on p.study_id = st.study_id
            left join (select study_id, sum(n) filter (where reason = 'withdrawn') as withdrawn, sum(n) filter (where reason = 'purged') as purged
                       from removal_count group by study_id) r on r.study_id = st.study_id
            where @studyId::text is null or st.study_id = @studyId
            order by st.study_id
            """, new { studyId, abandonedBefore = Abandonment.Cutoff(now) }, cancellationToken: ct)))
        .Select(t => new StudyTotals(t.StudyId, t.CurrentVersion, t.Status, t.Declined,
            new Counts("all", t.InProgress + t.Completed + t.Abandoned + t.RemovedWithdrawn + t.Purged, t.InProgress, t.Completed, t.Abandoned, t.Withdrawn, t.Purged)))
        .ToList();
}
