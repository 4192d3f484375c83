using Experiment.Engine.Researchers;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Researchers;

public sealed class AuditLogTests : DatabaseTest
{
    [Test]
    public async Task ListAsync_afterWrites_returnsTheStudysEntriesNewestFirst()
    {
        await AuditLog.WriteAsync(DataSource, "researcher", "export", "study-a", "zip");
        await AuditLog.WriteAsync(DataSource, "cli:ana", "erase", "study-b", "by panel id: 1 participant erased");
        await AuditLog.WriteAsync(DataSource, "cli:ana", "purge", "study-a", "purged 2");

        var entries = await AuditLog.ListAsync(DataSource, "study-a");

        Assert.That(entries.Select(e => (e.Actor, e.Action, e.StudyId, e.Detail)), Is.EqualTo(new[]
        {
            ("cli:ana", "purge", (string?)"study-a", "purged 2"),
            ("researcher", "export", (string?)"study-a", "zip"),
        }));
        Assert.That(await AuditLog.ListAsync(DataSource, null), Has.Count.EqualTo(3));
    }
}
