using System.Net;
using System.Text.RegularExpressions;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// A participant over plain HTTP (no JavaScript): keeps cookies, follows nothing by itself, reads the antiforgery
/// token and the hidden step of the last page, and posts the page form as a browser without scripts would.
/// Point it at a different app (BaseUrl) between requests to act like a load balancer.
/// </summary>
public sealed partial class ParticipantDriver : IDisposable
{
    readonly HttpClient http;
    public CookieContainer Cookies { get; } = new();
    public string BaseUrl { get; set; }
    public HttpResponseMessage? LastResponse { get; private set; }
    public string Html { get; private set; } = "";
    /// <summary>The URL of the last page shown (after redirects).</summary>
    public string Url { get; private set; } = "";

    public ParticipantDriver(string baseUrl, string? acceptLanguage = null)
    {
        BaseUrl = baseUrl;
        http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true });
        if (acceptLanguage is not null) http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
    }

    /// <summary>GET, then follow 303/302 redirects within the app; returns the final status.</summary>
    public async Task<HttpStatusCode> GetAsync(string path)
    {
        var response = await http.GetAsync(Absolute(path));
        return await FollowAsync(response, path);
    }

    /// <summary>POSTs the fields as a form to the path, without following the redirect.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await http.PostAsync(Absolute(path), new FormUrlEncodedContent(fields));
        LastResponse = response;
        return response;
    }

    /// <summary>Submits the current page's form: its hidden fields, the given answers and the button's action.</summary>
    public async Task<HttpStatusCode> SubmitAsync(string action, IEnumerable<KeyValuePair<string, string>>? answers = null)
    {
        var fields = HiddenFields().Where(f => !f.Key.StartsWith("t_") || answers?.Any(a => a.Key == f.Key) != true).ToList();
        if (answers is not null) fields.AddRange(answers);
        fields.Add(new("action", action));
        var response = await PostRawAsync(FormAction(), fields);
        return await FollowAsync(response, FormAction());
    }

    public Task<HttpStatusCode> SubmitAsync(string action, params (string Key, string Value)[] answers) =>
        SubmitAsync(action, answers.Select(a => new KeyValuePair<string, string>(a.Key, a.Value)));

    async Task<HttpStatusCode> FollowAsync(HttpResponseMessage response, string from)
    {
        var hops = 0;
        while (response.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.Redirect
               && response.Headers.Location is { } location && hops++ < 10)
        {
            var target = location.IsAbsoluteUri ? location.ToString() : Absolute(location.OriginalString);
            if (!target.StartsWith(BaseUrl, StringComparison.Ordinal))
            {
                // Leaving the app (a panel's completion URL): stop and remember where to.
                LastResponse = response;
                Url = target;
                Html = "";
                return response.StatusCode;
            }
            response = await http.GetAsync(target);
            from = target;
        }
        LastResponse = response;
        Url = from;
        Html = await response.Content.ReadAsStringAsync();
        return response.StatusCode;
    }

    string Absolute(string path) => path.StartsWith("http", StringComparison.Ordinal) ? path : BaseUrl + path;

    public string FormAction() =>
        FormPattern().Match(Html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups["action"].Value) : throw new InvalidOperationException("No page-form on: " + Url);

    /// <summary>The hidden inputs of the page (antiforgery token, step, consent parameters, t_ timers).</summary>
    public List<KeyValuePair<string, string>> HiddenFields() =>
        HiddenPattern().Matches(Html).Select(m => new KeyValuePair<string, string>(
            WebUtility.HtmlDecode(NamePattern().Match(m.Value).Groups[1].Value),
            WebUtility.HtmlDecode(ValuePattern().Match(m.Value).Groups[1].Value))).ToList();

    public int? Step => HiddenFields().Where(f => f.Key == "step").Select(f => (int?)int.Parse(f.Value)).FirstOrDefault();

    public string? CompletionCode => CodePattern().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    public string? OrderTotalAmount => TotalPattern().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    public void Dispose() => http.Dispose();

    [GeneratedRegex("<form method=\"post\" id=\"page-form\" action=\"(?<action>[^\"]*)\"")]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenPattern();

    [GeneratedRegex("\\sname=\"([^\"]*)\"")]
    private static partial Regex NamePattern();

    [GeneratedRegex("\\svalue=\"([^\"]*)\"")]
    private static partial Regex ValuePattern();

    [GeneratedRegex("<strong id=\"completion-code\">([^<]+)</strong>")]
    private static partial Regex CodePattern();

    [GeneratedRegex("<output id=\"order-total\" data-amount=\"([^\"]+)\"")]
    private static partial Regex TotalPattern();
}
