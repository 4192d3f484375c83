using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Researcher;

/// <summary>Counts of one row of the dashboard (a cell, a block order, or the whole study).</summary>
public sealed record Counts(string Name, long Entered, long InProgress, long Completed, long Abandoned, long Withdrawn, long Purged)
{
    /// <summary>A cell's count under the study's balance policy, current version (Assigner.BalanceCountsAsync); null for other rows.</summary>
    public long? Balance { get; init; }
}

/// <summary>
/// A study's outcome and data-quality counts, each counted as participants.csv has it (every version, erased
/// participants gone): attention_passed = 0, checkout_outcome = left_shop (shown only when the shop data may be
/// used, ParticipantRow.CheckoutEnded), behaviour_consent = 0, any quality flag (QualityFlags.AnyFlag), and the
/// median duration of the completed sessions. ScreenedOut is counted for the study only, like declined (the
/// screening question comes before enrolment, so the export has no row of them).
/// </summary>
public sealed record QualityCounts(long AttentionFailed, long LeftShop, long BehaviourConsentRefused, long Flagged, double? MedianDurationS,
    long ScreenedOut = 0)
{
    public static readonly QualityCounts None = new(0, 0, 0, 0, null);

    /// <summary>The median duration as the console shows it (Dashboard.FormatDuration).</summary>
    public string MedianDuration => Dashboard.FormatDuration(MedianDurationS);
}

/// <summary>One row of the study list: the same totals as the dashboard's (DashboardData.TotalsAsync).</summary>
public sealed record StudyTotals(string StudyId, int CurrentVersion, string Status, long Declined, Counts Total)
{
    public QualityCounts Quality { get; init; } = QualityCounts.None;
}

public sealed record FunnelStep(int Step, string Page, long Shown, long Submitted);

public sealed record Funnel(string BlockOrder, IReadOnlyList<FunnelStep> Steps);

