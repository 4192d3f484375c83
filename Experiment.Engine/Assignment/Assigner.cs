using System.Security.Cryptography;
using System.Text;
using Dapper;
using Experiment.Engine.Studies;
using Experiment.Engine.Storage;
using Npgsql;

namespace Experiment.Engine.Assignment;

/// <summary>Who the panel says the participant is (e.g. Prolific's PROLIFIC_PID, STUDY_ID, SESSION_ID).</summary>
public sealed record PanelIdentity(string Panel, string ParticipantId, string? StudyId, string? SessionId);

/// <summary>
/// ForcedCell is honoured only when the study sets allowForcedCell and the index exists. Token, when given, makes
/// the enrolment happen once per token (the consent form's): a repeated request gets the first one's participant.
/// </summary>
public enum PanelMatchKind { NotEnrolled, Resumable, NotResumable }

/// <summary>ParticipantId only when Resumable: a refused entry learns nothing about the session.</summary>
public sealed record PanelMatch(PanelMatchKind Kind, string? ParticipantId);

/// <summary>Pilot: enrol as a pilot participant (<see cref="Experiment.Engine.Participants.Pilot"/>); a study in pilot enrols everyone so.</summary>
/// <param name="ShowsFirstPage">The caller shows the first step's page right after a new enrolment (the web app's
/// consent redirects to it): its shown time is recorded in the enrolment's statement, as a submission records the
/// next page's (ParticipantStore.AdvanceAsync), so that page needs no statement of its own.</param>
public sealed record EnrolmentRequest(string Language, PanelIdentity? Panel = null, int? ForcedCell = null, string? Token = null, bool Pilot = false,
    bool ShowsFirstPage = false);

/// <summary>
/// The participant's assignment, fixed at enrolment. Resumed: no new participant; the panel id or the request
/// token was already enrolled.
/// </summary>
public sealed record Enrolment(string ParticipantId, bool Resumed, int StudyVersion, int CellIndex, string Arm,
    int OrderIndex, string BlockOrder, string CompletionCode);

/// <summary>
/// Assignment, done once at enrolment and stored on the participant. Balance is kept by PostgreSQL, not by
/// process memory, because several web processes may share one database. The balance rule itself is the function
/// <c>enrol_participant</c> (migration 0200, which replaced 0040's to add the study's <see cref="BalancePolicy"/>): it takes the study version's assignment lock (a transaction-scoped
/// advisory lock, <see cref="LockAsync"/>, that every writer of <c>assignment_counter</c> takes first), picks the
/// cell and block order from the counts it then sees, increments them and inserts the participant, all in one
/// statement, so the lock is not held across round trips to a busy web server. Enrolments of one study version
/// therefore happen one after the other, and every committed state is a prefix of that sequence: with equal
/// weights the cell counts (and the block-order counts) differ by at most one at any moment. The direct
/// simulator applies the same rule in memory under the same lock (tested to give the same counts).
/// <list type="bullet">
/// <item>Cell: the least count/weight; ties go to the lowest index.</item>
/// <item>Block order: the least count over all cells; ties go to the order least used within the chosen cell,
/// then to the lowest index.</item>
/// <item>Under the default policy (enrolled) counters count enrolments: a withdrawal (erasure) does not give its
/// slot back, so a participant's assignment never depends on what others did afterwards. Under
/// completed-plus-active the counts are completed plus active participants (<see cref="BalancePolicy"/>).</item>
/// <item>A forced cell still counts, and still gets a balanced block order.</item>
/// <item>Pilot participants (the request says so, or the study's status is pilot) count toward nothing: they are
/// balanced among themselves by the same rule, from the counts of the version's pilot participant rows, and the
/// counters stay as they were (migration 0210).</item>
/// </list>
/// Study status (open/paused/closed) and fullness are the caller's to check; see <see cref="IsFullAsync"/>.
/// </summary>
public static class Assigner
{
    const string Kind_Cell = "cell", Kind_Order = "order";

