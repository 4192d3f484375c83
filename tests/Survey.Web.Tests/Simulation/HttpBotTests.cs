using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Simulation;

/// <summary>
/// The bots of `simulate --via http` walk the seed study through the real Survey.Web, the way researchers test a
/// study before launch: every cell and block order must be completed, and every answer the app accepted must be
/// stored exactly once.
/// </summary>
public sealed class HttpBotTests
{
    const string SeedStudy = "privacy-paradox-nl";

    /// <summary>The seed variants in browser and choice mode, and the server-mode shape (tests/Shared).</summary>
    [TestCase("privacy-paradox-nl")]
    [TestCase("privacy-paradox-prolific")]
    [TestCase("privacy-paradox-server")]
    [TestCase("framing-nl")]
    [TestCase("framing-en")]
    public async Task RunAsync_seedStudy_completesEveryCellAndOrderAndStoresEachAnswerOnce(string studyId)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, studyId))!.Value.Study;
        var cells = StudyDesign.Cells(study).Count;
        var orders = StudyDesign.BlockOrders(study).Count;
        var bots = 2 * cells * orders; // 24 for the seed study's 3 x 2 cells and 2 orders
        var noDropout = new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0 };

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 6, TimeSpan.FromMinutes(4), seed: 3, noDropout);

        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That(result.Completed, Is.EqualTo(bots));
        Assert.That(result.Sessions.Select(s => s.CompletionCode).Distinct(), Is.EqualTo(new[] { study.Panel!.CompletionCode }));
        // Every bot opens the study link and posts the consent form once; everything else is a participant page.
        Assert.That((result.Entry.Count, result.Pages.Count), Is.EqualTo((2 * bots, result.Requests - 2 * bots)));
        Assert.That(result.Entry.P50Ms, Is.GreaterThan(0).And.LessThanOrEqualTo(result.Entry.P99Ms));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var done = (await conn.QueryAsync<(int Cell, int Order, long N)>(
            "select cell_idx, order_idx, count(*) from participant where study_id = @SeedStudy and status = 'completed' group by 1, 2",
            new { SeedStudy = studyId })).ToList();
        Assert.That(done.Select(d => (d.Cell, d.Order)),
            Is.EquivalentTo(Enumerable.Range(0, cells).SelectMany(c => Enumerable.Range(0, orders).Select(o => (c, o)))));
        Assert.That(done.Sum(d => d.N), Is.EqualTo(bots));

        var stored = (await conn.QueryAsync<(string Pid, string Item, string Value)>(
            "select x.panel_participant_id, r.item, r.value from response r join panel_id x using (participant_id)")).ToList();
        var submitted = result.Sessions.SelectMany(s => s.Answers.Select(a => (s.PanelParticipantId, a.Item, a.Value))).ToList();
        Assert.That(stored, Is.EquivalentTo(submitted));
        var required = StudyDesign.AllItems(study).Where(i => i.Required).Select(i => i.Key).ToList();
        foreach (var s in result.Sessions)
            Assert.That(s.Answers.Select(a => a.Item), Is.SupersetOf(required), s.PanelParticipantId);

        var disclosureRows = await conn.ExecuteScalarAsync<long>("select count(*) from disclosure");
        Assert.That(disclosureRows, Is.EqualTo(bots * study.Shop!.Fields.Count));
        Assert.That(result.Sessions.Sum(s => s.CheckoutFields.Count), Is.EqualTo(disclosureRows));
        // Each field measured in its own mode (a bot runs JavaScript, so browser mode is not the no-script choice),
        // and some bots disclosed in every mode the study uses.
        var modes = (await conn.QueryAsync<(string Field, string Mode, long Disclosed, long Plausible)>(
            "select field, disclosure_mode, count(*) filter (where disclosed), count(plausible) from disclosure group by 1, 2")).ToList();
        Assert.That(modes.Select(m => (m.Field, m.Mode)), Is.EquivalentTo(study.Shop.Fields.Select(f => (f.Key, study.Shop.ModeOf(f)))));
        Assert.That(modes.GroupBy(m => m.Mode).Select(g => (g.Key, g.Sum(m => m.Disclosed) > 0)), Has.All.Matches<(string, bool)>(x => x.Item2));
        Assert.That(modes.Where(m => m.Mode == DisclosureModes.Choice).Sum(m => m.Plausible), Is.Zero, "no plausibility without typing");
    }

    /// <summary>The main seed as a study of its own whose salient-notice cells must scroll through the privacy statement.</summary>
    static async Task<StudyDefinition> ScrollCellStudyAsync(TestWebApp app, string id)
    {
        var seed = (await StudyStore.GetCurrentAsync(app.DataSource, "privacy-paradox-nl"))!.Value.Study;
        var study = seed with { Id = id, Version = 1, Slug = null, Shop = seed.Shop! with { PrivacyStatement = new() { RequireScroll = ["notice=salient"] } } };
        await app.ImportStudyAsync(study);
        return study;
    }

    /// <summary>A cell that must scroll past the shop's privacy statement: the bot, which runs JavaScript as a person's browser does, reads it to the end and orders.</summary>
    [Test]
    public async Task RunAsync_cellThatMustScrollPastThePrivacyStatement_ordersThere()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = await ScrollCellStudyAsync(app, "privacy-scroll-bots");
        var bots = 2 * StudyDesign.Cells(study).Count;

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 4, TimeSpan.FromMinutes(4), seed: 5,
            new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0 });

        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That(result.Completed, Is.EqualTo(bots));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var salient = StudyDesign.Cells(study).Select((c, i) => (c, i)).Where(x => x.c.Levels["notice"] == "salient").Select(x => x.i).ToArray();
        Assert.That(await conn.ExecuteScalarAsync<long>(
            "select count(*) from participant where study_id = @Id and checkout_outcome = 'ordered' and cell_idx = any(@salient)", new { study.Id, salient }), Is.GreaterThan(0));
    }

    /// <summary>The bot reports the privacy statement as checkout.js does: in the scroll cell always in view, elsewhere with the chance given.</summary>
    [Test]
    public async Task RunAsync_privacyStatementShare_isWhatTheCheckoutRecordsPerCell()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = await ScrollCellStudyAsync(app, "privacy-open-bots");
        var bots = 4 * StudyDesign.Cells(study).Count;

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 4, TimeSpan.FromMinutes(4), seed: 6,
            new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0, PrivacyStatementShare = 0 });

        Assert.That(result.ErrorSamples, Is.Empty);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(int Cell, bool? Opened, int? Ms)>(
            "select cell_idx, privacy_statement_opened, privacy_statement_ms from participant where study_id = @Id and checkout_outcome is not null", new { study.Id })).ToList();
        var cells = StudyDesign.Cells(study);
        var inScroll = rows.Where(r => cells[r.Cell].Levels["notice"] == "salient").ToList();
        var behindLink = rows.Where(r => cells[r.Cell].Levels["notice"] != "salient").ToList();
        Assert.That((inScroll.Count, behindLink.Count), Is.EqualTo((bots / 2, bots / 2)));
        Assert.That(inScroll.Select(r => r.Opened == true && r.Ms > 0), Has.All.True, "on the page to scroll through: in view, with its time");
        Assert.That(behindLink.Select(r => (r.Opened, r.Ms)), Has.All.EqualTo(((bool?)false, (int?)0)), "behind the link, share 0: reported not opened");
    }

    /// <summary>
    /// A panel launch: 200 participants at once, each through consent and every page. Not a speed test (no time
    /// is asserted; bench/ measures speed): under this much contention every answer must still be stored once,
    /// every consent must enrol one participant, and every checkout its rows.
    /// </summary>
    [Test]
    public async Task RunAsync_200ConcurrentParticipants_storeEveryAnswerExactlyOnce()
    {
        const int Concurrent = 200;
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, SeedStudy))!.Value.Study;
        Assert.That(study.TargetPerCell * StudyDesign.Cells(study).Count, Is.Null.Or.GreaterThanOrEqualTo(Concurrent), "room for all");

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, Concurrent, Concurrent, TimeSpan.FromMinutes(4), seed: 200,
            new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0 });

        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That((result.Participants, result.Completed, result.TimedOut), Is.EqualTo((Concurrent, Concurrent, false)));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant where status = 'completed'"), Is.EqualTo(Concurrent));
        var stored = (await conn.QueryAsync<(string Pid, string Item, string Value)>(
            "select x.panel_participant_id, r.item, r.value from response r join panel_id x using (participant_id)")).ToList();
        var submitted = result.Sessions.SelectMany(s => s.Answers.Select(a => (s.PanelParticipantId, a.Item, a.Value))).ToList();
        Assert.That(submitted, Has.Count.GreaterThanOrEqualTo(Concurrent * StudyDesign.AllItems(study).Count(i => i.Required)));
        Assert.That(stored, Is.EquivalentTo(submitted), "each accepted answer once, nothing else");
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure"),
            Is.EqualTo(result.Sessions.Sum(s => s.CheckoutFields.Count)).And.EqualTo(Concurrent * study.Shop!.Fields.Count));
    }

    [Test]
    public async Task RunAsync_everyoneDeclines_recordsNoParticipant()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, SeedStudy))!.Value.Study;

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, 5, 5, TimeSpan.FromMinutes(1), 1,
            new SimulationParameters { DeclineRate = 1 });

        Assert.That(result.Declined, Is.EqualTo(5), string.Join("; ", result.ErrorSamples));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.Zero);
    }

    [Test]
    public async Task RunAsync_addressOffThisMachine_isRefusedBeforeAnyRequest()
    {
        var e = await Assert.ThrowsAsync<ArgumentException>(() => HttpLoad.RunAsync(new Uri("http://example.org/"),
            new StudyDefinition
            {
                Id = "x", Version = 1, Languages = ["en"], Title = new Text(), Blocks = [], Pages = [],
                Texts = new StudyTexts { Consent = new Text(), Instructions = new Text(), Debrief = new Text() },
            }, 1, 1, TimeSpan.FromSeconds(5), 1, new SimulationParameters()));
        Assert.That(e!.Message, Does.Contain("example.org"));
    }
}
