using Npgsql;

namespace Survey.Web.Hosting;

/// <summary>
/// The database is down, restarting or out of connections: a moment's wait helps, so the answer is 503 with a
/// "try again" page, not a 500. A broken pooled connection after a PostgreSQL restart is one of these too.
/// </summary>
public static class DatabaseOutage
{
    public static bool Is(Exception? e) => e switch
    {
        null => false,
        // Server-side: shutting down, cannot connect now, out of connections or resources.
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        // Client-side: the connection failed, broke or timed out (a pool that stays exhausted included).
        NpgsqlException n => n.IsTransient || Network(n.InnerException),
        _ => Is(e.InnerException),
    };

    static bool Network(Exception? e) =>
        e is not null && (e is IOException or System.Net.Sockets.SocketException or TimeoutException || Network(e.InnerException));

    /// <summary>
    /// After an outage the idle pooled connections are dead (a restart closed them); dropping them at the first
    /// failure means the next requests open fresh ones instead of each failing once on a dead one.
    /// </summary>
    public static void ClearPools(IServiceProvider services)
    {
        services.GetRequiredService<NpgsqlDataSource>().Clear();
        services.GetRequiredKeyedService<NpgsqlDataSource>(Participation.ParticipationSetup.Db).Clear();
    }
}