    /// <summary>
    /// Enrols in one statement outside any transaction of the caller (function <c>enrol_participant</c>): the
    /// assignment lock is held only while PostgreSQL runs it and commits.
    /// </summary>
    /// <param name="clock">"Now" for the balance policy (<see cref="BalancePolicy"/>) and the new session's last request;
    /// null: the system clock.</param>
    const string Enrol = """
        select outcome, participant_id, cell_idx, order_idx from enrol_participant(@Id, @Version, @weights, @orderCount,
            @forced, @participantId, @arms, @blockOrders, @language, @completionCode,
            @panel, @panelParticipantId, @panelStudyId, @panelSessionId, @token, @now, @activeSince, @pilot)
        """;

    /// <summary>
    /// <see cref="Enrol"/> that also records the first step as shown (page_time of step 0, the page of the block
    /// order chosen), in the same statement and transaction: only for a new participant, committed like the
    /// enrolment (without waiting for the flush: bookkeeping, durable with the first answer).
    /// </summary>
    const string EnrolShowingFirstPage = $"""
        with e as ({Enrol}),
        shown as (
            insert into page_time (participant_id, step, page, shown_at)
            select e.participant_id, 0, (@firstPages::text[])[e.order_idx + 1], now() from e where e.outcome = 'enrolled')
        select outcome, participant_id, cell_idx, order_idx from e
        """;

    public static async Task<Enrolment> EnrolAsync(NpgsqlDataSource db, StudyDefinition study, EnrolmentRequest request, CancellationToken ct = default,
        TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(request);
        var cells = StudyDesign.Cells(study);
        var orders = StudyDesign.BlockOrders(study);
        if (cells.Count == 0) throw new InvalidOperationException($"Study '{study.Id}' version {study.Version} has no cells.");

        await using var conn = await db.OpenConnectionAsync(ct);
        // No look-up of the panel id first: enrol_participant finds a returning participant itself (outcome
        // 'resumed', no counter touched), and the web app's consent has just matched the panel id
        // (MatchPanelAsync), so for a new participant, nearly every call, that look-up was a wasted round trip.

        int? forced = study.AllowForcedCell && request.ForcedCell is { } f && f >= 0 && f < cells.Count ? f : null;
        var participantId = NewParticipantId();
        var completionCode = study.Panel?.CompletionCode ?? NewCompletionCode();
        var args = new
        {
            study.Id, study.Version, weights = cells.Select(c => c.Weight).ToArray(), orderCount = orders.Count, forced,
            participantId, arms = cells.Select(c => c.Arm).ToArray(),
            blockOrders = orders.Select(StudyDesign.BlockOrderName).ToArray(), language = study.Language(request.Language),
            completionCode, panel = request.Panel?.Panel, panelParticipantId = request.Panel?.ParticipantId,
            panelStudyId = request.Panel?.StudyId, panelSessionId = request.Panel?.SessionId, token = request.Token,
            now = (clock ?? TimeProvider.System).GetUtcNow().UtcDateTime,
            activeSince = BalancePolicy.ActiveSince(study, (clock ?? TimeProvider.System).GetUtcNow()), pilot = request.Pilot,
            firstPages = request.ShowsFirstPage ? Enumerable.Range(0, orders.Count).Select(o => StudyDesign.Steps(study, o)[0].Name).ToArray() : null,
        };
        for (var attempt = 0; ; attempt++)
        {
            (string Outcome, string? ParticipantId, int CellIdx, int OrderIdx) r;
            try
            {
                r = await conn.QuerySingleAsync<(string, string?, int, int)>(new CommandDefinition(
                    request.ShowsFirstPage ? EnrolShowingFirstPage : Enrol, args, cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && request.Panel is not null && attempt < 3)
            {
                // Another version of the study enrolled the same panel id at the same moment (the assignment lock
                // is per version): the next attempt finds it and resumes that participant.
                continue;
            }
            switch (r.Outcome)
            {
                case "enrolled":
                    return new Enrolment(participantId, false, study.Version, r.CellIdx, cells[r.CellIdx].Arm, r.OrderIdx,
                        StudyDesign.BlockOrderName(orders[r.OrderIdx]), completionCode);
                case "resumed" or "repeated":
                    return await FindAsync(conn, r.ParticipantId!, resumed: true, ct)
                        ?? throw new InvalidOperationException($"Participant {r.ParticipantId} was enrolled but is gone.");
                case "no_counters" when attempt == 0:
                {
                    // Import creates the counters; a study version written some other way gets them here, once.
                    var imported = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                        "select exists (select 1 from study where id = @Id and version = @Version)", new { study.Id, study.Version },
                        cancellationToken: ct));
                    if (!imported)
                        throw new InvalidOperationException($"Study '{study.Id}' version {study.Version} is not imported; run `study import` first.");
                    await InsertCountersAsync(conn, null, study, cells.Count, orders.Count, ct);
                    break;
                }
                default:
                    throw new InvalidOperationException($"Enrolment in study '{study.Id}' version {study.Version} answered '{r.Outcome}'.");
            }
        }
    }

