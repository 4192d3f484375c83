using Experiment.Engine.Participants;
using Npgsql;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Participants;

public sealed class RowsTests : DatabaseTest
{
    static readonly DateTime At = new(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    [Test]
    public async Task Copy_rowsOfEveryTable_readBackUnchangedByTheExportQueries()
    {
        await ExportStudy.ImportAsync(DataSource, ExportStudy.Definition());
        ParticipantRow[] people =
        [
            new("p-1", ExportStudy.Id, 1, 3, "discount=15;notice=salient", 1, "shop>questionnaire", "nl", "completed", 7,
                At, At.AddMinutes(5), At.AddMinutes(5), true, "ordered", true, "CODE1"),
            new("p-2", ExportStudy.Id, 1, 0, "discount=0;notice=plain", 0, "questionnaire>shop", "en", "abandoned", 2,
                At, null, At.AddSeconds(40), null, null, null, "CODE2", Pilot: true),
        ];
        ResponseRow[] responses = [new("p-1", "concern", "cc1", "6", At.AddSeconds(30))];
        DisclosureRow[] disclosures = [new("p-1", "email", 2.5m, true, false, null, 1200), new("p-1", "bsn", 12.5m, false, null, 0, null)];
        PageTimeRow[] pageTimes = [new("p-1", 0, "intro", At, At.AddSeconds(3)), new("p-2", 0, "intro", At, null)];
        PanelRow[] panels = [new("p-1", ExportStudy.Id, "prolific", "PID1", "STUDY1", null)];

        await using (var conn = await DataSource.OpenConnectionAsync())
        {
            Rows.Copy(conn, ParticipantRow.Copy, people, (r, w) => r.Write(w));
            Rows.Copy(conn, ResponseRow.Copy, responses, (r, w) => r.Write(w));
            Rows.Copy(conn, DisclosureRow.Copy, disclosures, (r, w) => r.Write(w));
            Rows.Copy(conn, PageTimeRow.Copy, pageTimes, (r, w) => r.Write(w));
            Rows.Copy(conn, PanelRow.Copy, panels, (r, w) => r.Write(w));
        }

        Assert.That(await ReadAsync(ParticipantRow.Sql, ParticipantRow.Read), Is.EqualTo(people));
        Assert.That(await ReadAsync(ResponseRow.Sql, ResponseRow.Read), Is.EqualTo(responses));
        Assert.That(await ReadAsync(DisclosureRow.Sql, DisclosureRow.Read), Is.EquivalentTo(disclosures));
        Assert.That(await ReadAsync(PageTimeRow.Sql, PageTimeRow.Read), Is.EqualTo(pageTimes));
        Assert.That(await ReadAsync(PanelRow.Sql, PanelRow.Read), Is.EqualTo(panels));
    }

    async Task<List<T>> ReadAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("studyId", ExportStudy.Id);
        cmd.Parameters.AddWithValue("abandonedBefore", Abandonment.Cutoff(Clock));
        cmd.Parameters.AddWithValue("includePilot", true);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync()) rows.Add(read(reader));
        return rows;
    }
}
