using Dapper;
using Experiment.Engine.Export;
using NUnit.Framework;
using TestSupport;
using static TestSupport.ExportStudy;

namespace Experiment.Engine.Tests.Export;

/// <summary>
/// Thousands of generated participants (inserted by SQL, no web round trips) show that the export streams:
/// the live managed heap stays far below the size of what was written. The 100,000-participant figure is
/// measured by the benchmark (`export --stats`), not here.
/// </summary>
public sealed class StreamingExportTests : DatabaseTest
{
    const int Participants = 20_000;

    async Task GenerateAsync()
    {
        await ImportAsync(DataSource, Definition());
        await using var conn = await DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, status,
                                     started_at, completed_at, last_seen_at, attention_passed, checkout_outcome, behaviour_consent, completion_code)
            select 'g' || lpad(i::text, 6, '0'), @Id, 1, i % 4,
                   (array['discount=0;notice=plain','discount=0;notice=salient','discount=15;notice=plain','discount=15;notice=salient'])[i % 4 + 1],
                   i % 2, (array['questionnaire>shop','shop>questionnaire'])[i % 2 + 1], 'nl', 'completed',
                   @start + make_interval(secs => i), @start + make_interval(secs => i + 300.5), @start + make_interval(secs => i + 300.5), i % 7 <> 0,
                   case when i % 5 = 0 then 'left_shop' else 'ordered' end, true, 'C'
            from generate_series(1, @n) i;
            insert into response (participant_id, page, item, value, answered_at)
            select p.id, v.page, v.item, case when v.item like 'w_%' then (case when random() < 0.5 then 'yes' else 'no' end) else (1 + floor(random() * 7))::text end,
                   p.started_at + interval '1 minute'
            from participant p cross join (values ('concern','cc1'),('concern','cc2'),('concern','attn'),('willing','w_email'),('willing','w_bsn')) v(page, item);
            insert into disclosure (participant_id, field, offer_pct, disclosed, plausible, time_on_field_ms)
            select p.id, f, 2.5, random() < 0.6, random() < 0.8, (random() * 9000)::int
            from participant p cross join unnest(array['name','email','bsn']) f;
            insert into page_time (participant_id, step, page, shown_at, submitted_at)
            select p.id, s, 'page' || s, p.started_at + make_interval(secs => s * 10), p.started_at + make_interval(secs => s * 10 + 7.25)
            from participant p cross join generate_series(0, 3) s;
            insert into panel_id (participant_id, study_id, panel, panel_participant_id)
            select id, study_id, 'prolific', 'PID' || id from participant;
            """, new { Id, start = Start, n = Participants }, commandTimeout: 300);
    }

    [Test]
    public async Task ExportToDirectory_twentyThousandParticipants_streamsAndIsByteIdentical()
    {
        await GenerateAsync();
        var first = Directory.CreateTempSubdirectory("ppl-stream-").FullName;
        var second = Directory.CreateTempSubdirectory("ppl-stream-").FullName;
        try
        {
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0;
            await Exporter.ExportToDirectoryAsync(DataSource, Id, first, Clock, new Sample(() => peak = Math.Max(peak, GC.GetTotalMemory(true) - baseline)));
            await Exporter.ExportToDirectoryAsync(DataSource, Id, second, Clock);

            var written = Exporter.FileNames.Sum(f => new FileInfo(Path.Combine(first, f)).Length);
            TestContext.Out.WriteLine($"written {written / 1048576.0:F1} MB, peak live heap growth {peak / 1048576.0:F1} MB");
            foreach (var f in Exporter.FileNames)
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(second, f)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(first, f))), f);
            Assert.That(written, Is.GreaterThan(12 * 1048576L), "enough output for the memory comparison to mean something");
            Assert.That(peak, Is.LessThan(written / 4), "the export holds batches, never the whole study");

            Assert.That(File.ReadLines(Path.Combine(first, "participants.csv")).Count(), Is.EqualTo(Participants + 1));
            Assert.That(File.ReadLines(Path.Combine(first, "responses.csv")).Count(), Is.EqualTo(5 * Participants + 1));
            Assert.That(File.ReadLines(Path.Combine(first, "disclosures.csv")).Count(), Is.EqualTo(3 * Participants + 1));
            Assert.That(File.ReadLines(Path.Combine(first, "page_times.csv")).Count(), Is.EqualTo(4 * Participants + 1));
            var ids = File.ReadLines(Path.Combine(first, "participants.csv")).Skip(1).Select(l => l[..l.IndexOf(',')]).ToList();
            Assert.That(ids, Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            var left = CsvTable.Read(Path.Combine(first, "participants.csv")).Row("g000005");
            Assert.That((left["checkout_outcome"], left["disclosed_email"], left["duration_s"]), Is.EqualTo(("left_shop", "0", "300.5")));
        }
        finally
        {
            Directory.Delete(first, true);
            Directory.Delete(second, true);
        }
    }

    sealed class Sample(Action sample) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => sample();
    }
}
