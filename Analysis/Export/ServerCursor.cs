using Npgsql;

namespace Analysis.Export;

/// <summary>
/// A PostgreSQL cursor read a batch at a time. Several cursors live on one connection inside one snapshot
/// transaction, so the export can merge-join participants with their answers (all ordered by participant id)
/// while holding only one batch per cursor in memory, and every file sees the same data.
/// </summary>
sealed class ServerCursor<T>
{
    const int BatchSize = 2000;

    readonly NpgsqlConnection conn;
    readonly string name;
    readonly Func<NpgsqlDataReader, T> read;
    readonly Queue<T> buffer = new();
    bool exhausted;

    ServerCursor(NpgsqlConnection conn, string name, Func<NpgsqlDataReader, T> read)
    {
        this.conn = conn;
        this.name = name;
        this.read = read;
    }

    /// <summary>Declares the cursor; <paramref name="sql"/> must order its rows as the caller merges them.</summary>
    public static async Task<ServerCursor<T>> OpenAsync(NpgsqlConnection conn, string sql, string studyId,
        Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var name = "export_cursor_" + CursorNames.Next();
        await using var cmd = new NpgsqlCommand($"declare {name} no scroll cursor for {sql}", conn);
        cmd.Parameters.AddWithValue("studyId", studyId);
        await cmd.ExecuteNonQueryAsync(ct);
        return new ServerCursor<T>(conn, name, read);
    }

    async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (buffer.Count > 0) return true;
        if (exhausted) return false;
        await using var cmd = new NpgsqlCommand($"fetch forward {BatchSize} from {name}", conn);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct)) buffer.Enqueue(read(reader));
        exhausted = buffer.Count < BatchSize;
        return buffer.Count > 0;
    }

    public async IAsyncEnumerable<T> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        while (await FillAsync(ct)) yield return buffer.Dequeue();
    }

    /// <summary>
    /// The rows whose key equals <paramref name="key"/>, skipping rows with a smaller key. Keys compare
    /// ordinally, which is why every cursor query orders with collate "C".
    /// </summary>
    public async Task<List<T>> TakeAsync(string key, Func<T, string> keyOf, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await FillAsync(ct))
        {
            var c = string.CompareOrdinal(keyOf(buffer.Peek()), key);
            if (c > 0) break;
            var row = buffer.Dequeue();
            if (c == 0) rows.Add(row);
        }
        return rows;
    }
}

/// <summary>Cursor names must differ within a transaction; one counter for every row type.</summary>
static class CursorNames
{
    static int counter;
    public static int Next() => Interlocked.Increment(ref counter);
}
