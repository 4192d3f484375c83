using Npgsql;

namespace Experiment.Engine.Export;

/// <summary>
/// A PostgreSQL cursor read a batch at a time, on a connection of its own that shares the export's snapshot,
/// so the export can merge-join participants with their answers (all ordered by participant id) while holding
/// at most two batches per cursor in memory, and every file sees the same data.
/// </summary>
/// <remarks>
/// The next batch is fetched (and its rows read) while the caller writes the current one, so the server, the
/// reading and the CSV writing overlap instead of taking turns.
/// </remarks>
sealed class ServerCursor<T> : IAsyncDisposable
{
    const int BatchSize = 1000;

    readonly NpgsqlConnection conn;
    readonly Func<NpgsqlDataReader, T> read;
    readonly CancellationToken ct;
    List<T> current = [];
    int position;
    Task<List<T>>? next;

    ServerCursor(NpgsqlConnection conn, Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        this.conn = conn;
        this.read = read;
        this.ct = ct;
    }

    /// <summary>Declares the cursor and starts fetching; <paramref name="sql"/> must order its rows as the caller merges them.</summary>
    public static async Task<ServerCursor<T>> OpenAsync(ExportSnapshot snapshot, string sql, string studyId,
        Func<NpgsqlDataReader, T> read, CancellationToken ct)
    {
        var conn = await snapshot.JoinAsync(ct);
        try
        {
            await using var cmd = new NpgsqlCommand($"declare export_cursor no scroll cursor for {sql}", conn);
            cmd.Parameters.AddWithValue("studyId", studyId);
            // Only the participant query reads it; a parameter the SQL does not name is not sent.
            cmd.Parameters.AddWithValue("abandonedBefore", snapshot.AbandonedBefore);
            cmd.Parameters.AddWithValue("includePilot", snapshot.IncludePilot);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
        var cursor = new ServerCursor<T>(conn, read, ct);
        cursor.next = cursor.FetchAsync();
        return cursor;
    }

    async Task<List<T>> FetchAsync()
    {
        var rows = new List<T>(BatchSize);
        await using var cmd = new NpgsqlCommand($"fetch forward {BatchSize} from export_cursor", conn);
        await using var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct)) rows.Add(read(reader));
        return rows;
    }

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

    /// <summary>Waits for a fetch still under way, then ends the cursor's transaction and returns its connection.</summary>
    public async ValueTask DisposeAsync()
    {
        if (next is not null)
        {
            // Only reached early when the pass failed or was cancelled: that error is the one the caller sees.
            try { await next; }
            catch (Exception) { }
            next = null;
        }
        await conn.DisposeAsync();
    }
}
