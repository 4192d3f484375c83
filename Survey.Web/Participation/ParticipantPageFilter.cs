using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Survey.Web.Hosting;

namespace Survey.Web.Participation;

/// <summary>
/// What every participant page tells the layers around it: its language, in a cookie that only says "nl" or
/// "en" (so the 503 page, which cannot read the participant from a database that is down, speaks it), and the
/// origin of the study's completion URL, which the page's forms may end up at (SecurityHeaders' form-action).
/// </summary>
public sealed class ParticipantPageFilter : ResultFilterAttribute
{
    public const string LanguageCookie = "ppl_lang";

    public override void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is not ViewResult { Model: PageBase { Study: { } study } page }) return;
        var http = context.HttpContext;
        if (http.Request.Cookies[LanguageCookie] != page.Lang)
            http.Response.Cookies.Append(LanguageCookie, page.Lang, new CookieOptions
            {
                Path = "/s/", HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps,
                MaxAge = ParticipantCookie.Lifetime, IsEssential = true,
            });
        if (study.Panel?.CompletionUrl is { Length: > 0 } url) SecurityHeaders.AllowFormTarget(http, url.Replace("{code}", "x"));
    }
}
