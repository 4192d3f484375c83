using System.Security.Claims;
using Experiment.Engine.Researchers;

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

    /// <summary>Researcher:LockoutMaxFailures (5) and Researcher:LockoutSeconds (900) set the sign-in lockout.</summary>
    public static void AddResearcherConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(new LockoutOptions(
            builder.Configuration.GetValue("Researcher:LockoutMaxFailures", 5),
            TimeSpan.FromSeconds(builder.Configuration.GetValue("Researcher:LockoutSeconds", 900))));
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = "ppl_researcher";
            o.Cookie.Path = "/researcher";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = SignInPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = context =>
            {
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

    /// <summary>After routing: who is signed in, then whether that is enough for the endpoint.</summary>
    public static void UseResearcherConsole(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>A browser asking for a page gets the sign-in page; data, downloads and posts get 401.</summary>
    static bool WantsPage(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        return HttpMethods.IsGet(request.Method)
               && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
               && !path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".zip", StringComparison.Ordinal)
               && !path.EndsWith(".js", StringComparison.Ordinal);
    }

    public static string Actor(ClaimsPrincipal user) => "researcher:" + (user.Identity?.Name ?? "?");
}
