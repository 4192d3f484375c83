using System.Net;
using System.Text.RegularExpressions;

namespace Survey.Web.Tests.Researcher;

/// <summary>A browser-like HTTP client for the researcher console: keeps cookies, follows no redirects, reads antiforgery tokens.</summary>
sealed partial class ConsoleClient : IDisposable
{
    readonly HttpClient http;
    readonly CookieContainer cookies = new();

    /// <param name="forwardedFor">
    /// The client address the app should see (X-Forwarded-For, which it trusts from loopback), to act as
    /// several clients from one test.
    /// </param>
    public ConsoleClient(string baseUrl, string? forwardedFor = null)
    {
        http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml");
        if (forwardedFor is not null) http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
    }

    /// <summary>The researcher session cookie this client holds now, or null.</summary>
    public string? SessionCookie => cookies.GetCookies(new Uri(http.BaseAddress!, "/researcher/"))["ppl_researcher"]?.Value;

    /// <summary>Puts a session cookie (e.g. one copied before sign-out) into this client, as a stolen or kept cookie would be.</summary>
    public void UseSessionCookie(string value) =>
        cookies.Add(new Uri(http.BaseAddress!, "/researcher/"), new Cookie("ppl_researcher", value, "/researcher"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

    public async Task<string> TokenFromAsync(string path)
    {
        var html = await (await http.GetAsync(path)).Content.ReadAsStringAsync();
        var m = TokenPattern().Match(html);
        if (!m.Success) throw new InvalidOperationException($"No antiforgery token on {path}: {html[..Math.Min(300, html.Length)]}");
        return m.Groups[1].Value;
    }

    public Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> form) =>
        http.PostAsync(path, new FormUrlEncodedContent(form));

    /// <summary>Posts a console form the way the page does: with the token of <paramref name="formPage"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string formPage, string action, params (string Key, string Value)[] fields)
    {
        var token = await TokenFromAsync(formPage);
        return await PostAsync(action, fields.Select(f => KeyValuePair.Create(f.Key, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
    }

    public Task<HttpResponseMessage> SignInAsync(string user, string password) =>
        SubmitAsync("/researcher/signin", "/researcher/signin", ("username", user), ("password", password));

    public Task<HttpResponseMessage> SignInAsync(string user, string password, string returnUrl) =>
        SubmitAsync("/researcher/signin", "/researcher/signin", ("username", user), ("password", password), ("returnUrl", returnUrl));

    public void Dispose() => http.Dispose();
}
