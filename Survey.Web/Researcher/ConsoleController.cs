using Experiment.Engine.Export;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Survey.Web.Researcher;

public sealed record StudyListPage(IReadOnlyList<StudyTotals> Studies);
public sealed record ErasePage(string StudyId, string? Kind, string? Message, bool Done);
/// <summary>The page that asks before a study's status changes; To is open, pilot, paused or closed.</summary>
public sealed record StatusPage(Dashboard Study, string To, IReadOnlyList<PolicyFinding> Findings)
{
    /// <summary>A refused finding (StudyPolicy) keeps a study from opening, in pilot too: participants would see it.</summary>
    public bool Refused => To is "open" or "pilot" && Findings.Any(f => f.Level == PolicyLevel.Refused);
    public string Verb => To switch { "open" => "Open", "pilot" => "Pilot", "paused" => "Pause", _ => "Close" };
}
public sealed record AuditPage(string? StudyId, IReadOnlyList<AuditLog.Entry> Entries);

/// <summary>The console pages: study list, live dashboard, study status, export download, erasure, audit log.</summary>
[Authorize(Policy = ResearcherConsole.Policy), AutoValidateAntiforgeryToken, Route("researcher")]
public sealed class ConsoleController(NpgsqlDataSource db, TimeProvider clock) : Controller
{
    const string Views = "~/Researcher/Views/";

    [HttpGet("")]
    public async Task<IActionResult> Studies(CancellationToken ct) =>
        View(Views + "Studies.cshtml", new StudyListPage(await DashboardData.ListAsync(db, clock, ct)));

    [HttpGet("studies/{studyId:studyid}")]
    public async Task<IActionResult> Dashboard(string studyId, CancellationToken ct) =>
        await DashboardData.LoadAsync(db, studyId, clock, ct, BaseUrl) is { } d ? View(Views + "Dashboard.cshtml", d) : NotFound();

    string BaseUrl => $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

    /// <summary>What the dashboard script polls.</summary>
    [HttpGet("studies/{studyId:studyid}/live.json")]
    public async Task<IActionResult> Live(string studyId, CancellationToken ct) =>
        await DashboardData.LoadAsync(db, studyId, clock, ct) is { } d ? Json(d) : NotFound();

    /// <summary>Asks first: names the study, its status and its counts; the form posts to SetStatus.</summary>
    [HttpGet("studies/{studyId:studyid}/status")]
    public async Task<IActionResult> ConfirmStatus(string studyId, [FromQuery] string? to, CancellationToken ct)
    {
        if (to is not ("open" or "pilot" or "paused" or "closed")) return BadRequest();
        return await DashboardData.LoadAsync(db, studyId, clock, ct) is { } d
            ? View(Views + "Status.cshtml", new StatusPage(d, to, await FindingsAsync(studyId, to, ct))) : NotFound();
    }

    /// <summary>Before a study lets participants in, the policy check of `study import` for its own panel (docs/ethics.md).</summary>
    async Task<IReadOnlyList<PolicyFinding>> FindingsAsync(string studyId, string to, CancellationToken ct) =>
        to is "open" or "pilot" && await StudyStore.GetCurrentAsync(db, studyId, ct) is { } current
            ? StudyPolicy.CheckForOwnPanel(current.Study) : [];

