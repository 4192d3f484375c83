using System.Threading.Channels;
using Npgsql;

namespace Experiment.Engine.Storage;

/// <summary>
/// Group commit of the participant pages' synchronously committed statements (the guarded step statement, the end
/// page's completion) and of the reads on their way (the study's state, the panel match, the shop's order): those
/// that arrive while the database is busy with earlier ones go to PostgreSQL together, as one batch in one round
/// trip, and commit in one transaction, with one flush of the write-ahead log. Each caller is answered only after that commit, so an accepted answer is as
/// durable as it was with a commit of its own. Under a panel launch a commit and a round trip cost PostgreSQL more
/// than the statement itself (bench/http-profile.md, section 12), so this is where its CPU per submission goes down.
/// </summary>
/// <remarks>
/// <para>No timer: a batch is what is waiting when a writer is free. A lone statement goes at once, as before; only
/// statements that would have queued for the database anyway are grouped.</para>
/// <para>Isolation: a batch is one transaction, so one failing statement would roll back the others. When a batch
/// fails, each of its statements runs again on its own (its own transaction), and each caller gets its own result
/// or its own error, as without grouping. The statements grouped here must therefore be safe to run a second time
/// after a rollback (every guarded statement is: it moves a step only from where the row is; a read is). Where the
/// connection broke after the commit, so the batch's answer was lost, the guarded statements run again find their
/// steps moved and write nothing; only a panel match would count its repeated entry a second time.</para>
/// <para>Locks: a batch holds the row locks of its statements until it commits. The statements of a batch run in the
/// order of their keys (the participant), and for one key in the order they arrived, so two batches lock rows in
/// the same order and cannot deadlock each other; two POSTs of one step in one batch behave as they do apart (the
/// second finds the step moved and writes nothing). The one statement grouped here that can lock a row other than
/// its key's is the panel match (Assigner.MatchPanelAsync: a repeated entry counts on the participant it finds);
/// a deadlock through it would need that entry, that participant's own submission and a double submission in two
/// batches at once, and would end after PostgreSQL's deadlock_timeout (1 s) with one batch run statement by
/// statement.</para>
/// <para>Reads grouped here (the study's state, the shop's order) see what was committed before they ran and what
/// earlier statements of their batch wrote; a read-only transaction flushes nothing.</para>
/// <para>Only statements whose commit may wait for the flush belong here: a batch is committed synchronously,
/// whatever its statements say. A bookkeeping write (ParticipantStore.Bookkeeping) sets synchronous_commit off for
/// its transaction and must not be grouped, or it would turn it off for the whole batch; nor may a write of a row
/// every participant writes (the study's entry counter), whose lock a batch would hold for all its statements.</para>
/// </remarks>
public sealed class GroupCommit : IAsyncDisposable
{
    /// <summary>The most statements in one batch (one transaction): enough to take a launch's queue in a few batches, small enough that a batch's locks are short.</summary>
    public const int MaxBatch = 32;

    readonly NpgsqlDataSource db;
    readonly Channel<Pending> queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    readonly Task[] writers;

    /// <param name="writers">Batches in flight at once. While one waits for its flush, the next collects and runs;
    /// more writers mean smaller batches (bench/http-profile.md, section 12).</param>
    public GroupCommit(NpgsqlDataSource db, int writers = 2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(writers, 1);
        this.db = db;
        this.writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>Batches committed so far, and the statements in them (what the tests see of the grouping).</summary>
    public (long Batches, long Statements) Committed => (Interlocked.Read(ref batches), Interlocked.Read(ref statements));
    long batches, statements;

    /// <summary>
    /// Runs <paramref name="statement"/> in the next batch and gives the first column of its first row (null when it
    /// returns no row), once that batch has committed. <paramref name="key"/> orders the batch (the participant id).
    /// The statement is not cancelled with the request: once queued, it runs and commits.
    /// </summary>
    public Task<object?> ScalarAsync(string key, NpgsqlBatchCommand statement) => Enqueue(key, statement, FirstColumn);

    /// <summary>
    /// <see cref="ScalarAsync"/> for a statement whose first row is read by <paramref name="map"/> (called with the
    /// reader on that row, only when there is one): its result, or null without a row. An exception of
    /// <paramref name="map"/> is its caller's alone.
    /// </summary>
    public async Task<T?> RowAsync<T>(string key, NpgsqlBatchCommand statement, Func<NpgsqlDataReader, T> map) where T : class =>
        (T?)await Enqueue(key, statement, map);

    Task<object?> Enqueue(string key, NpgsqlBatchCommand statement, Func<NpgsqlDataReader, object?> map)
    {
        var pending = new Pending(key, statement, map, new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommit), "The web app is stopping: no statement is taken any more.");
        return pending.Done.Task;
    }

