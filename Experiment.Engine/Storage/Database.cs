using Npgsql;

namespace Experiment.Engine.Storage;

/// <summary>Where the connection string comes from, the same way for the web app, the CLI and the scripts.</summary>
public static class Database
{
    public const string EnvironmentVariable = "ConnectionStrings__Main";
    public const string ShortEnvironmentVariable = "PPL_DATABASE";
    public const string PrivateClusterDefault = "Host=127.0.0.1;Port=55432;Username=ppl;Database=ppl";

    /// <summary>ConnectionStrings__Main, else PPL_DATABASE, else the private cluster that ./run.sh starts.</summary>
    public static string ConnectionStringFromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } a ? a
        : Environment.GetEnvironmentVariable(ShortEnvironmentVariable) is { Length: > 0 } b ? b
        : PrivateClusterDefault;

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
        if (!Mentions(connectionString, "No Reset On Close")) given.NoResetOnClose = true;
        if (!Mentions(connectionString, "Maximum Pool Size") && !Mentions(connectionString, "Max Pool Size")) given.MaxPoolSize = 20;
        return builder.Build();
    }

    static bool Mentions(string connectionString, string keyword) =>
        connectionString.Replace(" ", "").Contains(keyword.Replace(" ", ""), StringComparison.OrdinalIgnoreCase);
}
