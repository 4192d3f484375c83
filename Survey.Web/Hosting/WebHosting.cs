using System.Text.Json;
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

    public static void AddWebHosting(this WebApplicationBuilder builder)
    {
        // One JSON line per event. Request bodies are never logged by anything here; the framework categories
        // that could describe a request in detail stay at Warning.
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.JsonWriterOptions = new JsonWriterOptions { Indented = false });
        // These are defaults: Logging:LogLevel settings (appsettings, environment, command line) take precedence,
        // e.g. --Logging:LogLevel:Default=Warning drops the per-request lines under load.
        var levels = builder.Configuration.GetSection("Logging:LogLevel");
        if (levels["Microsoft.AspNetCore"] is null) builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (levels["Microsoft.AspNetCore.Hosting.Diagnostics"] is null && levels["Default"] is null)
            builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Information);

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
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
        // Client address and scheme from a reverse proxy on this host (the default trusts loopback proxies only),
        // for the per-address enrolment limit and Secure cookies; see docs/deploy.md.
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto,
        });
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // A body that is too large or not a form is the sender's fault: 400/413, never a 500.
            StatusCodeSelector = e => e switch
            {
                BadHttpRequestException b => b.StatusCode,
                InvalidDataException => StatusCodes.Status400BadRequest,
                _ => StatusCodes.Status500InternalServerError,
            },
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
    }
}
