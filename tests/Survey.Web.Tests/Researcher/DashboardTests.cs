using System.Net;
using System.Text.Json;
using Dapper;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Researcher;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Researcher;

/// <summary>The live dashboard counts a silent session as abandoned by the app's clock, the export's rule.</summary>
public sealed class DashboardTests
{
    const string Study = "privacy-paradox-nl";

    [Test]
    public async Task Live_counts_sessions_silent_longer_than_the_abandonment_time_by_the_app_clock()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, Study))!.Value.Study;
        var now = clock.GetUtcNow().UtcDateTime;
        await InsertAsync(app, study,
            ("p-busy", "in_progress", now - Abandonment.After),
            ("p-gone", "in_progress", now - Abandonment.After - TimeSpan.FromSeconds(1)),
            ("p-done", "completed", now - TimeSpan.FromDays(3)));
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
    public async Task Dashboard_of_a_demo_study_flags_it_and_of_a_launch_study_does_not()
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

    static async Task InsertAsync(TestWebApp app, StudyDefinition study, params (string Id, string Status, DateTime LastSeen)[] participants)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        foreach (var (id, status, lastSeen) in participants)
            await conn.ExecuteAsync(
                """
                insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, status,
                                         started_at, last_seen_at, completed_at, completion_code)
                values (@id, @Study, @Version, 0, @arm, 0, @order, 'nl', @status, @started, @lastSeen,
                        case when @status = 'completed' then @lastSeen end, 'C')
                """,
                new { id, Study, study.Version, arm = StudyDesign.Cells(study)[0].Arm,
                      order = StudyDesign.BlockOrderName(StudyDesign.BlockOrders(study)[0]), status, lastSeen, started = lastSeen - TimeSpan.FromSeconds(47) });
    }

    [Test]
    public async Task StudiesList_dashboard_and_export_show_the_same_counts()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, Study))!.Value.Study;
        var now = clock.GetUtcNow().UtcDateTime;
        await InsertAsync(app, study,
            ("p-busy1", "in_progress", now), ("p-busy2", "in_progress", now),
            ("p-gone", "in_progress", now - Abandonment.After - TimeSpan.FromSeconds(1)),
            ("p-done1", "completed", now), ("p-done2", "completed", now), ("p-done3", "completed", now),
            ("p-erased", "completed", now));
        Assert.That(await Erasure.EraseParticipantAsync(app.DataSource, Study, "p-erased"), Is.True);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
            // Arrivals at the consent page that never enrolled: the counter the list used to show as "Entered".
            await conn.ExecuteAsync("update study_state set entered = entered + 13 where study_id = @Study", new { Study });
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "fay");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("fay", password);

        var list = await (await console.GetAsync("/researcher")).Content.ReadAsStringAsync();
        var row = System.Text.RegularExpressions.Regex.Match(list, $"<tr data-study=\"{Study}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        long InList(string key) => long.Parse(System.Text.RegularExpressions.Regex.Match(row, $"data-total=\"{key}\">(\\d+)<").Groups[1].Value);
        using var json = JsonDocument.Parse(await (await console.GetAsync($"/researcher/studies/{Study}/live.json")).Content.ReadAsStringAsync());
        var total = json.RootElement.GetProperty("total");
        long OnDashboard(string key) => total.GetProperty(key).GetInt64();
        var zip = new System.IO.Compression.ZipArchive(await (await console.GetAsync($"/researcher/studies/{Study}/export.zip")).Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("participants.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var statusColumn = Array.IndexOf(lines[0].Split(','), "status");
        long InExport(string status) => lines.Skip(1).Count(l => l.Split(',')[statusColumn] == status);

        Assert.Multiple(() =>
        {
            Assert.That(row, Is.Not.Empty, "the study is listed");
            foreach (var key in new[] { "entered", "inProgress", "completed", "withdrawn" })
                Assert.That(InList(key), Is.EqualTo(OnDashboard(key)), key);
            Assert.That((OnDashboard("entered"), OnDashboard("inProgress"), OnDashboard("completed"), OnDashboard("abandoned"), OnDashboard("withdrawn")),
                Is.EqualTo((7L, 2L, 3L, 1L, 1L)));
            Assert.That((InExport("in_progress"), InExport("completed"), InExport("abandoned")),
                Is.EqualTo((OnDashboard("inProgress"), OnDashboard("completed"), OnDashboard("abandoned"))), "the export's status column");
            Assert.That(lines.Length - 1 + OnDashboard("withdrawn"), Is.EqualTo(OnDashboard("entered")), "entered = exported rows + erased");
            Assert.That(json.RootElement.GetProperty("medianDuration").GetString(), Is.EqualTo("47 s"));
        });
    }

    [TestCase(null, "–")]
    [TestCase(12.4, "12 s")]
    [TestCase(59.6, "1:00 min")]
    [TestCase(725.0, "12:05 min")]
    [TestCase(5400.0, "90:00 min")]
    public void FormatDuration_short_and_long_sessions_show_seconds_or_minutes_and_seconds(double? seconds, string shown) =>
        Assert.That(Dashboard.FormatDuration(seconds), Is.EqualTo(shown));
}
