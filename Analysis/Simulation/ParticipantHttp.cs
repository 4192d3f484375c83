using System.Diagnostics;
using System.Net;

namespace Analysis.Simulation;

/// <summary>A response as a participant's browser keeps it: the status, where a redirect points and the page.</summary>
public sealed record HttpReply(HttpStatusCode Status, Uri? Location, string Body)
{
    public bool IsRedirect => (int)Status is >= 300 and < 400 && Location is not null;
}

/// <summary>
/// One participant's HTTP conversation with Survey.Web, held as a browser without scripts holds it: its own
/// cookies, redirects on the same server followed, a redirect to another server (a panel's completion URL) reported
/// instead of followed. The simulated participants (HttpBot) and the HTTP tests (tests' ParticipantDriver) both
/// talk through it. Cookies are kept by hand, by name, so that many participants can share one connection pool.
/// <paramref name="latency"/> gets the URL and the milliseconds of every request.
/// </summary>
public sealed class ParticipantHttp(HttpClient http, Action<Uri, double>? latency = null)
{
    readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    /// <summary>The value of a cookie the app set, or null.</summary>
    public string? Cookie(string name)
    {
        lock (cookies) return cookies.GetValueOrDefault(name);
    }

    /// <summary>Sets (or, with null, removes) a cookie, as a participant editing their browser's cookies would.</summary>
    public void SetCookie(string name, string? value)
    {
        lock (cookies)
        {
            if (value is null) cookies.Remove(name); else cookies[name] = value;
        }
    }

    /// <summary>
    /// GET, following redirects on the server of <paramref name="url"/>. A redirect to another server is where a
    /// browser would leave the study: it is not followed, and the reply is that redirect. Also returns the URL of
    /// the last request.
    /// </summary>
    public async Task<(HttpReply Reply, Uri Url)> GetAsync(Uri url, CancellationToken ct = default)
    {
        for (var hops = 0; ; hops++)
        {
            var reply = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);
            if (!reply.IsRedirect || hops >= 10) return (reply, url);
            var next = new Uri(url, reply.Location!);
            if (next.Host != url.Host || next.Port != url.Port) return (reply with { Location = next }, url);
            url = next;
        }
    }

    /// <summary>POSTs the fields as a form, without following the redirect.</summary>
    public Task<HttpReply> PostAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }, ct);

    async Task<HttpReply> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var _ = request;
        lock (cookies)
            if (cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        var sw = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        latency?.Invoke(request.RequestUri!, sw.Elapsed.TotalMilliseconds);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var sc in setCookies)
            {
                var pair = sc.Split(';', 2)[0];
                var eq = pair.IndexOf('=');
                if (eq <= 0) continue;
                var (name, value) = (pair[..eq].Trim(), pair[(eq + 1)..].Trim());
                var expired = value.Length == 0 || sc.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
                SetCookie(name, expired ? null : value);
            }
        return new HttpReply(response.StatusCode, response.Headers.Location, await response.Content.ReadAsStringAsync(ct));
    }
}
