using Dapper;
using Experiment.Engine.Storage;
using Experiment.Engine.Studies;
using Npgsql;
using NpgsqlTypes;
using A = Experiment.Engine.Participants.ParticipantStore.Advance;

namespace Experiment.Engine.Checkout;

/// <summary>The shop_order row of a participant: their cart, and after the payment step its class, order number and delivery date.</summary>
public sealed record ShopOrder(IReadOnlyDictionary<string, int> Cart, string? PaymentMethod, string? OrderNumber, DateOnly? DeliveryDate);

/// <summary>
/// What a submission of a shop step writes to shop_order, in the step's guarded statement (ParticipantStore.AdvanceAsync,
/// <see cref="ShopOrders.Advanced"/>): the cart as submitted (product and cart pages), or at the payment step the class
/// of the payment with a new order number and delivery date (<see cref="KeepCart"/>: the stored cart stays;
/// <see cref="Cart"/> is stored only when the participant never changed the initial one and has no row yet).
/// </summary>
public sealed record OrderWrite(IReadOnlyDictionary<string, int> Cart, bool KeepCart = false, string? PaymentClass = null,
    string? OrderNumber = null, DateOnly? DeliveryDate = null)
{
    public static OrderWrite Pay(Shop shop, string paymentClass, string orderNumber, DateOnly deliveryDate) =>
        new(global::Experiment.Engine.Checkout.Cart.Initial(shop), KeepCart: true, paymentClass, orderNumber, deliveryDate);
}

/// <summary>
/// The order as the payment page and the confirmation show it: the cart, the fields disclosed, the amount stored,
/// and the participant's checkout outcome (ordered or left the shop; null before the checkout).
/// </summary>
public sealed record PlacedOrder(ShopOrder Order, IReadOnlySet<string> Disclosed, decimal? AmountToPay, string? CheckoutOutcome);

/// <summary>
/// Reads and writes shop_order (migration 0220). Every write names the step it was made on and changes nothing
/// when the participant is no longer on it, like ParticipantStore.AdvanceAsync: a replayed or stale form writes nothing.
/// </summary>
public static class ShopOrders
{
    /// <summary>The stored order (the cart read of a product, cart or checkout page), or the initial cart when there is none.</summary>
    public static async Task<ShopOrder> GetAsync(NpgsqlDataSource db, Shop shop, string participantId, CancellationToken ct) =>
        await GroupCommit.AloneAsync(db, OrderStatement(participantId), r => OrderOf(shop, r), ct) ?? new ShopOrder(Cart.Initial(shop), null, null, null);

    /// <summary><see cref="GetAsync(NpgsqlDataSource, Shop, string, CancellationToken)"/> in the next batch of the participant pages' group commit.</summary>
    public static async Task<ShopOrder> GetAsync(GroupCommit group, Shop shop, string participantId) =>
        await group.RowAsync(participantId, OrderStatement(participantId), r => OrderOf(shop, r)) ?? new ShopOrder(Cart.Initial(shop), null, null, null);

    static NpgsqlBatchCommand OrderStatement(string participantId) =>
        Positional.Statement("select cart::text, payment_method, order_number, delivery_date from shop_order where participant_id = $1 /* participant */")
            .With(participantId, NpgsqlDbType.Text);

    static ShopOrder OrderOf(Shop shop, NpgsqlDataReader row) =>
        new(Cart.FromJson(shop, row.TextOrNull(0)), row.TextOrNull(1), row.TextOrNull(2), row.OrNull<DateOnly>(3));

    /// <summary>
    /// The order with the fields disclosed at the checkout, the amount to pay stored then (CheckoutRules.Settle) and
    /// the checkout's outcome, in one statement: what the payment page and the order confirmation show (so the
    /// confirmation renders from the ticket and this read, FlowController.NeedsRow).
    /// </summary>
    public static async Task<PlacedOrder> PlacedAsync(NpgsqlDataSource db, Shop shop, string participantId, CancellationToken ct) =>
        await GroupCommit.AloneAsync(db, PlacedStatement(participantId), r => PlacedOf(shop, r), ct) ?? NothingPlaced(shop);

    /// <summary><see cref="PlacedAsync(NpgsqlDataSource, Shop, string, CancellationToken)"/> in the next batch of the participant pages' group commit.</summary>
    public static async Task<PlacedOrder> PlacedAsync(GroupCommit group, Shop shop, string participantId) =>
        await group.RowAsync(participantId, PlacedStatement(participantId), r => PlacedOf(shop, r)) ?? NothingPlaced(shop);

