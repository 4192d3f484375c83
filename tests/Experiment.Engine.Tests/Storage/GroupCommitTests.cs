using Dapper;
using Experiment.Engine.Participants;
using Experiment.Engine.Storage;
using Npgsql;
using NpgsqlTypes;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Storage;

/// <summary>
/// The group commit of the participant pages' guarded statements. Every test makes its batches deterministic the same
/// way: a transaction of the test holds a row lock that the first statement waits for, so the one writer is busy while
/// the others queue; releasing it lets the queue go as batches.
/// </summary>
public sealed class GroupCommitTests : DatabaseTest
{
    [SetUp]
    public async Task Table()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("create table gc_row (id text primary key, n int not null); insert into gc_row select 'r' || i, 0 from generate_series(0, 99) i");
    }

    [Test]
    public async Task ScalarAsync_statementsQueuedWhileTheDatabaseIsBusy_commitTogetherAndEachIsAnsweredAfterThatCommit()
    {
        await using var group = new GroupCommit(DataSource, writers: 1);
        await using var busy = await BusyAsync(group);

        var queued = Enumerable.Range(1, 40).Select(i => group.ScalarAsync("r" + i, Increment("r" + i))).ToList();
        await Task.Delay(200);
        Assert.That(queued.Any(t => t.IsCompleted), Is.False, "nothing is answered before its batch commits");
        await busy.DisposeAsync();

        var transactions = (await Task.WhenAll(queued)).Select(x => (long)x!).ToList();
        Assert.That(await busy.First, Is.Not.Null);
        Assert.That(transactions.Distinct().Count(), Is.EqualTo(2), $"40 statements in batches of at most {GroupCommit.MaxBatch}: two commits");
        Assert.That(transactions.GroupBy(x => x).Select(g => g.Count()).Order(), Is.EqualTo(new[] { 40 - GroupCommit.MaxBatch, GroupCommit.MaxBatch }));
        Assert.That(group.Committed, Is.EqualTo((3L, 41L)));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from gc_row where n = 1"), Is.EqualTo(41), "each statement ran once");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from gc_row where n <> 0 and n <> 1"), Is.Zero);
    }

    /// <summary>One failing statement rolls its batch back; then each runs alone, so only it fails, and the others are written once.</summary>
    [Test]
    public async Task ScalarAsync_oneStatementOfABatchFails_onlyItsCallerGetsTheErrorAndTheOthersAreWrittenOnce()
    {
        await using var group = new GroupCommit(DataSource, writers: 1);
        await using var busy = await BusyAsync(group);
        var before = group.ScalarAsync("r1", Increment("r1"));
        var failing = group.ScalarAsync("r2", Positional.Statement("update gc_row set n = n / 0 where id = $1 returning n").With("r2", NpgsqlDbType.Text));
        var after = group.ScalarAsync("r3", Increment("r3"));
        await busy.DisposeAsync();

        await busy.First;
        Assert.That(await before, Is.Not.Null);
        Assert.That(await after, Is.Not.Null);
        var error = await Assert.ThrowsAsync<PostgresException>(() => failing);
        Assert.That(error!.SqlState, Is.EqualTo(PostgresErrorCodes.DivisionByZero));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.QueryAsync<(string, int)>("select id, n from gc_row where id in ('r0', 'r1', 'r2', 'r3') order by id"),
            Is.EqualTo(new[] { ("r0", 1), ("r1", 1), ("r2", 0), ("r3", 1) }), "the rolled-back batch left nothing; each ran once alone");
        Assert.That(group.Committed, Is.EqualTo((3L, 3L)), "the first alone, then the two good ones alone (the failed batch counts for nothing)");
    }

    /// <summary>A batch runs in the order of its keys, and for one key in the order of arrival: the second of two moves of one row sees the first.</summary>
    [Test]
    public async Task ScalarAsync_twoStatementsOfOneKeyInABatch_runInTheOrderTheyArrived()
    {
        await using var group = new GroupCommit(DataSource, writers: 1);
        await using var busy = await BusyAsync(group);
        var z = group.ScalarAsync("r9", Move("r9", from: 0, to: 1));
        var one = group.ScalarAsync("r5", Move("r5", from: 0, to: 1));
        var a = group.ScalarAsync("r1", Move("r1", from: 0, to: 1));
        var two = group.ScalarAsync("r5", Move("r5", from: 1, to: 2));
        var stale = group.ScalarAsync("r5", Move("r5", from: 1, to: 3));
        await busy.DisposeAsync();

        await busy.First;
        Assert.That(new[] { await z, await a, await one, await two, await stale }, Is.EqualTo(new object?[] { 1, 1, 1, 2, null }),
            "r5: 0 -> 1 -> 2, and the third move finds the row no longer at 1 (a stale request: no row)");
        Assert.That(group.Committed, Is.EqualTo((2L, 6L)));
    }

    [Test]
    public async Task DisposeAsync_withStatementsQueued_runsThemAndThenTakesNoMore()
    {
        var group = new GroupCommit(DataSource, writers: 2);
        var queued = Enumerable.Range(0, 50).Select(i => group.ScalarAsync("r" + i, Increment("r" + i))).ToList();
        await group.DisposeAsync();

        Assert.That(queued.All(t => t.IsCompletedSuccessfully), Is.True, "all ran before the writers ended");
        Assert.Throws<ObjectDisposedException>(() => group.ScalarAsync("r0", Increment("r0")));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from gc_row where n = 1"), Is.EqualTo(50));
    }

    /// <summary>The guarded step statement through the group: two POSTs of one step at once move the participant once, as alone.</summary>
    [Test]
    public async Task AdvanceAsync_twoPostsOfOneStepInOneBatch_moveOnceAndWriteOnePageTime()
    {
        await SeedAsync(DataSource);
        await using var conn = await DataSource.OpenConnectionAsync();
        var step = await conn.ExecuteScalarAsync<int>("select step from participant where id = 'p-c'");
        await using var group = new GroupCommit(DataSource, writers: 1);
        await using var busy = await BusyAsync(group);
        var posts = new[]
        {
            ParticipantStore.AdvanceAsync(group, "p-c", step, "page", "next", StepWrite.Nothing),
            ParticipantStore.AdvanceAsync(group, "p-c", step, "page", "next", StepWrite.Nothing),
        };
        await busy.DisposeAsync();
        await busy.First;

        Assert.That(await Task.WhenAll(posts), Is.EqualTo(new[] { true, false }), "the first moves; the second finds the step gone");
        Assert.That(await conn.ExecuteScalarAsync<int>("select step from participant where id = 'p-c'"), Is.EqualTo(step + 1));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from page_time where participant_id = 'p-c' and step = @step and submitted_at is not null", new { step }), Is.EqualTo(1));
        Assert.That(group.Committed.Statements, Is.EqualTo(3));
    }

    static NpgsqlBatchCommand Increment(string id) =>
        Positional.Statement("update gc_row set n = n + 1 where id = $1 returning txid_current()").With(id, NpgsqlDbType.Text);

    static NpgsqlBatchCommand Move(string id, int from, int to) =>
        Positional.Statement("update gc_row set n = $3 where id = $1 and n = $2 returning n").With(id, NpgsqlDbType.Text)
            .With(from, NpgsqlDbType.Integer).With(to, NpgsqlDbType.Integer);

    /// <summary>
    /// The group's one writer busy: its statement on r0 waits for the row lock of a transaction this test holds until
    /// it disposes the result (commits); what is queued meanwhile goes as batches after that.
    /// </summary>
    async Task<Busy> BusyAsync(GroupCommit group)
    {
        var conn = await DataSource.OpenConnectionAsync();
        var transaction = await conn.BeginTransactionAsync();
        await conn.ExecuteAsync("select 1 from gc_row where id = 'r0' for update", transaction: transaction);
        var first = group.ScalarAsync("r0", Increment("r0"));
        await WaitForLockWaitAsync();
        return new Busy(conn, transaction, first);
    }

    sealed class Busy(NpgsqlConnection conn, NpgsqlTransaction transaction, Task<object?> first) : IAsyncDisposable
    {
        bool released;
        public Task<object?> First => first;
        public async ValueTask DisposeAsync()
        {
            if (released) return;
            released = true;
            await transaction.CommitAsync();
            await conn.DisposeAsync();
        }
    }

    /// <summary>Until a session of this database waits for a row lock (the group's first statement, behind the held one).</summary>
    async Task WaitForLockWaitAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        for (var i = 0; i < 200; i++)
        {
            if (await conn.ExecuteScalarAsync<long>("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'") > 0) return;
            await Task.Delay(50);
        }
        Assert.Fail("the first statement never waited for the held row lock");
    }
}
