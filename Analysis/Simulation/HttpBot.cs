using System.Diagnostics;
using System.Globalization;
using System.Net;
using Experiment.Engine.Studies;

namespace Analysis.Simulation;

/// <summary>How one bot's session ended.</summary>
public enum BotOutcome { Completed, Declined, Abandoned, Failed }

/// <summary>An answer or checkout behaviour a bot submitted and the app accepted (it moved on to another page).</summary>
public sealed record SubmittedAnswer(string Item, string Value);

public sealed record BotSession(string PanelParticipantId, BotOutcome Outcome, string? CompletionCode, string? Error,
    List<SubmittedAnswer> Answers, List<string> CheckoutFields, string? CheckoutAction, int PageSubmissions);

/// <summary>
/// One simulated participant walking the real participant pages of Survey.Web over HTTP like a browser: its own
/// cookies, the antiforgery token and hidden step posted back, 303 redirects followed. Which page is shown is
/// read from the form (PageForm), so the bot works for any study file. Latencies of every request go to the sink.
/// </summary>
public sealed class HttpBot(HttpClient http, Uri baseUrl, SessionPlanner.StudyPlan plan, SimulationParameters p, Action<double> latencySink)
{
    const int MaxPages = 200;
    readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
    readonly StudyDefinition study = plan.Study;
    int submissions;

    public async Task<BotSession> RunAsync(Persona persona, string panelPid, CancellationToken ct)
    {
        var answers = new List<SubmittedAnswer>();
        var checkoutFields = new List<string>();
        string? checkoutAction = null;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var url = new Uri(baseUrl, $"/s/{Uri.EscapeDataString(study.Id)}" + PanelQuery(panelPid));
        try
        {
            var (status, html, current) = await GetAsync(url, ct);
            for (var pages = 0; pages < MaxPages; pages++)
            {
                if (status != HttpStatusCode.OK) return Fail($"GET {current.AbsolutePath} answered {(int)status}");
                var form = PageForm.Parse(html);
                if (form.CompletionCode is not null) return Done(BotOutcome.Completed, form.CompletionCode, null);
                if (!form.HasForm) return Fail($"{current.AbsolutePath}: no page-form and no completion code");

                var fields = new List<KeyValuePair<string, string>>();
                foreach (var hidden in new[] { "__RequestVerificationToken", "step" })
                    if (form.Hidden(hidden) is { } v) fields.Add(new(hidden, v));
                var buttons = form.Buttons;
                string action;
                var pageAnswers = new List<SubmittedAnswer>();
                var pageFields = new List<string>();

                if (buttons.Contains("agree"))
                {
                    action = persona.Chance(p.DeclineRate) ? "decline" : "agree";
                }
                else
                {
                    // Leaving for good: the page stays open, nothing more is sent.
                    if (persona.Chance(p.DropoutPerPage)) return Done(BotOutcome.Abandoned, null, null);
                    if (buttons.Contains("place_order"))
                    {
                        var leaves = persona.LeavesShop();
                        action = leaves ? "leave_shop" : "place_order";
                        foreach (var input in form.Inputs.Values.Where(i => i.Name.StartsWith("f_", StringComparison.Ordinal)))
                        {
                            var key = input.Name[2..];
                            var field = study.Shop?.Fields.FirstOrDefault(f => f.Key == key);
                            var choice = field is null || leaves ? new FieldChoice(false, false) : persona.Checkout(field, plan.MeanOffer(key));
                            var typed = choice.Disclosed && field is not null
                                ? FakeValues.For(field, choice.Fake, persona.Rng, today, 1 + persona.Rng.Next(3)) : "";
                            fields.Add(new(input.Name, typed));
                            fields.Add(new("t_" + key, persona.FieldMilliseconds(typed.Length > 0).ToString(CultureInfo.InvariantCulture)));
                            pageFields.Add(key);
                        }
                    }
                    else if (buttons.Contains("finish"))
                    {
                        action = "finish";
                        if (form.Inputs.ContainsKey("behaviour_consent") && persona.Chance(p.BehaviourConsentRate))
                            fields.Add(new("behaviour_consent", "1"));
                    }
                    else if (buttons.Contains("add_to_cart")) action = "add_to_cart";
                    else if (buttons.Contains("checkout")) action = "checkout";
                    else if (buttons.Contains("next"))
                    {
                        action = "next";
                        foreach (var input in form.Inputs.Values)
                        {
                            if (input.Type == "hidden" || input.Name is "__RequestVerificationToken" or "step") continue;
                            var value = AnswerFor(persona, input);
                            if (value is null) continue;
                            fields.Add(new(input.Name, value));
                            if (plan.Items.ContainsKey(input.Name)) pageAnswers.Add(new SubmittedAnswer(input.Name, value));
                        }
                    }
                    else return Fail($"{current.AbsolutePath}: no known action among [{string.Join(',', buttons)}]");
                }
                fields.Add(new("action", action));

                var target = form.Action is { Length: > 0 } a ? new Uri(current, a) : current;
                var (postStatus, location, postHtml) = await PostAsync(target, fields, ct);
                submissions++;
                if (postStatus is HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.RedirectKeepVerb)
                {
                    if (location is null) return Fail($"POST {target.AbsolutePath}: redirect without Location");
                    answers.AddRange(pageAnswers);
                    if (pageFields.Count > 0) { checkoutFields.AddRange(pageFields); checkoutAction = action; }
                    if (action == "decline") return Done(BotOutcome.Declined, null, null);
                    (status, html, current) = await GetAsync(new Uri(target, location), ct);
                }
                else if (postStatus == HttpStatusCode.OK)
                {
                    // The page came back (a validation message): the answers were not taken.
                    if (action == "decline") return Done(BotOutcome.Declined, null, null);
                    return Fail($"POST {target.AbsolutePath} action={action} was not accepted (200 instead of a redirect)");
                }
                else return Fail($"POST {target.AbsolutePath} action={action} answered {(int)postStatus}");
            }
            return Fail($"more than {MaxPages} pages");
        }
        catch (HttpRequestException e) { return Fail("HTTP: " + e.Message); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return Fail("request timed out"); }

        BotSession Done(BotOutcome o, string? code, string? error) =>
            new(panelPid, o, code, error, answers, checkoutFields, checkoutAction, submissions);
        BotSession Fail(string error) => Done(BotOutcome.Failed, null, error);
    }

