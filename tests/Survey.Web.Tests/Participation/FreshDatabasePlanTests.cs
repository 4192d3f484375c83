using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using Npgsql;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The first minute of a launch on a database whose statistics say "empty" (analysed while empty: VACUUM ANALYZE
/// after migration, autovacuum after a pilot's rows were removed, a restore). The participant pages' prepared
/// statements keep the plan PostgreSQL chose when they were first used; chosen on "empty" tables that plan was a
/// sequential scan, kept while the tables grew, and the first minute ran at half the rate (bench/results.md).
/// The plans must find participants by their keys whatever the statistics say.
/// </summary>
public sealed class FreshDatabasePlanTests
{
    const string SeedStudy = "privacy-paradox-nl";
    static readonly string[] KeyedTables = ["participant", "panel_id", "page_time", "response", "disclosure"];
    static readonly string[] ReadTables = ["participant", "panel_id", "page_time", "disclosure"];

    [Test]
    public async Task ParticipantFlows_tablesAnalysedWhileEmpty_scanNoParticipantTableSequentially()
    {
        await using var app = await TestWebApp.StartAsync();
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("vacuum analyze");
            var empty = await conn.QueryAsync<float>("select reltuples from pg_class where relname = any(@KeyedTables)", new { KeyedTables });
            Assert.That(empty, Is.All.EqualTo(0f), "the statistics say empty, as after an ANALYZE of the new installation");
        }
        var before = await ScansAsync(app, othersEnded: false);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, SeedStudy))!.Value.Study;

        // 60 participants, 8 at a time: every pooled connection runs each statement far more than the five times
        // after which PostgreSQL may switch a prepared statement to its generic plan.
        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, 60, concurrency: 8, TimeSpan.FromMinutes(3), seed: 20,
            new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0 });
        Assert.That((result.Completed, result.ErrorSamples), Is.EqualTo((60, (IReadOnlyList<string>)[])));

        await app.StopAsync(); // the app's sessions end and report their scan counts
        var after = await ScansAsync(app, othersEnded: true);
        foreach (var table in KeyedTables)
        {
            Assert.That(after[table].Seq - before[table].Seq, Is.Zero, $"sequential scans of {table}");
        }
        foreach (var table in ReadTables) // so the counts above are counts: the flow did read these tables
            Assert.That(after[table].Idx - before[table].Idx, Is.GreaterThan(0), $"index scans of {table}");
    }

    /// <summary>
    /// Scan counts per table. After the app has stopped: once every other session of this database has ended, and
    /// so reported its counts (a live session reports them only now and then).
    /// </summary>
    static async Task<Dictionary<string, (long Seq, long Idx)>> ScansAsync(TestWebApp app, bool othersEnded)
    {
        app.DataSource.Clear();
        await using var conn = new NpgsqlConnection(app.ConnectionString + ";Pooling=false");
        await conn.OpenAsync();
        const string Others = "select count(*) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'";
        for (var waited = 0; othersEnded && await conn.ExecuteScalarAsync<long>(Others) > 0; waited++)
        {
            if (waited > 400) Assert.Fail("the app's database sessions did not end within 20 s");
            await Task.Delay(50);
        }
        return (await conn.QueryAsync<(string Table, long Seq, long Idx)>(
                "select relname::text, seq_scan, coalesce(idx_scan, 0) from pg_stat_user_tables where relname = any(@KeyedTables)", new { KeyedTables }))
            .ToDictionary(r => r.Table, r => (r.Seq, r.Idx));
    }
}
