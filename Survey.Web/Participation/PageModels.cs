using Experiment.Engine.Studies;

namespace Survey.Web.Participation;

/// <summary>What every participant page shows around its content: language, title, switch, errors.</summary>
public class PageBase
{
    public PageBase(string lang, string title) { Lang = lang; Title = title; }
    public string Lang { get; }
    /// <summary>The one h1 of the page, also the document title.</summary>
    public string Title { get; }
    public StudyDefinition? Study { get; init; }
    public IReadOnlyList<LanguageLink> LanguageLinks { get; init; } = [];
    public IReadOnlyList<FieldError> Errors { get; init; } = [];
    public string L(string key) => Study is null ? Labels.Defaults.TryGetValue(key, out var d) ? d.In(Lang) : key : Labels.Get(Study, key, Lang);
    public string? ErrorFor(string key) => Errors.FirstOrDefault(e => e.Key == key)?.Message;
    /// <summary>Paragraphs of a study text: blank lines separate them.</summary>
    public static IEnumerable<string> Paragraphs(string text) =>
        text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>A message and nothing to do: closed, full, declined, errors.</summary>
public sealed class MessagePage(string lang, string title, string text) : PageBase(lang, title)
{
    public string Text { get; } = text;
    public string? Code { get; init; }
    public string? CodeLabel { get; init; }
    public string? ContinueUrl { get; init; }
}

/// <summary>A message next to a field; Key is the item key or checkout field key (err-{key}, field-{key}).</summary>
public sealed record FieldError(string Key, string Message);
