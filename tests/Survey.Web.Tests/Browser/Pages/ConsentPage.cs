using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>The consent page: agree or decline; nothing is recorded before agreeing.</summary>
public sealed class ConsentPage(IPage page) : ParticipantPage(page)
{
    /// <summary>Opens the study's entry link: GET /s/{studyId} with the panel parameters and ?lang=.</summary>
    public static async Task<ConsentPage> OpenAsync(IPage page, string baseUrl, string studyId, string? panelId,
        string? language = null, int? forcedCell = null, string? panelStudy = "panel-study-1", string? session = null)
    {
        var query = new List<string>();
        if (panelId is not null)
        {
            query.Add("PROLIFIC_PID=" + Uri.EscapeDataString(panelId));
            if (panelStudy is not null) query.Add("STUDY_ID=" + Uri.EscapeDataString(panelStudy));
            query.Add("SESSION_ID=" + Uri.EscapeDataString(session ?? "session-" + panelId));
        }
        if (language is not null) query.Add("lang=" + language);
        if (forcedCell is not null) query.Add("cell=" + forcedCell);
        var url = $"{baseUrl.TrimEnd('/')}/s/{Uri.EscapeDataString(studyId)}" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
        await page.GotoAsync(url);
        return new ConsentPage(page);
    }

    public Task AgreeAsync() => SubmitAsync("agree");
    public Task DeclineAsync() => SubmitAsync("decline");
}
