using System.Diagnostics;
using Dapper;
using Npgsql;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>
/// Every verb acts on the database its environment names, and says so: two PostgreSQL clusters on different
/// ports, the command line run as its own process (as ./run.sh and a researcher run it) with only environment
/// variables choosing the database. The private cluster of ./run.sh is Username=ppl;Database=ppl at PPL_PG_PORT.
/// </summary>
public sealed class DatabaseSelectionTests
{
    PostgresServer shared = null!, other = null!;
    string sharedDb = "", privateDb = "";
    string? demoFile;

    [SetUp]
    public async Task StartTwoClusters()
    {
        shared = await PostgresServer.SharedAsync();
        sharedDb = await shared.CreateDatabaseAsync(migrated: false);
        other = await PostgresServer.StartPrivateAsync();
        await using (var conn = new NpgsqlConnection(other.AdminConnectionString))
        {
            await conn.OpenAsync();
            await conn.ExecuteAsync("create role ppl login superuser");
            await conn.ExecuteAsync("create database ppl owner ppl");
        }
        privateDb = new NpgsqlConnectionStringBuilder(other.AdminConnectionString) { Username = "ppl", Database = "ppl" }.ConnectionString;
        demoFile = Path.Combine(AppContext.BaseDirectory, "SeedStudies", "demo.json");
    }

    [TearDown]
    public async Task StopClusters()
    {
        await other.DisposeAsync();
        await shared.DropDatabaseAsync(sharedDb);
    }

    [Test]
    public async Task EveryVerb_databaseNamedByEnvironment_actsOnThatDatabase()
    {
        var onPrivate = new Dictionary<string, string?> { ["PPL_PG_PORT"] = other.Port.ToString() };
        var onShared = new Dictionary<string, string?> { ["PPL_DATABASE"] = sharedDb, ["PPL_PG_PORT"] = other.Port.ToString() };
        var privateWhere = $"127.0.0.1:{other.Port}/ppl (from the private cluster of ./run.sh, PPL_PG_PORT={other.Port})";
        var sharedWhere = $"127.0.0.1:{shared.Port}/{new NpgsqlConnectionStringBuilder(sharedDb).Database} (from PPL_DATABASE)";

        await RunEveryVerbAsync(onPrivate, privateWhere, "on-private");
        Assert.That(await CountsAsync(privateDb), Is.EqualTo(new Counts(1, 1, 11, 3)), "private cluster after its run");
        Assert.That(await TableCountAsync(sharedDb), Is.Zero, "the other database was not even migrated");

        await RunEveryVerbAsync(onShared, sharedWhere, "on-shared");
        Assert.That(await CountsAsync(sharedDb), Is.EqualTo(new Counts(1, 1, 11, 3)), "PPL_DATABASE wins over PPL_PG_PORT");
        Assert.That(await CountsAsync(privateDb), Is.EqualTo(new Counts(1, 1, 11, 3)), "private cluster unchanged by the second run");

        // ConnectionStrings__Main wins over PPL_DATABASE, and --connection over both.
        var main = await RunAsync(new() { ["ConnectionStrings__Main"] = privateDb, ["PPL_DATABASE"] = sharedDb },
            "simulate", "--study", "demo", "-n", "5", "--direct", "--decline-rate", "0", "--start", RecentStart);
        Assert.That(main.Err, Does.Contain($"database: 127.0.0.1:{other.Port}/ppl (from ConnectionStrings__Main)"));
        var explicitly = await RunAsync(new() { ["ConnectionStrings__Main"] = privateDb },
            "simulate", "--study", "demo", "-n", "7", "--direct", "--decline-rate", "0", "--start", RecentStart, "--connection", sharedDb);
        Assert.That(explicitly.Err, Does.Contain($"database: {sharedWhere.Replace("(from PPL_DATABASE)", "(from --connection)")}"));
        Assert.That((await CountsAsync(privateDb)).Participants, Is.EqualTo(11 + 5));
        Assert.That((await CountsAsync(sharedDb)).Participants, Is.EqualTo(11 + 7));
    }

