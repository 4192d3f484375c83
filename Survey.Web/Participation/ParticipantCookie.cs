using System.Globalization;
using System.Security.Cryptography;
using Experiment.Engine.Participants;
using Microsoft.AspNetCore.DataProtection;

namespace Survey.Web.Participation;

/// <summary>
/// The only client-side state: cookie ppl_{studyId} holding a <see cref="ParticipantTicket"/>, encrypted and signed
/// with the data-protection keys of the database (so every process reads it). The study id is part of the
/// protector's purpose, so a cookie of one study is no participant in another; a forged or altered cookie is no
/// participant. Encrypted, not only signed: the ticket names the participant's cell, which they must not see.
/// </summary>
public sealed class ParticipantCookie(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);

    public static string Name(string studyId) => "ppl_" + studyId;

    // The purpose is unchanged since the cookie held the participant id only, so such a cookie still reads (as a
    // ticket without its step: ParticipantTicket.Parse).
    IDataProtector For(string studyId) => protection.CreateProtector("Survey.Web.ParticipantCookie.v1", studyId);

    /// <summary>The participant id of the cookie, or null (none, forged, altered, another study's).</summary>
    public string? Read(HttpRequest request, string studyId) => ReadTicket(request, studyId)?.Id;

    /// <summary>The cookie's ticket, or null (none, forged, altered, another study's).</summary>
    public ParticipantTicket? ReadTicket(HttpRequest request, string studyId)
    {
        if (!request.Cookies.TryGetValue(Name(studyId), out var value) || string.IsNullOrEmpty(value)) return null;
        try { return ParticipantTicket.Parse(For(studyId).Unprotect(value)); }
        catch (Exception e) when (e is CryptographicException or FormatException or OverflowException) { return null; }
    }

    /// <summary>A cookie that names the participant only: the next page reads their progress from the database.</summary>
    public void Write(HttpContext context, string studyId, string participantId) => Write(context, studyId, ParticipantTicket.IdOnly(participantId));

    public void Write(HttpContext context, string studyId, ParticipantTicket ticket) =>
        context.Response.Cookies.Append(Name(studyId), For(studyId).Protect(ticket.Format()), Options(context, studyId));

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

/// <summary>
/// What the participant cookie says: who the participant is and, as the server last wrote it, where they are
/// (study version, cell, block order, step, language, and whether that step's shown time is recorded). It lets a
/// POST go straight to its one guarded statement and the page after it render without a read
/// (<see cref="LiveParticipant"/>). It is a hint, never the truth: the database's step guard decides every write,
/// and a ticket that disagrees with the database (an old cookie kept and sent again, a second tab) is corrected
/// from it. It holds nothing typed, no panel id, no answer: only numbers the server chose and the page language.
/// A ticket without a version (<see cref="Complete"/> false) names the participant only (a cookie written
/// before the ticket had more, or a participant resumed by their panel session).
/// </summary>
public sealed record ParticipantTicket(string Id, int? Version, int Cell, int Order, int Step, string Language, bool Shown)
{
    public static ParticipantTicket IdOnly(string id) => new(id, null, 0, 0, 0, "", false);

    /// <summary>The ticket for the participant as the database has them; Shown: their step's page time is recorded.</summary>
    public static ParticipantTicket Of(ParticipantProgress p, bool shown) => new(p.Id, p.StudyVersion, p.CellIdx, p.OrderIdx, p.Step, p.Language, shown);

    public bool Complete => Version is not null;

    internal string Format() => Version is not { } v ? Id
        : string.Join('|', Id, v.ToString(CultureInfo.InvariantCulture), Cell.ToString(CultureInfo.InvariantCulture),
            Order.ToString(CultureInfo.InvariantCulture), Step.ToString(CultureInfo.InvariantCulture), Language, Shown ? "1" : "0");

    /// <summary>The protected payload read back; anything but what <see cref="Format"/> writes is a FormatException.</summary>
    internal static ParticipantTicket Parse(string payload)
    {
        var parts = payload.Split('|');
        if (parts.Length == 1 && payload.Length > 0) return IdOnly(payload);
        if (parts is not [{ Length: > 0 } id, var v, var c, var o, var s, { Length: > 0 } lang, "0" or "1"])
            throw new FormatException("not a participant ticket");
        return new(id, Number(v), Number(c), Number(o), Number(s), lang, parts[6] == "1");
    }

    static int Number(string s) => int.Parse(s, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>
    /// The participant as the pages see them from this ticket alone: id, version, cell, order, step, language.
    /// What only the database knows (status, completion code, checkout outcome, attention result) is not in it;
    /// a step that shows one of these reads the participant (<see cref="LiveParticipant.NeedsRow"/>).
    /// </summary>
    public ParticipantProgress Progress(string studyId, string arm) =>
        new(Id, studyId, Version ?? 0, Cell, arm, Order, Language, "in_progress", Step, CompletionCode: "", CheckoutOutcome: null, AttentionPassed: null, Shown);
}