    [HttpPost("studies/{studyId:studyid}/status")]
    public async Task<IActionResult> SetStatus(string studyId, [FromForm] string? status, CancellationToken ct)
    {
        if (status is not ("open" or "pilot" or "paused" or "closed")) return BadRequest();
        var findings = await FindingsAsync(studyId, status, ct);
        if (findings.Any(f => f.Level == PolicyLevel.Refused))
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await DashboardData.LoadAsync(db, studyId, clock, ct) is { } d
                ? View(Views + "Status.cshtml", new StatusPage(d, status, findings)) : NotFound();
        }
        if (!await StudyStore.SetStatusAsync(db, studyId, status, ct)) return NotFound();
        await AuditLog.WriteAsync(db, ResearcherConsole.Actor(User), "status", studyId, $"set to {status}", ct);
        return RedirectToAction(nameof(Dashboard), new { studyId });
    }

    /// <summary>The zip is written straight into the response while the database is read: nothing is buffered.</summary>
    [HttpGet("studies/{studyId:studyid}/export.zip")]
    public async Task<IActionResult> Export(string studyId, [FromQuery(Name = "excel_safe")] string? excelSafe, [FromQuery] string? lang,
        CancellationToken ct, [FromQuery(Name = "include_pilot")] string? includePilot = null)
    {
        var safe = excelSafe == "1";
        var pilot = includePilot == "1";
        HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{FileSafe(studyId)}-export.zip\"";
        long participants = 0;
        try
        {
            await Exporter.WriteZipAsync(db, studyId, Response.Body, clock,
                new OnProgress(p => { if (p is { File: "participants.csv", FileDone: true }) participants = p.Rows; }), ct, safe,
                string.IsNullOrWhiteSpace(lang) ? null : lang.Trim(), pilot);
        }
        catch (UnknownStudyException) when (!Response.HasStarted)
        {
            Response.Headers.ContentDisposition = default;
            return NotFound();
        }
        catch (UnknownExportLanguageException e) when (!Response.HasStarted)
        {
            Response.Headers.ContentDisposition = default;
            // The zip's content type is already set; a plain-text answer replaces it.
            return new ContentResult { StatusCode = StatusCodes.Status400BadRequest, Content = e.Message, ContentType = "text/plain; charset=utf-8" };
        }
        await AuditLog.WriteAsync(db, ResearcherConsole.Actor(User), "export", studyId, $"{participants} participants as zip download{(safe ? " (excel-safe)" : "")}{(pilot ? " (pilot included)" : "")}", CancellationToken.None);
        return new EmptyResult();
    }

    [HttpGet("studies/{studyId:studyid}/erase")]
    public async Task<IActionResult> EraseForm(string studyId, CancellationToken ct) =>
        await StudyStore.GetCurrentAsync(db, studyId, ct) is null ? NotFound() : View(Views + "Erase.cshtml", new ErasePage(studyId, null, null, false));

    [HttpPost("studies/{studyId:studyid}/erase")]
    public async Task<IActionResult> Erase(string studyId, [FromForm] string? kind, [FromForm] string? identifier, CancellationToken ct)
    {
        if (await StudyStore.GetCurrentAsync(db, studyId, ct) is null) return NotFound();
        identifier = identifier?.Trim();
        if (kind is not ("panel" or "participant") || string.IsNullOrEmpty(identifier) || identifier.Length > 200 || identifier.Any(char.IsControl))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(Views + "Erase.cshtml", new ErasePage(studyId, kind, "Choose the kind of identifier and enter it.", false));
        }
        var erased = kind == "panel"
            ? await Erasure.EraseByPanelIdAsync(db, studyId, identifier, ct)
            : await Erasure.EraseParticipantAsync(db, studyId, identifier, ct);
        var what = kind == "panel" ? "panel id" : "participant id";
        await AuditLog.WriteAsync(db, ResearcherConsole.Actor(User), "erase", studyId, $"by {what}: {(erased ? 1 : 0)} participant erased", ct);
        return View(Views + "Erase.cshtml", new ErasePage(studyId, kind,
            erased ? $"Erased the participant with that {what} and everything they left." : $"No participant of this study has that {what}; nothing was erased.",
            erased));
    }

    [HttpGet("audit")]
    public async Task<IActionResult> Audit(string? study, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(study) && !StudyId.IsValid(study)) return BadRequest(); // e.g. a NUL, which PostgreSQL refuses in text
        return View(Views + "Audit.cshtml", new AuditPage(study, await AuditLog.ListAsync(db, string.IsNullOrEmpty(study) ? null : study, 500, ct)));
    }

    [HttpGet("assets/dashboard.js")]
    public IActionResult DashboardScript() => Content(ConsoleAssets.DashboardJs, "text/javascript; charset=utf-8");

    [AllowAnonymous, HttpGet("assets/console.css")]
    public IActionResult Stylesheet() => Content(ConsoleAssets.ConsoleCss, "text/css; charset=utf-8");

    static string FileSafe(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    sealed class OnProgress(Action<ExportProgress> report) : IProgress<ExportProgress>
    {
        public void Report(ExportProgress value) => report(value);
    }
}
