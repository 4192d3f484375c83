using System.Security.Claims;
using Experiment.Engine.Researchers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;

namespace Survey.Web.Researcher;

public sealed record SignInPage(string? Username, string? ReturnUrl, string? Error);

/// <summary>Sign-in and sign-out of the researcher console. Accounts come from `account create` on the command line.</summary>
[AutoValidateAntiforgeryToken]
public sealed class SignInController(NpgsqlDataSource db, LockoutOptions lockout, TimeProvider clock) : Controller
{
    /// <summary>The lockout answer, word for word the same whether or not the username exists.</summary>
    public const string LockedOutText = "Too many failed sign-ins from this address: try again after {0:HH:mm:ss} UTC. Ask for `account reset` if you forgot the password.";

    [AllowAnonymous, HttpGet("researcher/signin")]
    public IActionResult Form(string? returnUrl) => View("~/Researcher/Views/SignIn.cshtml", new SignInPage(null, LocalOrNull(returnUrl), null));

    [AllowAnonymous, HttpPost("researcher/signin")]
    [EnableRateLimiting(ResearcherConsole.SignInPolicy)]
    public async Task<IActionResult> SignIn([FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        username = username?.Trim() ?? "";
        var back = LocalOrNull(returnUrl);
        if (username.Length is 0 or > 64 || string.IsNullOrEmpty(password) || password.Length > 200)
            return Failed(username, back, "Enter your username and password.");
        var result = await ResearcherAccounts.SignInAsync(db, username, password, ResearcherConsole.ClientKey(HttpContext), lockout, clock, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                // An absolute Retry-After (an HTTP date) needs no clock here: the database set the lockout's end.
                Response.Headers.RetryAfter = DateTime.SpecifyKind(result.LockedUntil!.Value, DateTimeKind.Utc).ToString("R");
                return Failed(username, back, string.Format(System.Globalization.CultureInfo.InvariantCulture, LockedOutText, result.LockedUntil),
                    StatusCodes.Status429TooManyRequests);
            case SignInOutcome.WrongPassword:
                return Failed(username, back, "Wrong username or password.");
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, username), new Claim(ResearcherConsole.StampClaim, result.Stamp!)], ResearcherConsole.Scheme));
        await HttpContext.SignInAsync(ResearcherConsole.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(back ?? "/researcher");
    }

    /// <summary>Ends every session of the account, on every instance: the cookie's stamp no longer matches.</summary>
    [Authorize(Policy = ResearcherConsole.Policy), HttpPost("researcher/signout")]
    public async Task<IActionResult> SignOutResearcher(CancellationToken ct)
    {
        if (User.Identity?.Name is { } name) await ResearcherAccounts.EndSessionsAsync(db, name, ct);
        await HttpContext.SignOutAsync(ResearcherConsole.Scheme);
        return Redirect(ResearcherConsole.SignInPath);
    }

    IActionResult Failed(string username, string? back, string error, int status = StatusCodes.Status401Unauthorized)
    {
        Response.StatusCode = status;
        return View("~/Researcher/Views/SignIn.cshtml", new SignInPage(username, back, error));
    }

    /// <summary>
    /// Only paths inside the console: a sign-in link must not send anyone to another site. IsLocalUrl also refuses
    /// control characters (a tab, CR or LF), which LocalRedirect would otherwise throw on; such a link falls back
    /// to the console home.
    /// </summary>
    string? LocalOrNull(string? url) =>
        url is { Length: > 0 } && Url.IsLocalUrl(url) && !url.Contains('\\')
        && (url == "/researcher" || url.StartsWith("/researcher/", StringComparison.Ordinal) || url.StartsWith("/researcher?", StringComparison.Ordinal))
            ? url : null;
}
