namespace Experiment.Engine.Studies;

/// <summary>Which panel a study is checked for: Prolific's rules apply only to Prolific.</summary>
public enum Panel { None, Prolific }

/// <summary>A warning can be silenced by an approval reference (StudyDefinition.Approvals); a refusal cannot.</summary>
public enum PolicyLevel { Warning, Refused }

/// <summary>One policy finding: where in the file (a JSON path), how serious, which rule and why.</summary>
public sealed record PolicyFinding(string Path, PolicyLevel Level, string Rule, string Message)
{
    public override string ToString() =>
        $"{Path}: {(Level == PolicyLevel.Refused ? "refused" : "warning")} [{Rule}]: {Message} ({StudyPolicy.Sources[Rule]})";
}

/// <summary>
/// The rules a study must follow before launch that are law or panel policy rather than well-formedness
/// (StudyRules): the `study check` verb and `study import` both run them, so they live here and nowhere else.
/// docs/ethics.md explains each rule and its source.
/// </summary>
public static class StudyPolicy
{
    public const string ProlificPersonalData = "prolific-personal-data", Bsn = "bsn", SpecialCategory = "special-category",
        CompletionUrl = "completion-url";

    /// <summary>Each rule's source, cited in every finding.</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        [ProlificPersonalData] = "Prolific: a deception study must not collect or simulate the collection of personally identifiable information; date of birth and phone number may not be asked for without approval",
        [Bsn] = "Autoriteit Persoonsgegevens: a BSN may only be used where a law allows it, \"ook niet met toestemming\"",
        [SpecialCategory] = "GDPR art. 9(2)(a): special-category data needs explicit consent",
        [CompletionUrl] = "the panel pays only through its own completion URL",
    };

    /// <summary>Field types whose value a participant types (a choice field is picked from a list); in choice mode nothing is typed.</summary>
    static readonly HashSet<string> Typed = FieldTypes.All.Where(t => t != FieldTypes.Choice).ToHashSet();

    const string ProlificCompletion = "https://app.prolific.com/submissions/complete";

    /// <summary>The check a study gets for its own panel (study.panel.name; any other panel counts as none): what
    /// `study import` runs and the console shows before a study is opened.</summary>
    public static IReadOnlyList<PolicyFinding> CheckForOwnPanel(StudyDefinition study) =>
        Check(study, ParsePanel(study.Panel?.Name) ?? Panel.None);

    public static Panel? ParsePanel(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "prolific" => Panel.Prolific,
        "none" => Panel.None,
        _ => null,
    };

    /// <summary>Every finding for the study on the panel, in file order; warnings with an approval reference are left out.</summary>
    public static IReadOnlyList<PolicyFinding> Check(StudyDefinition study, Panel panel)
    {
        ArgumentNullException.ThrowIfNull(study);
        var all = new List<PolicyFinding>();
        var fields = study.Shop?.Fields ?? [];
        for (var i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var path = $"shop.fields[{i}]";
            // In choice mode nothing is typed or sent but the tick "share it": no BSN, no personal data, no health data.
            var mode = study.Shop!.ModeOf(f);
            if (mode == DisclosureModes.Choice) continue;
            if (f.Type == FieldTypes.Bsn)
                all.Add(mode == DisclosureModes.Server
                    ? new(path, PolicyLevel.Refused, Bsn,
                        $"'{f.Key}' asks a participant to type a BSN, which the server would receive; a study may not process a BSN " +
                        "(use \"disclosureMode\": \"choice\" for this field, or drop it)")
                    : new(path, PolicyLevel.Warning, Bsn,
                        $"'{f.Key}' has a participant type a BSN; in browser mode it never leaves the device, but the study's page still " +
                        "asks for it and checks it (\"disclosureMode\": \"choice\" asks for nothing)"));
            if (panel == Panel.Prolific && Typed.Contains(f.Type))
                all.Add(new(path, PolicyLevel.Warning, ProlificPersonalData,
                    $"'{f.Key}' ({f.Type}, {(f.IsOptional ? mode + " mode" : "required, so typed")}) looks like collecting personal data; on Prolific " +
                    (f.IsOptional ? "make it \"disclosureMode\": \"choice\", or record " : "leave it out, or record ") +
                    $"an approval reference in \"approvals\": {{ \"{ProlificPersonalData}\": \"...\" }}"));
            if (f.SpecialCategory is { } category && study.Texts.ExplicitConsent is null)
                all.Add(new(path + ".specialCategory", PolicyLevel.Warning, SpecialCategory,
                    $"'{f.Key}' asks for {category} data, so the study needs texts.explicitConsent, an explicit consent text shown before it"));
        }
        // The two shops' checkout asks its fields as required: typed in server mode, ticked in choice mode.
        if (panel == Panel.Prolific && study.TwoShops is { Mode: DisclosureModes.Server } two)
            for (var i = 0; i < two.Fields.Count; i++)
                all.Add(new($"twoShops.fields[{i}]", PolicyLevel.Warning, ProlificPersonalData,
                    $"'{two.Fields[i].Key}' ({two.Fields[i].Type}, typed at the chosen shop's checkout) looks like collecting personal data; on Prolific " +
                    $"make twoShops \"disclosureMode\": \"choice\", or record an approval reference in \"approvals\": {{ \"{ProlificPersonalData}\": \"...\" }}"));
        CheckCompletion(study, panel, all);
        return all.Where(x => x.Level == PolicyLevel.Refused || !(study.Approvals?.TryGetValue(x.Rule, out var r) == true && !string.IsNullOrWhiteSpace(r)))
            .ToList();
    }

    static void CheckCompletion(StudyDefinition study, Panel panel, List<PolicyFinding> all)
    {
        var url = study.Panel?.CompletionUrl;
        var onProlific = url is not null && Uri.TryCreate(url.Replace("{code}", "X", StringComparison.Ordinal), UriKind.Absolute, out var u)
            && u.Host.Equals("app.prolific.com", StringComparison.OrdinalIgnoreCase);
        if (panel == Panel.Prolific)
        {
            if (study.Panel is null)
                all.Add(new("panel", PolicyLevel.Warning, CompletionUrl,
                    "checked for Prolific, but the study has no \"panel\": participants could not be paid (participantParam PROLIFIC_PID, completionUrl " + ProlificCompletion + "?cc={code})"));
            else if (url is null || !url.StartsWith(ProlificCompletion + "?cc=", StringComparison.Ordinal) || !url.Contains("{code}", StringComparison.Ordinal))
                all.Add(new("panel.completionUrl", PolicyLevel.Warning, CompletionUrl,
                    $"'{url}' is not Prolific's completion URL; use {ProlificCompletion}?cc={{code}}"));
        }
        else if (onProlific)
            all.Add(new("panel.completionUrl", PolicyLevel.Warning, CompletionUrl,
                $"'{url}' sends participants to Prolific, but the study is checked for no panel"));
    }
}