/// <summary>Everything the live dashboard shows; also its JSON (camelCase) for the polling script.</summary>
public sealed record Dashboard(string StudyId, int Version, string Status, string Title, long Declined, Counts Total,
    IReadOnlyList<Counts> Cells, IReadOnlyList<Counts> Orders, IReadOnlyList<Funnel> Funnels, double? MedianDurationS,
    int? TargetPerCell, DateTime At, IReadOnlyList<string> Languages, string ScriptLanguage)
{
    /// <summary>The study says "demo": true: not meant for launch, may lack the ethics details.</summary>
    public bool Demo { get; init; }
    /// <summary>Pilot participants (Pilot): shown apart, in none of the other counts.</summary>
    public long PilotParticipants { get; init; }
    /// <summary>The link to paste into the panel (ParticipantLink), absolute for the address the console was asked at.</summary>
    public string? ParticipantLink { get; init; }
    /// <summary>The same counts as the study list's row (DashboardData.TotalsAsync).</summary>
    public QualityCounts Quality { get; init; } = QualityCounts.None;
    /// <summary>The study's balance policy in words (BalancePolicy.Describe); each cell's Balance is what it counts.</summary>
    public string BalancePolicy { get; init; } = "";

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
            from participant where study_id = @studyId and not pilot group by 1, 2, 3
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
            where p.study_id = @studyId and not p.pilot group by 1, 2, 3 order by 1, 2, 3
            """, new { studyId }, cancellationToken: ct))).ToList();
        // What assignment counts now, by cell of the current version (the enrolled counters or completed + active).
        var studyCells = StudyDesign.Cells(study);
        var balance = await Assigner.BalanceCountsAsync(conn, study, now, ct);
        var pilot = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from participant where study_id = @studyId and pilot", new { studyId }, cancellationToken: ct));

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
        long? BalanceOf(string arm)
        {
            for (var i = 0; i < studyCells.Count; i++)
                if (studyCells[i].Arm == arm) return balance[i];
            return null; // a cell of an earlier version only: assignment no longer counts it
        }
        return new Dashboard(studyId, state.CurrentVersion, state.Status, study.Title.In(study.DefaultLanguage ?? study.Languages[0]), state.Declined,
            totals.Total,
            cellNames.Select(c => Count(c == "" ? "(single cell)" : c, (arm, _) => arm == c) with { Balance = BalanceOf(c) }).ToList(),
            orderNames.Select(o => Count(o, (_, order) => order == o)).ToList(),
            funnelRows.GroupBy(r => r.BlockOrder).Select(g => new Funnel(g.Key, g.Select(r => new FunnelStep(r.Step, r.Page, r.Shown, r.Submitted)).ToList())).ToList(),
            totals.Quality.MedianDurationS, study.TargetPerCell, now.UtcDateTime, study.Languages, Experiment.Engine.Export.Exporter.DefaultLanguage(study))
        {
            Demo = study.Demo,
            PilotParticipants = pilot,
            ParticipantLink = baseUrl is null ? null : Experiment.Engine.Studies.ParticipantLink.For(baseUrl, study, await StudyStore.SlugAsync(db, studyId, ct)),
            Quality = totals.Quality,
            BalancePolicy = Experiment.Engine.Assignment.BalancePolicy.Describe(study),
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
    /// every enrolled participant, those still here by status plus those removed (erased or purged); pilot
    /// participants are in none of them (the dashboard shows their count apart).
    /// Withdrawn is the larger of the study's counter and the removal counts, as older data may lack either.
    /// The quality counts (QualityCounts) come from the same query, flagged and the median from
    /// QualityFlags.SummaryAsync, the rules the export applies.
    /// </summary>
    static async Task<IReadOnlyList<StudyTotals>> TotalsAsync(NpgsqlConnection conn, string? studyId, DateTimeOffset now, CancellationToken ct)
    {
        var totals = new List<StudyTotals>();
        foreach (var t in await conn.QueryAsync<(string StudyId, int CurrentVersion, string Status, long Declined, long InProgress, long Completed, long Abandoned,
                     long RemovedWithdrawn, long Withdrawn, long Purged, long AttentionFailed, long LeftShop, long ConsentRefused, long ScreenedOut)>(new CommandDefinition(
            $"""
            select st.study_id, st.current_version, st.status, st.declined,
                   coalesce(p.in_progress, 0), coalesce(p.completed, 0), coalesce(p.abandoned, 0),
                   coalesce(r.withdrawn, 0), greatest(st.withdrawn, coalesce(r.withdrawn, 0)), coalesce(r.purged, 0),
                   coalesce(p.attention_failed, 0), coalesce(p.left_shop, 0), coalesce(p.consent_refused, 0), st.screened_out
            from study_state st
            left join (select study_id, count(*) filter (where s = 'in_progress') as in_progress, count(*) filter (where s = 'completed') as completed,
                              count(*) filter (where s = 'abandoned') as abandoned,
                              count(*) filter (where attention_passed = false) as attention_failed,
                              count(*) filter (where checkout_outcome = 'left_shop' and {ParticipantRow.CheckoutEndedSql}) as left_shop,
                              count(*) filter (where behaviour_consent = false) as consent_refused
                       from (select study_id, {Abandonment.StatusSql} as s, attention_passed, checkout_outcome, behaviour_consent
                             from participant where not pilot) x group by study_id) p on p.study_id = st.study_id
            left join (select study_id, sum(n) filter (where reason = 'withdrawn') as withdrawn, sum(n) filter (where reason = 'purged') as purged
                       from removal_count group by study_id) r on r.study_id = st.study_id
            where @studyId::text is null or st.study_id = @studyId
            order by st.study_id
            """, new { studyId, abandonedBefore = Abandonment.Cutoff(now) }, cancellationToken: ct)))
        {
            var versions = (await StudyStore.VersionsAsync(conn, t.StudyId, ct)).ToDictionary(v => v.Version);
            var (flagged, median) = await QualityFlags.SummaryAsync(conn, t.StudyId, versions, ct);
            totals.Add(new StudyTotals(t.StudyId, t.CurrentVersion, t.Status, t.Declined,
                new Counts("all", t.InProgress + t.Completed + t.Abandoned + t.RemovedWithdrawn + t.Purged, t.InProgress, t.Completed, t.Abandoned, t.Withdrawn, t.Purged))
            {
                Quality = new QualityCounts(t.AttentionFailed, t.LeftShop, t.ConsentRefused, flagged, median, t.ScreenedOut),
            });
        }
        return totals;
    }
}