    static NpgsqlBatchCommand PlacedStatement(string participantId) =>
        Positional.Statement(
                """
                select o.cart::text, o.payment_method, o.order_number, o.delivery_date, p.amount_to_pay, p.checkout_outcome,
                       array(select d.field from disclosure d where d.participant_id = p.id and d.disclosed) as disclosed
                from participant p left join shop_order o on o.participant_id = p.id
                where p.id = $1 -- participant
                """)
            .With(participantId, NpgsqlDbType.Text);

    static PlacedOrder PlacedOf(Shop shop, NpgsqlDataReader row)
    {
        var order = row.TextOrNull(0) is { } cart
            ? new ShopOrder(Cart.FromJson(shop, cart), row.TextOrNull(1), row.TextOrNull(2), row.OrNull<DateOnly>(3))
            : new ShopOrder(Cart.Initial(shop), null, null, null);
        return new PlacedOrder(order, row.GetFieldValue<string[]>(6).ToHashSet(StringComparer.Ordinal), row.OrNull<decimal>(4), row.TextOrNull(5));
    }

    static PlacedOrder NothingPlaced(Shop shop) => new(new ShopOrder(Cart.Initial(shop), null, null, null), new HashSet<string>(StringComparer.Ordinal), null, null);

    /// <summary>
    /// The CTE of the guarded step statement (ParticipantStore.AdvanceAsync) that writes an <see cref="OrderWrite"/>
    /// for the participant the step moved (<c>moved</c>), so a shop step's submission is one statement: the cart
    /// as submitted, or the payment class with the order number and delivery date a first payment gives.
    /// </summary>
    public const string Advanced = $"""
        ,
        ordered as (
            insert into shop_order (participant_id, cart, payment_method, order_number, delivery_date)
            select id, {A.Cart}::jsonb, {A.PaymentClass}, {A.OrderNumber}, {A.DeliveryDate} from moved
            on conflict (participant_id) do update set
                cart = case when {A.KeepCart} then shop_order.cart else excluded.cart end,
                payment_method = coalesce(excluded.payment_method, shop_order.payment_method),
                order_number = coalesce(shop_order.order_number, excluded.order_number),
                delivery_date = coalesce(shop_order.delivery_date, excluded.delivery_date))
        """;

    /// <summary>
    /// The cart of a page that stays where it is ("update", "remove"); a move writes it in its step statement (<see cref="Advanced"/>).
    /// The guard locks the participant row as the step statement does, so an update racing a move of the same step
    /// waits for it and then finds the step gone: no cart is written after the move that went on with another.
    /// </summary>
    public static async Task<bool> SetCartAsync(NpgsqlDataSource db, string participantId, int step, IReadOnlyDictionary<string, int> cart, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            """
            with guarded as (select id from participant where id = @participantId and step = @step for update)
            insert into shop_order (participant_id, cart)
            select id, @cart::jsonb from guarded
            on conflict (participant_id) do update set cart = excluded.cart
            """, new { participantId, step, cart = Cart.ToJson(cart) }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// The payment step's way out ("continue shopping"): the participant leaves without paying, which is recorded as
    /// leaving the shop at the checkout is: checkout_outcome left_shop, no amount to pay, no discount, and every
    /// disclosure row of the order back to not disclosed (times on the fields kept). Moves the participant on to
    /// <paramref name="nextPage"/> in the same statement, guarded by the step like ParticipantStore.AdvanceAsync.
    /// </summary>
    public static async Task<bool> LeaveAtPaymentAsync(NpgsqlDataSource db, string participantId, int step, string page, string? nextPage, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            with moved as (
                update participant set step = step + 1, last_seen_at = now(), checkout_outcome = 'left_shop', discount_pct = 0, amount_to_pay = null
                where id = @participantId and step = @step
                returning id),
            undone as (
                update disclosure set disclosed = false, plausible = null, granted_pct = 0,
                    list_count = case when disclosure.list_count is null then null else 0 end
                from moved where disclosure.participant_id = moved.id),
            timed as (
                insert into page_time (participant_id, step, page, shown_at, submitted_at)
                select id, @step, @page, now(), now() from moved
                on conflict (participant_id, step) do update set submitted_at = coalesce(page_time.submitted_at, excluded.submitted_at)),
            shown_next as (
                insert into page_time (participant_id, step, page, shown_at)
                select id, @step + 1, @nextPage, now() from moved where @nextPage::text is not null
                on conflict (participant_id, step) do nothing)
            select count(*) from moved
            """, new { participantId, step, page, nextPage }, cancellationToken: ct)) == 1;
    }
}
