using System.Security.Claims;
using Experiment.Engine.Researchers;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Survey.Web.Researcher;

public sealed record SignInPage(string? Username, string? ReturnUrl, string? Error);

/// <summary>Sign-in and sign-out of the researcher console. Accounts come from `account create` on the command line.</summary>
[AutoValidateAntiforgeryToken]
public sealed class SignInController(NpgsqlDataSource db, LockoutOptions lockout, TimeProvider clock) : Controller
{
    [AllowAnonymous, HttpGet("researcher/signin")]
    public IActionResult Form(string? returnUrl) => View("~/Researcher/Views/SignIn.cshtml", new SignInPage(null, LocalOrNull(returnUrl), null));

    [AllowAnonymous, HttpPost("researcher/signin")]
    public async Task<IActionResult> SignIn([FromForm] string? username, [FromForm] string? password, [FromForm] string? returnUrl, CancellationToken ct)
    {
        username = username?.Trim() ?? "";
        var back = LocalOrNull(returnUrl);
        if (username.Length is 0 or > 64 || string.IsNullOrEmpty(password) || password.Length > 200)
            return Failed(username, back, "Enter your username and password.");
        var result = await ResearcherAccounts.SignInAsync(db, username, password, lockout, clock, ct);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                return Failed(username, back,
                    $"Too many failed sign-ins: this account is locked until {result.LockedUntil:HH:mm:ss} UTC. Ask for `account reset` if you forgot the password.");
            case SignInOutcome.WrongPassword:
                return Failed(username, back, "Wrong username or password.");
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, username)], ResearcherConsole.Scheme));
        await HttpContext.SignInAsync(ResearcherConsole.Scheme, principal, new AuthenticationProperties { IsPersistent = false });
        return LocalRedirect(back ?? "/researcher");
    }

    [Authorize(Policy = ResearcherConsole.Policy), HttpPost("researcher/signout")]
    public async Task<IActionResult> SignOutResearcher()
    {
        await HttpContext.SignOutAsync(ResearcherConsole.Scheme);
        return Redirect(ResearcherConsole.SignInPath);
    }

    IActionResult Failed(string username, string? back, string error)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return View("~/Researcher/Views/SignIn.cshtml", new SignInPage(username, back, error));
    }

    /// <summary>Only paths inside the console: a sign-in link must not send anyone to another site.</summary>
    static string? LocalOrNull(string? url) =>
        url is { Length: > 0 } && url.StartsWith("/researcher", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal) && !url.Contains('\\')
            ? url : null;
}
