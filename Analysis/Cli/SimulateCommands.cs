using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Analysis.Simulation;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Analysis;

/// <summary>
/// `simulate`: simulated participants, straight into the database (--direct, binary COPY) or through the real
/// pages of a running Survey.Web (--via http). The model's parameters are options; --seed makes runs repeatable.
/// </summary>
public static class SimulateCommands
{
    public static Command Create(TimeProvider clock)
    {
        var d = new SimulationParameters();
        var study = new Option<string>("--study") { Description = "Study id (as imported)", Required = true };
        var participants = new Option<int>("--participants", "-n") { Description = "Number of participants", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Seed of the random generator", DefaultValueFactory = _ => 1 };
        var direct = new Option<bool>("--direct") { Description = "Write straight into the database with binary COPY" };
        var via = new Option<string?>("--via") { Description = "'http': walk the pages of a running Survey.Web" };
        var url = new Option<string>("--url") { Description = "Base address of Survey.Web (loopback only)", DefaultValueFactory = _ => Cli.RunShUrl };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Bots at the same time (--via http)", DefaultValueFactory = _ => 20 };
        var timeLimit = new Option<int>("--time-limit") { Description = "Stop the bots after this many seconds", DefaultValueFactory = _ => 600 };
        var live = new Option<bool>("--live") { Description = "Write live participants, counted toward targets and balance and exported (default: pilot participants)" };
        var json = new Option<string?>("--json") { Description = "Also write the HTTP run's figures to this JSON file" };
        var connection = CliDatabase.ConnectionOption();

        var concernMean = Param("--concern-mean", "Mean latent privacy concern (SD units)", d.ConcernMean);
        var concernSd = Param("--concern-sd", "SD of latent concern", d.ConcernSd);
        var baseLogOdds = Param("--base-log-odds", "Log-odds of disclosing an optional field at 0% discount", d.BaseLogOdds);
        var discount = Param("--discount-sensitivity", "Log-odds added per discount percent", d.DiscountSensitivity);
        var concernEffect = Param("--concern-effect", "Log-odds taken off per SD of concern", d.ConcernEffect);
        var sensitivity = Param("--sensitivity-effect", "Log-odds taken off per sensitivity point above 3", d.SensitivityEffect);
        var paradox = Param("--paradox", "Stated willingness below actual disclosure, in log-odds", d.ParadoxStrength);
        var fake = Param("--fake-share", "Share of disclosed optional fields filled with fake values", d.FakeShare);
        var dropout = Param("--dropout", "Chance of leaving on each page", d.DropoutPerPage);
        var decline = Param("--decline-rate", "Chance of declining consent", d.DeclineRate);
        var attention = Param("--attention-pass", "Chance of passing the attention check", d.AttentionPass);
        var leaveShop = Param("--leave-shop", "Chance of leaving the shop at checkout", d.LeaveShopRate);
        var behaviour = Param("--behaviour-consent", "Chance of allowing use of the shop behaviour at the debrief", d.BehaviourConsentRate);
        var secondsPage = Param("--seconds-per-page", "Median seconds on a page", d.SecondsPerPage);
        var secondsItem = Param("--seconds-per-item", "Extra median seconds per questionnaire item", d.SecondsPerItem);
        var spread = Param("--spread-days", "Days over which --direct participants arrive", d.SpreadDays);
        var wtpMedian = Param("--wtp-median", "Valuation block: median willingness to pay for the data item, in the list's currency", d.ValuationWtpMedian);
        var wtaRatio = Param("--wta-ratio", "Valuation block: median willingness to accept as a multiple of the WTP median", d.ValuationWtaRatio);
        var valuationSd = Param("--valuation-log-sd", "Valuation block: SD of the log valuation between people", d.ValuationLogSd);
        var erratic = Param("--valuation-erratic", "Valuation block: share of people answering the price list at random", d.ValuationErratic);
        var invasiveEqual = Param("--invasive-share-equal", "Two-shops block: chance of choosing the privacy-invasive shop when both prices are the same", d.InvasiveShareEqual);
        var invasiveCheaper = Param("--invasive-share-cheaper", "Two-shops block: chance of choosing the privacy-invasive shop when it is cheaper", d.InvasiveShareCheaper);
        var invasiveFirst = Param("--invasive-first-bonus", "Two-shops block: added to that chance when the privacy-invasive shop is shown first (a position effect; 0 = none)", d.InvasiveFirstBonus);
        var noPurchase = Param("--no-purchase-share", "Two-shops block with allowNoPurchase: chance of buying from neither shop", d.TwoShopsNoPurchaseShare);
        var privacyShare = Param("--privacy-statement-share", "Shop with a privacy statement: chance of opening it at the checkout", d.PrivacyStatementShare);
        var listingsBase = Param("--listings-base-share", "Listings block: chance of buying from the top-rated merchant without privacy information (modes none, irrelevant)", d.ListingsBaseShare);
        var listingsIndicator = Param("--listings-indicator-share", "Listings block: that chance when the privacy rating is shown (mode indicator)", d.ListingsIndicatorShare);
        var listingsSalient = Param("--listings-salient-share", "Listings block: that chance when the rating is salient, with its explanation (mode salient)", d.ListingsSalientShare);
        var voluntary = Param("--framing-voluntary-share", "Framing: chance of giving an unpaid optional field when no field is framed required", d.FramingVoluntaryShare);
        var framedRequired = Param("--framing-required-share", "Framing: chance of giving an unpaid optional field when some fields are framed required", d.FramingRequiredShare);
        var start = new Option<string>("--start") { Description = "First arrival, ISO 8601 UTC (--direct)", DefaultValueFactory = _ => d.Start.ToString("yyyy-MM-ddTHH:mm:ssZ") };

        var cmd = new Command("simulate", "Simulated participants: --direct into the database, or --via http through Survey.Web");
        foreach (var o in new Option[] { study, participants, seed, direct, via, url, live, concurrency, timeLimit, json, connection, concernMean, concernSd,
                     baseLogOdds, discount, concernEffect, sensitivity, paradox, fake, dropout, decline, attention, leaveShop, behaviour,
                     secondsPage, secondsItem, spread, start })
            cmd.Options.Add(o);
        foreach (var o in new Option[] { wtpMedian, wtaRatio, valuationSd, erratic, invasiveEqual, invasiveCheaper, invasiveFirst, noPurchase, privacyShare, listingsBase, listingsIndicator, listingsSalient, voluntary, framedRequired }) cmd.Options.Add(o);

        cmd.SetAction(async (r, ct) =>
        {
            try
            {
                if (!DateTime.TryParse(r.GetValue(start), CultureInfo.InvariantCulture,
                        DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var startAt))
                    throw new ArgumentException($"--start must be an ISO 8601 time such as 2026-10-05T08:00:00Z (got '{r.GetValue(start)}').");
                var p = new SimulationParameters
                {
                    ConcernMean = r.GetValue(concernMean), ConcernSd = r.GetValue(concernSd), BaseLogOdds = r.GetValue(baseLogOdds),
                    DiscountSensitivity = r.GetValue(discount), ConcernEffect = r.GetValue(concernEffect),
                    SensitivityEffect = r.GetValue(sensitivity), ParadoxStrength = r.GetValue(paradox), FakeShare = r.GetValue(fake),
                    DropoutPerPage = r.GetValue(dropout), DeclineRate = r.GetValue(decline), AttentionPass = r.GetValue(attention),
                    LeaveShopRate = r.GetValue(leaveShop), BehaviourConsentRate = r.GetValue(behaviour),
                    SecondsPerPage = r.GetValue(secondsPage), SecondsPerItem = r.GetValue(secondsItem), SpreadDays = r.GetValue(spread),
                    Start = DateTime.SpecifyKind(startAt, DateTimeKind.Utc),
                };
                p = p with
                {
                    ValuationWtpMedian = r.GetValue(wtpMedian), ValuationWtaRatio = r.GetValue(wtaRatio),
                    ValuationLogSd = r.GetValue(valuationSd), ValuationErratic = r.GetValue(erratic),
                    InvasiveShareEqual = r.GetValue(invasiveEqual), InvasiveShareCheaper = r.GetValue(invasiveCheaper), InvasiveFirstBonus = r.GetValue(invasiveFirst), TwoShopsNoPurchaseShare = r.GetValue(noPurchase), PrivacyStatementShare = r.GetValue(privacyShare),
                    ListingsBaseShare = r.GetValue(listingsBase), ListingsIndicatorShare = r.GetValue(listingsIndicator),
                    ListingsSalientShare = r.GetValue(listingsSalient),
                    FramingVoluntaryShare = r.GetValue(voluntary), FramingRequiredShare = r.GetValue(framedRequired),
                };
                p.Validate();
                var viaValue = r.GetValue(via);
                if (r.GetValue(direct) == (viaValue is not null))
                    throw new ArgumentException("Give exactly one of --direct or --via http.");
                if (viaValue is not null && viaValue != "http")
                    throw new ArgumentException($"--via only knows 'http' (got '{viaValue}').");

                await using var db = CliDatabase.Open(CliDatabase.ConnectionString(r, connection));
                var studyId = r.GetValue(study)!;
                if (r.GetValue(direct))
                {
                        var res = await DirectSimulator.RunAsync(db, studyId, r.GetValue(participants), r.GetValue(seed), p, ct, pilot: !r.GetValue(live));
                    Console.WriteLine($"simulated {res.Participants} {Kind(r.GetValue(live))} participants of {studyId} ({res.Completed} completed, {res.Declined} declined consent): " +
                                      $"{res.Responses} responses, {res.PageTimes} page times, {res.Disclosures} disclosures in {res.Elapsed.TotalSeconds:F1} s");
                    PilotNote(r.GetValue(live), studyId);
                    return 0;
                }

                if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var baseUrl))
                    throw new ArgumentException($"--url is not an absolute address: '{r.GetValue(url)}'.");
                HttpLoad.RequireLoopback(baseUrl);
                var current = await StudyStore.GetCurrentAsync(db, studyId, ct)
                    ?? throw new ArgumentException($"Study '{studyId}' is not in the database; the bots need its definition (import it first).");
                var limit = TimeSpan.FromSeconds(r.GetValue(timeLimit));
                // The bots' pilot key outlives the run by a little (a bot's last request), and is revoked when it ends.
                var key = r.GetValue(live) ? null : await Pilot.IssueKeyAsync(db, studyId, limit + TimeSpan.FromMinutes(2), clock, ct);
                HttpLoadResult result;
                try
                {
                    result = await HttpLoad.RunAsync(baseUrl, current.Study, r.GetValue(participants), r.GetValue(concurrency),
                        limit, r.GetValue(seed), p, ct, clock: clock, pilotKey: key);
                }
                finally
                {
                    if (key is not null) await Pilot.RevokeKeyAsync(db, key, CancellationToken.None);
                }
                Console.WriteLine($"{Kind(r.GetValue(live))} participants of {studyId}:");
                Print(result, r.GetValue(concurrency));
                PilotNote(r.GetValue(live), studyId);
                if (r.GetValue(json) is { } path) await WriteJsonAsync(path, result, r.GetValue(concurrency), ct);
                return result.Failed == 0 && !result.TimedOut ? 0 : 1;
            }
            catch (ArgumentException e) { throw new CliException(e.Message); }
            catch (Npgsql.NpgsqlException e) { throw new CliException("database error: " + e.Message); }
        });
        return cmd;
    }

    static string Kind(bool live) => live ? "live" : "pilot";

    static void PilotNote(bool live, string studyId)
    {
        if (!live) Console.WriteLine($"  pilot participants are left out of exports, reports and counts; `study remove-pilot {studyId}` deletes them (--live writes live ones)");
    }

    static Option<double> Param(string name, string description, double defaultValue) =>
        new(name) { Description = $"{description} (default {defaultValue.ToString(CultureInfo.InvariantCulture)})", DefaultValueFactory = _ => defaultValue };

    static void Print(HttpLoadResult r, int concurrency)
    {
        Console.WriteLine($"bots: {r.Participants} at concurrency {concurrency} in {r.Elapsed.TotalSeconds:F1} s" + (r.TimedOut ? " (time limit reached)" : ""));
        Console.WriteLine($"  completed {r.Completed}, declined {r.Declined}, abandoned {r.Abandoned}, failed {r.Failed}");
        Console.WriteLine($"  page submissions {r.PageSubmissions} ({r.SubmissionsPerSecond:F0}/s), completed {r.CompletedPerSecond:F1}/s, requests {r.Requests}");
        Console.WriteLine($"  latency per request: p50 {r.P50Ms:F1} ms, p95 {r.P95Ms:F1} ms, p99 {r.P99Ms:F1} ms, max {r.MaxMs:F1} ms");
        Console.WriteLine($"    study link and consent ({r.Entry.Count}): p50 {r.Entry.P50Ms:F1} ms, p95 {r.Entry.P95Ms:F1} ms, p99 {r.Entry.P99Ms:F1} ms");
        Console.WriteLine($"    participant pages ({r.Pages.Count}): p50 {r.Pages.P50Ms:F1} ms, p95 {r.Pages.P95Ms:F1} ms, p99 {r.Pages.P99Ms:F1} ms");
        foreach (var e in r.ErrorSamples) Console.WriteLine("  error: " + e);
    }

    static async Task WriteJsonAsync(string path, HttpLoadResult r, int concurrency, CancellationToken ct)
    {
        var o = new
        {
            concurrency, participants = r.Participants, completed = r.Completed, declined = r.Declined, abandoned = r.Abandoned,
            failed = r.Failed, requests = r.Requests, page_submissions = r.PageSubmissions, seconds = r.Elapsed.TotalSeconds,
            submissions_per_s = r.SubmissionsPerSecond, completed_per_s = r.CompletedPerSecond,
            p50_ms = r.P50Ms, p95_ms = r.P95Ms, p99_ms = r.P99Ms, max_ms = r.MaxMs, timed_out = r.TimedOut, errors = r.ErrorSamples,
            entry_p50_ms = r.Entry.P50Ms, entry_p99_ms = r.Entry.P99Ms, pages_p50_ms = r.Pages.P50Ms, pages_p99_ms = r.Pages.P99Ms,
            // What the bots had accepted, for the bench's exactly-once check against the database.
            answers_accepted = r.Sessions.Sum(s => (long)s.Answers.Count),
            checkout_rows_accepted = r.Sessions.Sum(s => (long)s.CheckoutFields.Count),
            consented = r.Sessions.Count(s => s.Consented),
            // Per bot that consented: its panel id, the answers it had accepted and the checkout rows it caused.
            sessions = r.Sessions.Where(s => s.Consented).Select(s => new
            {
                panel_id = s.PanelParticipantId, outcome = s.Outcome.ToString().ToLowerInvariant(),
                answers = s.Answers.ToDictionary(a => a.Item, a => a.Value), checkout_rows = s.CheckoutFields.Count,
            }).ToList(),
        };
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(o), ct);
    }
}
