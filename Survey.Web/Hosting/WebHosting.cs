using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Npgsql;

namespace Survey.Web.Hosting;

/// <summary>Everything every page shares: logging, keys, limits, antiforgery, error pages, security headers.</summary>
public static class WebHosting
{
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>
    /// Kestrel's own limit, above the app's: a body between the two is read and discarded after the friendly
    /// 413, so the browser sees the page instead of a connection reset while it is still sending.
    /// </summary>
    public const long DrainedRequestBodyBytes = 1024 * 1024;

    /// <summary>Host names answered when AllowedHosts is not configured: this machine only (docs/deploy.md).</summary>
    public const string LocalHosts = "localhost;127.0.0.1;[::1]";

    public static void AddWebHosting(this WebApplicationBuilder builder)
    {
        builder.AddPrivateLogging();

        // A forged Host header is refused (400) instead of being reflected into absolute redirects.
        if (builder.Configuration["AllowedHosts"] is null) builder.Configuration["AllowedHosts"] = LocalHosts;
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.Services.Configure<RouteOptions>(o => o.ConstraintMap[StudyIdConstraint.Name] = typeof(StudyIdConstraint));

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = DrainedRequestBodyBytes;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<FormOptions>(o =>
        {
            o.ValueCountLimit = 400;
            o.ValueLengthLimit = 16 * 1024;
            o.KeyLengthLimit = 200;
            o.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });

        // Dutch and euro signs as characters, not as &#x..; entities (still HTML-encoded where it matters).
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddDataProtection().SetApplicationName("PrivacyParadoxLab");
        builder.Services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((o, db) => o.XmlRepository = new DatabaseXmlRepository(db));

        // Every rate-limit policy (enrolment, researcher sign-in) answers 429 with Retry-After; the body is the
        // friendly /error/429 page (status-code pages), so nothing is written here.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var after))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
        });

        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "ppl_af";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
            o.SuppressXFrameOptionsHeader = true; // SecurityHeaders sends DENY
        });
        builder.Services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()))
            // Under a test host the entry assembly is not Survey.Web, so its controllers and compiled views are named here.
            .ConfigureApplicationPartManager(m =>
            {
                var self = typeof(WebHosting).Assembly;
                if (m.ApplicationParts.OfType<AssemblyPart>().Any(p => p.Assembly == self)) return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(self).GetApplicationParts(self))
                    m.ApplicationParts.Add(part); // the controllers and the compiled Razor views
            });
    }

    public static void UseWebHosting(this WebApplication app)
    {
        app.UseRequestLog();
        // Client address and scheme from a reverse proxy on this host (the default trusts loopback proxies only),
        // for the per-address enrolment limit and Secure cookies; see docs/deploy.md.
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        });
        app.UseHsts(); // only on HTTPS (as the proxy reports it), and never for localhost
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // A body that is too large or not a form is the sender's fault: 400/413, never a 500. A database that
            // is down is worth a retry: 503.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException b => b.StatusCode,
                InvalidDataException => StatusCodes.Status400BadRequest,
                _ when DatabaseOutage.Is(e) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use(RefuseLargeBodies);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
    }

    /// <summary>
    /// A body over the limit is answered 413 before anything reads it (antiforgery would call a cut-off form a
    /// bad token, 400). The friendly page comes from the status-code page, whose re-execution passes here again.
    /// </summary>
    static Task RefuseLargeBodies(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
        {
            if (context.Request.ContentLength > MaxRequestBodyBytes)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }
            // Without a Content-Length (chunked) the limit applies while reading.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxRequestBodyBytes;
        }
        return next(context);
    }
}
