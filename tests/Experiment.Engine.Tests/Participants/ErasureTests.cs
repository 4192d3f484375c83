using Dapper;
using Experiment.Engine.Participants;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Participants;

public sealed class ErasureTests : DatabaseTest
{
    [Test]
    public async Task EraseParticipantAsync_knownParticipant_deletesEveryRowAndCountsOneWithdrawn()
    {
        await SeedAsync(DataSource);
        await PageTimeAsync(DataSource, "p-c", 0, "intro", 0, 2);
        await PanelAsync(DataSource, "p-c", "PROL-C");

        Assert.That(await Erasure.EraseParticipantAsync(DataSource, Id, "p-c"), Is.True);

        await using var conn = await DataSource.OpenConnectionAsync();
        foreach (var table in new[] { "participant where id", "response where participant_id", "disclosure where participant_id",
                                      "page_time where participant_id", "panel_id where participant_id" })
            Assert.That(await conn.ExecuteScalarAsync<long>($"select count(*) from {table} = 'p-c'"), Is.Zero, table);
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(3), "the others stay");
        Assert.That(await conn.ExecuteScalarAsync<long>("select withdrawn from study_state where study_id = @Id", new { Id }), Is.EqualTo(1));
    }

    [Test]
    public async Task EraseParticipantAsync_unknownParticipant_returnsFalseAndCountsNothing()
    {
        await SeedAsync(DataSource);

        Assert.That(await Erasure.EraseParticipantAsync(DataSource, Id, "p-nobody"), Is.False);

        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.EqualTo(4));
        Assert.That(await conn.ExecuteScalarAsync<long>("select withdrawn from study_state where study_id = @Id", new { Id }), Is.Zero);
    }
}
