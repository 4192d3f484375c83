using Npgsql;
using NpgsqlTypes;

namespace Experiment.Engine.Storage;

/// <summary>
/// Statements with positional parameters ($1, $2, ...) for what runs on every submission. Npgsql parses and
/// rewrites the text of a command whose parameters are named (@x, Dapper's way) on every execution
/// (SqlQueryParser.ParseRawQuery, the web's largest single app symbol: bench/http-profile.md); a statement whose
/// parameters are all unnamed is sent as it is. Everything else keeps Dapper. Parameters are added in the order of
/// their numbers, each typed (its NpgsqlDbType is sent, so the SQL needs no cast to know it) and, where not null,
/// as <see cref="NpgsqlParameter{T}"/>, which writes the value without boxing it. One statement each: a positional
/// statement is not split at semicolons. They run alone or grouped (<see cref="GroupCommit"/>).
/// </summary>
public static class Positional
{
    /// <summary>A statement, run alone or in a batch (<see cref="GroupCommit"/>).</summary>
    public static NpgsqlBatchCommand Statement(string sql) => new(sql);

    /// <summary>The next parameter ($n for the n-th added); a null reference is SQL null.</summary>
    public static NpgsqlBatchCommand With<T>(this NpgsqlBatchCommand statement, T value, NpgsqlDbType type)
    {
        statement.Parameters.Add(Parameter(value, type));
        return statement;
    }

    /// <summary>The next parameter, of a value type that may be null (SQL null).</summary>
    public static NpgsqlBatchCommand With<T>(this NpgsqlBatchCommand statement, T? value, NpgsqlDbType type) where T : struct
    {
        statement.Parameters.Add(Parameter(value, type));
        return statement;
    }

    static NpgsqlParameter Parameter<T>(T value, NpgsqlDbType type) =>
        value is null ? Null(type) : new NpgsqlParameter<T> { TypedValue = value, NpgsqlDbType = type };

    static NpgsqlParameter Parameter<T>(T? value, NpgsqlDbType type) where T : struct =>
        value is { } v ? new NpgsqlParameter<T> { TypedValue = v, NpgsqlDbType = type } : Null(type);

    /// <summary>A text column that may be null.</summary>
    public static string? TextOrNull(this NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A column of a value type that may be null.</summary>
    public static T? OrNull<T>(this NpgsqlDataReader reader, int ordinal) where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    static NpgsqlParameter Null(NpgsqlDbType type) => new() { Value = DBNull.Value, NpgsqlDbType = type };
}
