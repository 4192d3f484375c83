using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LoadGen;
using Npgsql;

// bench/run.sh's load generator. Closed loop: CONCURRENCY workers, each walks one new participant after the
// other from the study link to the end, without pauses; WARMUP seconds unmeasured, then SECONDS measured.
// After the measured window no new request starts and the ones in flight finish, so what the server
// accepted is exactly what was recorded. Then the database is checked, and one JSON object goes to stdout.
//   LoadGen --url http://127.0.0.1:5000 --entry "/s/study?PROLIFIC_PID={pid}" --concurrency 200 --seconds 30
//           [--warmup 5] [--prefix b1c200] [--slice 10] [--web-pid N] [--pg-pid N] [--db CONNECTIONSTRING --study ID]
//   LoadGen --url ... --floor /healthz --concurrency 100 --seconds 15 [--warmup 3] [--web-pid N]: the floor (class Floor)
var o = new Dictionary<string, string>();
for (var i = 0; i + 1 < args.Length; i += 2) o[args[i].TrimStart('-')] = args[i + 1];
string Opt(string k, string d = "") => o.GetValueOrDefault(k, d);
var baseUrl = new Uri(Opt("url"));
if (!baseUrl.IsLoopback) { Console.Error.WriteLine("loadgen: --url must be on this machine"); return 2; }
var entryTemplate = Opt("entry");
var concurrency = int.Parse(Opt("concurrency", "20"), CultureInfo.InvariantCulture);
var seconds = double.Parse(Opt("seconds", "20"), CultureInfo.InvariantCulture);
var warmup = double.Parse(Opt("warmup", "0"), CultureInfo.InvariantCulture);
var slice = double.Parse(Opt("slice", "10"), CultureInfo.InvariantCulture);
var prefix = Opt("prefix", "bench" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
int? webPid = o.TryGetValue("web-pid", out var w) ? int.Parse(w, CultureInfo.InvariantCulture) : null;
int? pgPid = o.TryGetValue("pg-pid", out var pgp) ? int.Parse(pgp, CultureInfo.InvariantCulture) : null;

using var http = new HttpClient(new SocketsHttpHandler
{
    UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = concurrency,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5), AutomaticDecompression = System.Net.DecompressionMethods.None,
}) { Timeout = TimeSpan.FromSeconds(60) };

if (o.TryGetValue("floor", out var floorPath)) return await Floor.RunAsync(http, new Uri(baseUrl, floorPath), concurrency, warmup, seconds, webPid);

var start = Stopwatch.GetTimestamp();
var measureFrom = start + (long)(warmup * Stopwatch.Frequency);
var measureTo = measureFrom + (long)(seconds * Stopwatch.Frequency);
var stopping = () => Stopwatch.GetTimestamp() >= measureTo;
var tallies = new Tally[concurrency];
Cpu? cpuStart = null;
var measuring = Task.Run(async () =>
{
    await Task.Delay(TimeSpan.FromSeconds(warmup));
    cpuStart = Cpu.Read(webPid, pgPid);
});
var workers = Enumerable.Range(0, concurrency).Select(wk => Task.Run(async () =>
{
    var tally = tallies[wk] = new Tally();
    var rng = new Random(wk * 7919 + 17);
    for (var n = 0; !stopping(); n++)
    {
        var pid = Participant.NewPid(prefix, wk, n);
        var url = new Uri(baseUrl, entryTemplate.Replace("{pid}", Uri.EscapeDataString(pid)));
        try { await new Participant(http, url, pid, rng, tally, stopping, TimeProvider.System).RunAsync(); }
        catch (Exception e) { tally.Error("unexpected: " + e.GetType().Name); }
    }
})).ToArray();
await measuring;
await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, seconds)));
var cpuEnd = Cpu.Read(webPid, pgPid);
await Task.WhenAll(workers);

