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
        PostgresException pg => pg.IsTransient || pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n when n.IsTransient => true,
        _ => Is(e.InnerException),
    };
}
