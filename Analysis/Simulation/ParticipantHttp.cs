using System.Diagnostics;
using System.Net;

namespace Analysis.Simulation;

/// <summary>
/// One participant's HTTP conversation with Survey.Web, held as a browser without scripts holds it: its own
/// cookie jar, redirects on the same server followed, a redirect to another server (a panel's completion URL)
/// reported instead of followed. The simulated participants (HttpBot) and the HTTP tests (tests' ParticipantDriver)
/// both talk through it. Cookies are sent by hand from <see cref="Cookies"/>, so that many participants can share
/// one HttpClient and its connection pool. <paramref name="latency"/> gets the URL and milliseconds of every request.
/// Responses come back with their content read; the caller disposes them.
/// </summary>
public sealed class ParticipantHttp(HttpClient http, Action<Uri, double>? latency = null)
{
    public CookieContainer Cookies { get; } = new();

    /// <summary>
    /// GET, following redirects on the server of <paramref name="url"/>. A redirect to another server is where a
    /// browser would leave the study: it is not followed, and its target is returned as LeftTo. Url is the address
    /// of the last request.
    /// </summary>
    public async Task<(HttpResponseMessage Response, Uri Url, Uri? LeftTo)> GetAsync(Uri url, CancellationToken ct = default)
    {
        for (var hops = 0; ; hops++)
        {
            var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, url), ct);
            if ((int)response.StatusCode is < 300 or >= 400 || response.Headers.Location is not { } location || hops >= 10)
                return (response, url, null);
            var next = new Uri(url, location);
            if (next.Host != url.Host || next.Port != url.Port) return (response, url, next);
            response.Dispose();
            url = next;
        }
    }

    /// <summary>POSTs the fields as a form, without following the redirect.</summary>
    public Task<HttpResponseMessage> PostAsync(Uri url, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) }, ct);

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        using var _ = request;
        var url = request.RequestUri!;
        if (Cookies.GetCookieHeader(url) is { Length: > 0 } header) request.Headers.Add("Cookie", header);
        var sw = Stopwatch.StartNew();
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        latency?.Invoke(url, sw.Elapsed.TotalMilliseconds);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var sc in setCookies)
            {
                try { Cookies.SetCookies(url, sc); }
                catch (CookieException) { /* a cookie a browser would refuse too */ }
            }
        return response;
    }
}