    /// <summary>One statement in a transaction of its own: the first column of its first row, or null.</summary>
    public static async Task<object?> AloneAsync(NpgsqlDataSource db, NpgsqlBatchCommand statement, CancellationToken ct) =>
        await AloneAsync(db, statement, FirstColumn, ct);

    /// <summary>One statement in a transaction of its own, its first row read by <paramref name="map"/>; null without a row.</summary>
    public static async Task<T?> AloneAsync<T>(NpgsqlDataSource db, NpgsqlBatchCommand statement, Func<NpgsqlDataReader, T> map, CancellationToken ct)
        where T : class? =>
        (T?)await AloneAsync(db, statement, (Func<NpgsqlDataReader, object?>)map, ct); // the non-generic one (a reference type's reader converts as it is)

    static async Task<object?> AloneAsync(NpgsqlDataSource db, NpgsqlBatchCommand statement, Func<NpgsqlDataReader, object?> map, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(conn);
        batch.BatchCommands.Add(statement);
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            return await reader.ReadAsync(ct) ? map(reader) : null;
        }
        finally { batch.BatchCommands.Clear(); }
    }

    async Task WriteAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending)) batch.Add(pending);
            if (batch.Count == 0) continue;
            if (batch.Count == 1) await RunAloneAsync(batch[0]);
            else await RunAsync(batch);
            batch.Clear();
        }
    }

    async Task RunAloneAsync(Pending pending)
    {
        try
        {
            var result = await AloneAsync(db, pending.Statement, pending.Map, CancellationToken.None);
            Count(1);
            pending.Done.TrySetResult(result);
        }
        catch (Exception e) { pending.Done.TrySetException(e); }
    }

    async Task RunAsync(List<Pending> arrived)
    {
        // Stable: for one key the order of arrival stays.
        var ordered = arrived.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var results = new object?[ordered.Count];
        var failures = new Exception?[ordered.Count];
        try
        {
            await using var conn = await db.OpenConnectionAsync();
            await using var batch = new NpgsqlBatch(conn);
            foreach (var p in ordered) batch.BatchCommands.Add(p.Statement);
            try
            {
                // One Sync after the last statement: PostgreSQL runs them as one implicit transaction, and the reader
                // ends only after its commit (synchronous: the flush is done when the reader is done).
                await using (var reader = await batch.ExecuteReaderAsync())
                {
                    for (var i = 0; i < ordered.Count; i++)
                    {
                        if (i > 0 && !await reader.NextResultAsync()) throw new InvalidOperationException($"The batch gave {i} results for {ordered.Count} statements.");
                        if (!await reader.ReadAsync()) continue;
                        try { results[i] = ordered[i].Map(reader); }
                        catch (Exception e) when (e is not NpgsqlException) { failures[i] = e; } // the caller's reading, not the batch's
                    }
                }
            }
            finally { batch.BatchCommands.Clear(); }
        }
        catch (Exception)
        {
            // Nothing of the batch was committed (or, when the connection broke after its commit, a guarded statement
            // run again finds its row moved and writes nothing): each statement again, alone, with its own result or error.
            foreach (var p in ordered) await RunAloneAsync(p);
            return;
        }
        Count(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
            if (failures[i] is { } failure) ordered[i].Done.TrySetException(failure);
            else ordered[i].Done.TrySetResult(results[i]);
    }

    void Count(int n)
    {
        Interlocked.Increment(ref batches);
        Interlocked.Add(ref statements, n);
    }

    static object? FirstColumn(NpgsqlDataReader reader) => reader.IsDBNull(0) ? null : reader.GetValue(0);

    /// <summary>Takes no statement any more, runs what is queued, and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await Task.WhenAll(writers);
    }

    sealed record Pending(string Key, NpgsqlBatchCommand Statement, Func<NpgsqlDataReader, object?> Map, TaskCompletionSource<object?> Done);
}
