namespace Experiment.Engine.Studies;

/// <summary>
/// The link a researcher pastes into the panel: the study's page with the panel's parameters filled by the
/// panel's own placeholders, so each participant arrives with their panel id, study id and session id
/// (docs/study-format.md, panel). The console's dashboard and `db links` both print it.
/// </summary>
public static class ParticipantLink
{
    /// <summary>The link by the study's public <paramref name="slug"/> (StudyStore.SlugAsync), so it does not name the study.</summary>
    public static string For(string baseUrl, StudyDefinition study, string? slug = null)
    {
        ArgumentNullException.ThrowIfNull(study);
        var link = $"{baseUrl.TrimEnd('/')}/s/{Uri.EscapeDataString(slug ?? study.Id)}";
        if (study.Panel is not { } panel) return link;
        var parameters = new[] { panel.ParticipantParam, panel.StudyParam, panel.SessionParam }
            .Where(p => !string.IsNullOrEmpty(p))
            .Select(p => $"{Uri.EscapeDataString(p!)}={Placeholder(panel.Name, p!)}");
        return link + "?" + string.Join("&", parameters);
    }

    /// <summary>Prolific fills {{%NAME%}} (its study's "URL parameters" option); other panels are named by the
    /// parameter in capitals between braces, which the researcher replaces with that panel's own syntax.</summary>
    static string Placeholder(string panel, string parameter) =>
        panel.Equals("prolific", StringComparison.OrdinalIgnoreCase) ? $"{{{{%{parameter}%}}}}" : $"{{{parameter.ToUpperInvariant()}}}";
}