    string PanelQuery(string panelPid)
    {
        if (study.Panel is not { } panel) return "";
        var q = $"?{panel.ParticipantParam}={Uri.EscapeDataString(panelPid)}";
        if (panel.StudyParam is { } sp) q += $"&{sp}=simulated";
        if (panel.SessionParam is { } ss) q += $"&{ss}=s{Uri.EscapeDataString(panelPid)}";
        return q;
    }

    string? AnswerFor(Persona persona, FormInput input)
    {
        if (plan.Items.TryGetValue(input.Name, out var item))
        {
            plan.PairedFields.TryGetValue(item.Key, out var paired);
            return persona.Answer(item, paired, paired is null ? 0 : plan.MeanOffer(paired.Key), input.Values);
        }
        // An input the study file does not explain: answer it like a person who reads nothing.
        return input.Type switch
        {
            "radio" or "select" when input.Values.Count > 0 => input.Values[persona.Rng.Next(input.Values.Count)],
            "checkbox" => null,
            "number" => "1",
            _ => input.Value,
        };
    }

    async Task<(HttpStatusCode, string, Uri)> GetAsync(Uri url, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, html, url);
    }

    async Task<(HttpStatusCode, string?, string)> PostAsync(Uri url, List<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
        using var response = await SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString, body);
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        // Cookies by hand: one shared connection pool for all bots, one cookie jar per bot.
        if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        var sw = Stopwatch.StartNew();
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        latencySink(sw.Elapsed.TotalMilliseconds);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var sc in setCookies)
            {
                var pair = sc.Split(';', 2)[0];
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                if (value.Length == 0 || sc.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase)) cookies.Remove(name);
                else cookies[name] = value;
            }
        return response;
    }
}
