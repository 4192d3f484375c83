using System.Diagnostics;

namespace LoadGen;

/// <summary>What every worker records: one entry per request (when it ended, how long it took, POST or GET, and whether it was the consent's POST).</summary>
sealed class Tally
{
    public readonly List<(long EndTicks, float Ms, bool Post, bool Consent)> Requests = new(1 << 16);
    public readonly List<(string Pid, string Item, string Value)> Answers = new(1 << 14);
    public int Enrolled, Completed, Errors, Rejected;
    public readonly Dictionary<string, int> ErrorSamples = new();

    public void Error(string what)
    {
        Errors++;
        ErrorSamples[what] = ErrorSamples.GetValueOrDefault(what) + 1;
    }
}

/// <summary>
/// One participant in a browser without scripts: own cookies (sent on every request to the server, set from
/// Set-Cookie, removed when expired), redirects on the same server followed, a redirect elsewhere (a panel's
/// completion URL) or a page without a form is the end. Every form is filled the way a hurried person does:
/// every hidden field as it came, one choice of every radio group and select, the required text fields (and half
/// of the optional ones) with a plausible value for their autocomplete hint, the first submit button that goes
/// forward. A page that comes back with messages is corrected (the fields it marks invalid filled in) and sent again. Answers of a submission the server accepted (a redirect) are recorded for the exactly-once check.
/// </summary>
sealed class Participant(HttpClient http, Uri entry, string pid, Random rng, Tally tally, Func<bool> stopping, TimeProvider clock)
{
    static readonly HashSet<string> Backward = new(StringComparer.OrdinalIgnoreCase) { "decline", "withdraw", "leave_shop", "leave", "back", "previous", "cancel" };

    /// <summary>Buttons that change the page and stay on it (a cart's "update" and "remove"): a person on their way to the checkout passes them by.</summary>
    static bool Stays(string value) => value.Equals("update", StringComparison.OrdinalIgnoreCase) || value.StartsWith("remove:", StringComparison.OrdinalIgnoreCase);
    readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
    bool enrolled;
    int pagesShown;

    public async Task RunAsync()
    {
        var (html, at) = await GetAsync(entry);
        var corrections = 0;
        List<KeyValuePair<string, string>>? sent = null;
        for (var pages = 0; pages < 100; pages++)
        {
            if (html is null) return; // left the server or failed (counted)
            if (Form.Read(html) is not { } form) { tally.Completed++; return; }
            if (stopping()) return;
            var (fields, answers) = Fill(form, corrections > 0 ? sent : null);
            sent = fields;
            var target = form.Action is { Length: > 0 } a ? new Uri(at, a) : at;
            var (status, location, body) = await SendAsync(HttpMethod.Post, target, new FormUrlEncodedContent(fields));
            if (status is >= 300 and < 400 && location is not null)
            {
                corrections = 0;
                if (!enrolled) { enrolled = true; tally.Enrolled++; }
                foreach (var (item, value) in answers) tally.Answers.Add((pid, item, value));
                (html, at) = await GetAsync(new Uri(target, location));
            }
            else if (status == 200 && ++corrections <= 2)
            {
                // The page came back with its messages: a person fills in what the page marks as wrong and sends again.
                tally.Rejected++;
                html = body;
            }
            else if (status == 200)
            {
                if (Environment.GetEnvironmentVariable("LOADGEN_DUMP") is { } dump) File.WriteAllText(dump, body); // to see why, when debugging
                tally.Error($"POST {target.AbsolutePath}: not accepted after corrections");
                return;
            }
            else if (status != 0) { tally.Error($"POST {target.AbsolutePath}: {status}"); return; }
            else return;
        }
        tally.Error("more than 100 pages");
    }

    /// <param name="before">When correcting: what was sent last time, which the person does not change (the page
    /// may not show typed values again).</param>
    (List<KeyValuePair<string, string>> Fields, List<(string, string)> Answers) Fill(Form form, List<KeyValuePair<string, string>>? before)
    {
        var kept = before?.Where(f => f.Value.Length > 0).GroupBy(f => f.Key).ToDictionary(g => g.Key, g => g.First().Value);
        var fields = new List<KeyValuePair<string, string>>();
        var answers = new List<(string, string)>();
        foreach (var f in form.Fields.Values)
        {
            string? value = f.Type != "hidden" && kept?.GetValueOrDefault(f.Name) is { } again ? again : f.Type switch
            {
                "hidden" => f.Value,
                // A select that comes with a choice made (a cart's quantity) is left as it is; an empty one is chosen.
                "select" when f.Value.Length > 0 => f.Value,
                "radio" or "select" when f.Choices.Count > 0 => f.Choices[rng.Next(f.Choices.Count)],
                "checkbox" => f.Required || rng.Next(2) == 0 ? f.Value : null,
                "radio" or "select" => null,
                _ => f.Required || rng.Next(2) == 0 ? Plausible(f) : "",
            };
            if (value is null) continue;
            fields.Add(new(f.Name, value));
            if (f.Type is "radio" or "select") answers.Add((f.Name, value));
        }
        var button = form.Buttons.FirstOrDefault(b => b.Value is null || !Backward.Contains(b.Value) && !Stays(b.Value));
        if (button == default && form.Buttons.Count > 0) button = form.Buttons[0];
        if (button.Name is not null) fields.Add(new(button.Name, button.Value ?? ""));
        return (fields, answers);
    }