// Requests that ended inside the measured window.
var inWindow = tallies.SelectMany(t => t.Requests).Where(r => r.EndTicks >= measureFrom && r.EndTicks < measureTo).ToList();
var posts = inWindow.Where(r => r.Post).Select(r => (double)r.Ms).Order().ToArray();
var all = inWindow.Select(r => (double)r.Ms).Order().ToArray();
var consents = inWindow.Where(r => r.Consent).Select(r => (double)r.Ms).Order().ToArray();
var pagePosts = inWindow.Where(r => r.Post && !r.Consent).Select(r => (double)r.Ms).Order().ToArray();
double P(double[] s, double q) => s.Length == 0 ? 0 : s[Math.Min(s.Length - 1, (int)Math.Ceiling(q * s.Length) - 1)];
var slices = new List<double>();
for (var from = measureFrom; from + (long)(slice * Stopwatch.Frequency) <= measureTo; from += (long)(slice * Stopwatch.Frequency))
{
    var to = from + (long)(slice * Stopwatch.Frequency);
    slices.Add(Math.Round(inWindow.Count(r => r.Post && r.EndTicks >= from && r.EndTicks < to) / slice, 1));
}
var cpu = cpuStart is { } c0 ? cpuEnd - c0 : null;
var result = new JsonObject
{
    ["concurrency"] = concurrency, ["seconds"] = seconds, ["warmup"] = warmup, ["prefix"] = prefix,
    ["submissions"] = posts.Length, ["submissions_per_s"] = Math.Round(posts.Length / seconds, 1), ["requests"] = all.Length,
    ["post_p50_ms"] = Math.Round(P(posts, .5), 1), ["post_p95_ms"] = Math.Round(P(posts, .95), 1), ["post_p99_ms"] = Math.Round(P(posts, .99), 1),
    ["all_p99_ms"] = Math.Round(P(all, .99), 1),
    // The consent's POST (the enrolment) apart from the page submissions: which of the two makes the POST tail.
    ["consent_p50_ms"] = Math.Round(P(consents, .5), 1), ["consent_p99_ms"] = Math.Round(P(consents, .99), 1),
    ["page_post_p99_ms"] = Math.Round(P(pagePosts, .99), 1),
    ["post_p99_consent_share"] = posts.Length == 0 ? 0 : Math.Round(inWindow.Count(r => r.Consent && r.Ms >= P(posts, .99)) / (double)Math.Max(1, inWindow.Count(r => r.Post && r.Ms >= P(posts, .99))), 3),
    ["slices_per_s"] = new JsonArray(slices.Select(x => (JsonNode)x).ToArray()),
    ["errors"] = tallies.Sum(t => t.Errors), ["rejected"] = tallies.Sum(t => t.Rejected),
    ["error_samples"] = new JsonArray(tallies.SelectMany(t => t.ErrorSamples).GroupBy(e => e.Key)
        .Select(g => (JsonNode)$"{g.Sum(x => x.Value)}x {g.Key}").Take(10).ToArray()),
    ["enrolled"] = tallies.Sum(t => t.Enrolled), ["completed"] = tallies.Sum(t => t.Completed),
};
if (cpu is not null && posts.Length > 0)
{
    result["web_cpu_ms_per_submission"] = Math.Round(cpu.Web * 1000 / posts.Length, 3);
    result["pg_cpu_ms_per_submission"] = Math.Round(cpu.Pg * 1000 / posts.Length, 3);
    result["loadgen_cpu_ms_per_submission"] = Math.Round(cpu.Self * 1000 / posts.Length, 3);
}
if (o.TryGetValue("db", out var cs)) result["check"] = await ExactlyOnce.CheckAsync(cs, Opt("study"), prefix, tallies);
Console.WriteLine(result.ToJsonString());
return 0;

/// <summary>
/// The floor (--floor PATH): what one request costs the web process when the app does next to nothing, e.g.
/// /healthz (the middleware, one endpoint, one `select 1`) or a static file (the middleware and the file).
/// Same closed loop and keep-alive connections as the walk, GET only; prints requests/s and CPU per request.
/// </summary>
static class Floor
{
    public static async Task<int> RunAsync(HttpClient http, Uri url, int concurrency, double warmup, double seconds, int? webPid)
    {
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup * Stopwatch.Frequency);
        var measureTo = measureFrom + (long)(seconds * Stopwatch.Frequency);
        long requests = 0, errors = 0;
        Cpu? cpuStart = null;
        var measuring = Task.Run(async () => { await Task.Delay(TimeSpan.FromSeconds(warmup)); cpuStart = Cpu.Read(webPid, null); });
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < measureTo)
            {
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                    await response.Content.ReadAsByteArrayAsync();
                    var end = Stopwatch.GetTimestamp();
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                    else if (end >= measureFrom && end < measureTo) Interlocked.Increment(ref requests);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException) { Interlocked.Increment(ref errors); }
            }
        })).ToArray();
        await measuring;
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var cpuEnd = Cpu.Read(webPid, null);
        await Task.WhenAll(workers);
        var cpu = cpuEnd - cpuStart!;
        var result = new JsonObject
        {
            ["floor"] = url.AbsolutePath, ["concurrency"] = concurrency, ["seconds"] = seconds, ["warmup"] = warmup,
            ["requests"] = requests, ["requests_per_s"] = Math.Round(requests / seconds, 1), ["errors"] = errors,
        };
        if (requests > 0)
        {
            result["web_cpu_ms_per_request"] = Math.Round(cpu.Web * 1000 / requests, 4);
            result["loadgen_cpu_ms_per_request"] = Math.Round(cpu.Self * 1000 / requests, 4);
        }
        Console.WriteLine(result.ToJsonString());
        return errors == 0 ? 0 : 1;
    }
}

