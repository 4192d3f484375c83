using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Mvc;

namespace Survey.Web.Participation;

/// <summary>
/// A researcher's preview (<see cref="PreviewCookie"/>) starts at the consent page, as a participant's visit does, so
/// an ethics board sees the page as participants will: with the preview note, in the preview's language, whatever
/// the study's status, and counting nothing (no entry, no decline, no screening, no enrolment). "I agree" goes on to
/// the preview's pages; "I do not agree" and a screening answer that screens out show what a participant would see.
/// </summary>
public sealed partial class EntryController
{
    /// <summary>Null when this request has no live preview of the study; then the visit is a participant's.</summary>
    async Task<IActionResult?> PreviewConsentAsync(string studyId, StudyDefinition study, IFormCollection? form, CancellationToken ct)
    {
        var previews = HttpContext.RequestServices.GetRequiredService<PreviewCookie>();
        if (await previews.LoadAsync(HttpContext, db, studyId, ct) is not { } preview) return null;
        var lang = study.Language(preview.State.Language);
        KeyValuePair<string, string>[] hidden = [new("lang", lang)];
        if (form is null) return ConsentView(study, lang, hidden, screeningError: false);
        switch (form["action"].FirstOrDefault())
        {
            case "decline":
                return DeclinedView(study, lang);
            case "agree" when study.Screening is { } screening:
                var answer = form["screening"].FirstOrDefault();
                if (answer is null || !screening.Options.Any(o => o.Code == answer)) return ConsentView(study, lang, hidden, screeningError: true);
                return screening.Allowed.Contains(answer) ? SeeOther($"/s/{studyId}/p") : ScreenedOutView(study, lang, screening);
            case "agree":
                return SeeOther($"/s/{studyId}/p");
            default:
                return SeeOther($"/s/{studyId}");
        }
    }

    /// <summary>The page after "I do not agree", with the panel's code and link where the panel has one.</summary>
    ViewResult DeclinedView(StudyDefinition study, string lang) =>
        OutcomeView(study, lang, "declinedTitle", study.Texts.Declined?.In(lang) ?? Labels.Get(study, "declinedText", lang), OutcomeCodes.OnDecline(study.Panel));

    /// <summary>The page after a screening answer outside the allowed ones, with the panel's screen-out code where it has one.</summary>
    ViewResult ScreenedOutView(StudyDefinition study, string lang, Screening screening) =>
        OutcomeView(study, lang, "screenedOutTitle", screening.ScreenedOut.In(lang), OutcomeCodes.OnScreenOut(study.Panel));

    ViewResult OutcomeView(StudyDefinition study, string lang, string titleKey, string text, string? code) =>
        View("~/Participation/Views/Message.cshtml", new MessagePage(lang, Labels.Get(study, titleKey, lang), text)
        {
            Study = study,
            LanguageLinks = PageLanguage.Links(Request, study, lang),
            Code = code,
            CodeLabel = code is null ? null : Labels.Get(study, "completionCode", lang),
            ContinueUrl = code is null ? null : OutcomeCodes.Redirect(study.Panel, code),
        });
}
