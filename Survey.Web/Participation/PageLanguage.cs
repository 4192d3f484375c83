using Experiment.Engine.Studies;
using Microsoft.Net.Http.Headers;

namespace Survey.Web.Participation;

/// <summary>Which language a page is in, and the links that switch it.</summary>
public static class PageLanguage
{
    /// <summary>The first language of Accept-Language (by quality) that is offered, else the fallback.</summary>
    public static string FromBrowser(HttpRequest request, IReadOnlyList<string> offered, string fallback)
    {
        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var list))
            foreach (var v in list.OrderByDescending(v => v.Quality ?? 1))
            {
                var tag = v.Value.Value ?? "";
                var primary = tag.Split('-')[0].ToLowerInvariant();
                if (offered.Contains(primary)) return primary;
            }
        return fallback;
    }

    /// <summary>?lang= when the study offers it, else the browser's preference, else the study's default.</summary>
    public static string ForEntry(HttpRequest request, StudyDefinition study)
    {
        var wanted = request.Query["lang"].ToString();
        if (study.Languages.Contains(wanted)) return wanted;
        return FromBrowser(request, study.Languages, study.Language(null));
    }

    static readonly Dictionary<string, string> Names = new() { ["nl"] = "Nederlands", ["en"] = "English", ["de"] = "Deutsch", ["fr"] = "Français" };

    /// <summary>Links to the same page in each language; other query parameters (panel ids) are kept.</summary>
    public static IReadOnlyList<LanguageLink> Links(HttpRequest request, StudyDefinition study, string current)
    {
        if (study.Languages.Count < 2) return [];
        return study.Languages.Select(l =>
        {
            var query = request.Query.Where(q => q.Key != "lang")
                .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString())).ToList();
            query.Add(new("lang", l));
            var href = request.PathBase + request.Path + QueryString.Create(query);
            return new LanguageLink(l, Names.GetValueOrDefault(l, l), href, l == current);
        }).ToList();
    }
}

public sealed record LanguageLink(string Lang, string Name, string Href, bool Current);
