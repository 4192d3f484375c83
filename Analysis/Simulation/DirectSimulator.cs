using System.Diagnostics;
using System.Threading.Channels;
using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Npgsql;

namespace Analysis.Simulation;

public sealed record DirectResult(int Participants, int Declined, int Completed, long Responses, long PageTimes, long Disclosures, TimeSpan Elapsed);

/// <summary>
/// Writes simulated sessions straight into the database with binary COPY, for analysis data sets far larger than
/// a browser run could make. Assignment applies enrol_participant's rule (Assigner) in memory, starting from and
/// updating the same assignment_counter rows, so balance and the dashboard stay right when real and simulated
/// participants mix (DirectSimulatorTests checks both give the same counts on weighted cells). Everything happens
/// in one transaction that holds the assignment lock, so a failure leaves nothing behind.
/// A pilot run (the `simulate` verb's default) writes pilot participants, balanced among the version's pilot
/// participants by the same rule: the counters and the study's entered/declined counts stay untouched (Pilot).
/// </summary>
public static class DirectSimulator
{
    const int Batch = 5000;
    const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    public static async Task<DirectResult> RunAsync(NpgsqlDataSource db, string studyId, int participants, int seed,
        SimulationParameters p, CancellationToken ct = default, bool pilot = false)
    {
        p.Validate();
        if (participants < 0) throw new ArgumentException($"--participants must not be negative (got {participants}).");
        var current = await StudyStore.GetCurrentAsync(db, studyId, ct)
            ?? throw new ArgumentException($"Study '{studyId}' is not in the database; import it first (study import FILE).");
        var study = current.Study;
        var plan = SessionPlanner.StudyPlan.For(study);
        if (plan.Cells.Count == 0) throw new ArgumentException($"Study '{studyId}' has no cells.");
        var sw = Stopwatch.StartNew();
        var rng = new Random(seed);

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var counts = await LockCountersAsync(conn, tx, study, pilot, ct);
        var studyPanelId = study.Panel?.StudyParam is null ? null : Hex(rng, 24);

        int declined = 0, completed = 0, enrolled = 0;
        long responses = 0, pageTimes = 0, disclosures = 0;
        var spreadSeconds = p.SpreadDays * 86400;
        // Generating rows and copying them overlap: one thread draws participants, another streams the previous
        // batch to PostgreSQL. Two batches in flight keep memory flat whatever the number of participants.
        var channel = Channel.CreateBounded<List<SessionRows>>(2);
        var copier = Task.Run(async () =>
        {
            try
            {
                await foreach (var b in channel.Reader.ReadAllAsync(ct)) Copy(conn, b);
            }
            catch (Exception e)
            {
                channel.Writer.TryComplete(e);
                throw;
            }
        }, ct);
        try { await ProduceAsync(); }
        catch (ChannelClosedException) { /* the copier failed: its exception follows from await copier */ }
        finally { channel.Writer.TryComplete(); }
        await copier;

        async Task ProduceAsync()
        {
            var batch = new List<SessionRows>(Batch);
            for (var i = 0; i < participants; i++)
            {
                ct.ThrowIfCancellationRequested();
                var persona = new Persona(p, rng);
                var startedAt = p.Start.AddSeconds(Math.Round(spreadSeconds * (i + rng.NextDouble()) / Math.Max(1, participants), 3));
                if (persona.Chance(p.DeclineRate)) { declined++; continue; }
                var (cellIdx, orderIdx) = counts.Assign(plan);
                var id = "p" + new string(Enumerable.Range(0, 16).Select(_ => Base32[rng.Next(32)]).ToArray());
                var code = study.Panel?.CompletionCode ?? new string(Enumerable.Range(0, 8).Select(_ => "ABCDEFGHJKMNPQRSTUVWXYZ23456789"[rng.Next(31)]).ToArray());
                var language = study.Languages.Count > 1 && persona.Chance(0.2)
                    ? study.Languages[rng.Next(study.Languages.Count)] : study.Language(null);
                PanelRow? panel = study.Panel is { } ps
                    ? new PanelRow(id, study.Id, ps.Name, Hex(rng, 24), studyPanelId, ps.SessionParam is null ? null : Hex(rng, 24))
                    : null;
                var rows = SessionPlanner.Plan(plan, persona, p, id, cellIdx, orderIdx, language, code, startedAt, panel);
                if (pilot) rows = rows with { Participant = rows.Participant with { Pilot = true } };
                enrolled++;
                if (rows.Participant.Status == "completed") completed++;
                responses += rows.Responses.Count;
                pageTimes += rows.PageTimes.Count;
                disclosures += rows.Disclosures.Count;
                batch.Add(rows);
                if (batch.Count == Batch)
                {
                    await channel.Writer.WriteAsync(batch, ct);
                    batch = new List<SessionRows>(Batch);
                }
            }
            if (batch.Count > 0) await channel.Writer.WriteAsync(batch, ct);
        }

        if (!pilot)
        {
            await counts.SaveAsync(conn, tx, study, ct);
            await conn.ExecuteAsync(new CommandDefinition(
                "update study_state set entered = entered + @entered, declined = declined + @declined where study_id = @studyId",
                new { entered = (long)participants, declined = (long)declined, studyId }, tx, cancellationToken: ct));
        }
        await tx.CommitAsync(ct);
        return new DirectResult(enrolled, declined, completed, responses, pageTimes, disclosures, sw.Elapsed);
    }

