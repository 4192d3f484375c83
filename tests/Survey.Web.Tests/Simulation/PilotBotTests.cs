using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Export;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Researcher;
using TestSupport;

namespace Survey.Web.Tests.Simulation;

/// <summary>
/// Issue 15: the bots of `simulate --via http` carry the run's pilot key, so the real Survey.Web enrols them as
/// pilot participants: the live export, the live counts and the balance stay as they were, the dashboard shows
/// them apart, and the console removes them in one audited action.
/// </summary>
public sealed class PilotBotTests
{
    const string SeedStudy = "privacy-paradox-nl";
    static readonly SimulationParameters NoDropout = new() { DropoutPerPage = 0, DeclineRate = 0 };

    static async Task<string> LiveExportAsync(TestWebApp app, TimeProvider clock, bool includePilot = false)
    {
        var dir = Directory.CreateTempSubdirectory("ppl-pilot-bots-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, SeedStudy, dir, clock, null, includePilot: includePilot);
            return string.Join("\n---\n", Exporter.FileNames.Select(f => File.ReadAllText(Path.Combine(dir, f))));
        }
        finally { Directory.Delete(dir, true); }
    }

    static async Task<string> CountsAsync(TestWebApp app)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var counters = await conn.QueryAsync<string>(
            "select kind || idx || ':' || cell_idx || '=' || n from assignment_counter where study_id = @SeedStudy order by 1", new { SeedStudy });
        var state = await conn.QuerySingleAsync<string>(
            "select entered || '/' || declined || '/' || withdrawn from study_state where study_id = @SeedStudy", new { SeedStudy });
        var removed = await conn.ExecuteScalarAsync<long>("select coalesce(sum(n), 0) from removal_count");
        return $"{state} removed {removed} {string.Join(",", counters)}";
    }

    /// <summary>The dashboard's live JSON without its "at" time stamp.</summary>
    static async Task<string> LiveJsonAsync(ConsoleClient console)
    {
        var json = await (await console.GetAsync($"/researcher/studies/{SeedStudy}/live.json")).Content.ReadAsStringAsync();
        return System.Text.RegularExpressions.Regex.Replace(json, "\"at\":\"[^\"]*\",?", "");
    }

    [Test]
    public async Task PilotBots_besideLiveOnes_leaveExportCountsAndBalanceUnchangedAndAreRemovedInOneAuditedAction()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, SeedStudy))!.Value.Study;
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "pia");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("pia", password);

        var live = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, 5, 5, TimeSpan.FromMinutes(3), 1, NoDropout, clock: clock);
        Assert.That(live.Completed, Is.EqualTo(5), string.Join("; ", live.ErrorSamples));
        var (exportBefore, countsBefore, dashboardBefore) = (await LiveExportAsync(app, clock), await CountsAsync(app), await LiveJsonAsync(console));

        // The key lets the bots in whatever the status: a study is tried before it is opened.
        await StudyStore.SetStatusAsync(app.DataSource, SeedStudy, "closed");
        var cells = StudyDesign.Cells(study).Count;
        var orders = StudyDesign.BlockOrders(study).Count;
        var key = await Pilot.IssueKeyAsync(app.DataSource, SeedStudy, TimeSpan.FromMinutes(10), clock);
        var pilots = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, cells * orders, 4, TimeSpan.FromMinutes(4), 2, NoDropout,
            clock: clock, pilotKey: key);
        await Pilot.RevokeKeyAsync(app.DataSource, key);
        await StudyStore.SetStatusAsync(app.DataSource, SeedStudy, "open");
        var dashboardHtml = await (await console.GetAsync($"/researcher/studies/{SeedStudy}")).Content.ReadAsStringAsync();

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var pilotCells = (await conn.QueryAsync<(int Cell, int Order)>(
            "select cell_idx, order_idx from participant where pilot and status = 'completed'")).ToList();
        var (exportDuring, countsDuring, dashboardDuring) = (await LiveExportAsync(app, clock), await CountsAsync(app), await LiveJsonAsync(console));
        var exportWithPilots = await LiveExportAsync(app, clock, includePilot: true);
        Assert.Multiple(() =>
        {
            Assert.That(pilots.Completed, Is.EqualTo(cells * orders), string.Join("; ", pilots.ErrorSamples));
            Assert.That(pilotCells.Distinct().Count(), Is.EqualTo(cells * orders), "the pilots are balanced among themselves: every cell and order");
            Assert.That(exportDuring, Is.EqualTo(exportBefore), "the live export is unchanged, file for file");
            Assert.That(countsDuring, Is.EqualTo(countsBefore), "counters, entered, declined and withdrawn unchanged");
            Assert.That(dashboardDuring, Is.EqualTo(dashboardBefore.Replace("\"pilotParticipants\":0", $"\"pilotParticipants\":{cells * orders}")),
                "the dashboard's counts are the same; only the pilot count moved");
            Assert.That(dashboardHtml, Does.Contain($"id=\"pilot-count\">{cells * orders}<"));
            Assert.That(exportWithPilots, Is.Not.EqualTo(exportBefore), "--include-pilot has them");
        });

        var confirm = await (await console.GetAsync($"/researcher/studies/{SeedStudy}/pilot/remove")).Content.ReadAsStringAsync();
        var removed = await console.SubmitAsync($"/researcher/studies/{SeedStudy}/pilot/remove", $"/researcher/studies/{SeedStudy}/pilot/remove");

        var (pilotsLeft, everyone) = (await conn.ExecuteScalarAsync<long>("select count(*) from participant where pilot"),
            await conn.ExecuteScalarAsync<long>("select count(*) from participant"));
        var (exportAfter, countsAfter) = (await LiveExportAsync(app, clock, includePilot: true), await CountsAsync(app));
        var audit = (await AuditLog.ListAsync(app.DataSource, SeedStudy)).Select(a => (a.Actor, a.Action, a.Detail)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(confirm, Does.Contain($"id=\"pilot-count\">{cells * orders}<"), "the confirmation names the count");
            Assert.That((int)removed.StatusCode, Is.EqualTo(302));
            Assert.That(pilotsLeft, Is.Zero);
            Assert.That(everyone, Is.EqualTo(5));
            Assert.That(exportAfter, Is.EqualTo(exportBefore), "no pilot row is left anywhere");
            Assert.That(countsAfter, Is.EqualTo(countsBefore), "the removal is no withdrawal");
            Assert.That(audit, Does.Contain(("researcher:pia", "remove-pilot", $"{cells * orders} pilot participant(s) removed")));
        });
    }

    [Test]
    public async Task Participants_enteringWhileInPilot_areFlaggedPilotAndCountTowardNothing()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, SeedStudy))!.Value.Study;
        var countsBefore = await CountsAsync(app);
        await StudyStore.SetStatusAsync(app.DataSource, SeedStudy, "pilot");

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, 3, 3, TimeSpan.FromMinutes(2), 4, NoDropout, clock: clock);

        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(result.Completed, Is.EqualTo(3), string.Join("; ", result.ErrorSamples));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant where pilot"), Is.EqualTo(3));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant where not pilot"), Is.Zero);
        Assert.That(await CountsAsync(app), Is.EqualTo(countsBefore));
    }

    [Test]
    public async Task PilotKey_forgedOrOfAnotherStudy_isAnOrdinaryEntryOfAClosedStudy()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, SeedStudy))!.Value.Study;
        await StudyStore.SetStatusAsync(app.DataSource, SeedStudy, "closed");
        var otherKey = await Pilot.IssueKeyAsync(app.DataSource, "demo", TimeSpan.FromMinutes(10), clock);

        foreach (var key in new[] { otherKey, new string('a', 64), "not a key" })
        {
            var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, 1, 1, TimeSpan.FromMinutes(1), 5, NoDropout, clock: clock, pilotKey: key);
            Assert.That(result.Completed, Is.Zero, key);
        }
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant"), Is.Zero);
    }
}
