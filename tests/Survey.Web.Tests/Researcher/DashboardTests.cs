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
    public async Task Live_sessionsSilentLongerThanTheAbandonmentTime_areCountedByTheAppClock()
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
    public async Task StudiesList_dashboardAndExport_showTheSameCounts()
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

    [Test]
    public async Task StudiesListAndDashboard_qualityCounts_equalTheExportsColumns()
    {
        var clock = TestClock.Create();
        await using var app = await TestWebApp.StartAsync(null, null, clock);
        var seed = (await StudyStore.GetCurrentAsync(app.DataSource, Study))!.Value.Study;
        // A version whose first Likert page has a reverse-coded item, so straight-lining can be flagged.
        var concern = seed.Pages[0];
        var study = seed with
        {
            Version = seed.Version + 1,
            Pages = [concern with { Items = [concern.Items[0] with { Reverse = true }, .. concern.Items.Skip(1)] }, .. seed.Pages.Skip(1)],
        };
        Assert.That((await StudyImport.ImportAsync(app.DataSource, study)).Outcome, Is.EqualTo(ImportOutcome.Imported));
        var now = clock.GetUtcNow().UtcDateTime;
        var arm = StudyDesign.Cells(study)[0].Arm;
        var order = StudyDesign.BlockOrderName(StudyDesign.BlockOrders(study)[0]);
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            foreach (var (id, status, seconds, attention, checkout, useConsent, repeats) in new (string, string, int, bool?, string?, bool?, int)[]
                     {
                         ("p-ok1", "completed", 600, true, "ordered", true, 0), ("p-ok2", "completed", 600, true, "ordered", true, 0),
                         ("p-ok3", "completed", 600, true, "ordered", true, 0),
                         ("p-attn", "completed", 600, false, "ordered", true, 0),
                         ("p-leave", "completed", 600, true, "left_shop", true, 0),
                         ("p-leave-refused", "completed", 600, true, "left_shop", false, 0),
                         ("p-fast", "completed", 60, true, "ordered", true, 0),
                         ("p-repeat", "in_progress", 0, null, null, null, 2),
                         ("p-straight", "completed", 600, true, "ordered", true, 0),
                         ("p-erased", "completed", 600, false, "left_shop", false, 1),
                     })
                await conn.ExecuteAsync(
                    """
                    insert into participant (id, study_id, study_version, cell_idx, arm, order_idx, block_order, language, status,
                                             started_at, last_seen_at, completed_at, attention_passed, checkout_outcome, behaviour_consent,
                                             repeat_entries, completion_code)
                    values (@id, @Study, @Version, 0, @arm, 0, @order, 'nl', @status, @started, @now,
                            case when @status = 'completed' then @now end, @attention, @checkout, @useConsent, @repeats, 'C')
                    """, new { id, Study, study.Version, arm, order, status, started = now.AddSeconds(-seconds), now, attention, checkout, useConsent, repeats });
            // The same answer on every Likert item of that page (2, the attention check's answer).
            await conn.ExecuteAsync(
                "insert into response (participant_id, page, item, value, answered_at) select 'p-straight', @page, unnest(@items), '2', @now",
                new { page = concern.Key, items = concern.Items.Where(i => i.Type == ItemTypes.Likert).Select(i => i.Key).ToArray(), now });
        }
        Assert.That(await Erasure.EraseParticipantAsync(app.DataSource, Study, "p-erased"), Is.True);

        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "gus");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("gus", password);
        var list = await (await console.GetAsync("/researcher")).Content.ReadAsStringAsync();
        var row = System.Text.RegularExpressions.Regex.Match(list, $"<tr data-study=\"{Study}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        string InList(string key) => System.Text.RegularExpressions.Regex.Match(row, $"data-quality=\"{key}\">([^<]*)<").Groups[1].Value;
        using var json = JsonDocument.Parse(await (await console.GetAsync($"/researcher/studies/{Study}/live.json")).Content.ReadAsStringAsync());
        var quality = json.RootElement.GetProperty("quality");
        var page = await (await console.GetAsync($"/researcher/studies/{Study}")).Content.ReadAsStringAsync();
        string OnPage(string key) => System.Text.RegularExpressions.Regex.Match(page, $"data-quality=\"{key}\">([^<]*)<").Groups[1].Value;

        var dir = Directory.CreateTempSubdirectory("ppl-dash-").FullName;
        try
        {
            using (var zip = new System.IO.Compression.ZipArchive(await (await console.GetAsync($"/researcher/studies/{Study}/export.zip")).Content.ReadAsStreamAsync()))
                System.IO.Compression.ZipFileExtensions.ExtractToFile(zip.GetEntry("participants.csv")!, Path.Combine(dir, "participants.csv"));
            var rows = CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows;
            long Where(Func<IReadOnlyDictionary<string, string>, bool> f) => rows.Count(f);
            var export = new Dictionary<string, string>
            {
                ["attentionFailed"] = Where(r => r["attention_passed"] == "0").ToString(),
                ["leftShop"] = Where(r => r["checkout_outcome"] == "left_shop").ToString(),
                ["behaviourConsentRefused"] = Where(r => r["behaviour_consent"] == "0").ToString(),
                ["flagged"] = Where(r => r["flag_attention_failed"] == "1" || r["flag_speeder"] == "1" || r["flag_straightlining"] == "1"
                                         || r["repeat_entries"] != "0").ToString(),
            };
            var durations = rows.Where(r => r["status"] == "completed").Select(r => double.Parse(r["duration_s"], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            var medianInExport = durations.Count % 2 == 1 ? durations[durations.Count / 2] : (durations[durations.Count / 2 - 1] + durations[durations.Count / 2]) / 2;

            Assert.Multiple(() =>
            {
                Assert.That(export, Is.EqualTo(new Dictionary<string, string>
                {
                    ["attentionFailed"] = "1", ["leftShop"] = "1", ["behaviourConsentRefused"] = "1", ["flagged"] = "4",
                }), "the data as built: p-attn; p-leave (p-leave-refused's shop data are not shown); p-leave-refused; p-attn, p-fast, p-repeat, p-straight");
                foreach (var (key, value) in export)
                {
                    Assert.That(InList(key), Is.EqualTo(value), "studies list: " + key);
                    Assert.That(OnPage(key), Is.EqualTo(value), "dashboard page: " + key);
                    Assert.That(quality.GetProperty(key).GetInt64().ToString(), Is.EqualTo(value), "live.json: " + key);
                }
                Assert.That(medianInExport, Is.EqualTo(600));
                Assert.That(InList("medianDuration"), Is.EqualTo("10:00 min"));
                Assert.That(json.RootElement.GetProperty("medianDuration").GetString(), Is.EqualTo(Dashboard.FormatDuration(medianInExport)));
                Assert.That(page, Does.Contain("Balance policy: enrolled"));
            });
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [TestCase(null, "–")]
    [TestCase(12.4, "12 s")]
    [TestCase(59.6, "1:00 min")]
    [TestCase(725.0, "12:05 min")]
    [TestCase(5400.0, "90:00 min")]
    public void FormatDuration_shortAndLongSessions_showSecondsOrMinutesAndSeconds(double? seconds, string shown) =>
        Assert.That(Dashboard.FormatDuration(seconds), Is.EqualTo(shown));
}
