using Dapper;
using Experiment.Engine.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Experiment.Engine.Participants;

/// <summary>
/// A participant as the pages need it. Step indexes StudyDesign.Steps(study, OrderIdx). Shown: the current step
/// already has its page_time row (set by <see cref="ParticipantStore.ShowAsync"/> only).
/// </summary>
public sealed record ParticipantProgress(string Id, string StudyId, int StudyVersion, int CellIdx, string Arm, int OrderIdx,
    string Language, string Status, int Step, string CompletionCode, string? CheckoutOutcome, bool? AttentionPassed, bool Shown);

/// <summary>
/// The participant's progress in PostgreSQL. The current step is the server's truth: a POST for any other step
/// writes nothing, and a POST for the current step writes step + 1, its page time and its answers in one
/// transaction, holding the participant row locked so two simultaneous POSTs of one step cannot both pass.
/// </summary>
public static class ParticipantStore
{
    public static async Task<ParticipantProgress?> FindAsync(NpgsqlDataSource db, string studyId, string participantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<ParticipantProgress>(new CommandDefinition(
            """
            select id, study_id, study_version, cell_idx, arm, order_idx, language, status, step, completion_code, checkout_outcome, attention_passed,
                   false as shown
            from participant where id = @participantId and study_id = @studyId
            """, new { studyId, participantId }, cancellationToken: ct));
    }

    /// <summary>
    /// The participant for showing a page, in one round trip: marks them seen (a bookkeeping write) and says
    /// whether the current step's page_time row exists. It usually does, because the submit that led here wrote
    /// it (<see cref="AdvanceAsync"/>); then showing the page costs no second statement.
    /// </summary>
    /// <param name="completion">The end step of the participant's study version and block order, whose page
    /// completes them: when their row is at it, the same statement completes them as <see cref="CompleteAsync"/>
    /// does (once), and then commits waiting for the flush, as completion must. Null: a bookkeeping write only.</param>
    /// <param name="group">The web app's group commit, for the completing statement (synchronously committed, so it
    /// may share a batch's commit); null: alone.</param>
    public static async Task<ParticipantProgress?> ShowAsync(NpgsqlDataSource db, string studyId, string participantId, CancellationToken ct,
        Completion? completion = null, GroupCommit? group = null)
    {
        if (completion is { } c)
        {
            var completing = Positional.Statement(ShowCompleting)
                .With(participantId, NpgsqlDbType.Text).With(studyId, NpgsqlDbType.Text)
                .With(c.Version, NpgsqlDbType.Integer).With(c.Order, NpgsqlDbType.Integer).With(c.EndStep, NpgsqlDbType.Integer);
            return group is null ? await GroupCommit.AloneAsync(db, completing, Progress, ct) : await group.RowAsync(participantId, completing, Progress);
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(Bookkeeping +
            $"""
            update participant p set last_seen_at = now() where p.id = @participantId and p.study_id = @studyId
            {ShowReturning}
            """, new { studyId, participantId }, cancellationToken: ct));
        await results.ReadAsync(); // set_config's row
        return await results.ReadSingleOrDefaultAsync<ParticipantProgress>();
    }

    /// <summary>A row of <see cref="ShowReturning"/>'s columns, in their order.</summary>
    static ParticipantProgress Progress(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetString(4),
        r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetInt32(8), r.GetString(9), r.TextOrNull(10), r.OrNull<bool>(11), r.GetBoolean(12));

    const string ShowReturning = """
        returning id, study_id, study_version, cell_idx, arm, order_idx, language, status, step, completion_code, checkout_outcome, attention_passed,
                  exists (select 1 from page_time t where t.participant_id = p.id and t.step = p.step) as shown
        """;

    /// <summary>Where a participant of <see cref="Version"/> and block order <see cref="Order"/> is complete: at <see cref="EndStep"/> (the end page's index) or past it.</summary>
    public sealed record Completion(int Version, int Order, int EndStep);

    /// <summary><see cref="ShowAsync"/> that also completes a participant at the end step (<see cref="CompleteAsync"/>'s rule), synchronously committed.</summary>
    const string ShowCompleting = $"""
        update participant p set last_seen_at = now(),
            status = case when {AtEnd} then 'completed' else p.status end,
            completed_at = case when {AtEnd} then now() else p.completed_at end
        where p.id = $1 /* participant */ and p.study_id = $2 /* study */
        {ShowReturning}
        """;

