using System.Security.Cryptography;
using Dapper;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Assignment;

/// <summary>Who the panel says the participant is (e.g. Prolific's PROLIFIC_PID, STUDY_ID, SESSION_ID).</summary>
public sealed record PanelIdentity(string Panel, string ParticipantId, string? StudyId, string? SessionId);

/// <summary>ForcedCell is honoured only when the study sets allowForcedCell and the index exists.</summary>
public sealed record EnrolmentRequest(string Language, PanelIdentity? Panel = null, int? ForcedCell = null);

/// <summary>The participant's assignment, fixed at enrolment. Resumed: the panel id was already enrolled.</summary>
public sealed record Enrolment(string ParticipantId, bool Resumed, int StudyVersion, int CellIndex, string Arm,
    int OrderIndex, string BlockOrder, string CompletionCode);

/// <summary>
/// Assignment, done once at enrolment and stored on the participant. Balance is kept by PostgreSQL, not by
/// process memory, because several web processes may share one database: every enrolment of a study version
/// locks all of that version's rows in <c>assignment_counter</c> (always in the same order, so two enrolments
/// cannot deadlock), picks the cell and block order from the counts it then sees, increments them and inserts
/// the participant in the same transaction. Enrolments of one study version therefore happen one after the
/// other, and every committed state is a prefix of that sequence: with equal weights the cell counts (and the
/// block-order counts) differ by at most one at any moment.
/// <list type="bullet">
/// <item>Cell: the least count/weight; ties go to the lowest index.</item>
/// <item>Block order: the least count over all cells; ties go to the order least used within the chosen cell,
/// then to the lowest index.</item>
/// <item>Counters count enrolments: a withdrawal (erasure) does not give its slot back, so a participant's
/// assignment never depends on what others did afterwards.</item>
/// <item>A forced cell still counts, and still gets a balanced block order.</item>
/// </list>
/// Study status (open/paused/closed) and fullness are the caller's to check; see <see cref="IsFullAsync"/>.
/// </summary>
public static class Assigner
{
    const string Kind_Cell = "cell", Kind_Order = "order";