    string Plausible(Field f)
    {
        var h = f.Hint;
        if (f.Type == "email" || h.Contains("email")) return pid.ToLowerInvariant() + "@example.org";
        if (f.Type == "tel" || h.Contains("tel") || h.Contains("phone")) return "0612345678";
        if (f.Type == "date" || h.Contains("bday") || h.Contains("birth")) return "1990-05-17";
        if (h.Contains("postal") || h.Contains("zip") || h.Contains("postcode")) return "3511 AB";
        if (h.Contains("house") || h.Contains("huisnummer")) return "12";
        if (h.Contains("address-level2") || h.Contains("city") || h.Contains("plaats")) return "Utrecht";
        if (h.Contains("street") || h.Contains("address")) return "Dorpsstraat 12";
        if (h.Contains("family") || h.Contains("last")) return "Jansen";
        if (h.Contains("name")) return "Jan";
        if (h.Contains("country")) return "NL";
        if (f.Type == "number" || h.Contains("numeric")) return "1";
        return f.Value is { Length: > 0 } v ? v : "test";
    }

    /// <summary>GET with same-server redirects followed; (null, url) when the walk ends here.</summary>
    async Task<(string? Html, Uri At)> GetAsync(Uri url)
    {
        for (var hops = 0; hops < 10; hops++)
        {
            if (stopping()) return (null, url);
            var (status, location, body) = await SendAsync(HttpMethod.Get, url, null);
            if (status is >= 300 and < 400 && location is not null)
            {
                var next = new Uri(url, location);
                if (next.Host != url.Host || next.Port != url.Port) { tally.Completed++; return (null, next); } // off to the panel
                url = next;
                continue;
            }
            if (status == 200)
            {
                // LOADGEN_PAGES=dir: every page shown goes there in order (one participant at concurrency 1), to compare
                // the HTML of two builds.
                if (Environment.GetEnvironmentVariable("LOADGEN_PAGES") is { } dir)
                    File.WriteAllText(Path.Combine(dir, $"{pid}-{pagesShown++:d3}.html"), body);
                return (body, url);
            }
            if (status != 0) tally.Error($"GET {url.AbsolutePath}: {status}");
            return (null, url);
        }
        tally.Error("redirect loop");
        return (null, url);
    }

    async Task<(int Status, string? Location, string Body)> SendAsync(HttpMethod method, Uri url, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        if (cookies.Count > 0) request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", cookies.Select(c => c.Key + "=" + c.Value)));
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var body = await response.Content.ReadAsStringAsync();
            var end = Stopwatch.GetTimestamp();
            tally.Requests.Add((end, (float)Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, method == HttpMethod.Post,
                method == HttpMethod.Post && url.AbsolutePath.EndsWith("/consent", StringComparison.Ordinal)));
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var c in set) Remember(c);
            return ((int)response.StatusCode, response.Headers.Location?.OriginalString, body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            tally.Error($"{method} {url.AbsolutePath}: {e.GetType().Name}");
            return (0, null, "");
        }
    }

    void Remember(string setCookie)
    {
        var parts = setCookie.Split(';');
        var eq = parts[0].IndexOf('=');
        if (eq <= 0) return;
        var (name, value) = (parts[0][..eq].Trim(), parts[0][(eq + 1)..].Trim());
        var expired = value.Length == 0 || parts.Skip(1).Any(p => p.Trim().StartsWith("max-age=0", StringComparison.OrdinalIgnoreCase)
            || (p.Trim().StartsWith("expires=", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParse(p.Trim()[8..], out var at) && at < clock.GetUtcNow()));
        if (expired) cookies.Remove(name);
        else cookies[name] = value;
    }

    public static string NewPid(string prefix, int worker, int n) => $"{prefix}w{worker:d3}n{n:d6}";
}