/// <summary>CPU seconds so far (user + system, from /proc) of the web process, PostgreSQL and this process.</summary>
sealed record Cpu(double Web, double Pg, double Self)
{
    static readonly double Tick = 100; // USER_HZ: 100 on Linux on every architecture .NET runs on

    public static Cpu Read(int? web, int? postmaster) =>
        new(web is { } wp ? Of(wp, false) : 0, postmaster is { } pm ? OfPostgres(pm) : 0, Of(Environment.ProcessId, false));

    public static Cpu operator -(Cpu a, Cpu b) => new(a.Web - b.Web, a.Pg - b.Pg, a.Self - b.Self);

    /// <summary>Fields 14-17 of /proc/PID/stat: utime, stime, and (with children) cutime, cstime of waited-for children.</summary>
    static double Of(int pid, bool withChildren)
    {
        try
        {
            var f = File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var t = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
            if (withChildren) t += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
            return t / Tick;
        }
        catch (IOException) { return 0; }
    }

    /// <summary>The postmaster, its live processes (backends, autovacuum, WAL writer...) and the ones that ended.</summary>
    static double OfPostgres(int postmaster)
    {
        var sum = Of(postmaster, withChildren: true);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var f = File.ReadAllText(dir + "/stat").Split(')')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (int.Parse(f[1], CultureInfo.InvariantCulture) == postmaster) sum += Of(pid, false);
            }
            catch (IOException) { }
        }
        return sum;
    }
}

/// <summary>
/// Every answer the server accepted (a radio group or select of a submission that was redirected) whose name is
/// a questionnaire item of the study, against the database's response rows of this run's panel ids: each once,
/// nothing else. Enrolled participants and completions are compared too.
/// </summary>
static class ExactlyOnce
{
    public static async Task<JsonObject> CheckAsync(string connectionString, string studyId, string prefix, Tally[] tallies)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var items = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("select definition::text from study where id = $1", conn) { Parameters = { new() { Value = studyId } } })
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) CollectItems(JsonNode.Parse(r.GetString(0)), items, false);
        var expected = new Dictionary<(string, string, string), int>();
        foreach (var a in tallies.SelectMany(t => t.Answers).Where(a => items.Contains(a.Item)))
            expected[a] = expected.GetValueOrDefault(a) + 1;
        var found = new Dictionary<(string, string, string), int>();
        await using (var cmd = new NpgsqlCommand(
            "select x.panel_participant_id, r.item, r.value from response r join panel_id x using (participant_id) where x.panel_participant_id like $1", conn)
            { Parameters = { new() { Value = prefix + "%" } } })
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
            {
                var k = (r.GetString(0), r.GetString(1), r.GetString(2));
                found[k] = found.GetValueOrDefault(k) + 1;
            }
        long Count(string sql)
        {
            using var cmd = new NpgsqlCommand(sql, conn) { Parameters = { new() { Value = prefix + "%" } } };
            return (long)cmd.ExecuteScalar()!;
        }
        var participants = Count("select count(*) from panel_id where panel_participant_id like $1");
        var completed = Count("select count(*) from participant p join panel_id x on x.participant_id = p.id where x.panel_participant_id like $1 and p.status = 'completed'");
        var lost = expected.Sum(e => Math.Max(0, e.Value - found.GetValueOrDefault(e.Key)));
        var extra = found.Sum(f => Math.Max(0, f.Value - expected.GetValueOrDefault(f.Key)));
        var doubled = found.Count(f => f.Value > 1) + expected.Count(e => e.Value > 1);
        var enrolled = tallies.Sum(t => t.Enrolled);
        var done = tallies.Sum(t => t.Completed);
        return new JsonObject
        {
            ["answers"] = expected.Values.Sum(), ["lost"] = lost, ["extra"] = extra, ["doubled"] = doubled,
            ["participants_db"] = participants, ["enrolled"] = enrolled, ["completed_db"] = completed, ["completed"] = done,
            ["ok"] = items.Count > 0 && lost == 0 && extra == 0 && doubled == 0 && participants == enrolled && completed == done,
        };
    }

    /// <summary>The "key" of every object in an "items" array (questionnaire items), anywhere in the definition.</summary>
    static void CollectItems(JsonNode? node, HashSet<string> items, bool inItems)
    {
        switch (node)
        {
            case JsonObject obj:
                if (inItems && obj["key"] is JsonValue key && key.TryGetValue<string>(out var k)) items.Add(k);
                foreach (var (name, child) in obj) CollectItems(child, items, name == "items");
                break;
            case JsonArray arr:
                foreach (var child in arr) CollectItems(child, items, inItems);
                break;
        }
    }
}
