using System.CommandLine;
using Experiment.Engine.Storage;
using Npgsql;

namespace Analysis;

/// <summary>The --connection option every database verb shares, and opening the database behind it.</summary>
public static class CliDatabase
{
    public static Option<string?> ConnectionOption() => new("--connection")
    {
        Description = $"PostgreSQL connection string (default: ${Database.EnvironmentVariable}, ${Database.ShortEnvironmentVariable}, " +
                      "else the private database of ./run.sh)",
    };

    /// <summary>The database this verb acts on (Database.Resolve), announced on stderr: host, port, name, source.</summary>
    public static string ConnectionString(ParseResult result, Option<string?> option)
    {
        Database.Resolved resolved;
        try { resolved = Database.Resolve(result.GetValue(option)); }
        catch (ArgumentException e) { throw new CliException(e.Message); }
        Console.Error.WriteLine("database: " + resolved.Describe());
        return resolved.ConnectionString;
    }

    /// <summary>Applies pending migrations, then opens a data source; a clear message instead of a stack trace when the server is unreachable.</summary>
    public static NpgsqlDataSource Open(string connectionString)
    {
        Migrate(connectionString);
        return Database.CreateDataSource(connectionString);
    }

    public static void Migrate(string connectionString)
    {
        Migrator.Result result;
        try { result = Migrator.Apply(connectionString); }
        catch (Exception e) when (e is NpgsqlException or ArgumentException or InvalidOperationException)
        {
            throw new CliException($"Cannot reach the database ({Database.Where(connectionString)}): {e.Message}");
        }
        if (!result.Successful)
            throw new CliException($"Migration {result.FailedScript} failed, nothing was changed: {result.Error}");
        foreach (var script in result.Applied) Console.Error.WriteLine($"migrated: {script}");
    }
}

/// <summary>An error the user caused and can fix: printed as one line, exit code 1, no stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
