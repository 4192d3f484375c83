using Dapper;
using Experiment.Engine.Studies;
using Npgsql;

namespace Experiment.Engine.Checkout;

/// <summary>The shop_order row of a participant: their cart, and after the payment step its class, order number and delivery date.</summary>
public sealed record ShopOrder(IReadOnlyDictionary<string, int> Cart, string? PaymentMethod, string? OrderNumber, DateOnly? DeliveryDate);

/// <summary>
/// Reads and writes shop_order (migration 0220). Every write names the step it was made on and changes nothing
/// when the participant is no longer on it, like ParticipantStore.AdvanceAsync: a replayed or stale form writes nothing.
/// </summary>
public static class ShopOrders
{
    sealed record Row(string Cart, string? PaymentMethod, string? OrderNumber, DateOnly? DeliveryDate);

    public static async Task<ShopOrder> GetAsync(NpgsqlDataSource db, Shop shop, string participantId, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "select cart::text as cart, payment_method, order_number, delivery_date from shop_order where participant_id = @participantId",
            new { participantId }, cancellationToken: ct));
        return row is null
            ? new ShopOrder(Cart.Initial(shop), null, null, null)
            : new ShopOrder(Cart.FromJson(shop, row.Cart), row.PaymentMethod, row.OrderNumber, row.DeliveryDate);
    }

    public static async Task<bool> SetCartAsync(NpgsqlDataSource db, string participantId, int step, IReadOnlyDictionary<string, int> cart, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into shop_order (participant_id, cart)
            select id, @cart::jsonb from participant where id = @participantId and step = @step
            on conflict (participant_id) do update set cart = excluded.cart
            """, new { participantId, step, cart = Cart.ToJson(cart) }, cancellationToken: ct)) == 1;
    }

    /// <summary>Records the payment class with a new order number and delivery date (the cart row is made if the participant never changed it).</summary>
    public static async Task<bool> PayAsync(NpgsqlDataSource db, string participantId, int step, IReadOnlyDictionary<string, int> cart, string paymentClass,
        string orderNumber, DateOnly deliveryDate, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into shop_order (participant_id, cart, payment_method, order_number, delivery_date)
            select id, @cart::jsonb, @paymentClass, @orderNumber, @deliveryDate from participant where id = @participantId and step = @step
            on conflict (participant_id) do update set payment_method = excluded.payment_method,
                order_number = coalesce(shop_order.order_number, excluded.order_number), delivery_date = coalesce(shop_order.delivery_date, excluded.delivery_date)
            """, new { participantId, step, cart = Cart.ToJson(cart), paymentClass, orderNumber, deliveryDate },
            cancellationToken: ct)) == 1;
    }
}
