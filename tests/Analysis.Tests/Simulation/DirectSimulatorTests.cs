using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Studies;
using Npgsql;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Simulation;

public sealed class DirectSimulatorTests : DatabaseTest
{
    static readonly StudyDefinition Study = SimStudy.Definition();

    async Task<DirectResult> Simulate(int n, int seed = 11, SimulationParameters? p = null)
    {
        await SimStudy.ImportAsync(DataSource, Study);
        return await DirectSimulator.RunAsync(DataSource, Study.Id, n, seed, p ?? new SimulationParameters());
    }

    static StudyDefinition MainSeed() =>
        StudyFile.Load(Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies", "privacy-paradox-nl.json")).Study!;

    [TestCase(0.0)]
    [TestCase(0.4)]
    public async Task RunAsync_shopWithAPrivacyStatement_opensItWithTheParametersChanceAndTimesEachOpening(double share)
    {
        var seed = MainSeed();
        Assert.That(seed.Shop!.PrivacyStatement, Is.Not.Null);
        await StudyImport.ImportAsync(DataSource, seed);
        await DirectSimulator.RunAsync(DataSource, seed.Id, 500, 5, new SimulationParameters { PrivacyStatementShare = share });

        await using var conn = await DataSource.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(string? Outcome, bool? Opened, int? Ms)>(
            "select checkout_outcome, privacy_statement_opened, privacy_statement_ms from participant")).ToList();
        var ended = rows.Where(r => r.Outcome is not null).ToList();
        Assert.That(ended, Has.Count.GreaterThan(300));
        // Recorded exactly where the web records it: when the checkout ended, opened or not, with its time.
        Assert.That(rows.Where(r => r.Outcome is null).Select(r => (r.Opened, r.Ms)), Has.All.EqualTo(((bool?)null, (int?)null)));
        Assert.That(ended.Select(r => r.Opened.HasValue && r.Ms.HasValue), Has.All.True);
        Assert.That(ended.Where(r => r.Opened == true).Select(r => r.Ms), Has.All.GreaterThan(0));
        Assert.That(ended.Where(r => r.Opened == false).Select(r => r.Ms), Has.All.EqualTo(0));
        Assert.That(ended.Count(r => r.Opened == true) / (double)ended.Count, Is.EqualTo(share).Within(0.06));
    }

    [Test]
    public async Task RunAsync_privacyStatementShare_changesNoOtherSimulatedAnswer()
    {
        // The statement's draws have a stream of their own: the same seed gives the same answers and checkouts whatever its share.
        var seed = MainSeed();
        await StudyImport.ImportAsync(DataSource, seed);
        async Task<List<string>> RunAsync(double share)
        {
            await using var conn = await DataSource.OpenConnectionAsync();
            await conn.ExecuteAsync("truncate participant cascade; update assignment_counter set n = 0");
            await DirectSimulator.RunAsync(DataSource, seed.Id, 120, 8, new SimulationParameters { PrivacyStatementShare = share });
            return (await conn.QueryAsync<string>(
                "select concat_ws('|', p.cell_idx, p.status, p.checkout_outcome, p.amount_to_pay, r.item, r.value) from participant p " +
                "left join response r on r.participant_id = p.id order by p.started_at, p.cell_idx, r.item")).ToList();
        }

        var without = await RunAsync(0);
        var with = await RunAsync(0.9);

        Assert.That(with, Is.EqualTo(without));
    }

    [Test]
    public async Task RunAsync_cellsAndOrders_areBalancedLikeTheAssignerAndKeepTheCountersInStep()
    {
        var result = await Simulate(403, p: new SimulationParameters { DeclineRate = 0 });
        await using var conn = await DataSource.OpenConnectionAsync();
        var cells = (await conn.QueryAsync<(int Cell, int Order, long N)>(
            "select cell_idx, order_idx, count(*) from participant group by 1, 2")).ToList();
        var perCell = cells.GroupBy(c => c.Cell).Select(g => g.Sum(x => x.N)).ToList();
        Assert.That(result.Participants, Is.EqualTo(403));
        Assert.That(perCell, Has.Count.EqualTo(4));
        Assert.That(perCell.Max() - perCell.Min(), Is.LessThanOrEqualTo(1));
        foreach (var g in cells.GroupBy(c => c.Cell))
            Assert.That(g.Max(x => x.N) - g.Min(x => x.N), Is.LessThanOrEqualTo(1), $"orders within cell {g.Key}");
        var counters = (await conn.QueryAsync<(string Kind, int Idx, int CellIdx, int N)>(
            "select kind, idx, cell_idx, n from assignment_counter where study_id = @Id", new { Study.Id })).ToList();
        foreach (var c in cells)
            Assert.That(counters.Single(k => k.Kind == "order" && k.Idx == c.Order && k.CellIdx == c.Cell).N, Is.EqualTo(c.N));
        Assert.That(counters.Where(k => k.Kind == "cell").Sum(k => k.N), Is.EqualTo(403));
        var state = await conn.QuerySingleAsync<(long Entered, long Declined)>("select entered, declined from study_state where study_id = @Id", new { Study.Id });
        Assert.That(state, Is.EqualTo((403L, 0L)));
    }

