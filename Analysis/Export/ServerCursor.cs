using Npgsql;

namespace Analysis.Export;

/// <summary>
/// A PostgreSQL cursor read a batch at a time. Several cursors live on one connection inside one snapshot
/// transaction, so the export can merge-join participants with their answers (all ordered by participant id)
/// while holding at most two batches per cursor in memory, and every file sees the same data.
/// </summary>
/// <remarks>
/// The next batch is fetched (and its rows read) while the caller writes the current one, so the server, the
/// reading and the CSV writing overlap instead of taking turns. The cursors of a connection share its
/// <see cref="ConnectionGate"/>, which lets one command at a time onto the connection.
/// </remarks>
sealed class ServerCursor<T> : IAsyncDisposable
{
    const int BatchSize = 1000;

    readonly ConnectionGate gate;
    readonly string name;
    readonly Func<NpgsqlDataReader, T> read;
    readonly CancellationToken ct;
    List<T> current = [];
    int position;
    Task<List<T>>? next;

    ServerCursor(ConnectionGate gate, string name, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        this.gate = gate;
        this.name = name;
        this.read = read;
        this.ct = ct;
    }

    /// <summary>Declares the cursor and starts fetching; <paramref name="sql"/> must order its rows as the caller merges them.</summary>
    public static async Task<ServerCursor<T>> OpenAsync(ConnectionGate gate, string sql, string studyId,
        Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var name = "export_cursor_" + CursorNames.Next();
        await gate.RunAsync(async conn =>
        {
            await using var cmd = new NpgsqlCommand($"declare {name} no scroll cursor for {sql}", conn);
            cmd.Parameters.AddWithValue("studyId", studyId);
            await cmd.ExecuteNonQueryAsync(ct);
            return 0;
        }, ct);
        var cursor = new ServerCursor<T>(gate, name, read, ct);
        cursor.next = cursor.FetchAsync();
        return cursor;
    }

    Task<List<T>> FetchAsync() => gate.RunAsync(async conn =>
    {
        var rows = new List<T>(BatchSize);
        await using var cmd = new NpgsqlCommand($"fetch forward {BatchSize} from {name}", conn);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }, ct);

    async ValueTask<bool> FillAsync()
    {
        if (position < current.Count) return true;
        if (next is null) return false;
        current = await next;
        position = 0;
        // A short batch was the last one; otherwise the following batch is fetched while this one is written.
        next = current.Count < BatchSize ? null : FetchAsync();
        return current.Count > 0;
    }

    public async IAsyncEnumerable<T> AllAsync()
    {
        while (await FillAsync()) yield return current[position++];
    }

    /// <summary>
    /// The rows whose key equals <paramref name="key"/>, skipping rows with a smaller key. Keys compare
    /// ordinally, which is why every cursor query orders with collate "C".
    /// </summary>
    public async ValueTask<List<T>> TakeAsync(string key, Func<T, string> keyOf)
    {
        var rows = new List<T>();
        while (await FillAsync())
        {
            var row = current[position];
            var c = string.CompareOrdinal(keyOf(row), key);
            if (c > 0) break;
            position++;
            if (c == 0) rows.Add(row);
        }
        return rows;
    }

    /// <summary>Waits for a fetch still under way, so the connection is free for what comes next.</summary>
    public async ValueTask DisposeAsync()
    {
        if (next is null) return;
        // Only reached early when the pass failed or was cancelled: that error is the one the caller sees.
        try { await next; }
        catch (Exception) { }
        next = null;
    }
}

/// <summary>One command at a time on a connection that several prefetching cursors share.</summary>
sealed class ConnectionGate(NpgsqlConnection conn)
{
    readonly SemaphoreSlim turn = new(1, 1);

    public async Task<TResult> RunAsync<TResult>(Func<NpgsqlConnection, Task<TResult>> command, CancellationToken ct)
    {
        await turn.WaitAsync(ct);
        try { return await command(conn); }
        finally { turn.Release(); }
    }
}

/// <summary>Cursor names must differ within a transaction; one counter for every row type.</summary>
static class CursorNames
{
    static int counter;
    public static int Next() => Interlocked.Increment(ref counter);
}
