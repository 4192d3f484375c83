using Npgsql;
using NpgsqlTypes;

namespace Experiment.Engine.Participants;

// The rows of the participant tables (migration 0001 and later), one record per table, each with the one copy of
// its column list: the export reads them (Sql, Read) and the direct simulator writes them with binary COPY
// (Copy, Write). The export's queries are ordered by participant id in byte order (collate "C") so that the
// merge in ExportFiles can compare ids ordinally.

public sealed record ParticipantRow(string Id, string StudyId, int StudyVersion, int CellIdx, string Arm, int OrderIdx, string BlockOrder,
    string Language, string Status, int Step, DateTime StartedAt, DateTime? CompletedAt, DateTime LastSeenAt, bool? AttentionPassed,
    string? CheckoutOutcome, bool? BehaviourConsent, string CompletionCode, int RepeatEntries = 0,
    decimal? DiscountPct = null, decimal? AmountToPay = null, bool Pilot = false, bool? PrivacyOpened = null, int? PrivacyMs = null)
{
    static readonly string[] Columns =
    [
        "id", "study_id", "study_version", "cell_idx", "arm", "order_idx", "block_order", "language", "status", "step",
        "started_at", "completed_at", "last_seen_at", "attention_passed", "checkout_outcome", "behaviour_consent", "completion_code",
        "repeat_entries", "discount_pct", "amount_to_pay", "pilot", "privacy_statement_opened", "privacy_statement_ms",
    ];

    /// <summary>
    /// The export's read: the status as of the export's moment (@abandonedBefore), the one rule of Abandonment;
    /// pilot participants only when @includePilot (<see cref="Participants.Pilot.Filter"/>).
    /// </summary>
    public static readonly string Sql =
        $"select {string.Join(", ", Columns.Select(c => c == "status" ? Abandonment.StatusSql : c))} " +
        $"""from participant p where study_id = @studyId and {Participants.Pilot.Filter} order by id collate "C" """;

    public static readonly string Copy = $"copy participant ({string.Join(", ", Columns)}) from stdin (format binary)";

    public static ParticipantRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
        r.GetString(4), r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetString(8), r.GetInt32(9), r.GetDateTime(10),
        r.IsDBNull(11) ? null : r.GetDateTime(11), r.GetDateTime(12), r.IsDBNull(13) ? null : r.GetBoolean(13),
        r.IsDBNull(14) ? null : r.GetString(14), r.IsDBNull(15) ? null : r.GetBoolean(15), r.GetString(16), r.GetInt32(17),
        r.IsDBNull(18) ? null : r.GetDecimal(18), r.IsDBNull(19) ? null : r.GetDecimal(19), r.GetBoolean(20),
        r.IsDBNull(21) ? null : r.GetBoolean(21), r.IsDBNull(22) ? null : r.GetInt32(22));

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(Id, NpgsqlDbType.Text);
        w.Write(StudyId, NpgsqlDbType.Text);
        w.Write(StudyVersion, NpgsqlDbType.Integer);
        w.Write(CellIdx, NpgsqlDbType.Integer);
        w.Write(Arm, NpgsqlDbType.Text);
        w.Write(OrderIdx, NpgsqlDbType.Integer);
        w.Write(BlockOrder, NpgsqlDbType.Text);
        w.Write(Language, NpgsqlDbType.Text);
        w.Write(Status, NpgsqlDbType.Text);
        w.Write(Step, NpgsqlDbType.Integer);
        w.Write(StartedAt, NpgsqlDbType.TimestampTz);
        Rows.WriteNullable(w, CompletedAt, NpgsqlDbType.TimestampTz);
        w.Write(LastSeenAt, NpgsqlDbType.TimestampTz);
        Rows.WriteNullable(w, AttentionPassed, NpgsqlDbType.Boolean);
        Rows.WriteNullable(w, CheckoutOutcome, NpgsqlDbType.Text);
        Rows.WriteNullable(w, BehaviourConsent, NpgsqlDbType.Boolean);
        w.Write(CompletionCode, NpgsqlDbType.Text);
        w.Write(RepeatEntries, NpgsqlDbType.Integer);
        Rows.WriteNullable(w, DiscountPct, NpgsqlDbType.Numeric);
        Rows.WriteNullable(w, AmountToPay, NpgsqlDbType.Numeric);
        w.Write(Pilot, NpgsqlDbType.Boolean);
        Rows.WriteNullable(w, PrivacyOpened, NpgsqlDbType.Boolean);
        Rows.WriteNullable(w, PrivacyMs, NpgsqlDbType.Integer);
    }

    /// <summary>Behaviour is exported once the checkout ended, unless the participant refused its use in the debrief.</summary>
    public bool CheckoutEnded => CheckoutOutcome is not null && BehaviourConsent != false;

    /// <summary><see cref="CheckoutEnded"/> for a query on the participant table (the console's counts of shop behaviour).</summary>
    public const string CheckoutEndedSql = "(checkout_outcome is not null and behaviour_consent is distinct from false)";
}

public sealed record ResponseRow(string ParticipantId, string Page, string Item, string Value, DateTime AnsweredAt)
{
    public static readonly string Sql = $"""
        select r.participant_id, r.page, r.item, r.value, r.answered_at
        from response r join participant p on p.id = r.participant_id
        where p.study_id = @studyId and {Pilot.Filter} order by r.participant_id collate "C"
        """;

    public const string Copy = "copy response (participant_id, page, item, value, answered_at) from stdin (format binary)";