    /// <summary>
    /// Takes the study version's assignment lock, the one <c>enrol_participant</c> takes. Held until the caller's
    /// transaction ends.
    /// </summary>
    public static Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StudyDefinition study, CancellationToken ct = default) =>
        conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(hashtext('assignment:' || @Id), @Version)",
            new { study.Id, study.Version }, tx, cancellationToken: ct));

    /// <summary>Takes the assignment lock and returns the counts, for a writer that applies the rule itself.</summary>
    public static async Task<List<(string Kind, int Idx, int CellIdx, int N)>> LockCountersAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, StudyDefinition study, CancellationToken ct = default)
    {
        await LockAsync(conn, tx, study, ct);
        return (await conn.QueryAsync<(string Kind, int Idx, int CellIdx, int N)>(new CommandDefinition(
            """
            select kind, idx, cell_idx, n from assignment_counter
            where study_id = @Id and study_version = @Version
            order by kind, idx, cell_idx
            """, new { study.Id, study.Version }, tx, cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Creates the counter rows of a study version (cells, block orders, block orders within each cell) when they
    /// are missing. Idempotent; runs outside the enrolment transaction so enrolments only ever lock existing rows.
    /// </summary>
    public static async Task EnsureCountersAsync(NpgsqlDataSource db, StudyDefinition study, CancellationToken ct = default) =>
        await EnsureCountersAsync(db, study, StudyDesign.Cells(study).Count, StudyDesign.BlockOrders(study).Count, ct);

    static async Task EnsureCountersAsync(NpgsqlDataSource db, StudyDefinition study, int cellCount, int orderCount, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await InsertCountersAsync(conn, null, study, cellCount, orderCount, ct);
    }

    /// <summary>Adds the missing counter rows: cells, block orders overall and block orders within each cell.</summary>
    public static Task InsertCountersAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, StudyDefinition study, CancellationToken ct = default) =>
        InsertCountersAsync(conn, tx, study, StudyDesign.Cells(study).Count, StudyDesign.BlockOrders(study).Count, ct);

    static async Task InsertCountersAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, StudyDefinition study, int cellCount,
        int orderCount, CancellationToken ct)
    {
        var rows = new List<(string Kind, int Idx, int CellIdx)>();
        for (var c = 0; c < cellCount; c++) rows.Add((Kind_Cell, c, -1));
        for (var o = 0; o < orderCount; o++)
            for (var c = -1; c < cellCount; c++) rows.Add((Kind_Order, o, c));
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into assignment_counter (study_id, study_version, kind, idx, cell_idx)
            select @Id, @Version, k, i, c from unnest(@kinds, @idxs, @cellIdxs) as t(k, i, c)
            order by k, i, c
            on conflict do nothing
            """, new
            {
                study.Id, study.Version, kinds = rows.Select(r => r.Kind).ToArray(), idxs = rows.Select(r => r.Idx).ToArray(),
                cellIdxs = rows.Select(r => r.CellIdx).ToArray(),
            }, tx, cancellationToken: ct));
    }

    const string SelectEnrolment =
        """
        select p.id as Id, p.study_version as StudyVersion, p.cell_idx as CellIdx, p.arm as Arm, p.order_idx as OrderIdx,
               p.block_order as BlockOrder, p.completion_code as CompletionCode
        from participant p
        """;

    public static async Task<Enrolment?> FindByPanelIdAsync(NpgsqlDataSource db, string studyId, string panel, string panelParticipantId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await FindByPanelIdAsync(conn, studyId, panel, panelParticipantId, ct);
    }

    static async Task<Enrolment?> FindByPanelIdAsync(NpgsqlConnection conn, string studyId, string panel, string panelParticipantId, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            SelectEnrolment + """
             join panel_id x on x.participant_id = p.id
            where x.study_id = @studyId and x.panel = @panel and x.panel_participant_id = @panelParticipantId
            """, new { studyId, panel, panelParticipantId }, cancellationToken: ct));
        return row?.ToEnrolment(resumed: true);
    }

    /// <summary>
    /// Whether an entry without the participant cookie may take over the session of the participant enrolled with
    /// this panel id. A panel id is no secret (it is in every payment and message of the panel), so it alone never
    /// suffices: the entry must repeat what enrolment stored and the panel keeps private, the session id
    /// (Prolific's SESSION_ID, in that person's own study link only), or the consent form's own one-time token (a
    /// double click of that form). Compared in constant time; no panel id goes into any message.
    /// Every such entry but a repeat of the very form that enrolled (a double click) counts as a repeated entry of
    /// that participant (<c>repeat_entries</c>, exported as a quality flag), whether it resumes or is refused.
    /// </summary>
    public static async Task<PanelMatch> MatchPanelAsync(NpgsqlDataSource db, string studyId, PanelIdentity panel, string? token,
        CancellationToken ct = default) =>
        Matched(panel, await GroupCommit.AloneAsync(db, MatchStatement(studyId, panel, token), MatchRow.Of, ct));

    /// <summary>
    /// <see cref="MatchPanelAsync(NpgsqlDataSource, string, PanelIdentity, string?, CancellationToken)"/> in the next
    /// batch of the participant pages' group commit (it may count a repeated entry: a write, committed with the batch).
    /// </summary>
    public static async Task<PanelMatch> MatchPanelAsync(GroupCommit group, string studyId, PanelIdentity panel, string? token) =>
        Matched(panel, await group.RowAsync(studyId, MatchStatement(studyId, panel, token), MatchRow.Of));

    static NpgsqlBatchCommand MatchStatement(string studyId, PanelIdentity panel, string? token) =>
        Positional.Statement(
                """
                with entry as (
                    select x.participant_id, x.panel_session_id,
                           exists (select 1 from enrolment_request r where r.token = $4 /* token */ and r.participant_id = x.participant_id) as same_form
                    from panel_id x
                    where x.study_id = $1 /* study */ and x.panel = $2 /* panel */ and x.panel_participant_id = $3 /* panel participant */
                ), counted as (
                    update participant p set repeat_entries = p.repeat_entries + 1
                    from entry where p.id = entry.participant_id and not entry.same_form
                )
                select participant_id, panel_session_id, same_form from entry
                """)
            .With(studyId, NpgsqlTypes.NpgsqlDbType.Text).With(panel.Panel, NpgsqlTypes.NpgsqlDbType.Text)
            .With(panel.ParticipantId, NpgsqlTypes.NpgsqlDbType.Text).With(token ?? "", NpgsqlTypes.NpgsqlDbType.Text);

    sealed record MatchRow(string ParticipantId, string? SessionId, bool SameForm)
    {
        public static MatchRow Of(NpgsqlDataReader r) => new(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetBoolean(2));
    }

    static PanelMatch Matched(PanelIdentity panel, MatchRow? row)
    {
        if (row is null) return new PanelMatch(PanelMatchKind.NotEnrolled, null);
        var sameSession = row.SessionId is not null && panel.SessionId is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(row.SessionId), Encoding.UTF8.GetBytes(panel.SessionId));
        return sameSession || row.SameForm
            ? new PanelMatch(PanelMatchKind.Resumable, row.ParticipantId)
            : new PanelMatch(PanelMatchKind.NotResumable, null);
    }

    /// <summary>The stored assignment of a participant (Resumed is false); null when there is none.</summary>
    public static async Task<Enrolment?> FindAsync(NpgsqlDataSource db, string participantId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await FindAsync(conn, participantId, resumed: false, ct);
    }

    static async Task<Enrolment?> FindAsync(NpgsqlConnection conn, string participantId, bool resumed, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            SelectEnrolment + " where p.id = @participantId", new { participantId }, cancellationToken: ct));
        return row?.ToEnrolment(resumed);
    }

    /// <summary>
    /// True when every cell of this study version has reached TargetPerCell, counted as assignment counts under the
    /// study's policy (<see cref="BalanceCountsAsync"/>). A study without a target is never full.
    /// </summary>
    public static async Task<bool> IsFullAsync(NpgsqlDataSource db, StudyDefinition study, CancellationToken ct = default, TimeProvider? clock = null)
    {
        if (study.TargetPerCell is not { } target) return false;
        await using var conn = await db.OpenConnectionAsync(ct);
        var counts = await BalanceCountsAsync(conn, study, (clock ?? TimeProvider.System).GetUtcNow(), ct);
        return counts.All(n => n >= target);
    }

    /// <summary>
    /// Per cell of this study version, the count assignment balances under the study's policy as of
    /// <paramref name="now"/>: enrolments (the counters, withdrawals included) or completed plus active
    /// participants (the function balance_counts, migration 0200). What the dashboard shows as the balance.
    /// </summary>
    public static async Task<long[]> BalanceCountsAsync(NpgsqlConnection conn, StudyDefinition study, DateTimeOffset now, CancellationToken ct = default)
    {
        var counts = new long[StudyDesign.Cells(study).Count];
        var rows = await conn.QueryAsync<(int CellIdx, long N)>(new CommandDefinition(
            BalancePolicy.ActiveSince(study, now) is null
                ? """
                  select idx, n::bigint from assignment_counter
                  where study_id = @Id and study_version = @Version and kind = 'cell' and cell_idx = -1
                  """
                : "select cell_idx, sum(n)::bigint from balance_counts(@Id, @Version, @activeSince) group by cell_idx",
            new { study.Id, study.Version, activeSince = BalancePolicy.ActiveSince(study, now) }, cancellationToken: ct));
        foreach (var (cell, n) in rows)
            if (cell >= 0 && cell < counts.Length) counts[cell] = n;
        return counts;
    }

    sealed record Row(string Id, int StudyVersion, int CellIdx, string Arm, int OrderIdx, string BlockOrder, string CompletionCode)
    {
        public Enrolment ToEnrolment(bool resumed) =>
            new(Id, resumed, StudyVersion, CellIdx, Arm, OrderIdx, BlockOrder, CompletionCode);
    }

    const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>"p" and 16 base-32 characters (80 random bits): opaque, says nothing about the person or the time.</summary>
    public static string NewParticipantId() => "p" + RandomNumberGenerator.GetString(Base32, 16);

    /// <summary>8 characters without look-alikes (no 0/O, 1/I/L), for studies without a panel code.</summary>
    public static string NewCompletionCode() => RandomNumberGenerator.GetString("ABCDEFGHJKMNPQRSTUVWXYZ23456789", 8);
}
