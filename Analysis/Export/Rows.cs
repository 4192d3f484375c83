using Experiment.Engine.Participants;
using Npgsql;

namespace Analysis.Export;

// The rows the export reads, one query each, every one ordered by participant id in byte order (collate "C")
// so that the merge in Exporter can compare ids ordinally.

sealed record ParticipantRow(string Id, int StudyVersion, int CellIdx, string Arm, string BlockOrder, string Language,
    string Status, DateTime StartedAt, DateTime? CompletedAt, bool? AttentionPassed, string? CheckoutOutcome, bool? BehaviourConsent)
{
    // The status as of the export's moment (ExportSnapshot.AbandonedBefore): the one rule of Abandonment.
    public const string Sql = $"""
        select id, study_version, cell_idx, arm, block_order, language, {Abandonment.StatusSql}, started_at, completed_at,
               attention_passed, checkout_outcome, behaviour_consent
        from participant where study_id = @studyId order by id collate "C"
        """;

    public static ParticipantRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetInt32(1), r.GetInt32(2), r.GetString(3),
        r.GetString(4), r.GetString(5), r.GetString(6), r.GetDateTime(7), r.IsDBNull(8) ? null : r.GetDateTime(8),
        r.IsDBNull(9) ? null : r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetString(10), r.IsDBNull(11) ? null : r.GetBoolean(11));

    /// <summary>Behaviour is exported once the checkout ended, unless the participant refused its use in the debrief.</summary>
    public bool CheckoutEnded => CheckoutOutcome is not null && BehaviourConsent != false;
}

sealed record ResponseRow(string ParticipantId, string Page, string Item, string Value, DateTime AnsweredAt)
{
    public const string Sql = """
        select r.participant_id, r.page, r.item, r.value, r.answered_at
        from response r join participant p on p.id = r.participant_id
        where p.study_id = @studyId order by r.participant_id collate "C"
        """;

    public static ResponseRow Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetDateTime(4));
}

sealed record DisclosureRow(string ParticipantId, string Field, decimal OfferPct, bool Disclosed, bool? Plausible, int? TimeOnFieldMs)
{
    public const string Sql = """
        select d.participant_id, d.field, d.offer_pct, d.disclosed, d.plausible, d.time_on_field_ms
        from disclosure d join participant p on p.id = d.participant_id
        where p.study_id = @studyId order by d.participant_id collate "C"
        """;

    public static DisclosureRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetDecimal(2), r.GetBoolean(3),
        r.IsDBNull(4) ? null : r.GetBoolean(4), r.IsDBNull(5) ? null : r.GetInt32(5));
}

sealed record PageTimeRow(string ParticipantId, string Page, DateTime ShownAt, DateTime? SubmittedAt)
{
    public const string Sql = """
        select t.participant_id, t.page, t.shown_at, t.submitted_at
        from page_time t join participant p on p.id = t.participant_id
        where p.study_id = @studyId order by t.participant_id collate "C", t.step
        """;

    public static PageTimeRow Read(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetDateTime(2), r.IsDBNull(3) ? null : r.GetDateTime(3));
}

sealed record PanelRow(string ParticipantId, string Panel, string PanelParticipantId, string? PanelStudyId, string? PanelSessionId)
{
    public const string Sql = """
        select i.participant_id, i.panel, i.panel_participant_id, i.panel_study_id, i.panel_session_id
        from panel_id i join participant p on p.id = i.participant_id
        where p.study_id = @studyId order by i.participant_id collate "C"
        """;

    public static PanelRow Read(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2),
        r.IsDBNull(3) ? null : r.GetString(3), r.IsDBNull(4) ? null : r.GetString(4));
}