    public static ResponseRow Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDateTime(4));

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(ParticipantId, NpgsqlDbType.Text);
        w.Write(Page, NpgsqlDbType.Text);
        w.Write(Item, NpgsqlDbType.Text);
        w.Write(Value, NpgsqlDbType.Text);
        w.Write(AnsweredAt, NpgsqlDbType.TimestampTz);
    }
}

/// <summary>
/// One checkout field of one participant: never the value, only whether, how plausible and how long. The offer is
/// a decimal, as stored (numeric); the study file's offers are doubles and become decimals when a row is made.
/// Mode is the disclosure mode that measured it (DisclosureModes; migration 0180): a browser-mode field submitted
/// without JavaScript was measured by its choice.
/// GrantedPct is what the field added to the discount (CheckoutRules.Granted); null in rows stored before migration 0170.
/// </summary>
public sealed record DisclosureRow(string ParticipantId, string Field, decimal OfferPct, bool Disclosed, bool? Plausible, int? ListCount, int? TimeOnFieldMs,
    string Mode = Studies.DisclosureModes.Server, decimal? GrantedPct = null)
{
    public static readonly string Sql = $"""
        select d.participant_id, d.field, d.offer_pct, d.disclosed, d.plausible, d.list_count, d.time_on_field_ms, d.disclosure_mode, d.granted_pct
        from disclosure d join participant p on p.id = d.participant_id
        where p.study_id = @studyId and {Pilot.Filter} order by d.participant_id collate "C"
        """;

    public const string Copy =
        "copy disclosure (participant_id, field, offer_pct, disclosed, plausible, list_count, time_on_field_ms, disclosure_mode, granted_pct) from stdin (format binary)";

    public static DisclosureRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetBoolean(3),
        r.IsDBNull(4) ? null : r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetInt32(5), r.IsDBNull(6) ? null : r.GetInt32(6), r.GetString(7),
        r.IsDBNull(8) ? null : r.GetDecimal(8));

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(ParticipantId, NpgsqlDbType.Text);
        w.Write(Field, NpgsqlDbType.Text);
        w.Write(OfferPct, NpgsqlDbType.Numeric);
        w.Write(Disclosed, NpgsqlDbType.Boolean);
        Rows.WriteNullable(w, Plausible, NpgsqlDbType.Boolean);
        Rows.WriteNullable(w, ListCount, NpgsqlDbType.Integer);
        Rows.WriteNullable(w, TimeOnFieldMs, NpgsqlDbType.Integer);
        w.Write(Mode, NpgsqlDbType.Text);
        Rows.WriteNullable(w, GrantedPct, NpgsqlDbType.Numeric);
    }
}

public sealed record PageTimeRow(string ParticipantId, int Step, string Page, DateTime ShownAt, DateTime? SubmittedAt)
{
    public static readonly string Sql = $"""
        select t.participant_id, t.step, t.page, t.shown_at, t.submitted_at
        from page_time t join participant p on p.id = t.participant_id
        where p.study_id = @studyId and {Pilot.Filter} order by t.participant_id collate "C", t.step
        """;

    public const string Copy = "copy page_time (participant_id, step, page, shown_at, submitted_at) from stdin (format binary)";

    public static PageTimeRow Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetDateTime(3), r.IsDBNull(4) ? null : r.GetDateTime(4));

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(ParticipantId, NpgsqlDbType.Text);
        w.Write(Step, NpgsqlDbType.Integer);
        w.Write(Page, NpgsqlDbType.Text);
        w.Write(ShownAt, NpgsqlDbType.TimestampTz);
        Rows.WriteNullable(w, SubmittedAt, NpgsqlDbType.TimestampTz);
    }
}

public sealed record PanelRow(string ParticipantId, string StudyId, string Panel, string PanelParticipantId, string? PanelStudyId, string? PanelSessionId)
{
    public static readonly string Sql = $"""
        select i.participant_id, i.study_id, i.panel, i.panel_participant_id, i.panel_study_id, i.panel_session_id
        from panel_id i join participant p on p.id = i.participant_id
        where p.study_id = @studyId and {Pilot.Filter} order by i.participant_id collate "C"
        """;

    public const string Copy =
        "copy panel_id (participant_id, study_id, panel, panel_participant_id, panel_study_id, panel_session_id) from stdin (format binary)";

    public static PanelRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5));

    public void Write(NpgsqlBinaryImporter w)
    {
        w.StartRow();
        w.Write(ParticipantId, NpgsqlDbType.Text);
        w.Write(StudyId, NpgsqlDbType.Text);
        w.Write(Panel, NpgsqlDbType.Text);
        w.Write(PanelParticipantId, NpgsqlDbType.Text);
        Rows.WriteNullable(w, PanelStudyId, NpgsqlDbType.Text);
        Rows.WriteNullable(w, PanelSessionId, NpgsqlDbType.Text);
    }
}

/// <summary>Binary COPY of whole rows, in the tables' foreign-key order.</summary>
public static class Rows
{
    /// <summary>Writes <paramref name="rows"/> into their table with one COPY.</summary>
    public static void Copy<T>(NpgsqlConnection conn, string copy, IEnumerable<T> rows, Action<T, NpgsqlBinaryImporter> write)
    {
        using var w = conn.BeginBinaryImport(copy);
        foreach (var row in rows) write(row, w);
        w.Complete();
    }

    internal static void WriteNullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) w.Write(v, type); else w.WriteNull();
    }

    internal static void WriteNullable(NpgsqlBinaryImporter w, string? value, NpgsqlDbType type)
    {
        if (value is null) w.WriteNull(); else w.Write(value, type);
    }
}