    /// <summary>Enrols in a transaction of its own, on one pooled connection.</summary>
    public static async Task<Enrolment> EnrolAsync(NpgsqlDataSource db, StudyDefinition study, EnrolmentRequest request, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await using var tx = await conn.BeginTransactionAsync(ct);
            try
            {
                var enrolment = await EnrolAsync(conn, tx, study, request, ct);
                await tx.CommitAsync(ct);
                return enrolment;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && request.Panel is not null && attempt < 3)
            {
                // Another version of the study enrolled the same panel id between our check and our insert: the
                // next attempt finds it and resumes that participant.
            }
        }
    }

    /// <summary>
    /// Enrols inside the caller's transaction (which the caller commits), so that a web request holds one
    /// connection, not one per step: under a panel launch the pool is the scarce resource.
    /// </summary>
    public static async Task<Enrolment> EnrolAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StudyDefinition study,
        EnrolmentRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(study);
        ArgumentNullException.ThrowIfNull(request);
        var cells = StudyDesign.Cells(study);
        var orders = StudyDesign.BlockOrders(study);
        if (cells.Count == 0) throw new InvalidOperationException($"Study '{study.Id}' version {study.Version} has no cells.");

        // A returning participant takes no lock and touches no counter.
        if (request.Panel is { } returning
            && await FindByPanelIdAsync(conn, tx, study.Id, returning.Panel, returning.ParticipantId, ct) is { } known)
            return known;

        var counters = await LockCountersAsync(conn, tx, study, ct);
        if (counters.Count == 0)
        {
            // Import creates the counters; a study version written some other way gets them here, once.
            var imported = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists (select 1 from study where id = @Id and version = @Version)", new { study.Id, study.Version }, tx,
                cancellationToken: ct));
            if (!imported)
                throw new InvalidOperationException($"Study '{study.Id}' version {study.Version} is not imported; run `study import` first.");
            await InsertCountersAsync(conn, tx, study, cells.Count, orders.Count, ct);
            counters = await LockCountersAsync(conn, tx, study, ct);
        }

        if (request.Panel is { } panel)
        {
            // Checked again under the lock: a concurrent first visit with the same id has committed by now.
            var existing = await FindByPanelIdAsync(conn, tx, study.Id, panel.Panel, panel.ParticipantId, ct);
            if (existing is not null) return existing;
        }

        int Count(string kind, int idx, int cellIdx) =>
            counters.FirstOrDefault(c => c.Kind == kind && c.Idx == idx && c.CellIdx == cellIdx).N;

        var cellIdx = study.AllowForcedCell && request.ForcedCell is { } forced && forced >= 0 && forced < cells.Count
            ? forced
            : cells.OrderBy(c => Count(Kind_Cell, c.Index, -1) / (c.Weight > 0 ? c.Weight : 1e-9)).ThenBy(c => c.Index).First().Index;
        var orderIdx = Enumerable.Range(0, orders.Count)
            .OrderBy(o => Count(Kind_Order, o, -1)).ThenBy(o => Count(Kind_Order, o, cellIdx)).ThenBy(o => o).First();

        await conn.ExecuteAsync(new CommandDefinition(
            """
            update assignment_counter set n = n + 1
            where study_id = @Id and study_version = @Version
              and ((kind = 'cell' and idx = @cellIdx and cell_idx = -1)
                or (kind = 'order' and idx = @orderIdx and cell_idx in (-1, @cellIdx)))
            """, new { study.Id, study.Version, cellIdx, orderIdx }, tx, cancellationToken: ct));

        var cell = cells[cellIdx];
        var enrolment = new Enrolment(NewParticipantId(), false, study.Version, cellIdx, cell.Arm, orderIdx,
            StudyDesign.BlockOrderName(orders[orderIdx]), study.Panel?.CompletionCode ?? NewCompletionCode());
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, completion_code)
            values (@ParticipantId, @studyId, @StudyVersion, @CellIndex, @Arm, @OrderIndex, @BlockOrder, @language, @CompletionCode)
            """, new
            {
                enrolment.ParticipantId, studyId = study.Id, enrolment.StudyVersion, enrolment.CellIndex, enrolment.Arm,
                enrolment.OrderIndex, enrolment.BlockOrder, language = study.Language(request.Language), enrolment.CompletionCode,
            }, tx, cancellationToken: ct));
        if (request.Panel is { } p)
            await conn.ExecuteAsync(new CommandDefinition(
                """
                insert into panel_id (participant_id, study_id, panel, panel_participant_id, panel_study_id, panel_session_id)
                values (@id, @studyId, @panel, @panelParticipantId, @panelStudyId, @panelSessionId)
                """, new
                {
                    id = enrolment.ParticipantId, studyId = study.Id, panel = p.Panel, panelParticipantId = p.ParticipantId,
                    panelStudyId = p.StudyId, panelSessionId = p.SessionId,
                },
                tx, cancellationToken: ct));
        return enrolment;
    }

    /// <summary>Locks every counter row of the study version, in one fixed order, and returns the counts.</summary>
    public static async Task<List<(string Kind, int Idx, int CellIdx, int N)>> LockCountersAsync(NpgsqlConnection conn,
        NpgsqlTransaction tx, StudyDefinition study, CancellationToken ct = default) =>
        (await conn.QueryAsync<(string Kind, int Idx, int CellIdx, int N)>(new CommandDefinition(
            """
            select kind, idx, cell_idx, n from assignment_counter
            where study_id = @Id and study_version = @Version
            order by kind, idx, cell_idx
            for update
            """, new { study.Id, study.Version }, tx, cancellationToken: ct))).ToList();

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
        return await FindByPanelIdAsync(conn, null, studyId, panel, panelParticipantId, ct);
    }

    static async Task<Enrolment?> FindByPanelIdAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string studyId, string panel, string panelParticipantId, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            SelectEnrolment + """
             join panel_id x on x.participant_id = p.id
            where x.study_id = @studyId and x.panel = @panel and x.panel_participant_id = @panelParticipantId
            """, new { studyId, panel, panelParticipantId }, tx, cancellationToken: ct));
        return row?.ToEnrolment(resumed: true);
    }

    /// <summary>The stored assignment of a participant (Resumed is false); null when there is none.</summary>
    public static async Task<Enrolment?> FindAsync(NpgsqlDataSource db, string participantId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row?>(new CommandDefinition(
            SelectEnrolment + " where p.id = @participantId", new { participantId }, cancellationToken: ct));
        return row?.ToEnrolment(resumed: false);
    }

    /// <summary>
    /// True when every cell of this study version has reached TargetPerCell enrolments (counted like assignment,
    /// withdrawals included). A study without a target is never full.
    /// </summary>
    public static async Task<bool> IsFullAsync(NpgsqlDataSource db, StudyDefinition study, CancellationToken ct = default)
    {
        if (study.TargetPerCell is not { } target) return false;
        var cellCount = StudyDesign.Cells(study).Count;
        await using var conn = await db.OpenConnectionAsync(ct);
        var full = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            select count(*) from assignment_counter
            where study_id = @Id and study_version = @Version and kind = 'cell' and cell_idx = -1 and idx < @cellCount and n >= @target
            """, new { study.Id, study.Version, cellCount, target }, cancellationToken: ct));
        return full >= cellCount;
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
