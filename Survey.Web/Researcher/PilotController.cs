using System.Globalization;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Survey.Web.Participation;

namespace Survey.Web.Researcher;

/// <summary>The preview form: a choice of cell, block order and language.</summary>
public sealed record PreviewPage(string StudyId, int Version, string Status, IReadOnlyList<string> Cells, IReadOnlyList<string> Orders,
    IReadOnlyList<string> Languages, string DefaultLanguage, bool AllowForcedCell);

/// <summary>The page that asks before the pilot participants are removed.</summary>
public sealed record RemovePilotPage(string StudyId, long Pilots);

/// <summary>
/// Preview and pilot from the console. A preview walks the real participant pages (FlowController) with its state in
/// the preview cookie (PreviewCookie), whatever the study's status or allowForcedCell, and writes nothing; removing
/// the pilot participants deletes them all in one audited action (Pilot.RemoveAsync).
/// </summary>
[Authorize(Policy = ResearcherConsole.Policy), AutoValidateAntiforgeryToken, Route("researcher/studies/{studyId:studyid}")]
public sealed class PilotController(NpgsqlDataSource db, PreviewCookie previews) : Controller
{
    const string Views = "~/Researcher/Views/";

    [HttpGet("preview")]
    public async Task<IActionResult> PreviewForm(string studyId, CancellationToken ct)
    {
        if (await StudyStore.GetCurrentAsync(db, studyId, ct) is not var (study, state)) return NotFound();
        return View(Views + "Preview.cshtml", new PreviewPage(studyId, study.Version, state.Status,
            StudyDesign.Cells(study).Select(c => c.Arm == "" ? "(single cell)" : c.Arm).ToList(),
            StudyDesign.BlockOrders(study).Select(StudyDesign.BlockOrderName).ToList(), study.Languages, study.Language(null), study.AllowForcedCell));
    }

    /// <summary>Starts the preview of the current version and sends the researcher to its consent page.</summary>
    [HttpPost("preview")]
    public async Task<IActionResult> StartPreview(string studyId, [FromForm] string? cell, [FromForm] string? order, [FromForm] string? lang,
        CancellationToken ct)
    {
        if (await StudyStore.GetCurrentAsync(db, studyId, ct) is not var (study, _)) return NotFound();
        var cells = StudyDesign.Cells(study).Count;
        var orders = StudyDesign.BlockOrders(study).Count;
        if (!int.TryParse(cell, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c >= cells
            || !int.TryParse(order, NumberStyles.None, CultureInfo.InvariantCulture, out var o) || o >= orders
            || lang is null || !study.Languages.Contains(lang))
            return BadRequest();
        if (User.Identity?.Name is not { } researcher || User.FindFirst(ResearcherConsole.StampClaim)?.Value is not { } stamp) return Forbid();
        previews.Start(HttpContext, study, c, o, lang, researcher, stamp);
        // The consent page first, as a participant's visit begins (EntryController.Preview.cs); it counts nothing.
        return Redirect($"/s/{Uri.EscapeDataString(studyId)}");
    }

    [HttpGet("pilot/remove")]
    public async Task<IActionResult> ConfirmRemovePilot(string studyId, CancellationToken ct) =>
        await StudyStore.GetStateAsync(db, studyId, ct) is null ? NotFound()
            : View(Views + "RemovePilot.cshtml", new RemovePilotPage(studyId, await Pilot.CountAsync(db, studyId, ct)));

    [HttpPost("pilot/remove")]
    public async Task<IActionResult> RemovePilot(string studyId, CancellationToken ct)
    {
        if (await StudyStore.GetStateAsync(db, studyId, ct) is null) return NotFound();
        await Pilot.RemoveAsync(db, studyId, ResearcherConsole.Actor(User), ct);
        return RedirectToAction(nameof(ConsoleController.Dashboard), "Console", new { studyId });
    }
}
