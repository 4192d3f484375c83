namespace Survey.Web.Hosting;

/// <summary>
/// Headers on every response, static files and error pages included. The CSP allows nothing inline and nothing
/// from another host: every script and style is a file under wwwroot. Forms post to this site only, plus the
/// origin of the study's completion URL on a participant page: the last submit redirects to the panel, and
/// Chromium applies form-action to the whole redirect chain of a form post.
/// </summary>
public static class SecurityHeaders
{
    const string FormTargetKey = "ppl.form-target";

    public static string ContentSecurityPolicy(string? formTarget) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
        $"form-action 'self'{(formTarget is null ? "" : " " + formTarget)}; " +
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    /// <summary>Lets this response's forms end at <paramref name="url"/>'s origin (http or https only).</summary>
    public static void AllowFormTarget(HttpContext context, string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
            context.Items[FormTargetKey] = uri.GetLeftPart(UriPartial.Authority);
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy(context.Items[FormTargetKey] as string);
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            if (!context.Request.Path.StartsWithSegments("/css") && !context.Request.Path.StartsWithSegments("/js")
                && !context.Request.Path.StartsWithSegments("/shop"))
                h.CacheControl = "no-store"; // answers and codes must not come back from a shared or Back-button cache
            return Task.CompletedTask;
        });
        await next();
    });
}
