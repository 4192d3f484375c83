using System.Net;
using System.Text.RegularExpressions;
using Analysis.Simulation;

namespace Survey.Web.Tests.Infrastructure;

/// <summary>
/// A participant over plain HTTP (no JavaScript) for the tests: the bots' conversation (ParticipantHttp) and page
/// reading (PageForm), with the last page kept for assertions. Posts the page form as a browser without scripts
/// would. Point it at a different app (BaseUrl) between requests to act like a load balancer.
/// </summary>
public sealed partial class ParticipantDriver : IDisposable
{
    readonly HttpClient http;
    readonly ParticipantHttp web;
    public CookieContainer Cookies => web.Cookies;
    public string BaseUrl { get; set; }
    public HttpResponseMessage? LastResponse { get; private set; }
    public string Html { get; private set; } = "";
    /// <summary>The URL of the last page shown (after redirects), or where a redirect off the app pointed.</summary>
    public string Url { get; private set; } = "";

    public ParticipantDriver(string baseUrl, string? acceptLanguage = null)
    {
        BaseUrl = baseUrl;
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        if (acceptLanguage is not null) http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        web = new ParticipantHttp(http);
    }

    /// <summary>GET, then follow redirects within the app; returns the final status.</summary>
    public async Task<HttpStatusCode> GetAsync(string path)
    {
        var (response, url, leftTo) = await web.GetAsync(new Uri(Absolute(path)));
        return await ShowAsync(response, leftTo ?? url, leftTo is not null);
    }

    /// <summary>POSTs the fields as a form to the path, without following the redirect.</summary>
    public async Task<HttpResponseMessage> PostRawAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await web.PostAsync(new Uri(Absolute(path)), fields);
        LastResponse = response;
        return response;
    }

    /// <summary>Submits the current page's form: its hidden fields, the given answers and the button's action.</summary>
    public async Task<HttpStatusCode> SubmitAsync(string action, IEnumerable<KeyValuePair<string, string>>? answers = null)
    {
        var fields = HiddenFields().Where(f => !f.Key.StartsWith("t_") || answers?.Any(a => a.Key == f.Key) != true).ToList();
        if (answers is not null) fields.AddRange(answers);
        fields.Add(new("action", action));
        var target = new Uri(Absolute(FormAction()));
        var response = await PostRawAsync(target.ToString(), fields);
        if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            return await GetAsync(new Uri(target, location).ToString());
        return await ShowAsync(response, target, leftApp: false);
    }

    public Task<HttpStatusCode> SubmitAsync(string action, params (string Key, string Value)[] answers) =>
        SubmitAsync(action, answers.Select(a => new KeyValuePair<string, string>(a.Key, a.Value)));

    async Task<HttpStatusCode> ShowAsync(HttpResponseMessage response, Uri url, bool leftApp)
    {
        LastResponse = response;
        // A redirect off the app (a panel's completion URL): stop and remember where to.
        Url = url.ToString();
        Html = leftApp ? "" : await response.Content.ReadAsStringAsync();
        if (TokenFieldProblem(Html) is { } problem) throw new InvalidOperationException($"{Url}: {problem}");
        return response.StatusCode;
    }

    string Absolute(string path) => path.StartsWith("http", StringComparison.Ordinal) ? path : BaseUrl + path;

    PageForm Page => PageForm.Parse(Html);

    public string FormAction() => Page.Action ?? throw new InvalidOperationException("No page-form on: " + Url);

    /// <summary>The hidden inputs of the page (antiforgery token, step, consent parameters, t_ timers).</summary>
    public List<KeyValuePair<string, string>> HiddenFields() =>
        Page.Inputs.Values.Where(i => i.Type == "hidden").Select(i => new KeyValuePair<string, string>(i.Name, i.Value ?? "")).ToList();

    public int? Step => Page.Hidden("step") is { } step ? int.Parse(step) : null;

    public string? CompletionCode => Page.CompletionCode;

    public string? OrderTotalAmount => TotalPattern().Match(Html) is { Success: true } m ? m.Groups[1].Value : null;

    public void Dispose() => http.Dispose();

    /// <summary>
    /// What is wrong with the page form's antiforgery field, or null (also for a page without a page form): it is
    /// there exactly once on the page and is the form's last child, where the view writes it
    /// (@Html.AntiForgeryToken() before &lt;/form&gt;). A second one would mean a form tag helper appends one again,
    /// buffering the whole form to do so. Checked on every page a test's participant is shown.
    /// </summary>
    public static string? TokenFieldProblem(string html)
    {
        if (!html.Contains("id=\"page-form\"", StringComparison.Ordinal)) return null;
        var count = TokenFieldPattern().Count(html);
        if (count != 1) return $"the antiforgery field is on the page {count} times, not once";
        return TokenAtFormEndPattern().IsMatch(html) ? null : "the antiforgery field is not the page form's last child";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"")]
    private static partial Regex TokenFieldPattern();

    [GeneratedRegex("""<form\b[^>]*\bid="page-form"[^>]*>(?:(?!</form>).)*<input name="__RequestVerificationToken" type="hidden" value="[^"]+" /></form>""", RegexOptions.Singleline)]
    private static partial Regex TokenAtFormEndPattern();

    [GeneratedRegex("<output id=\"order-total\" data-amount=\"([^\"]+)\"")]
    private static partial Regex TotalPattern();
}
