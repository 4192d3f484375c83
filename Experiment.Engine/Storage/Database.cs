using Npgsql;

namespace Experiment.Engine.Storage;

/// <summary>Where the connection string comes from, the same way for the web app, the CLI and the scripts.</summary>
public static class Database
{
    public const string EnvironmentVariable = "ConnectionStrings__Main";
    public const string ShortEnvironmentVariable = "PPL_DATABASE";
    public const string PrivatePortVariable = "PPL_PG_PORT";
    public const int PrivateClusterDefaultPort = 55432;

    /// <summary>A connection string and where it came from, for "acts on ..." lines.</summary>
    public sealed record Resolved(string ConnectionString, string Source)
    {
        /// <summary>host:port/database and the source; never the password or any other part.</summary>
        public string Describe() => $"{Where(ConnectionString)} (from {Source})";
    }

    /// <summary>
    /// The one place that decides which database is meant, for the web app, every command-line verb and ./run.sh
    /// (which starts the private cluster only when neither variable is set, and leaves the rest to this):
    /// an explicit connection string (--connection, --ConnectionStrings:Main), else ConnectionStrings__Main, else
    /// PPL_DATABASE, else the private cluster of ./run.sh on 127.0.0.1 at PPL_PG_PORT (default 55432).
    /// </summary>
    public static Resolved Resolve(string? explicitConnectionString = null, string explicitSource = "--connection")
    {
        if (explicitConnectionString is { Length: > 0 }) return new(explicitConnectionString, explicitSource);
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } a) return new(a, EnvironmentVariable);
        if (Environment.GetEnvironmentVariable(ShortEnvironmentVariable) is { Length: > 0 } b) return new(b, ShortEnvironmentVariable);
        var port = PrivateClusterDefaultPort;
        var source = "the private cluster of ./run.sh";
        if (Environment.GetEnvironmentVariable(PrivatePortVariable) is { Length: > 0 } given)
        {
            if (!int.TryParse(given.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port)
                || port is < 1 or > 65535)
                throw new ArgumentException($"{PrivatePortVariable} must be a port number from 1 to 65535 (got '{given}').");
            source += $", {PrivatePortVariable}={port}";
        }
        return new($"Host=127.0.0.1;Port={port};Username=ppl;Database=ppl", source);
    }

    /// <summary>host:port/database of a connection string, or a note that it cannot be parsed (never its text).</summary>
    public static string Where(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"{b.Host}:{b.Port}/{b.Database}";
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException) { return "an unparsable connection string"; }
    }

    static Database() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// A pooled data source. Unless the connection string says otherwise:
    /// <list type="bullet">
    /// <item>a connection going back to the pool is not reset with DISCARD ALL (No Reset On Close). Resetting is not
    /// needed because nothing here sets session state: locks and settings are all transaction-scoped
    /// (pg_advisory_xact_lock, set_config(..., true)).</item>
    /// <item>with <paramref name="autoPrepare"/>, statements used repeatedly are prepared on the server (Max Auto
    /// Prepare). For the participant pages this cut PostgreSQL's CPU per page by 40% and raised throughput by a
    /// third (bench/results.md). Not for the export: its cursor connections stopped answering at close with
    /// prepared FETCH statements, so only the participant pages' data source prepares.</item>
    /// <item>with <paramref name="autoPrepare"/>, its sessions plan without sequential scans where an index serves
    /// (<see cref="IndexPlans"/>).</item>
    /// <item>at most 20 connections (Npgsql's default is 100). A database does its best work with a few active
    /// connections per core; at 200 concurrent participants on 2 cores, pools of 10, 20, 30 and 100 gave a p99 of
    /// 368, 365, 386 and 600-1,800 ms, and the large pool used 60% more database CPU (bench/results.md).</item>
    /// <item>with <paramref name="loggerFactory"/>, Npgsql's own lines go to the app's log. Parameter values are
    /// never logged (EnableParameterLogging stays off), so a log line holds the SQL text only.</item>
    /// </list>
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, bool autoPrepare = false,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (loggerFactory is not null) builder.UseLoggerFactory(loggerFactory);
        var given = builder.ConnectionStringBuilder;
        if (autoPrepare && !Mentions(connectionString, "Max Auto Prepare")) given.MaxAutoPrepare = 64;
        if (autoPrepare) given.Options = string.IsNullOrWhiteSpace(given.Options) ? IndexPlans : given.Options + " " + IndexPlans;
        if (!Mentions(connectionString, "No Reset On Close")) given.NoResetOnClose = true;
        if (!Mentions(connectionString, "Maximum Pool Size") && !Mentions(connectionString, "Max Pool Size")) given.MaxPoolSize = 20;
        return builder.Build();
    }

    /// <summary>
    /// Session setting of the preparing data source: a sequential scan only where no index can serve. A prepared
    /// statement keeps the generic plan PostgreSQL chose after its fifth run until the table's statistics change,
    /// and that choice follows the statistics of that moment. On tables whose statistics say empty (analysed while
    /// empty: VACUUM ANALYZE or autovacuum after the rows were deleted, a restore, a new installation) a
    /// sequential scan is the cheaper plan, and it stayed in use while hundreds of participants arrived, until
    /// autovacuum's next ANALYZE: the first minute of a launch ran at half the rate with 100,000 sequential scans
    /// of panel_id (bench/results.md). Every statement of the participant pages finds its rows by a key, so
    /// an index plan is right at any table size, and with this setting it is the plan at every table size.
    /// (plan_cache_mode=force_custom_plan would also do, but it plans every execution anew: database CPU on every page.)
    /// Also applies to what those statements run inside PostgreSQL: enrol_participant's queries, foreign-key checks.
    /// </summary>
    public const string IndexPlans = "-c enable_seqscan=off";

    static bool Mentions(string connectionString, string keyword) =>
        connectionString.Replace(" ", "").Contains(keyword.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
}
