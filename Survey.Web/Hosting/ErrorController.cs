using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Mvc;
using Survey.Web.Participation;

namespace Survey.Web.Hosting;

/// <summary>Friendly pages for status codes and exceptions; they never show details of what went wrong.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorController : Controller
{
    [Route("error/{code:int}")]
    public IActionResult Show(int code)
    {
        var lang = PageLanguage.FromBrowser(Request, ["nl", "en"], "en");
        var key = code switch
        {
            400 => "errorBadRequest",
            404 => "errorNotFound",
            413 => "errorTooLarge",
            // Only the researcher sign-in is limited under /researcher; participants are limited at enrolment.
            429 when HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>()?.OriginalPath
                    .StartsWith("/researcher", StringComparison.Ordinal) == true => "errorTooManyAttempts",
            429 => "errorTooManyRequests",
            _ when code >= 500 => "errorServer",
            _ => "errorBadRequest",
        };
        Response.StatusCode = code is >= 400 and < 600 ? code : 400;
        var model = new MessagePage(lang, Labels.Defaults["errorTitle"].In(lang), Labels.Defaults[key].In(lang));
        return View("~/Participation/Views/Message.cshtml", model);
    }
}
