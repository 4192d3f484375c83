using System.Collections.Concurrent;
using Experiment.Engine.Storage;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TestSupport;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// The real Survey.Web app on Kestrel at 127.0.0.1 with a free port, on a real PostgreSQL database.
/// StartAsync() creates a fresh migrated database and imports the seed studies (seed-data/studies, copied to
/// the test output); StartAsync(app.ConnectionString) starts a second, independent app (own DI container,
/// own data-protection key ring, own pools of nothing shared in memory but the study cache) on the same
/// database, which is how two Survey.Web processes behind a load balancer behave. Every log line the app
/// writes, at Debug and above, is captured in LogLines.
/// </summary>
public sealed class TestWebApp : IAsyncDisposable
{
    readonly WebApplication app;
    readonly bool ownsDatabase;
    readonly ConcurrentQueue<string> lines;

    public string BaseUrl { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }
    /// <summary>The app's services (e.g. its data-protection key ring, to make a cookie as an older version wrote it).</summary>
    public IServiceProvider Services => app.Services;
    public IReadOnlyList<string> LogLines => lines.ToArray();

    TestWebApp(WebApplication app, string baseUrl, string connectionString, bool ownsDatabase, ConcurrentQueue<string> lines)
    {
        this.app = app;
        BaseUrl = baseUrl;
        ConnectionString = connectionString;
        this.ownsDatabase = ownsDatabase;
        this.lines = lines;
        DataSource = Database.CreateDataSource(connectionString);
    }

    /// <summary>null: a fresh database with the seed studies; otherwise a second app on that database.</summary>
    public static Task<TestWebApp> StartAsync(string? connectionString = null) => StartAsync(connectionString, null);

    /// <param name="settings">Extra configuration, e.g. { ["Enrolment:PerAddressPerMinute"] = "2" }.</param>
    /// <param name="clock">The app's "now" (a FakeTimeProvider the test moves); null: the system clock, which the
    /// database's own time stamps of participants' requests agree with.</param>
    /// <param name="services">Changes to the app's services after its own (e.g. a counting decorator).</param>
    /// <param name="configure">More wiring after the app's own (e.g. a counting event handler).</param>
    public static async Task<TestWebApp> StartAsync(string? connectionString, IReadOnlyDictionary<string, string?>? settings,
        TimeProvider? clock = null, Action<IServiceCollection>? services = null, Action<WebApplicationBuilder>? configure = null)
    {
        var owns = connectionString is null;
        if (connectionString is null)
        {
            var server = await PostgresServer.SharedAsync();
            connectionString = await server.CreateDatabaseAsync();
            await ImportSeedStudiesAsync(connectionString);
        }
        var lines = new ConcurrentQueue<string>();
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--environment", "Production",
            "--contentRoot", AppContext.BaseDirectory,
            "--ConnectionStrings:Main=" + connectionString,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) args.Add($"--{k}={v}");
        var app = SurveyApp.Build(args.ToArray(), builder =>
        {
            builder.Logging.AddProvider(new CapturingLoggerProvider(lines));
            // A provider-specific rule beats the app's category rules: capture everything from Debug up.
            builder.Logging.AddFilter<CapturingLoggerProvider>(null, LogLevel.Debug);
            if (clock is not null) builder.Services.AddSingleton(clock);
            services?.Invoke(builder.Services);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestWebApp(app, address.TrimEnd('/'), connectionString, owns, lines);
    }

    /// <summary>A plain-SQL dump of the whole database (data only), for "never stored" checks.</summary>
    public async Task<string> DumpDatabaseAsync() => (await PostgresServer.SharedAsync()).Dump(ConnectionString);

    public static string SeedStudiesFolder => Path.Combine(AppContext.BaseDirectory, "seed-data", "studies");

    /// <summary>Imports every seed study file (open, as a new study starts).</summary>
    public static async Task ImportSeedStudiesAsync(string connectionString)
    {
        if (!Directory.Exists(SeedStudiesFolder)) return;
        await using var db = Database.CreateDataSource(connectionString);
        foreach (var file in Directory.GetFiles(SeedStudiesFolder, "*.json").Order())
        {
            var loaded = StudyFile.Load(file);
            if (loaded.Study is null) throw new InvalidOperationException($"{file}: {string.Join("; ", loaded.Problems)}");
            await ImportAsync(db, loaded.Study);
        }
    }

    /// <summary>Imports (and opens) one more study on this app's database, e.g. one built in a test.</summary>
    public Task ImportStudyAsync(StudyDefinition study) => ImportAsync(DataSource, study);

    static async Task ImportAsync(NpgsqlDataSource db, StudyDefinition study)
    {
        var result = await StudyImport.ImportAsync(db, study);
        if (result.Outcome == ImportOutcome.Refused) throw new InvalidOperationException(result.Message);
        // A new study starts closed; these tests take part in it, as run.sh's `study import --open` allows.
        if (result.Created) await StudyStore.SetStatusAsync(db, study.Id, "open");
    }

    bool stopped;

    /// <summary>
    /// Stops the app and closes its connections (their server processes end and report their statistics), but
    /// keeps the database for the test to read; DisposeAsync drops it.
    /// </summary>
    public async Task StopAsync()
    {
        if (stopped) return;
        stopped = true;
        await app.StopAsync();
        await app.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await DataSource.DisposeAsync();
        if (ownsDatabase) await (await PostgresServer.SharedAsync()).DropDatabaseAsync(ConnectionString);
    }

    sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);
        public void Dispose() { }

        sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var structured = state is IEnumerable<KeyValuePair<string, object?>> kv
                    ? " {" + string.Join(", ", kv.Select(p => $"{p.Key}={p.Value}")) + "}" : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)}{structured}{(exception is null ? "" : " " + exception)}");
            }
        }
    }
}
