using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Assignment;

public sealed class AssignerTests : DatabaseTest
{
    async Task<StudyDefinition> Imported(StudyDefinition study)
    {
        var result = await StudyImport.ImportAsync(DataSource, study);
        Assert.That(result.Outcome, Is.EqualTo(ImportOutcome.Imported), result.Message);
        return study;
    }

    async Task<Dictionary<int, long>> CountBy(string column, string studyId)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        // column is one of two constants of this test, never input.
        var rows = await conn.QueryAsync<(int Key, long N)>(
            $"select {column}, count(*) from participant where study_id = @studyId group by {column}", new { studyId });
        return rows.ToDictionary(r => r.Key, r => r.N);
    }

    static long Spread(IReadOnlyDictionary<int, long> counts, int groups) =>
        Enumerable.Range(0, groups).Select(i => counts.GetValueOrDefault(i)).Max() - Enumerable.Range(0, groups).Select(i => counts.GetValueOrDefault(i)).Min();

    [Test]
    public async Task EnrolAsync_500ConcurrentEnrolments_keepCellsAndBlockOrdersWithinOneAtEveryMoment()
    {
        var study = await Imported(TestStudies.SixCells());
        using var gate = new SemaphoreSlim(50);
        using var stop = new CancellationTokenSource();
        var samples = new List<(long CellSpread, long OrderSpread, long Total)>();

        // Reads both distributions in ONE statement, so one snapshot: enrolments are serialized by the counter
        // locks and commit one at a time, so any snapshot holds a prefix of the enrolment sequence.
        var sampler = Task.Run(async () =>
        {
            await using var conn = await DataSource.OpenConnectionAsync();
            while (!stop.IsCancellationRequested)
            {
                var rows = (await conn.QueryAsync<(string Kind, int Key, long N)>(
                    """
                    select 'cell', cell_idx, count(*) from participant where study_id = @Id group by cell_idx
                    union all
                    select 'order', order_idx, count(*) from participant where study_id = @Id group by order_idx
                    """, new { study.Id })).ToList();
                var cells = rows.Where(r => r.Kind == "cell").ToDictionary(r => r.Key, r => r.N);
                var orders = rows.Where(r => r.Kind == "order").ToDictionary(r => r.Key, r => r.N);
                lock (samples) samples.Add((Spread(cells, 6), Spread(orders, 2), cells.Values.Sum()));
                await Task.Delay(5);
            }
        });

        var enrolments = await Task.WhenAll(Enumerable.Range(0, 500).Select(async i =>
        {
            await gate.WaitAsync();
            try { return await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en")); }
            finally { gate.Release(); }
        }));
        await stop.CancelAsync();
        await sampler;

        var cellCounts = await CountBy("cell_idx", study.Id);
        var orderCounts = await CountBy("order_idx", study.Id);
        Assert.That(enrolments.Select(e => e.ParticipantId).Distinct().Count(), Is.EqualTo(500));
        Assert.That(cellCounts.Values.Sum(), Is.EqualTo(500));
        Assert.That(cellCounts.Keys, Is.EquivalentTo(Enumerable.Range(0, 6)));
        Assert.That(Spread(cellCounts, 6), Is.LessThanOrEqualTo(1), string.Join(",", cellCounts));
        Assert.That(Spread(orderCounts, 2), Is.LessThanOrEqualTo(1), string.Join(",", orderCounts));
        Assert.That(samples.Count(s => s.Total is > 0 and < 500), Is.GreaterThan(0), "the sampler saw the run in progress");
        Assert.That(samples.Max(s => s.CellSpread), Is.LessThanOrEqualTo(1));
        Assert.That(samples.Max(s => s.OrderSpread), Is.LessThanOrEqualTo(1));
        // What the participant was told matches what is stored.
        var stored = await Assigner.FindAsync(DataSource, enrolments[0].ParticipantId);
        Assert.That(stored, Is.EqualTo(enrolments[0]));
    }

    [Test]
    public async Task EnrolAsync_newParticipant_storesArmBlockOrderLanguageAndVersion()
    {
        var study = await Imported(TestStudies.SixCells(version: 3));

        var first = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en"));
        var second = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("de"));

        Assert.That(first with { ParticipantId = "" }, Is.EqualTo(new Enrolment("", false, 3, 0, "discount=0;notice=plain", 0, "questionnaire>shop", first.CompletionCode)));
        Assert.That(second.CellIndex, Is.EqualTo(1));
        Assert.That(second.Arm, Is.EqualTo("discount=0;notice=salient"));
        Assert.That(second.OrderIndex, Is.EqualTo(1));
        Assert.That(second.BlockOrder, Is.EqualTo("shop>questionnaire"));
        Assert.That(first.ParticipantId, Does.Match("^p[a-z2-7]{16}$"));
        Assert.That(first.CompletionCode, Does.Match("^[A-Z2-9]{8}$"));
        await using var conn = await DataSource.OpenConnectionAsync();
        var languages = await conn.QueryAsync<string>("select language from participant order by cell_idx");
        Assert.That(languages, Is.EqualTo(new[] { "en", "nl" }), "an undeclared language falls back to the default");
    }

    [Test]
    public async Task EnrolAsync_knownPanelId_resumesWithoutNewParticipantOrCount()
    {
        var study = await Imported(TestStudies.SixCells() with
        {
            Panel = new() { Name = "prolific", ParticipantParam = "PROLIFIC_PID", CompletionCode = "C0DE1234" },
        });
        var panel = new PanelIdentity("prolific", "5f1e2d", "st1", "se1");

        var first = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", panel));
        var again = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en", panel with { SessionId = "se2" }));

        Assert.That(first.Resumed, Is.False);
        Assert.That(first.CompletionCode, Is.EqualTo("C0DE1234"));
        Assert.That(again, Is.EqualTo(first with { Resumed = true }));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<long>("select sum(n) from assignment_counter where kind = 'cell'"), Is.EqualTo(1));
        Assert.That(await Assigner.FindByPanelIdAsync(DataSource, study.Id, "prolific", "5f1e2d"), Is.EqualTo(first with { Resumed = true }));
        Assert.That(await Assigner.FindByPanelIdAsync(DataSource, study.Id, "prolific", "other"), Is.Null);
    }

    /// <summary>
    /// A returning panel id is resumed without the assignment lock (migration 0300): it needs no order of assignments,
    /// so it does not queue behind the version's enrolments; a new participant still does.
    /// </summary>
    [Test]
    public async Task EnrolAsync_knownPanelIdWhileTheAssignmentLockIsHeld_resumesWithoutWaiting()
    {
        var study = await Imported(TestStudies.SixCells());
        var panel = new PanelIdentity("prolific", "returning", null, null);
        var first = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", panel));

        await using var holder = await DataSource.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await Assigner.LockAsync(holder, tx, study);
        var again = Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", panel));
        var newcomer = Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", panel with { ParticipantId = "new" }));
        Assert.That(await Task.WhenAny(again, Task.Delay(TimeSpan.FromSeconds(10))), Is.SameAs(again), "resumed while the lock is held");
        Assert.That(await again, Is.EqualTo(first with { Resumed = true }));
        await Task.Delay(200);
        Assert.That(newcomer.IsCompleted, Is.False, "a new participant waits for the assignment lock");
        await tx.CommitAsync();
        Assert.That((await newcomer).Resumed, Is.False);
    }

    [Test]
    public async Task EnrolAsync_simultaneousRequestsWithOneToken_makeOneParticipantAndOneCount()
    {
        var study = await Imported(TestStudies.SixCells());

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", Token: "form-token-1")))));
        var other = await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", Token: "form-token-2"));

        Assert.That(all.Select(e => e.ParticipantId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(all.Count(e => !e.Resumed), Is.EqualTo(1));
        Assert.That(all.Where(e => e.Resumed), Is.All.EqualTo(all.Single(e => !e.Resumed) with { Resumed = true }));
        Assert.That(other.ParticipantId, Is.Not.EqualTo(all[0].ParticipantId));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(2));
        Assert.That(await conn.ExecuteScalarAsync<long>("select sum(n) from assignment_counter where kind = 'cell'"), Is.EqualTo(2));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from enrolment_request"), Is.EqualTo(2));
    }

    [Test]
    public async Task EnrolAsync_simultaneousFirstVisitsOfOnePanelId_makeOneParticipant()
    {
        var study = await Imported(TestStudies.SixCells());
        var panel = new PanelIdentity("prolific", "same-person", null, null);

        var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
            Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl", panel)))));

        Assert.That(all.Select(e => e.ParticipantId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(all.Count(e => !e.Resumed), Is.EqualTo(1));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(1));
        Assert.That(await conn.ExecuteScalarAsync<long>("select sum(n) from assignment_counter where kind = 'cell'"), Is.EqualTo(1));
    }

    [Test]
    public async Task EnrolAsync_forcedCell_isHonouredOnlyWhenTheStudyAllowsItAndItExists()
    {
        var allowing = await Imported(TestStudies.SixCells("allowing", allowForcedCell: true));
        var strict = await Imported(TestStudies.SixCells("strict"));

        var forced = await Assigner.EnrolAsync(DataSource, allowing, new EnrolmentRequest("nl", ForcedCell: 4));
        var outOfRange = await Assigner.EnrolAsync(DataSource, allowing, new EnrolmentRequest("nl", ForcedCell: 6));
        var ignored = await Assigner.EnrolAsync(DataSource, strict, new EnrolmentRequest("nl", ForcedCell: 4));

        Assert.That(forced.CellIndex, Is.EqualTo(4));
        Assert.That(forced.Arm, Is.EqualTo("discount=15;notice=plain"));
        Assert.That(outOfRange.CellIndex, Is.EqualTo(0), "out of range: balanced assignment instead");
        Assert.That(ignored.CellIndex, Is.EqualTo(0), "not allowed: balanced assignment instead");
    }

    [Test]
    public async Task EnrolAsync_listedCells_getParticipantsInProportionToTheirWeights()
    {
        var study = await Imported(TestStudies.Weighted());

        for (var i = 0; i < 200; i++) await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl"));

        var counts = await CountBy("cell_idx", study.Id);
        Assert.That(counts[0], Is.InRange(148, 152));
        Assert.That(counts[1], Is.InRange(48, 52));
        var order = await CountBy("order_idx", study.Id);
        Assert.That(order.Keys, Is.EqualTo(new[] { 0 }), "no block orders listed: the file's order only");
    }

    [Test]
    public async Task IsFullAsync_everyCellAtItsTarget_isTrue()
    {
        var study = await Imported(TestStudies.SixCells(targetPerCell: 2));
        var withoutTarget = await Imported(TestStudies.SixCells("open-ended"));

        for (var i = 0; i < 11; i++) await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl"));
        var after11 = await Assigner.IsFullAsync(DataSource, study);
        await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("nl"));

        Assert.That(after11, Is.False);
        Assert.That(await Assigner.IsFullAsync(DataSource, study), Is.True);
        Assert.That(await Assigner.IsFullAsync(DataSource, withoutTarget), Is.False);
    }

    [Test]
    public async Task EnrolAsync_studyNotImported_saysSo()
    {
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => Assigner.EnrolAsync(DataSource, TestStudies.SixCells("ghost"), new EnrolmentRequest("nl")));
        Assert.That(e!.Message, Is.EqualTo("Study 'ghost' version 1 is not imported; run `study import` first."));
    }

    [Test]
    public async Task FindAsync_unknownParticipant_isNull() =>
        Assert.That(await Assigner.FindAsync(DataSource, "pnosuchparticipant"), Is.Null);
}