    [TestCase(1, 2, 3, 0.5, false)]
    [TestCase(0.25, 1, 1, 4, false)]
    [TestCase(1, 2, 3, 0.5, true)]
    public async Task RunAsync_weightedCells_assignsTheSameCellsAndOrdersAsEnrolParticipant(double w0, double w1, double w2, double w3, bool pilot)
    {
        // The simulator applies the assignment rule in memory (one lock for a whole run); enrol_participant is the
        // rule the web uses. Both, from empty counters, must reach the same counts after every run length.
        var weighted = Study with
        {
            Cells = new[] { w0, w1, w2, w3 }.Select((w, i) => new CellSpec
            {
                Levels = new Dictionary<string, string> { ["discount"] = i < 2 ? "0" : "15", ["notice"] = i % 2 == 0 ? "plain" : "salient" },
                Weight = w,
            }).ToList(),
        };
        var webDatabase = await Server.CreateDatabaseAsync();
        var web = NpgsqlDataSource.Create(webDatabase);
        try
        {
            await SimStudy.ImportAsync(DataSource, weighted);
            await SimStudy.ImportAsync(web, weighted);
            var simulated = 0;
            foreach (var n in new[] { 1, 6, 17, 29 })
            {
                await DirectSimulator.RunAsync(DataSource, weighted.Id, n, seed: n, new SimulationParameters { DeclineRate = 0 }, pilot: pilot);
                for (var i = 0; i < n; i++) await Assigner.EnrolAsync(web, weighted, new EnrolmentRequest("en", Pilot: pilot));
                simulated += n;
                Assert.That(await CountsAsync(DataSource), Is.EqualTo(await CountsAsync(web)), $"after {simulated} participants");
            }
        }
        finally
        {
            await web.DisposeAsync();
            await Server.DropDatabaseAsync(webDatabase);
        }

        // The counters (which pilots leave at 0) and the participants per cell and order, pilot or not.
        static async Task<List<(string Kind, int Idx, int CellIdx, int N)>> CountsAsync(NpgsqlDataSource db)
        {
            await using var conn = await db.OpenConnectionAsync();
            return (await conn.QueryAsync<(string, int, int, int)>(
                """
                select kind, idx, cell_idx, n from assignment_counter
                union all
                select case when pilot then 'pilot' else 'live' end, cell_idx, order_idx, count(*)::int from participant group by 1, 2, 3
                order by 1, 2, 3
                """)).ToList();
        }
    }

