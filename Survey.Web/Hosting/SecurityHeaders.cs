using System.Collections.Concurrent;

namespace Survey.Web.Hosting;

/// <summary>
/// Headers on every response, static files and error pages included. The CSP allows nothing inline and nothing
/// from another host: every script and style is a file under wwwroot. Forms post to this site only, plus the
/// origin of the study's completion URL on a participant page: the last submit redirects to the panel, and
/// Chromium applies form-action to the whole redirect chain of a form post.
/// </summary>
public static class SecurityHeaders
{
    const string PolicyKey = "ppl.csp";

    public static string ContentSecurityPolicy(string? formTarget) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
        $"form-action 'self'{(formTarget is null ? "" : " " + formTarget)}; " +
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>The policy of (almost) every response, built once.</summary>
    static readonly string SiteOnly = ContentSecurityPolicy(null);

    /// <summary>
    /// The policy per completion URL, built once: the URLs come from imported studies, so there are few. A URL
    /// that is not http(s) maps to null (the site-only policy).
    /// </summary>
    static readonly ConcurrentDictionary<string, string?> WithTarget = new(StringComparer.Ordinal);

    /// <summary>Lets this response's forms end at <paramref name="url"/>'s origin (http or https only).</summary>
    public static void AllowFormTarget(HttpContext context, string url)
    {
        var policy = WithTarget.GetOrAdd(url, static u =>
            Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? ContentSecurityPolicy(uri.GetLeftPart(UriPartial.Authority)) : null);
        if (policy is not null) context.Items[PolicyKey] = policy;
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // A static callback with the context as its state: no closure per request.
        context.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = context.Items.TryGetValue(PolicyKey, out var policy) ? (string)policy! : SiteOnly;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (!context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js")
                && !context.Request.Path.StartsWithSegments("/shop"))
                h.CacheControl = "no-store"; // answers and codes must not come back from a shared or Back-button cache
            return Task.CompletedTask;
        }, context);
        return next(context);
    });
}
