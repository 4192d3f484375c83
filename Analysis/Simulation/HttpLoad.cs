using System.Diagnostics;
using System.Net;
using Experiment.Engine.Studies;

namespace Analysis.Simulation;

/// <summary>Latency percentiles in milliseconds of a set of requests.</summary>
public sealed record Percentiles(int Count, double P50Ms, double P95Ms, double P99Ms)
{
    public static Percentiles Of(double[] sorted)
    {
        double At(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
        return new(sorted.Length, At(0.50), At(0.95), At(0.99));
    }
}

/// <summary>
/// Entry: the study link and the consent form (enrolment happens there); Pages: the participant pages. Every
/// request is in one of the two and in the overall percentiles.
/// </summary>
public sealed record HttpLoadResult(int Participants, int Completed, int Declined, int Abandoned, int Failed,
    long Requests, long PageSubmissions, TimeSpan Elapsed, double P50Ms, double P95Ms, double P99Ms, double MaxMs,
    IReadOnlyList<string> ErrorSamples, IReadOnlyList<BotSession> Sessions, bool TimedOut, Percentiles Entry, Percentiles Pages)
{
    public double SubmissionsPerSecond => PageSubmissions / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double CompletedPerSecond => Completed / Math.Max(Elapsed.TotalSeconds, 1e-9);
}

/// <summary>
/// Runs N bots against a running Survey.Web, at most C at a time, for at most the given time. Only loopback
/// addresses are accepted: this is a load generator and must not be pointed at someone else's server.
/// Each participant's randomness comes from (seed, index), so a run is reproducible up to the server's timing.
/// With a pilot key (Pilot.IssueKeyAsync) the bots are pilot participants, let in whatever the study's status.
/// </summary>
public static class HttpLoad
{
    public static void RequireLoopback(Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
            throw new ArgumentException($"--url must be an http(s) address (got '{url}').");
        var loopback = url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback) throw new ArgumentException($"--url must point at this machine (localhost, 127.0.0.1 or ::1); got host '{url.Host}'.");
    }

    public static async Task<HttpLoadResult> RunAsync(Uri baseUrl, StudyDefinition study, int participants, int concurrency,
        TimeSpan timeLimit, int seed, SimulationParameters p, CancellationToken ct = default, HttpMessageHandler? handler = null,
        TimeProvider? clock = null, string? pilotKey = null)
    {
        RequireLoopback(baseUrl);
        p.Validate();
        if (participants < 0) throw new ArgumentException($"--participants must not be negative (got {participants}).");
        if (concurrency < 1) throw new ArgumentException($"--concurrency must be at least 1 (got {concurrency}).");
        var plan = SessionPlanner.StudyPlan.For(study);
        using var http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = concurrency,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        }, disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
        // Every bot's every request carries the run's pilot key: the server enrols them as pilot participants.
        if (pilotKey is not null) http.DefaultRequestHeaders.Add(Experiment.Engine.Participants.Pilot.KeyHeader, pilotKey);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeLimit);

        var latencies = new List<double>[concurrency];
        var entryLatencies = new List<double>[concurrency];
        var sessions = new List<BotSession>[concurrency];
        var next = -1;
        var runId = seed.ToString("x8") + Stopwatch.GetTimestamp().ToString("x")[^6..];
        var sw = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<double>(1024);
            var mineEntry = entryLatencies[w] = new List<double>(64);
            var done = sessions[w] = [];
            while (!limit.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= participants) break;
                var persona = new Persona(p, new Random(unchecked(seed * 1_000_003 + i)));
                var bot = new HttpBot(http, baseUrl, plan, p, clock ?? TimeProvider.System, (entry, ms) => (entry ? mineEntry : mine).Add(ms));
                try
                {
                    done.Add(await bot.RunAsync(persona, $"sim{runId}n{i:d7}", limit.Token));
                }
                catch (OperationCanceledException) when (limit.IsCancellationRequested) { break; }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(workers);
        sw.Stop();

        var pages = latencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        var entries = entryLatencies.Where(l => l is not null).SelectMany(l => l).ToArray();
        var all = pages.Concat(entries).ToArray();
        Array.Sort(all);
        Array.Sort(pages);
        Array.Sort(entries);
        var overall = Percentiles.Of(all);
        var finished = sessions.Where(s => s is not null).SelectMany(s => s).ToList();
        return new HttpLoadResult(finished.Count,
            finished.Count(s => s.Outcome == BotOutcome.Completed), finished.Count(s => s.Outcome == BotOutcome.Declined),
            finished.Count(s => s.Outcome == BotOutcome.Abandoned), finished.Count(s => s.Outcome == BotOutcome.Failed),
            all.Length, finished.Sum(s => (long)s.PageSubmissions), sw.Elapsed, overall.P50Ms, overall.P95Ms, overall.P99Ms,
            all.Length == 0 ? 0 : all[^1],
            finished.Where(s => s.Error is not null).Select(s => s.Error!).GroupBy(e => e).Select(g => $"{g.Count()}x {g.Key}").Take(10).ToList(),
            finished, limit.IsCancellationRequested && !ct.IsCancellationRequested, Percentiles.Of(entries), Percentiles.Of(pages));
    }
}