    [Test]
    public async Task RunAsync_pagesItemsAndDisclosures_areTheRowsTheWebFlowWrites()
    {
        var result = await Simulate(300, p: new SimulationParameters { DropoutPerPage = 0.03 });
        await using var conn = await DataSource.OpenConnectionAsync();
        var participants = (await conn.QueryAsync<(string Id, int OrderIdx, string Status, int Step, string? CheckoutOutcome, bool? AttentionPassed, DateTime? CompletedAt)>(
            "select id, order_idx, status, step, checkout_outcome, attention_passed, completed_at from participant")).ToList();
        var pageTimes = (await conn.QueryAsync<(string ParticipantId, int Step, string Page, DateTime? SubmittedAt)>(
            "select participant_id, step, page, submitted_at from page_time")).ToLookup(r => r.ParticipantId);
        var responses = (await conn.QueryAsync<(string ParticipantId, string Page, string Item, string Value)>(
            "select participant_id, page, item, value from response")).ToLookup(r => r.ParticipantId);
        var disclosures = (await conn.QueryAsync<(string ParticipantId, string Field, bool Disclosed, bool? Plausible, int? ListCount)>(
            "select participant_id, field, disclosed, plausible, list_count from disclosure")).ToLookup(r => r.ParticipantId);
        var itemPage = Study.Pages.SelectMany(p => p.Items.Select(i => (i.Key, p.Key))).ToDictionary(x => x.Item1, x => x.Item2);

        Assert.That(participants.Select(p => p.Status).Distinct(), Is.EquivalentTo(new[] { "completed", "abandoned" }));
        foreach (var p in participants)
        {
            // Leaving the shop passes over the payment step, as in the web app.
            var steps = StudyDesign.Steps(Study, p.OrderIdx).Where(s => p.CheckoutOutcome != "left_shop" || s.Kind != StepKind.ShopPayment).ToList();
            var seen = pageTimes[p.Id].OrderBy(r => r.Step).ToList();
            Assert.That(seen.Select(r => (r.Step, r.Page)), Is.EqualTo(steps.Take(seen.Count).Select(s => (s.Index, s.Name))), p.Id);
            Assert.That(seen.Take(seen.Count - 1).All(r => r.SubmittedAt is not null) && seen[^1].SubmittedAt is null, Is.True, p.Id);
            Assert.That(p.Step, Is.EqualTo(seen[^1].Step));
            Assert.That(p.Status == "completed", Is.EqualTo(seen[^1].Page == "end"));
            Assert.That(p.CompletedAt is not null, Is.EqualTo(p.Status == "completed"));
            foreach (var r in responses[p.Id]) Assert.That(r.Page, Is.EqualTo(itemPage[r.Item]));
            var attn = responses[p.Id].SingleOrDefault(r => r.Item == "attn");
            Assert.That(p.AttentionPassed, Is.EqualTo(attn.Item is null ? null : attn.Value == "2"));
            var rows = disclosures[p.Id].ToList();
            if (p.CheckoutOutcome is null) Assert.That(rows, Is.Empty);
            else
            {
                Assert.That(rows.Select(r => r.Field), Is.EquivalentTo(Study.Shop!.Fields.Select(f => f.Key)));
                Assert.That(rows.All(r => (r.Plausible is null) == !r.Disclosed), Is.True);
                if (p.CheckoutOutcome == "left_shop") Assert.That(rows.Any(r => r.Disclosed), Is.False);
                Assert.That(rows.Single(r => r.Field == "friends").ListCount, Is.Not.Null);
                Assert.That(rows.Single(r => r.Field == "dob").ListCount, Is.Null);
            }
        }
        Assert.That(participants.Count(p => p.CheckoutOutcome == "ordered"), Is.GreaterThan(150));
        Assert.That(result.Responses, Is.EqualTo(responses.Sum(g => g.Count())));
    }

    [Test]
    public async Task RunAsync_panelStudy_writesOnePanelIdPerParticipant()
    {
        await Simulate(120);
        await using var conn = await DataSource.OpenConnectionAsync();
        var (participants, panelIds, distinct) = await conn.QuerySingleAsync<(long, long, long)>(
            "select (select count(*) from participant), (select count(*) from panel_id where panel = 'prolific'), (select count(distinct panel_participant_id) from panel_id)");
        Assert.That(panelIds, Is.EqualTo(participants));
        Assert.That(distinct, Is.EqualTo(participants));
    }

    [Test]
    public async Task RunAsync_sameSeed_writesTheSameRows()
    {
        await Simulate(150, seed: 5);
        var first = await Snapshot();
        await using (var conn = await DataSource.OpenConnectionAsync())
            await conn.ExecuteAsync("truncate participant cascade; update assignment_counter set n = 0; update study_state set entered = 0, declined = 0");
        await DirectSimulator.RunAsync(DataSource, Study.Id, 150, 5, new SimulationParameters());
        Assert.That(await Snapshot(), Is.EqualTo(first));
        Assert.That(first, Does.Contain("ordered"));
    }

    async Task<string> Snapshot()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var parts = await conn.QueryAsync<string>(
            """
            select string_agg(x, E'\n' order by x) from (
              select row(p.*)::text as x from participant p
              union all select row(r.*)::text from response r
              union all select row(t.*)::text from page_time t
              union all select row(d.*)::text from disclosure d) s
            """);
        return parts.Single();
    }

    [Test]
    public async Task RunAsync_unknownStudy_saysToImportIt()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => DirectSimulator.RunAsync(DataSource, "nope", 10, 1, new SimulationParameters()));
        Assert.That(e!.Message, Does.Contain("'nope'").And.Contain("import"));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.Zero);
    }
}
