using Dapper;
using Npgsql;

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
    public static async Task<ParticipantProgress?> ShowAsync(NpgsqlDataSource db, string studyId, string participantId, CancellationToken ct,
        Completion? completion = null)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (completion is { } c)
            return await conn.QuerySingleOrDefaultAsync<ParticipantProgress>(new CommandDefinition(ShowCompleting,
                new { studyId, participantId, version = c.Version, order = c.Order, endStep = c.EndStep }, cancellationToken: ct));
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(Bookkeeping +
            $"""
            update participant p set last_seen_at = now() where p.id = @participantId and p.study_id = @studyId
            {ShowReturning}
            """, new { studyId, participantId }, cancellationToken: ct));
        await results.ReadAsync(); // set_config's row
        return await results.ReadSingleOrDefaultAsync<ParticipantProgress>();
    }

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
        where p.id = @participantId and p.study_id = @studyId
        {ShowReturning}
        """;

    const string AtEnd = "p.status = 'in_progress' and p.study_version = @version and p.order_idx = @order and p.step >= @endStep";

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
    /// One statement, committed on its own: the guarded update locks the participant row and every insert reads
    /// from its result, so a second POST of the same step waits for this one and then finds nothing to move and
    /// writes nothing. It also records the next page as shown (<paramref name="nextPage"/>, null after the last):
    /// the browser follows the redirect to it at once, so the page that follows needs no write of its own. A
    /// page reached any other way (the first after consent, a resumed session) is marked when it is shown. Under
    /// a panel launch the web server is busy, and every round trip costs both servers CPU and, inside a
    /// transaction, time a row stays locked; this way a submission costs one.
    /// </remarks>
    public static async Task<bool> AdvanceAsync(NpgsqlDataSource db, string participantId, int step, string page, string? nextPage,
        StepWrite write, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = write.Disclosures ?? [];
        var moved = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            AdvanceSql(nextPage is not null, write.Answers is { Count: > 0 }, rows.Count > 0, write.Order is not null), new
            {
                participantId, step, page, nextPage, skip = write.Skip, passed = write.AttentionPassed, outcome = write.CheckoutOutcome, consent = write.BehaviourConsent,
                responsePage = write.ResponsePage ?? "", items = (write.Answers ?? new Dictionary<string, string>()).Keys.ToArray(),
                answerValues = (write.Answers ?? new Dictionary<string, string>()).Values.ToArray(),
                fields = rows.Select(r => r.Field).ToArray(), offers = rows.Select(r => r.OfferPct).ToArray(),
                disclosed = rows.Select(r => r.Disclosed).ToArray(), plausible = rows.Select(r => r.Plausible).ToArray(),
                counts = rows.Select(r => r.ListCount).ToArray(), times = rows.Select(r => r.TimeOnFieldMs).ToArray(),
                modes = rows.Select(r => r.Mode).ToArray(),
                granted = rows.Select(r => r.GrantedPct).ToArray(),
                discountPct = write.Settlement?.DiscountPct, amountToPay = write.Settlement?.AmountToPay,
                privacyOpened = write.PrivacyOpened, privacyMs = write.PrivacyMs,
                cart = write.Order is { } order ? Checkout.Cart.ToJson(order.Cart) : null, keepCart = write.Order?.KeepCart ?? false,
                paymentClass = write.Order?.PaymentClass, orderNumber = write.Order?.OrderNumber, deliveryDate = write.Order?.DeliveryDate,
            }, cancellationToken: ct));
        return moved == 1;
    }

    /// <summary>
    /// The guarded statement of <see cref="AdvanceAsync"/> with only the inserts the step has (the next page's shown
    /// time, answers, checkout rows, the shop's order): each insert CTE opens its table and indexes even when it
    /// inserts nothing, and most steps record none of these. Sixteen fixed texts (a study uses a few of them), each
    /// prepared once per connection.
    /// </summary>
    static string AdvanceSql(bool next, bool answers, bool disclosures, bool order) =>
        AdvanceVariants[(next ? 1 : 0) | (answers ? 2 : 0) | (disclosures ? 4 : 0) | (order ? 8 : 0)];

    static readonly string[] AdvanceVariants = Enumerable.Range(0, 16).Select(i => string.Concat(
        AdvanceMoved,
        (i & 1) != 0 ? AdvanceShownNext : "",
        (i & 2) != 0 ? AdvanceAnswered : "",
        (i & 4) != 0 ? AdvanceDisclosed : "",
        (i & 8) != 0 ? Checkout.ShopOrders.Advanced : "",
        "\nselect count(*) from moved")).ToArray();

    const string AdvanceMoved = """
        with moved as (
            update participant set
                step = step + 1 + @skip, last_seen_at = now(),
                attention_passed = case when @passed::boolean is null then attention_passed
                                        else coalesce(attention_passed, true) and @passed::boolean end,
                checkout_outcome = coalesce(@outcome, checkout_outcome),
                behaviour_consent = coalesce(@consent::boolean, behaviour_consent),
                discount_pct = coalesce(@discountPct::numeric, discount_pct),
                amount_to_pay = coalesce(@amountToPay::numeric, amount_to_pay),
                -- Once opened (the statement page records it when shown) it stays opened; the checkout's report
                -- (null without JavaScript) says the rest.
                privacy_statement_opened = case when privacy_statement_opened then true
                                                else coalesce(@privacyOpened::boolean, privacy_statement_opened) end,
                privacy_statement_ms = coalesce(@privacyMs::int, privacy_statement_ms)
            where id = @participantId and step = @step
            returning id),
        timed as (
            insert into page_time (participant_id, step, page, shown_at, submitted_at)
            select id, @step, @page, now(), now() from moved
            on conflict (participant_id, step) do update set submitted_at = coalesce(page_time.submitted_at, excluded.submitted_at))
        """;

    const string AdvanceShownNext = """
        ,
        shown_next as (
            insert into page_time (participant_id, step, page, shown_at)
            select id, @step + 1 + @skip, @nextPage, now() from moved
            on conflict (participant_id, step) do nothing)
        """;

    const string AdvanceAnswered = """
        ,
        answered as (
            insert into response (participant_id, page, item, value, answered_at)
            select moved.id, @responsePage, i, v, now() from moved, unnest(@items::text[], @answerValues::text[]) as x(i, v))
        """;

    const string AdvanceDisclosed = """
        ,
        disclosed as (
            insert into disclosure (participant_id, field, offer_pct, disclosed, plausible, list_count, time_on_field_ms, disclosure_mode, granted_pct)
            select moved.id, f, o, d, pl, c, t, m, g from moved,
                unnest(@fields::text[], @offers::numeric[], @disclosed::boolean[], @plausible::boolean[], @counts::int[], @times::int[], @modes::text[],
                       @granted::numeric[])
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
