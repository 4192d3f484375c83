using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Survey.Web.Participation;

/// <summary>
/// The only client-side state: cookie ppl_{studyId} holding the participant id, encrypted and signed with the
/// data-protection keys of the database (so every process reads it). The study id is part of the protector's
/// purpose, so a cookie of one study is no participant in another; a forged or altered cookie is no participant.
/// </summary>
public sealed class ParticipantCookie(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    public static string Name(string studyId) => "ppl_" + studyId;

    IDataProtector For(string studyId) => protection.CreateProtector("Survey.Web.ParticipantCookie.v1", studyId);

    public string? Read(HttpRequest request, string studyId)
    {
        if (!request.Cookies.TryGetValue(Name(studyId), out var value) || string.IsNullOrEmpty(value)) return null;
        try { return For(studyId).Unprotect(value); }
        catch (Exception e) when (e is CryptographicException or FormatException) { return null; }
    }

    public void Write(HttpContext context, string studyId, string participantId) =>
        context.Response.Cookies.Append(Name(studyId), For(studyId).Protect(participantId), Options(context, studyId));

    public void Delete(HttpContext context, string studyId) =>
        context.Response.Cookies.Delete(Name(studyId), Options(context, studyId));

    /// <summary>The study's participant cookie options (also the preview cookie's, with its own lifetime).</summary>
    internal static CookieOptions Options(HttpContext context, string studyId) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = context.Request.IsHttps,
        Path = "/s/" + studyId,
        MaxAge = Lifetime,
        IsEssential = true,
    };
}
