using System.Globalization;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Survey.Web.Participation;

namespace Survey.Web.Hosting;

/// <summary>Friendly pages for status codes and exceptions; they never show details of what went wrong.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    static readonly string[] Languages = ["nl", "en"];

    [Route("error/{code:int}")]
    public async Task<IActionResult> Show()
    {
        // No action parameter: binding one makes MVC read the form, and that may be the body that was refused.
        var code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : 400;
        // After an exception the handler's StatusCodeSelector has chosen the status (400, 413, 503, 500).
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null && Response.StatusCode >= 400) code = Response.StatusCode;
        var lang = Language();
        var key = code switch
        {
            400 => "errorBadRequest",
            404 => "errorNotFound",
            413 => "errorTooLarge",
            // Only the researcher sign-in is limited under /researcher; participants are limited at enrolment.
            429 when HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
                    .StartsWith("/researcher", StringComparison.Ordinal) == true => "errorTooManyAttempts",
            429 => "errorTooManyRequests",
            503 => "errorUnavailable",
            _ when code >= 500 => "errorServer",
            _ => "errorBadRequest",
        };
        Response.StatusCode = code is >= 400 and < 600 ? code : 400;
        if (code == 503 && DatabaseOutage.Is(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error)) DatabaseOutage.ClearPools(HttpContext.RequestServices);
        var retry = code == 503 ? await RetryAsync() : null;
        if (retry is not null) Response.Headers.RetryAfter = "5";
        var model = new MessagePage(lang, Labels.Defaults["errorTitle"].In(lang), Labels.Defaults[key].In(lang)) { Retry = retry };
        return View("~/Participation/Views/Message.cshtml", model);
    }

    /// <summary>
    /// The participant's language without the database: ?lang=, the language cookie of the participant pages,
    /// then the browser's.
    /// </summary>
    string Language()
    {
        if (Request.Query["lang"].ToString() is var q && Languages.Contains(q)) return q;
        if (Request.Cookies[ParticipantPageFilter.LanguageCookie] is { } c && Languages.Contains(c)) return c;
        return PageLanguage.FromBrowser(Request, Languages, "en");
    }

    /// <summary>
    /// A participant's request that failed because the database was down, to send again as it was: the same
    /// link, or the same form (step, answers and antiforgery token), so their place and what they typed are kept.
    /// The step guard makes a repeated post harmless.
    /// </summary>
    async Task<RetryRequest?> RetryAsync()
    {
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not { } failed || !failed.Path.StartsWith("/s/", StringComparison.Ordinal))
            return null;
        if (!HttpMethods.IsPost(Request.Method)) return new RetryRequest(failed.Path + Request.QueryString, null);
        if (!Request.HasFormContentType) return new RetryRequest(failed.Path, null);
        try
        {
            var form = await Request.ReadFormAsync(HttpContext.RequestAborted);
            return new RetryRequest(failed.Path, form.SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? ""))).ToList());
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return new RetryRequest(failed.Path, null);
        }
    }
}
