using System.Net;
using System.Text.Json;
using Dapper;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Researcher;

/// <summary>The live dashboard counts a silent session as abandoned by the app's clock, the export's rule.</summary>
public sealed class DashboardTests
{
    const string Study = "privacy-paradox-nl";

    [Test]
    public async Task Live_sessionsSilentLongerThanTheAbandonmentTime_areCountedByTheAppClock()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, Study))!.Value.Study;
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            foreach (var (id, status, lastSeen) in new[]
                     {
                         ("p-busy", "in_progress", now - Abandonment.After),
                         ("p-gone", "in_progress", now - Abandonment.After - TimeSpan.FromSeconds(1)),
                         ("p-done", "completed", now - TimeSpan.FromDays(3)),
                     })
                await conn.ExecuteAsync(
                    """
                    insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, status,
                                             started_at, last_seen_at, completion_code)
                    values (@id, @Study, @Version, 0, @arm, 0, @order, 'nl', @status, @lastSeen, @lastSeen, 'C')
                    """,
                    new { id, Study, study.Version, arm = StudyDesign.Cells(study)[0].Arm,
                          order = StudyDesign.BlockOrderName(StudyDesign.BlockOrders(study)[0]), status, lastSeen });
        }
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "eve");
        using var console = new ConsoleClient(app.BaseUrl);
        Assert.That((await console.SignInAsync("eve", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        async Task<(long InProgress, long Abandoned, long Completed, DateTime At)> LiveAsync()
        {
            using var json = JsonDocument.Parse(await (await console.GetAsync($"/researcher/studies/{Study}/live.json")).Content.ReadAsStringAsync());
            var total = json.RootElement.GetProperty("total");
            return (total.GetProperty("inProgress").GetInt64(), total.GetProperty("abandoned").GetInt64(),
                total.GetProperty("completed").GetInt64(), json.RootElement.GetProperty("at").GetDateTime().ToUniversalTime());
        }

        Assert.That(await LiveAsync(), Is.EqualTo((1L, 1L, 1L, now)));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(await LiveAsync(), Is.EqualTo((0L, 2L, 1L, now.AddSeconds(1))));
        var page = await (await console.GetAsync($"/researcher/studies/{Study}")).Content.ReadAsStringAsync();
        Assert.That(page, Does.Contain("Abandoned: in progress with no request for 24 hours."));
    }

    [Test]
    public async Task Dashboard_demoOrLaunchStudy_flagsOnlyTheDemo()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "dora");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("dora", password);

        var demo = await (await console.GetAsync("/researcher/studies/demo")).Content.ReadAsStringAsync();
        var seed = await (await console.GetAsync($"/researcher/studies/{Study}")).Content.ReadAsStringAsync();

        Assert.That(demo, Does.Contain("id=\"demo-flag\"").And.Contain("not meant for launch"));
        Assert.That(seed, Does.Contain(Study).And.Not.Contain("id=\"demo-flag\""));
    }
}