    static string Hex(Random rng, int length) =>
        new(Enumerable.Range(0, length).Select(_ => "0123456789abcdef"[rng.Next(16)]).ToArray());

    static void Copy(NpgsqlConnection conn, List<SessionRows> batch)
    {
        // In key order, the primary-key and foreign-key index lookups of a batch walk the indexes in order
        // instead of jumping around; it saves server time, which is what bounds this writer.
        batch.Sort((a, b) => string.CompareOrdinal(a.Participant.Id, b.Participant.Id));
        Rows.Copy(conn, ParticipantRow.Copy, batch.Select(s => s.Participant), (r, w) => r.Write(w));
        Rows.Copy(conn, PanelRow.Copy, batch.Select(s => s.Panel).OfType<PanelRow>(), (r, w) => r.Write(w));
        Rows.Copy(conn, ResponseRow.Copy, batch.SelectMany(s => s.Responses), (r, w) => r.Write(w));
        Rows.Copy(conn, PageTimeRow.Copy, batch.SelectMany(s => s.PageTimes), (r, w) => r.Write(w));
        Rows.Copy(conn, DisclosureRow.Copy, batch.SelectMany(s => s.Disclosures), (r, w) => r.Write(w));
    }

    /// <summary>The assignment counters of one study version, held locked for the whole run.</summary>
    sealed class Counters
    {
        public required Dictionary<(string Kind, int Idx, int CellIdx), int> N { get; init; }
        readonly Dictionary<(string Kind, int Idx, int CellIdx), int> added = [];

        int Get(string kind, int idx, int cellIdx) => N.GetValueOrDefault((kind, idx, cellIdx));

        void Add(string kind, int idx, int cellIdx)
        {
            N[(kind, idx, cellIdx)] = Get(kind, idx, cellIdx) + 1;
            added[(kind, idx, cellIdx)] = added.GetValueOrDefault((kind, idx, cellIdx)) + 1;
        }

        /// <summary>enrol_participant's rule (migration 0040, described in Assigner), applied in memory.</summary>
        public (int Cell, int Order) Assign(SessionPlanner.StudyPlan plan)
        {
            var cell = plan.Cells.OrderBy(c => Get("cell", c.Index, -1) / (c.Weight > 0 ? c.Weight : 1e-9)).ThenBy(c => c.Index).First().Index;
            var order = Enumerable.Range(0, plan.OrderNames.Count)
                .OrderBy(o => Get("order", o, -1)).ThenBy(o => Get("order", o, cell)).ThenBy(o => o).First();
            Add("cell", cell, -1);
            Add("order", order, -1);
            Add("order", order, cell);
            return (cell, order);
        }

        public async Task SaveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StudyDefinition study, CancellationToken ct)
        {
            var keys = added.Keys.ToList();
            await conn.ExecuteAsync(new CommandDefinition(
                """
                update assignment_counter c set n = c.n + t.add
                from unnest(@kinds, @idxs, @cellIdxs, @adds) as t(kind, idx, cell_idx, add)
                where c.study_id = @Id and c.study_version = @Version and c.kind = t.kind and c.idx = t.idx and c.cell_idx = t.cell_idx
                """, new
                {
                    study.Id, study.Version, kinds = keys.Select(k => k.Kind).ToArray(), idxs = keys.Select(k => k.Idx).ToArray(),
                    cellIdxs = keys.Select(k => k.CellIdx).ToArray(), adds = keys.Select(k => added[k]).ToArray(),
                }, tx, cancellationToken: ct));
        }
    }

    static async Task<Counters> LockCountersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, StudyDefinition study, bool pilot, CancellationToken ct)
    {
        // The rows the assigner creates, under the lock enrol_participant takes, so a simulation can run beside a live study.
        await Assigner.InsertCountersAsync(conn, tx, study, ct);
        var existing = await Assigner.LockCountersAsync(conn, tx, study, ct);
        if (!pilot) return new Counters { N = existing.ToDictionary(r => (r.Kind, r.Idx, r.CellIdx), r => r.N) };
        // Pilots are counted from their own rows, as enrol_participant counts them (migration 0210).
        var pilots = await conn.QueryAsync<(int CellIdx, int OrderIdx, int N)>(new CommandDefinition(
            """
            select cell_idx, order_idx, count(*)::int from participant
            where study_id = @Id and study_version = @Version and pilot group by cell_idx, order_idx
            """, new { study.Id, study.Version }, tx, cancellationToken: ct));
        var n = new Dictionary<(string Kind, int Idx, int CellIdx), int>();
        void Add((string, int, int) key, int add) => n[key] = n.GetValueOrDefault(key) + add;
        foreach (var (cell, order, count) in pilots)
        {
            Add(("cell", cell, -1), count);
            Add(("order", order, -1), count);
            Add(("order", order, cell), count);
        }
        return new Counters { N = n };
    }
}