    const string AtEnd = "p.status = 'in_progress' and p.study_version = $3 /* version */ and p.order_idx = $4 /* block order */ and p.step >= $5 /* end step */";

    public static async Task SetLanguageAsync(NpgsqlDataSource db, string participantId, string language, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update participant set language = @language, last_seen_at = now() where id = @participantId",
            new { participantId, language }, cancellationToken: ct));
    }

    /// <summary>
    /// Prefix for bookkeeping writes (page shown, last seen, the consent page's entered/declined counts): their
    /// commit does not wait for the WAL flush. Under a panel launch, waiting for that flush twice per page roughly
    /// doubled PostgreSQL's CPU and put seconds of queueing on the consent page's hot counter (bench/results.md).
    /// A crash of the database server may lose the last fraction of a second of these writes, never a torn one;
    /// a lost shown_at is re-inserted as the submit time, so that page's time is 0. Answers, disclosures,
    /// completion and withdrawal stay synchronous: the next page is only shown once they are durable (enrolment
    /// becomes durable with the first of them; migration 0040 says why).
    /// </summary>
    public const string Bookkeeping = "select set_config('synchronous_commit', 'off', true);\n";

    /// <summary>
    /// The first time a step is shown (server time); showing it again changes nothing. Only for a step whose row
    /// <see cref="ShowAsync"/> found missing, which already marked the participant seen.
    /// </summary>
    public static async Task MarkShownAsync(NpgsqlDataSource db, string participantId, int step, string page, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(Bookkeeping +
            """
            insert into page_time (participant_id, step, page, shown_at) values (@participantId, @step, @page, now())
            on conflict (participant_id, step) do nothing
            """, new { participantId, step, page }, cancellationToken: ct));
    }

    /// <summary>One stored answer of the participant (the two shops' checkout reads the shop chosen before it); null when none.</summary>
    public static async Task<string?> AnswerAsync(NpgsqlDataSource db, string participantId, string item, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select value from response where participant_id = @participantId and item = @item", new { participantId, item }, cancellationToken: ct));
    }

    /// <summary>The shop's privacy statement page was shown to the participant (privacy_statement_opened).</summary>
    public static async Task MarkPrivacyOpenedAsync(NpgsqlDataSource db, string participantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update participant set privacy_statement_opened = true, last_seen_at = now() where id = @participantId and privacy_statement_opened is not true",
            new { participantId }, cancellationToken: ct));
    }

    /// <summary>Reaching the end page completes the participant (once).</summary>
    public static async Task CompleteAsync(NpgsqlDataSource db, string participantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update participant set status = 'completed', completed_at = now() where id = @participantId and status = 'in_progress'",
            new { participantId }, cancellationToken: ct));
    }

    /// <summary>
    /// Moves the participant from <paramref name="step"/> to the next step and writes what the step recorded, all
    /// or nothing. False (and nothing written) when the participant is no longer on that step: a stale request.
    /// </summary>
    /// <remarks>
    /// One statement, committed on its own (from the web app's pages, with the others of its batch: <see cref="GroupCommit"/>;
    /// the same holds there, statement by statement): the guarded update locks the participant row and every insert reads
    /// from its result, so a second POST of the same step waits for this one and then finds nothing to move and
    /// writes nothing. It also records the next page as shown (<paramref name="nextPage"/>, null after the last):
    /// the browser follows the redirect to it at once, so the page that follows needs no write of its own. A
    /// page reached any other way (the first after consent, a resumed session) is marked when it is shown. Under
    /// a panel launch the web server is busy, and every round trip costs both servers CPU and, inside a
    /// transaction, time a row stays locked; this way a submission costs one.
    /// </remarks>
    public static async Task<bool> AdvanceAsync(NpgsqlDataSource db, string participantId, int step, string page, string? nextPage,
        StepWrite write, CancellationToken ct) =>
        Moved(await GroupCommit.AloneAsync(db, AdvanceStatement(participantId, step, page, nextPage, write), ct));

    /// <summary>
    /// <see cref="AdvanceAsync(NpgsqlDataSource, string, int, string, string?, StepWrite, CancellationToken)"/> in the
    /// next batch of <paramref name="group"/> (the web app's participant pages): the same statement, answered once its
    /// batch has committed. Safe to group: run again after a rollback, it moves the step only from where the row is.
    /// </summary>
    public static async Task<bool> AdvanceAsync(GroupCommit group, string participantId, int step, string page, string? nextPage, StepWrite write) =>
        Moved(await group.ScalarAsync(participantId, AdvanceStatement(participantId, step, page, nextPage, write)));

    static bool Moved(object? count) => count is long n && n == 1;

    static NpgsqlBatchCommand AdvanceStatement(string participantId, int step, string page, string? nextPage, StepWrite write)
    {
        var rows = write.Disclosures ?? [];
        var answers = write.Answers ?? new Dictionary<string, string>();
        var order = write.Order;
        // In the order of Advance's numbers; every variant takes all of them (one order, whatever the step has).
        return Positional.Statement(AdvanceSql(nextPage is not null, answers.Count > 0, rows.Count > 0, order is not null))
            .With(participantId, NpgsqlDbType.Text).With(step, NpgsqlDbType.Integer).With(page, NpgsqlDbType.Text)
            .With(nextPage, NpgsqlDbType.Text).With(write.Skip, NpgsqlDbType.Integer)
            .With(write.AttentionPassed, NpgsqlDbType.Boolean).With(write.CheckoutOutcome, NpgsqlDbType.Text)
            .With(write.BehaviourConsent, NpgsqlDbType.Boolean)
            .With(write.Settlement?.DiscountPct, NpgsqlDbType.Numeric).With(write.Settlement?.AmountToPay, NpgsqlDbType.Numeric)
            .With(write.PrivacyOpened, NpgsqlDbType.Boolean).With(write.PrivacyMs, NpgsqlDbType.Integer)
            .With(write.ResponsePage ?? "", NpgsqlDbType.Text)
            .With(answers.Keys.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With(answers.Values.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With(rows.Select(r => r.Field).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With(rows.Select(r => r.OfferPct).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Numeric)
            .With(rows.Select(r => r.Disclosed).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean)
            .With(rows.Select(r => r.Plausible).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Boolean)
            .With(rows.Select(r => r.ListCount).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)
            .With(rows.Select(r => r.TimeOnFieldMs).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Integer)
            .With(rows.Select(r => r.Mode).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text)
            .With(rows.Select(r => r.GrantedPct).ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Numeric)
            .With(order is null ? null : Checkout.Cart.ToJson(order.Cart), NpgsqlDbType.Jsonb).With(order?.KeepCart ?? false, NpgsqlDbType.Boolean)
            .With(order?.PaymentClass, NpgsqlDbType.Text).With(order?.OrderNumber, NpgsqlDbType.Text).With(order?.DeliveryDate, NpgsqlDbType.Date);
    }

    /// <summary>
    /// The numbers of the guarded statement's parameters (<see cref="AdvanceAsync"/> adds them in this order), named
    /// in its SQL and in the shop's CTE (Checkout.ShopOrders.Advanced).
    /// </summary>
    internal static class Advance
    {
        public const string Participant = "$1", Step = "$2", Page = "$3", NextPage = "$4", Skip = "$5", Passed = "$6", Outcome = "$7",
            Consent = "$8", DiscountPct = "$9", AmountToPay = "$10", PrivacyOpened = "$11", PrivacyMs = "$12", ResponsePage = "$13",
            Items = "$14", AnswerValues = "$15", Fields = "$16", Offers = "$17", Disclosed = "$18", Plausible = "$19", Counts = "$20",
            Times = "$21", Modes = "$22", Granted = "$23", Cart = "$24", KeepCart = "$25", PaymentClass = "$26", OrderNumber = "$27",
            DeliveryDate = "$28";
    }

    /// <summary>
    /// The guarded statement of <see cref="AdvanceAsync"/> with only the inserts the step has (the next page's shown
    /// time, answers, checkout rows, the shop's order): each insert CTE opens its table and indexes even when it
    /// inserts nothing, and most steps record none of these. Sixteen fixed texts (a study uses a few of them), each
    /// prepared once per connection.
    /// </summary>
    static string AdvanceSql(bool next, bool answers, bool disclosures, bool order) =>
        AdvanceVariants[(next ? 1 : 0) | (answers ? 2 : 0) | (disclosures ? 4 : 0) | (order ? 8 : 0)];

    internal static readonly string[] AdvanceVariants = Enumerable.Range(0, 16).Select(i => string.Concat(
        AdvanceMoved,
        (i & 1) != 0 ? AdvanceShownNext : "",
        (i & 2) != 0 ? AdvanceAnswered : "",
        (i & 4) != 0 ? AdvanceDisclosed : "",
        (i & 8) != 0 ? Checkout.ShopOrders.Advanced : "",
        "\nselect count(*) from moved")).ToArray();

    const string AdvanceMoved = $"""
        with moved as (
            update participant set
                step = step + 1 + {Advance.Skip}, last_seen_at = now(),
                attention_passed = case when {Advance.Passed}::boolean is null then attention_passed
                                        else coalesce(attention_passed, true) and {Advance.Passed}::boolean end,
                checkout_outcome = coalesce({Advance.Outcome}, checkout_outcome),
                behaviour_consent = coalesce({Advance.Consent}::boolean, behaviour_consent),
                discount_pct = coalesce({Advance.DiscountPct}::numeric, discount_pct),
                amount_to_pay = coalesce({Advance.AmountToPay}::numeric, amount_to_pay),
                -- Once opened (the statement page records it when shown) it stays opened; the checkout's report
                -- (null without JavaScript) says the rest.
                privacy_statement_opened = case when privacy_statement_opened then true
                                                else coalesce({Advance.PrivacyOpened}::boolean, privacy_statement_opened) end,
                privacy_statement_ms = coalesce({Advance.PrivacyMs}::int, privacy_statement_ms)
            where id = {Advance.Participant} and step = {Advance.Step}
            returning id),
        timed as (
            insert into page_time (participant_id, step, page, shown_at, submitted_at)
            select id, {Advance.Step}, {Advance.Page}, now(), now() from moved
            on conflict (participant_id, step) do update set submitted_at = coalesce(page_time.submitted_at, excluded.submitted_at))
        """;

    const string AdvanceShownNext = $"""
        ,
        shown_next as (
            insert into page_time (participant_id, step, page, shown_at)
            select id, {Advance.Step} + 1 + {Advance.Skip}, {Advance.NextPage}, now() from moved
            on conflict (participant_id, step) do nothing)
        """;

    const string AdvanceAnswered = $"""
        ,
        answered as (
            insert into response (participant_id, page, item, value, answered_at)
            select moved.id, {Advance.ResponsePage}, i, v, now() from moved, unnest({Advance.Items}::text[], {Advance.AnswerValues}::text[]) as x(i, v))
        """;

    const string AdvanceDisclosed = $"""
        ,
        disclosed as (
            insert into disclosure (participant_id, field, offer_pct, disclosed, plausible, list_count, time_on_field_ms, disclosure_mode, granted_pct)
            select moved.id, f, o, d, pl, c, t, m, g from moved,
                unnest({Advance.Fields}::text[], {Advance.Offers}::numeric[], {Advance.Disclosed}::boolean[], {Advance.Plausible}::boolean[], {Advance.Counts}::int[], {Advance.Times}::int[], {Advance.Modes}::text[],
                       {Advance.Granted}::numeric[])
                as x(f, o, d, pl, c, t, m, g))
        """;
}

/// <summary>
/// What a submitted step records besides the step and its page time: questionnaire answers (of ResponsePage) and
/// the attention-check result, the checkout's disclosure rows and outcome, the shop's cart or payment (Order), or the
/// debrief's behaviour consent.
/// </summary>
public sealed record StepWrite(
    string? ResponsePage = null, IReadOnlyDictionary<string, string>? Answers = null, bool? AttentionPassed = null,
    IReadOnlyList<DisclosureRow>? Disclosures = null, string? CheckoutOutcome = null, bool? BehaviourConsent = null,
    Checkout.Settlement? Settlement = null, bool? PrivacyOpened = null, int? PrivacyMs = null, Checkout.OrderWrite? Order = null)
{
    /// <summary>Steps passed over without being shown (the payment step after leaving the shop); nextPage is then the one after them.</summary>
    public int Skip { get; init; }

    public static readonly StepWrite Nothing = new();
}
