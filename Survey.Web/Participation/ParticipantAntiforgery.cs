using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Survey.Web.Hosting;

namespace Survey.Web.Participation;

/// <summary>
/// ASP.NET Core's antiforgery, except on the participant pages of a request that carries a valid participant
/// ticket: there the form token is bound to the ticket (HMAC-SHA256 under <see cref="WebKeys.FormToken"/> over
/// purpose, study link and participant id: "{key id}.{base64url mac}") and needs no antiforgery cookie and no Data
/// Protection (bench/http-profile.md, "seal and antiforgery"). A cross-site page cannot read the token, so it
/// stops a cross-site POST as the cookie-and-token pair does; it is the same on every page of one participant,
/// as the framework's cookie token is for one browser.
/// Everything else is the framework's, unchanged: every request without a ticket (the consent page before a
/// participant exists, a preview without one, the researcher console, error pages), and a POST on a participant
/// page whose token is not a bound one (a form rendered before the ticket existed, such as a consent page still open in
/// another tab, or one an earlier version rendered), which the framework validates with its cookie as before.
/// Registered in place of the framework's IAntiforgery, so [AutoValidateAntiforgeryToken], the console's form tag
/// helper and the participant views' @Html.AntiForgeryToken() (each writes its form's field itself, without the
/// form tag helper: Participation/Views/_ViewImports.cshtml) all go through it.
/// </summary>
public sealed class ParticipantAntiforgery(IAntiforgery framework, ParticipantCookie cookie, WebKeys keys, IOptions<AntiforgeryOptions> options) : IAntiforgery
{
    const string Purpose = "Survey.Web.ParticipantForm.v1";

    readonly AntiforgeryOptions settings = options.Value;

    /// <summary>Puts this in place of the framework's IAntiforgery (call after AddControllersWithViews, which adds it).</summary>
    public static void Register(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))?.ImplementationType
            ?? throw new InvalidOperationException("ASP.NET Core's antiforgery must be registered before ParticipantAntiforgery");
        services.Replace(ServiceDescriptor.Singleton<IAntiforgery>(sp => new ParticipantAntiforgery(
            (IAntiforgery)ActivatorUtilities.CreateInstance(sp, inner), sp.GetRequiredService<ParticipantCookie>(),
            sp.GetRequiredService<WebKeys>(), sp.GetRequiredService<IOptions<AntiforgeryOptions>>())));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        if (ParticipantOf(httpContext) is not var (study, participant)) return framework.GetAndStoreTokens(httpContext);
        // As the framework does for a page with a token: such a response must never come from a cache.
        if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.Headers.CacheControl = "no-cache, no-store";
            httpContext.Response.Headers.Pragma = "no-cache";
        }
        return Tokens(study, participant);
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) =>
        ParticipantOf(httpContext) is var (study, participant) ? Tokens(study, participant) : framework.GetTokens(httpContext);

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        if (HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method)
            || HttpMethods.IsOptions(httpContext.Request.Method) || HttpMethods.IsTrace(httpContext.Request.Method)) return true;
        if (await BoundCheckAsync(httpContext) is { } valid) return valid;
        return await framework.IsRequestValidAsync(httpContext);
    }

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        if (await BoundCheckAsync(httpContext) is not { } valid) await framework.ValidateRequestAsync(httpContext);
        else if (!valid) throw new AntiforgeryValidationException("The participant form token does not belong to this participant and study.");
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => framework.SetCookieTokenAndHeader(httpContext);

    /// <summary>
    /// Null: not the bound token's to decide (no ticket, or the request's token is not a bound one: the framework
    /// decides). Otherwise whether the bound token is this participant's of this study.
    /// </summary>
    async Task<bool?> BoundCheckAsync(HttpContext httpContext)
    {
        if (ParticipantOf(httpContext) is not var (study, participant)) return null;
        var request = httpContext.Request;
        string? posted = request.Headers[settings.HeaderName ?? ""].FirstOrDefault();
        if (string.IsNullOrEmpty(posted) && request.HasFormContentType)
        {
            // A form that does not read (a NUL, cut off) is the framework's to refuse, as it always was.
            try { posted = (await request.ReadFormAsync()).TryGetValue(settings.FormFieldName, out var v) ? v.FirstOrDefault() : null; }
            catch (Exception e) when (e is InvalidDataException or IOException) { return null; }
        }
        if (string.IsNullOrEmpty(posted) || !IsBound(posted)) return null;
        return Matches(posted, study, participant);
    }

    /// <summary>The study link and participant of a participant page's request with a valid ticket, or null.</summary>
    (string Study, string Participant)? ParticipantOf(HttpContext httpContext)
    {
        if (!httpContext.Request.Path.StartsWithSegments("/s") || httpContext.GetRouteValue("studyId") is not string { Length: > 0 } study) return null;
        return cookie.ReadTicket(httpContext.Request, study) is { } ticket ? (study, ticket.Id) : null;
    }

    AntiforgeryTokenSet Tokens(string study, string participant) =>
        new(Token(keys.For(WebKeys.FormToken).Current, study, participant), null, settings.FormFieldName, settings.HeaderName);

    /// <summary>A bound token has a '.', which neither base64url nor the framework's tokens have.</summary>
    static bool IsBound(string token) => token.Contains('.', StringComparison.Ordinal);

    bool Matches(string posted, string study, string participant)
    {
        var dot = posted.IndexOf('.');
        if (!int.TryParse(posted.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || keys.For(WebKeys.FormToken).Find(id) is not { } key) return false;
        var expected = Token(key, study, participant);
        return CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(expected.AsSpan()), MemoryMarshal.AsBytes(posted.AsSpan()));
    }

    internal static string Token(WebKey key, string study, string participant)
    {
        // The study's length first, so no other pair of study and participant gives the same text.
        var data = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Purpose}\n{study.Length}\n{study}\n{participant}"));
        return key.Id.ToString(CultureInfo.InvariantCulture) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key.Material, data));
    }
}
