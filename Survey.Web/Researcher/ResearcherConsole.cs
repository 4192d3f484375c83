using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Experiment.Engine.Researchers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;
using Survey.Web.Hosting;

namespace Survey.Web.Researcher;

/// <summary>
/// The researcher console's own cookie scheme, apart from anything participants get: its cookie is sent only
/// under /researcher, and its pages answer anonymous browsers with a redirect to the sign-in page and
/// everything else (JSON, zip, scripts, form posts) with a plain 401.
/// </summary>
public static class ResearcherConsole
{
    public const string Scheme = "Researcher";
    public const string Policy = "researcher";
    public const string SignInPath = "/researcher/signin";
    public const string SignInPolicy = "researcher-signin";
    /// <summary>The account's security stamp at sign-in; the cookie is valid only while the account still has it.</summary>
    public const string StampClaim = "ppl:stamp";
    /// <summary>Marks a request whose security-stamp check failed because the database is down.</summary>
    const string OutageKey = "ppl:console-outage";

    /// <summary>
    /// Researcher:LockoutMaxFailures (5) and Researcher:LockoutSeconds (900) set the lockout of one username from
    /// one address; Researcher:SignInPerAddress (10) sign-in attempts per Researcher:SignInWindowSeconds (60) and
    /// client address are allowed, whatever the username (docs/deploy.md says why both).
    /// </summary>
    public static void AddResearcherConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new LockoutOptions(
            builder.Configuration.GetValue("Researcher:LockoutMaxFailures", 5),
            TimeSpan.FromSeconds(builder.Configuration.GetValue("Researcher:LockoutSeconds", 900))));
        var perWindow = Math.Max(1, builder.Configuration.GetValue("Researcher:SignInPerAddress", 10));
        var window = TimeSpan.FromSeconds(Math.Max(1, builder.Configuration.GetValue("Researcher:SignInWindowSeconds", 60)));
        builder.Services.AddRateLimiter(o => o.AddPolicy(SignInPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            ClientKey(context), _ => new FixedWindowRateLimiterOptions { PermitLimit = perWindow, Window = window, QueueLimit = 0 })));
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "ppl_researcher";
            o.Cookie.Path = ConsolePath;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            // One primary-key lookup per console request, no cache: a sign-out or `account reset` refuses the old
            // cookie on the very next request, on every instance.
            o.Events.OnValidatePrincipal = async context =>
            {
                var name = context.Principal?.Identity?.Name;
                var stamp = context.Principal?.FindFirst(StampClaim)?.Value;
                string? current;
                try
                {
                    current = name is null || stamp is null ? null
                        : await ResearcherAccounts.SecurityStampAsync(context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>(),
                            name, context.HttpContext.RequestAborted);
                }
                catch (Exception e) when (DatabaseOutage.Is(e))
                {
                    // The check cannot be made. Throwing here would be cached with the authentication result, so
                    // the error page that the exception handler renders would throw it again (a 500). Instead the
                    // request goes on unauthenticated, keeping the cookie, and the challenge below rethrows the
                    // outage: the handler renders the 503 page, and the next request after the outage is signed in.
                    context.RejectPrincipal();
                    context.HttpContext.Items[OutageKey] = ExceptionDispatchInfo.Capture(e);
                    return;
                }
                if (current is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(stamp!)))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(Scheme);
                }
            };
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.HttpContext.Items[OutageKey] is ExceptionDispatchInfo outage) outage.Throw();
                if (WantsPage(context.Request)) context.Response.Redirect(context.RedirectUri);
                else context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
    }

    /// <summary>
    /// After routing: who is signed in, then whether that is enough for the endpoint. Only the console's paths ask
    /// who is signed in: its cookie is sent under /researcher only, and its handler (one object, a cookie lookup and,
    /// with a cookie, a database query) would otherwise run on every participant request for nothing. An endpoint
    /// that requires the policy authenticates through it wherever it is mapped.
    /// </summary>
    public static void UseResearcherConsole(this WebApplication app)
    {
        app.UseWhen(context => context.Request.Path.StartsWithSegments(ConsolePath), console => console.UseAuthentication());
        // UseAuthentication marks the builder it is called on, and a branch has its own copy of the marks: without
        // this one, WebApplication would add authentication for every request in front of the pipeline.
        // (SessionTests.ResearcherCookie_onAParticipantPage_isNotRead fails when this no longer holds.)
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSetKey] = true;
        app.UseAuthorization();
    }

    /// <summary>The mark UseAuthentication leaves on an application builder, which WebApplication looks for.</summary>
    const string AuthenticationMiddlewareSetKey = "__AuthenticationMiddlewareSet";

    /// <summary>The console's paths, the cookie's path too.</summary>
    public const string ConsolePath = "/researcher";

    /// <summary>A browser asking for a page gets the sign-in page; data, downloads and posts get 401.</summary>
    static bool WantsPage(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return HttpMethods.IsGet(request.Method)
               && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
               && !path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".zip", StringComparison.Ordinal)
               && !path.EndsWith(".js", StringComparison.Ordinal);
    }

    /// <summary>
    /// The client address that sign-in throttling and lockout count by (after forwarded headers). IPv6 counts by
    /// its /64 network, the block one subscriber usually gets, so walking through one's own addresses does not help.
    /// </summary>
    public static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    public static string Actor(ClaimsPrincipal user) => "researcher:" + (user.Identity?.Name ?? "?");
}
