using Npgsql;
using NUnit.Framework;

namespace TestSupport;

/// <summary>Base for tests on a real database: each test gets a fresh migrated database of its own.</summary>
public abstract class DatabaseTest
{
    protected PostgresServer Server { get; private set; } = null!;
    protected string ConnectionString { get; private set; } = "";
    protected NpgsqlDataSource DataSource { get; private set; } = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        Server = await PostgresServer.SharedAsync();
        ConnectionString = await Server.CreateDatabaseAsync();
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    [TearDown]
    public async Task DropDatabase()
    {
        await DataSource.DisposeAsync();
        await Server.DropDatabaseAsync(ConnectionString);
    }
}
