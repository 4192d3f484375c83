using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Experiment.Engine.Storage;
using Npgsql;

namespace TestSupport;

/// <summary>
/// The real PostgreSQL the tests talk to. With PPL_TEST_DATABASE set (a connection string of a role that may
/// create databases) that server is used; otherwise a private cluster is created in a temporary folder,
/// started on a free loopback port (as the unprivileged <c>postgres</c> user when the run is root) and
/// removed when the test run ends. Every test gets its own database cloned from a migrated template.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string ExternalVariable = "PPL_TEST_DATABASE";
    const string Template = "ppl_test_template";

    static readonly SemaphoreSlim Gate = new(1, 1);
    static PostgresServer? shared;

    readonly string? dataDir;
    readonly string? runAs;
    readonly string? binDir;
    public string AdminConnectionString { get; }

    PostgresServer(string admin, string? dataDir, string? runAs, string? binDir)
    {
        AdminConnectionString = admin;
        this.dataDir = dataDir;
        this.runAs = runAs;
        this.binDir = binDir;
    }

    /// <summary>The one server of this test run, started on first use.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (shared is null)
            {
                var server = await StartAsync();
                await server.PrepareTemplateAsync();
                shared = server;
            }
            return shared;
        }
        finally { Gate.Release(); }
    }

    public static async Task StopSharedAsync()
    {
        if (shared is not null) await shared.DisposeAsync();
        shared = null;
    }

    static Task<PostgresServer> StartAsync() =>
        Environment.GetEnvironmentVariable(ExternalVariable) is { Length: > 0 } external
            ? Task.FromResult(new PostgresServer(external, null, null, null))
            : StartPrivateAsync();

    /// <summary>
    /// A private cluster of its own (not the shared one, not PPL_TEST_DATABASE), on another free port, with no
    /// template; for tests about which of two servers something acts on. Dispose stops and removes it.
    /// </summary>
    public static Task<PostgresServer> StartPrivateAsync() => Task.Run(StartPrivate);

    static PostgresServer StartPrivate()
    {
        var bin = FindBinDir() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found (looked for initdb under /usr/lib/postgresql/*/bin and on PATH). " +
            "Install them (Debian: apt-get install postgresql) or set " + ExternalVariable + ".");
        var dir = Path.Combine(Path.GetTempPath(), "ppl-test-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        string? runAs = Environment.UserName == "root" ? "postgres" : null;
        if (runAs is not null) Run("chown", $"-R {runAs} {dir}", null);
        var port = FreePort();
        Run(Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres --auth=trust --encoding=UTF8 --no-sync", runAs);
        var options = $"-p {port} -k {dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                      "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
        Run(Path.Combine(bin, "pg_ctl"), $"-D {dir}/data -l {dir}/server.log -w -t 60 -o \"{options}\" start", runAs);
        var admin = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        return new PostgresServer(admin, dir, runAs, bin);
    }

    public int Port => new NpgsqlConnectionStringBuilder(AdminConnectionString).Port;

    async Task PrepareTemplateAsync()
    {
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop database if exists {Template} with (force)", conn);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"create database {Template}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var result = Migrator.Apply(ConnectionStringFor(Template, pooling: false));
        if (!result.Successful) throw new InvalidOperationException($"Migrations failed in {result.FailedScript}: {result.Error}");
    }

    /// <summary>A new, empty, migrated database for one test (or one fixture).</summary>
    public async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        var sql = migrated ? $"create database {name} template {Template}" : $"create database {name}";
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"drop database if exists {name} with (force)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public string ConnectionStringFor(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>pg_dump of one database as plain SQL, for tests that look for what must never be stored.</summary>
    public string Dump(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var pgDump = binDir is null ? "pg_dump" : Path.Combine(binDir, "pg_dump");
        var psi = new ProcessStartInfo(pgDump, $"-h {b.Host} -p {b.Port} -U {b.Username} --data-only --inserts {b.Database}")
        { RedirectStandardOutput = true, RedirectStandardError = true };
        if (!string.IsNullOrEmpty(b.Password)) psi.Environment["PGPASSWORD"] = b.Password;
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("pg_dump failed: " + p.StandardError.ReadToEnd());
        return output;
    }

    public ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (dataDir is null || binDir is null) return ValueTask.CompletedTask;
        try { Run(Path.Combine(binDir, "pg_ctl"), $"-D {dataDir}/data -m immediate stop", runAs); }
        finally { try { Directory.Delete(dataDir, true); } catch (IOException) { } }
        return ValueTask.CompletedTask;
    }

    static string? FindBinDir()
    {
        if (Environment.GetEnvironmentVariable("PPL_PG_BIN") is { Length: > 0 } explicitBin) return explicitBin;
        var root = "/usr/lib/postgresql";
        if (Directory.Exists(root))
        {
            var best = Directory.GetDirectories(root)
                .Select(d => (dir: d, ok: int.TryParse(Path.GetFileName(d), out var v), v))
                .Where(x => x.ok && File.Exists(Path.Combine(x.dir, "bin", "initdb")))
                .OrderByDescending(x => x.v).FirstOrDefault();
            if (best.dir is not null) return Path.Combine(best.dir, "bin");
        }
        foreach (var p in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
            if (File.Exists(Path.Combine(p, "initdb"))) return p;
        return null;
    }

    static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    static void Run(string file, string args, string? runAs)
    {
        var psi = runAs is null
            ? new ProcessStartInfo(file, args)
            : new ProcessStartInfo("runuser", $"-u {runAs} -- {file} {args}");
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({p.ExitCode}): {stderr}{stdout.Result}");
    }
}
