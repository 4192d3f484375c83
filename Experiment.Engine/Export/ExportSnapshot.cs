using System.Data;
using System.Text.RegularExpressions;
using Npgsql;

namespace Experiment.Engine.Export;

/// <summary>
/// The one moment an export shows: a read-only REPEATABLE READ transaction whose snapshot other connections
/// import (pg_export_snapshot), so every cursor can read on a connection of its own, the server sorts the
/// tables side by side, and all files still agree with each other while participants keep arriving. The
/// moment is also one on the clock: <see cref="AbandonedBefore"/>, the @abandonedBefore of every query.
/// </summary>
sealed partial class ExportSnapshot : IAsyncDisposable
{
    readonly NpgsqlDataSource db;
    readonly string id;

    public NpgsqlConnection Connection { get; }

    /// <summary>The export's "now" for the status column (Abandonment.Cutoff), the same for every file.</summary>
    public DateTime AbandonedBefore { get; }

    /// <summary>Whether the export holds the pilot participants too (the @includePilot of every query, <see cref="Participants.Pilot.Filter"/>).</summary>
    public bool IncludePilot { get; }
    NpgsqlTransaction Transaction { get; }

    ExportSnapshot(NpgsqlDataSource db, NpgsqlConnection connection, NpgsqlTransaction transaction, string id, DateTime abandonedBefore, bool includePilot)
    {
        AbandonedBefore = abandonedBefore;
        IncludePilot = includePilot;
        this.db = db;
        Connection = connection;
        Transaction = transaction;
        this.id = id;
    }

    public static async Task<ExportSnapshot> BeginAsync(NpgsqlDataSource db, DateTime abandonedBefore, bool includePilot, CancellationToken ct)
    {
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using var cmd = new NpgsqlCommand("set transaction read only; select pg_export_snapshot()", conn);
            var id = (string)(await cmd.ExecuteScalarAsync(ct))!;
            return new ExportSnapshot(db, conn, tx, id, abandonedBefore, includePilot);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Another connection, in a read-only transaction that sees exactly this snapshot; disposing it ends both.</summary>
    public async Task<NpgsqlConnection> JoinAsync(CancellationToken ct)
    {
        // SET TRANSACTION SNAPSHOT takes no parameters; the id is PostgreSQL's own (hex digits and dashes), checked anyway.
        if (!SnapshotId().IsMatch(id)) throw new InvalidOperationException($"Unexpected snapshot id '{id}'.");
        var conn = await db.OpenConnectionAsync(ct);
        try
        {
            await conn.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
            await using var cmd = new NpgsqlCommand($"set transaction snapshot '{id}'; set transaction read only", conn);
            await cmd.ExecuteNonQueryAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }

    [GeneratedRegex(@"^[0-9A-Fa-f-]+\z")]
    private static partial Regex SnapshotId();
}
