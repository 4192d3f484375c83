using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>
/// The study link and the consent page. Nothing about a person is stored before "I agree": the panel parameters
/// travel in hidden fields of the consent form; only the study's entered/declined counts change.
/// </summary>
[Route("s/{studyId:studyid}"), ParticipantPageFilter]
public sealed partial class EntryController([FromKeyedServices(ParticipationSetup.Db)] NpgsqlDataSource db, Experiment.Engine.Storage.GroupCommit group,
    ParticipantCookie cookie, StudyCache studies, TimeProvider clock, ILogger<EntryController> log) : Controller
{
    [HttpGet(""), HttpHead("")] // HEAD (link checkers, previews) answers as GET does; Kestrel sends no body
    public async Task<IActionResult> Enter(string studyId, CancellationToken ct)
    {
        if (await studies.GetCurrentAsync(studyId, ct) is not var (study, state)) return UnknownStudy();
        if (await PreviewConsentAsync(studyId, study, null, ct) is { } preview) return preview;
        var lang = PageLanguage.ForEntry(Request, study);
        var langQuery = study.Languages.Contains(Request.Query["lang"].ToString()) ? "?lang=" + lang : "";

        if (await CurrentParticipantAsync(studyId, study.Id, ct) is not null) return Flow(studyId, langQuery);
        if (!TryPanel(study, Request.Query[study.Panel?.ParticipantParam ?? ""], Request.Query[study.Panel?.StudyParam ?? ""],
                Request.Query[study.Panel?.SessionParam ?? ""], out var panel)) return BadPanelId(study, lang);
        if (panel is not null)
        {
            var match = await Assigner.MatchPanelAsync(group, study.Id, panel, null);
            if (match.Kind == PanelMatchKind.NotResumable) return ResumeElsewhere(study, lang);
            if (match.ParticipantId is { } known)
            {
                cookie.Write(HttpContext, studyId, known);
                log.LogInformation("Participant {ParticipantId} of {StudyId} resumed by panel session", known, study.Id);
                return Flow(studyId, langQuery);
            }
        }
        var pilotKey = await PilotKeyAsync(study.Id, ct);
        if (!pilotKey && await ClosedAsync(study, state.Status, lang, ct) is { } closed) return closed;

        // The entered and declined counts are the live study's: pilot entries leave them alone.
        if (!pilotKey && state.Status != "pilot")
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await conn.ExecuteAsync(new CommandDefinition(ParticipantStore.Bookkeeping + "update study_state set entered = entered + 1 where study_id = @Id",
                new { study.Id }, cancellationToken: ct));
        }

        var hidden = new List<KeyValuePair<string, string>>
        {
            new("lang", lang),
            new("enrolment", NewToken()),
        };
        if (panel is not null)
        {
            hidden.Add(new("panel_participant", panel.ParticipantId));
            if (panel.StudyId is not null) hidden.Add(new("panel_study", panel.StudyId));
            if (panel.SessionId is not null) hidden.Add(new("panel_session", panel.SessionId));
        }
        if (int.TryParse(Request.Query["cell"], NumberStyles.None, CultureInfo.InvariantCulture, out var cell)) hidden.Add(new("cell", cell.ToString(CultureInfo.InvariantCulture)));

        return ConsentView(study, lang, hidden, screeningError: false);
    }

    ViewResult ConsentView(StudyDefinition study, string lang, IReadOnlyList<KeyValuePair<string, string>> hidden, bool screeningError) =>
        View("~/Participation/Views/Consent.cshtml", new ConsentPage(lang, Labels.Get(study, "consentTitle", lang))
        {
            Study = study,
            LanguageLinks = PageLanguage.Links(Request, study, lang),
            Text = study.Texts.Consent.In(lang),
            // The link the participant came by (public slug or id), never the id of a study behind a slug.
            FormAction = $"/s/{RouteData.Values["studyId"]}/consent",
            Hidden = hidden,
            ScreeningError = screeningError,
        });

    /// <summary>
    /// The study's screening question (<see cref="Screening"/>), asked with the consent of a new participant: no
    /// answer shows the consent page again with the question marked; an answer outside Allowed ends the visit with
    /// the screened-out text and code, counting it for the study only. The answer itself is never stored or logged.
    /// </summary>
    async Task<IActionResult?> ScreenAsync(StudyDefinition study, string lang, IFormCollection form, CancellationToken ct)
    {
        if (study.Screening is not { } screening) return null;
        var answer = form["screening"].FirstOrDefault();
        if (answer is null || !screening.Options.Any(o => o.Code == answer))
        {
            // The consent form's own hidden fields, re-validated as on entry; the page is shown again, counted once.
            var hidden = new[] { "lang", "enrolment", "panel_participant", "panel_study", "panel_session", "cell" }
                .Where(k => form[k].FirstOrDefault() is { Length: > 0 })
                .Select(k => new KeyValuePair<string, string>(k, form[k].First()!)).ToList();
            return ConsentView(study, lang, hidden, screeningError: true);
        }
        if (screening.Allowed.Contains(answer)) return null;

        await using (var conn = await db.OpenConnectionAsync(ct))
            await conn.ExecuteAsync(new CommandDefinition(ParticipantStore.Bookkeeping + "update study_state set screened_out = screened_out + 1 where study_id = @Id",
                new { study.Id }, cancellationToken: ct));
        log.LogInformation("Entry to {StudyId} screened out", study.Id);
        return ScreenedOutView(study, lang, screening);
    }

    [HttpPost("consent")]
    [EnableRateLimiting(ParticipationSetup.EnrolmentPolicy)]
    public async Task<IActionResult> Consent(string studyId, CancellationToken ct)
    {
        if (await studies.GetCurrentAsync(studyId, ct) is not var (study, state)) return UnknownStudy();
        var form = Request.Form;
        if (await PreviewConsentAsync(studyId, study, form, ct) is { } preview) return preview;
        var lang = study.Language(form["lang"].FirstOrDefault());
        var langQuery = "?lang=" + lang;
        if (await CurrentParticipantAsync(studyId, study.Id, ct) is not null) return Flow(studyId, langQuery);

        var action = form["action"].FirstOrDefault();
        var pilotKey = await PilotKeyAsync(study.Id, ct);
        if (action == "decline")
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            if (!pilotKey && state.Status != "pilot")
                await conn.ExecuteAsync(new CommandDefinition(ParticipantStore.Bookkeeping + "update study_state set declined = declined + 1 where study_id = @Id",
                    new { study.Id }, cancellationToken: ct));
            log.LogInformation("Consent declined for {StudyId}", study.Id);
            return DeclinedView(study, lang);
        }
        if (action != "agree") return SeeOther($"/s/{studyId}{langQuery}");

        if (!TryPanel(study, form["panel_participant"], form["panel_study"], form["panel_session"], out var panel))
            return BadPanelId(study, lang);
        var token = form["enrolment"].FirstOrDefault() is { } t && TokenPattern().IsMatch(t) ? t : NewToken();
        // A panel id that is already enrolled resumes that participant, even when the study has closed since, but
        // only when this form repeats its session id (or is the very form that enrolled it): see MatchPanelAsync.
        // The match is needed before the enrolment only where it changes what comes before it: a closed, paused or
        // full study (a returning participant still gets in) and a screening question (a returning participant is
        // not asked again). Otherwise the enrolment itself finds a returning panel id (it resumes that participant and
        // records nothing) and the same match after it decides whether this entry may have that session, so a new
        // participant's consent makes one round trip fewer (bench/http-profile.md section 12: the POST tail).
        var closed = pilotKey ? null : await ClosedAsync(study, state.Status, lang, ct);
        var match = panel is not null && (closed is not null || study.Screening is not null)
            ? await Assigner.MatchPanelAsync(group, study.Id, panel, token) : null;
        if (match?.Kind == PanelMatchKind.NotResumable) return ResumeElsewhere(study, lang);
        var known = match?.ParticipantId;
        if (known is null && closed is not null) return closed;
        if (known is null && await ScreenAsync(study, lang, form, ct) is { } screened) return screened;

        int? forced = int.TryParse(form["cell"], NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        if (known is not null)
            log.LogInformation("Participant {ParticipantId} of {StudyId} resumed by panel session", known, study.Id);
        else
        {
            var enrolment = await EnrolOnceAsync(study, token, new EnrolmentRequest(lang, panel, forced, Pilot: pilotKey || state.Status == "pilot", ShowsFirstPage: true), ct);
            // The same panel id may have been enrolled by another request since the check above; the enrolment
            // then hands back that participant, who is this entry's only if the check now passes.
            if (enrolment.Resumed && panel is not null
                && (await Assigner.MatchPanelAsync(group, study.Id, panel, token)).Kind != PanelMatchKind.Resumable)
                return ResumeElsewhere(study, lang);
            known = enrolment.ParticipantId;
            if (!enrolment.Resumed)
            {
                // The enrolment recorded the first page as shown (ShowsFirstPage), so it renders from the ticket alone.
                cookie.Write(HttpContext, studyId, new ParticipantTicket(known, enrolment.StudyVersion, enrolment.CellIndex, enrolment.OrderIndex, 0, lang, Shown: true));
                return Flow(studyId, "");
            }
        }
        cookie.Write(HttpContext, studyId, known);
        return Flow(studyId, "");
    }

    /// <summary>
    /// One enrolment per consent form: a second POST of the same form (double click, replay) waits for the first
    /// and then gets the participant the first one created, so it can set the cookie for the same person. The
    /// token goes into the enrolment statement itself, so nothing is held between round trips.
    /// </summary>
    async Task<Enrolment> EnrolOnceAsync(StudyDefinition study, string token, EnrolmentRequest request, CancellationToken ct)
    {
        var enrolment = await Assigner.EnrolAsync(db, study, request with { Token = token }, ct, clock);
        log.LogInformation("Participant {ParticipantId} enrolled in {StudyId} v{Version} cell {Cell} order {Order} (resumed: {Resumed})",
            enrolment.ParticipantId, study.Id, enrolment.StudyVersion, enrolment.CellIndex, enrolment.OrderIndex, enrolment.Resumed);
        return enrolment;
    }

    /// <summary>The participant of this link's cookie (named by the link, so the path matches what the browser shows).</summary>
    async Task<ParticipantProgress?> CurrentParticipantAsync(string link, string studyId, CancellationToken ct) =>
        cookie.Read(Request, link) is { } id ? await ParticipantStore.FindAsync(db, studyId, id, ct) : null;

    /// <summary>
    /// Whether the request carries a live pilot key of this study (the `simulate` bots' header): such an entry is a
    /// pilot participant's, let in whatever the study's status, and counts toward nothing live.
    /// </summary>
    async Task<bool> PilotKeyAsync(string studyId, CancellationToken ct) =>
        Request.Headers[Pilot.KeyHeader].FirstOrDefault() is { Length: > 0 } key && await Pilot.IsKeyAsync(db, studyId, key, clock, ct);

    /// <summary>A study in pilot lets participants in as an open one does; they become pilot participants.</summary>
    async Task<IActionResult?> ClosedAsync(StudyDefinition study, string status, string lang, CancellationToken ct)
    {
        if (status == "paused") return Message(study, lang, "errorTitle", Labels.Get(study, "studyPaused", lang));
        if (status is not ("open" or "pilot")) return Message(study, lang, "errorTitle", Labels.Get(study, "studyClosed", lang));
        if (status == "open" && await Assigner.IsFullAsync(db, study, ct, clock)) return Message(study, lang, "errorTitle", Labels.Get(study, "studyFull", lang));
        return null;
    }

    /// <summary>Panel ids are short tokens (Prolific: 24 hex digits); anything else is refused, not stored.</summary>
    static bool TryPanel(StudyDefinition study, string? pid, string? panelStudy, string? session, out PanelIdentity? panel)
    {
        panel = null;
        if (study.Panel is not { } p || string.IsNullOrEmpty(pid)) return true;
        if (!PanelValuePattern().IsMatch(pid)) return false;
        if (!string.IsNullOrEmpty(panelStudy) && !PanelValuePattern().IsMatch(panelStudy)) return false;
        if (!string.IsNullOrEmpty(session) && !PanelValuePattern().IsMatch(session)) return false;
        panel = new PanelIdentity(p.Name, pid, string.IsNullOrEmpty(panelStudy) ? null : panelStudy, string.IsNullOrEmpty(session) ? null : session);
        return true;
    }

    // \z, not $: "$" matches before a final newline, and "PID\n" would enrol the same person a second time.
    [GeneratedRegex(@"^[A-Za-z0-9_.:@-]{1,128}\z")]
    private static partial Regex PanelValuePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{22}\z")]
    private static partial Regex TokenPattern();

    static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    IActionResult Flow(string studyId, string query) => SeeOther($"/s/{studyId}/p{query}");

    IActionResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    IActionResult Message(StudyDefinition study, string lang, string titleKey, string text, int status = 200)
    {
        Response.StatusCode = status;
        return View("~/Participation/Views/Message.cshtml", new MessagePage(lang, Labels.Get(study, titleKey, lang), text)
        {
            Study = study,
            LanguageLinks = PageLanguage.Links(Request, study, lang),
            Neutral = true,
        });
    }

    /// <summary>
    /// An enrolled panel id without its session id (another device, a shared or guessed id): nothing of the session
    /// is shown or changed, and the page says how the person can continue.
    /// </summary>
    IActionResult ResumeElsewhere(StudyDefinition study, string lang)
    {
        log.LogInformation("Entry to {StudyId} with an enrolled panel id but not its session refused", study.Id);
        return Message(study, lang, "resumeTitle", Labels.Get(study, "resumeElsewhere", lang), StatusCodes.Status403Forbidden);
    }

    IActionResult BadPanelId(StudyDefinition study, string lang) =>
        Message(study, lang, "errorTitle", Labels.Get(study, "errorBadRequest", lang), StatusCodes.Status400BadRequest);

    IActionResult UnknownStudy()
    {
        var lang = PageLanguage.FromBrowser(Request, ["nl", "en"], "en");
        Response.StatusCode = StatusCodes.Status404NotFound;
        return View("~/Participation/Views/Message.cshtml",
            new MessagePage(lang, Labels.Defaults["errorTitle"].In(lang), Labels.Defaults["errorNotFound"].In(lang)));
    }
}
