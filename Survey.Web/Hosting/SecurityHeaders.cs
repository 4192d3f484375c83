namespace Survey.Web.Hosting;

/// <summary>
/// Headers on every response, static files and error pages included. The CSP allows nothing inline and nothing
/// from another host: every script and style is a file under wwwroot.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self' https:; " + // https: the end redirects a form post to the panel's completion URL, and form-action governs redirects too
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var h = context.Response.Headers;
            h.ContentSecurityPolicy = ContentSecurityPolicy;
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
