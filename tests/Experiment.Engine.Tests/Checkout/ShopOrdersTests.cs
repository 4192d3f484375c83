using Dapper;
using Experiment.Engine.Checkout;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Checkout;

public sealed class ShopOrdersTests : DatabaseTest
{
    /// <summary>
    /// The cart page's update racing the move of the same step (a second tab, a double submit): it waits for the move
    /// and then finds the step gone, so the cart stays the one the move stored (the one its ticket carries on).
    /// </summary>
    [Test]
    public async Task SetCartAsync_whileAMoveOfTheStepCommits_waitsAndWritesNothing()
    {
        await SeedAsync(DataSource);
        await using var mover = await DataSource.OpenConnectionAsync();
        var step = await mover.ExecuteScalarAsync<int>("select step from participant where id = 'p-c'");
        await using var move = await mover.BeginTransactionAsync();
        await mover.ExecuteAsync("update participant set step = step + 1 where id = 'p-c'", transaction: move);
        await mover.ExecuteAsync("""insert into shop_order (participant_id, cart) values ('p-c', '{"h": 1}')""", transaction: move);

        var update = ShopOrders.SetCartAsync(DataSource, "p-c", step, new Dictionary<string, int> { ["h"] = 5 }, CancellationToken.None);
        await Task.Delay(300);
        Assert.That(update.IsCompleted, Is.False, "the update waits for the move's lock on the participant");
        await move.CommitAsync();

        Assert.That(await update, Is.False, "the step moved on: refused");
        Assert.That(await mover.ExecuteScalarAsync<string>("select cart::text from shop_order where participant_id = 'p-c'"), Is.EqualTo("""{"h": 1}"""));
    }
}
