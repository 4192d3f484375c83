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

    /// <summary>
    /// Erasing a study or a pilot deletes participants, and every "on delete cascade" or check of a referencing
    /// table then looks the participant up there: without an index on the referencing columns that is a scan of
    /// the whole table per deleted row.
    /// </summary>
    [Test]
    public async Task Apply_everyForeignKey_hasAnIndexThatStartsWithItsColumns()
    {
        Assert.That(Migrator.Apply(connectionString).Successful, Is.True);
        await using var conn = new NpgsqlConnection(connectionString);
        var unindexed = (await conn.QueryAsync<string>("""
            select c.conrelid::regclass::text || ' (' || array_to_string(array(
                       select a.attname from unnest(c.conkey) k join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k), ', ') || ')'
            from pg_constraint c
            where c.contype = 'f'
              and not exists (
                  select 1 from pg_index i
                  where i.indrelid = c.conrelid
                    and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
                    and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey)
            order by 1
            """)).ToList();
        Assert.That(await conn.ExecuteScalarAsync<int>("select count(*) from pg_constraint where contype = 'f'"), Is.GreaterThan(0),
            "the schema has foreign keys to check");
        Assert.That(unindexed, Is.Empty, "foreign keys without an index that starts with their columns");
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
