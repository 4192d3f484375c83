using Dapper;
using Experiment.Engine.Storage;
using Npgsql;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Storage;

public sealed class MigratorTests
{
    PostgresServer server = null!;
    string connectionString = "";

    [SetUp]
    public async Task EmptyDatabase()
    {
        server = await PostgresServer.SharedAsync();
        connectionString = await server.CreateDatabaseAsync(migrated: false);
    }

    [TearDown]
    public Task Drop() => server.DropDatabaseAsync(connectionString);

    [Test]
    public async Task Apply_emptyDatabase_runsEveryScriptInFileOrderAndRecordsIt()
    {
        var result = Migrator.Apply(connectionString);

        Assert.That(result.Successful, Is.True, result.Error);
        var embedded = typeof(Migrator).Assembly.GetManifestResourceNames()
            .Where(n => n.Contains(".Storage.Migrations.")).Select(n => string.Join('.', n.Split('.')[^2..])).Order(StringComparer.Ordinal).ToList();
        Assert.That(result.Applied, Is.EqualTo(embedded));
        Assert.That(embedded, Is.Not.Empty);
        await using var conn = new NpgsqlConnection(connectionString);
        var recorded = (await conn.QueryAsync<string>("select scriptname from schemaversions order by schemaversionsid")).ToList();
        Assert.That(recorded.Select(r => string.Join('.', r.Split('.')[^2..])), Is.EqualTo(embedded));
    }

    [Test]
    public async Task Apply_twice_changesNothingTheSecondTime()
    {
        Assert.That(Migrator.Apply(connectionString).Successful, Is.True);
        var schemaBefore = await SchemaFingerprint();

        var second = Migrator.Apply(connectionString);

        Assert.That(second.Successful, Is.True);
        Assert.That(second.Applied, Is.Empty);
        Assert.That(await SchemaFingerprint(), Is.EqualTo(schemaBefore));
    }

    [Test]
    public async Task Apply_failingScript_leavesTheDatabaseAsItWas()
    {
        var result = Migrator.Apply(connectionString, typeof(MigratorTests).Assembly, n => n.Contains(".BrokenMigrations."));

        Assert.That(result.Successful, Is.False);
        Assert.That(result.FailedScript, Is.EqualTo("0002_bad.sql"));
        Assert.That(result.Error, Does.Contain("no_such_table"));
        await using var conn = new NpgsqlConnection(connectionString);
        var tables = (await conn.QueryAsync<string>(
            "select table_name from information_schema.tables where table_schema = 'public'")).ToList();
        Assert.That(tables, Does.Not.Contain("first_table"));
        Assert.That(tables, Does.Not.Contain("second_table"));
        var journalRows = tables.Contains("schemaversions")
            ? await conn.ExecuteScalarAsync<long>("select count(*) from schemaversions") : 0;
        Assert.That(journalRows, Is.Zero);
    }

    [Test]
    public async Task Apply_databaseMigratedTo0210_endsInTheSchemaOfAFreshDatabase()
    {
        // A database migrated before the storefront's 0220 (which an older branch had numbered 0190) takes it on the next start.
        var upTo0210 = Migrator.Apply(connectionString, typeof(Migrator).Assembly,
            n => n.Contains(".Storage.Migrations.") && string.CompareOrdinal(n.Split('.')[^2], "0210_zzz") < 0);
        Assert.That(upTo0210.Successful, Is.True, upTo0210.Error);
        Assert.That(upTo0210.Applied, Does.Contain("0210_pilot.sql").And.Not.Contain("0220_shop_order.sql"));
        var later = Migrator.Apply(connectionString);
        Assert.That(later.Successful, Is.True, later.Error);
        Assert.That(later.Applied, Does.Contain("0220_shop_order.sql"));

        var fresh = await server.CreateDatabaseAsync(migrated: false);
        try
        {
            Assert.That(Migrator.Apply(fresh).Successful, Is.True);
            Assert.That(await SchemaFingerprint(), Is.EqualTo(await SchemaFingerprint(fresh)));
        }
        finally { await server.DropDatabaseAsync(fresh); }
    }

    async Task<string> SchemaFingerprint(string? of = null)
    {
        await using var conn = new NpgsqlConnection(of ?? connectionString);
        var cols = await conn.QueryAsync<string>(
            "select table_name || '.' || column_name || ':' || data_type from information_schema.columns " +
            "where table_schema = 'public' order by 1");
        var journal = await conn.ExecuteScalarAsync<long>("select count(*) from schemaversions");
        return string.Join(',', cols) + "|" + journal;
    }
}
