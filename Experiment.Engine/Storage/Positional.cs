using Npgsql;
using NpgsqlTypes;

namespace Experiment.Engine.Storage;

/// <summary>
/// Commands with positional parameters ($1, $2, ...) for the statements that run on every submission. Npgsql parses
/// and rewrites the text of a command whose parameters are named (@x, Dapper's way) on every execution
/// (SqlQueryParser.ParseRawQuery, the web's largest single app symbol: bench/http-profile.md); a command whose
/// parameters are all unnamed is sent as it is. Everything else keeps Dapper. Parameters are added in the order of
/// their numbers, each typed (its NpgsqlDbType is sent, so the SQL needs no cast to know it) and, where not null,
/// as <see cref="NpgsqlParameter{T}"/>, which writes the value without boxing it. One statement per command: a
/// positional command is not split at semicolons.
/// </summary>
public static class Positional
{
    public static NpgsqlCommand Command(NpgsqlConnection conn, string sql) => new(sql, conn);

    /// <summary>The next parameter ($n for the n-th added); a null reference is SQL null.</summary>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, T value, NpgsqlDbType type)
    {
        command.Parameters.Add(value is null ? Null(type) : new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type });
        return command;
    }

    /// <summary>The next parameter, of a value type that may be null (SQL null).</summary>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, T? value, NpgsqlDbType type) where T : struct
    {
        command.Parameters.Add(value is { } v ? new NpgsqlParameter<T> { TypedValue = v, NpgsqlDbType = type } : Null(type));
        return command;
    }

    /// <summary>A text column that may be null.</summary>
    public static string? TextOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A column of a value type that may be null.</summary>
    public static T? OrNull<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    static NpgsqlParameter Null(NpgsqlDbType type) => new() { Value = DBNull.Value, NpgsqlDbType = type };
}