    [Test]
    public async Task PplPgPort_bad_isOneClearErrorAndThePasswordIsNeverPrinted()
    {
        var bad = await RunAsync(new() { ["PPL_PG_PORT"] = "55x32" }, "db", "migrate");
        Assert.That(bad.Exit, Is.EqualTo(1));
        Assert.That(bad.Err, Does.Contain("error: PPL_PG_PORT must be a port number from 1 to 65535 (got '55x32')."));

        var withPassword = new NpgsqlConnectionStringBuilder(sharedDb) { Password = "S3cretQz!" }.ConnectionString;
        var run = await RunAsync(new() { ["ConnectionStrings__Main"] = withPassword }, "db", "migrate");
        Assert.That(run.Exit, Is.Zero, run.Err);
        Assert.That(run.Err, Does.Contain($"database: 127.0.0.1:{shared.Port}/"));
        Assert.That(run.Out + run.Err, Does.Not.Contain("S3cretQz"));
    }

    [Test]
    public async Task Simulate_withoutUrl_defaultsToTheAddressRunShServes()
    {
        var help = await RunAsync(new(), "simulate", "--help");
        Assert.That(help.Out, Does.Match(@"--url <url>\s+Base address of Survey\.Web \(loopback only\) \[default: http://127\.0\.0\.1:5080\]"));
    }

    /// <summary>Each verb that writes, exports or reads: exit 0 and "database: where" on stderr.</summary>
    async Task RunEveryVerbAsync(Dictionary<string, string?> env, string where, string tag)
    {
        var outDir = Directory.CreateTempSubdirectory("ppl-dbsel-").FullName;
        try
        {
            var runs = new List<(string[] Args, Result R)>();
            async Task Run(params string[] args) => runs.Add((args, await RunAsync(env, args)));
            await Run("db", "migrate");
            await Run("study", "import", demoFile!);
            await Run("account", "create", "--user", "u-" + tag);
            // Arrivals in the hour before now, so that purge (30 days of retention) keeps them whatever the date.
            await Run("simulate", "--study", "demo", "-n", "12", "--direct", "--live", "--decline-rate", "0", "--seed", "3",
                "--start", RecentStart, "--spread-days", "0.01");
            await Run("export", "--study", "demo", "--out", outDir);
            var someone = await FirstParticipantAsync(env.ContainsKey("PPL_DATABASE") ? sharedDb : privateDb);
            await Run("erase", "--study", "demo", "--participant", someone);
            await Run("purge", "--study", "demo");
            await Run("audit");
            await Run("study", "list");
            await Run("report", "--study", "demo", "--format", "json");
            await Run("db", "links");
            Assert.Multiple(() =>
            {
                foreach (var (args, r) in runs)
                {
                    Assert.That(r.Exit, Is.Zero, $"{string.Join(' ', args)}: {r.Err}");
                    Assert.That(r.Err, Does.Contain("database: " + where), string.Join(' ', args));
                }
            });
            Assert.That(File.ReadAllLines(Path.Combine(outDir, "participants.csv")), Has.Length.EqualTo(13), "12 participants exported");
        }
        finally { Directory.Delete(outDir, true); }
    }

    /// <summary>
    /// The command line runs as its own process on TimeProvider.System, which a test cannot replace, so the simulated
    /// sessions start an hour before that same clock: never abandoned, whatever the date the suite runs.
    /// </summary>
    static string RecentStart => TimeProvider.System.GetUtcNow().AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    sealed record Result(int Exit, string Out, string Err);

    record Counts(long Studies, long Accounts, long Participants, long Audits);

    static async Task<Counts> CountsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        return new Counts(await conn.ExecuteScalarAsync<long>("select count(*) from study"),
            await conn.ExecuteScalarAsync<long>("select count(*) from researcher"),
            await conn.ExecuteScalarAsync<long>("select count(*) from participant"),
            await conn.ExecuteScalarAsync<long>("select count(*) from audit_log where action in ('export', 'erase', 'purge')"));
    }

    static async Task<long> TableCountAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        return await conn.ExecuteScalarAsync<long>("select count(*) from information_schema.tables where table_schema = 'public'");
    }

    static async Task<string> FirstParticipantAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        return await conn.QueryFirstAsync<string>("select id from participant order by id");
    }

    /// <summary>`dotnet Analysis.dll args` with exactly these database variables (the test run's own are removed).</summary>
    static async Task<Result> RunAsync(Dictionary<string, string?> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Analysis.dll"));
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var v in new[] { "ConnectionStrings__Main", "PPL_DATABASE", "PPL_PG_PORT" }) psi.Environment.Remove(v);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return new Result(p.ExitCode, await stdout, await stderr);
    }
}
