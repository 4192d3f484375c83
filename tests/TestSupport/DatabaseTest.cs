using Microsoft.Extensions.Time.Testing;
using Npgsql;
using NUnit.Framework;

namespace TestSupport;

/// <summary>
/// Base for tests on a real database: each test gets a fresh migrated database of its own, and a clock of its
/// own (<see cref="TestClock"/>) for the code under test to read "now" from.
/// </summary>
public abstract class DatabaseTest
{
    protected PostgresServer Server { get; private set; } = null!;
    protected string ConnectionString { get; private set; } = "";
    protected NpgsqlDataSource DataSource { get; private set; } = null!;
    protected FakeTimeProvider Clock { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        Server = await PostgresServer.SharedAsync();
        ConnectionString = await Server.CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        Clock = TestClock.Create();
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await DataSource.DisposeAsync();
        await Server.DropDatabaseAsync(ConnectionString);
    }
}
