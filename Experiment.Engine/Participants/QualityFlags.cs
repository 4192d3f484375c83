using System.Globalization;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Participants;

/// <summary>
/// Data-quality flags of a participant, computed at export time from what is recorded (like
/// <see cref="Abandonment"/>, reading never writes). They flag; they exclude nobody: which flags exclude is the
/// study's declared exclusion rules and the analyst's decision.
/// </summary>
/// <remarks>
/// The one home of the rules: the export writes them (ExportFiles) and the codebook describes them with
/// <see cref="Describe"/>.
/// </remarks>
public static class QualityFlags
{
    /// <summary>A completed session shorter than this fraction of the study's median completed duration is a speeder's.</summary>
    public const double SpeederFraction = 1.0 / 3;

    /// <summary>
    /// The median duration in seconds of the study's completed sessions (every version, pilot participants left
    /// out: bots and rehearsals are no yardstick of real participants), the yardstick of <see cref="Speeder"/>;
    /// null when nobody completed. For a query with @studyId.
    /// </summary>
    public const string MedianCompletedSecondsSql = """
        select percentile_cont(0.5) within group (order by extract(epoch from completed_at - started_at))::float8
        from participant where study_id = @studyId and status = 'completed' and completed_at is not null and not pilot
        """;

    /// <summary>Failed the attention check; null when the check was not reached.</summary>
    public static bool? AttentionFailed(bool? attentionPassed) => attentionPassed is { } passed ? !passed : null;

    /// <summary>
    /// Completed faster than the speeder rule the study declares among its exclusions (the one declaration, so the
    /// flag and the report's exclusion agree), else in less than <see cref="SpeederFraction"/> of the median;
    /// null when not completed or the rule needs a median there is none of.
    /// </summary>
    public static bool? Speeder(DateTime startedAt, DateTime? completedAt, double? medianSeconds, StudyDefinition? study)
    {
        if (completedAt is not { } done) return null;
        var seconds = (done - startedAt).TotalSeconds;
        var rule = SpeederRule(study);
        if (rule?.MinSeconds is { } min) return seconds < min;
        return medianSeconds is { } median ? seconds < (rule?.FractionOfMedian ?? SpeederFraction) * median : null;
    }

    /// <summary>The study's declared speeder exclusion, if any.</summary>
    public static ExclusionRule? SpeederRule(StudyDefinition? study) =>
        study?.Exclusions?.FirstOrDefault(r => r.Rule == ExclusionRule.Speeder);

    /// <summary>
    /// The same answer on every Likert item of a page that has at least two Likert items, one of them reverse
    /// coded (where agreeing with everything contradicts itself). True when some such page was answered that way,
    /// false when every such page the participant answered in full was not, null when they answered none in full
    /// (or the study has no such page).
    /// </summary>
    public static bool? StraightLined(StudyDefinition study, Func<string, string?> answer)
    {
        bool? result = null;
        foreach (var page in study.Pages)
        {
            var likert = page.Items.Where(i => i.Type == ItemTypes.Likert).ToList();
            if (likert.Count < 2 || !likert.Any(i => i.Reverse)) continue;
            var values = likert.Select(i => answer(i.Key)).ToList();
            if (values.Any(v => v is null)) continue;
            if (values.Distinct(StringComparer.Ordinal).Count() == 1) return true;
            result = false;
        }
        return result;
    }

    /// <summary>The rules in words, for the codebook: column to (English, Dutch).</summary>
    public static (string En, string Nl) Describe(string column, StudyDefinition? study = null)
    {
        if (column == "flag_speeder" && SpeederRule(study) is { } declared)
            return ($"Completed faster than the study's declared speeder rule ({declared.Describe()}); empty when not completed",
                $"Sneller voltooid dan de speederregel van het onderzoek ({declared.Describe()}); leeg als niet voltooid");
        var third = SpeederFraction.ToString("0.###", CultureInfo.InvariantCulture);
        return column switch
        {
            "flag_attention_failed" => ("Failed the attention check; empty when not reached", "Aandachtsvraag fout beantwoord; leeg als niet bereikt"),
            "flag_speeder" => ($"Completed in less than {third} of the study's median completed duration (all versions, pilot participants left out); empty when not completed",
                $"Voltooid in minder dan {third} van de mediane duur van de voltooide sessies (alle versies, zonder pilotdeelnemers); leeg als niet voltooid"),
            "flag_straightlining" => ("Same answer on every Likert item of a page with a reverse-coded item (some such page); empty when no such page was answered in full",
                "Hetzelfde antwoord op elke Likertvraag van een pagina met een omgekeerd gescoorde vraag; leeg als zo'n pagina niet volledig is beantwoord"),
            "repeat_entries" => ("Later entries with the same panel id without this participant's cookie (other browser or device, resumed or refused); a double click is not counted",
                "Latere binnenkomsten met hetzelfde panel-id zonder de cookie van deze deelnemer (andere browser of ander apparaat, hervat of geweigerd); een dubbelklik telt niet"),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column, "not a quality flag"),
        };
    }

    /// <summary>The flag columns of participants.csv, in order.</summary>
    public static readonly string[] Columns = ["flag_attention_failed", "flag_speeder", "flag_straightlining", "repeat_entries"];
}
