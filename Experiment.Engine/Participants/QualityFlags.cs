using System.Globalization;
using Dapper;
using Experiment.Engine.Studies;
using Npgsql;

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

    /// <summary>Any flag raised: what the console counts as "flagged" (a participants.csv row with a flag column 1 or repeat_entries above 0).</summary>
    public static bool AnyFlag(bool? attentionFailed, bool? speeder, bool? straightLined, int repeatEntries) =>
        attentionFailed == true || speeder == true || straightLined == true || repeatEntries > 0;

    /// <summary>
    /// For the console: how many of a study's live participants (every version, pilots left out, as the export has
    /// them by default) carry any flag,
    /// and the median completed duration in seconds (the speeder yardstick, null when nobody completed). Reads the
    /// fields the flags need and applies the rules above, so the count is the export's.
    /// </summary>
    public static async Task<(long Flagged, double? MedianSeconds)> SummaryAsync(NpgsqlConnection conn, string studyId,
        IReadOnlyDictionary<int, StudyDefinition> versions, CancellationToken ct = default)
    {
        var median = await conn.ExecuteScalarAsync<double?>(new CommandDefinition(MedianCompletedSecondsSql, new { studyId }, cancellationToken: ct));
        var likert = versions.Values.SelectMany(v => v.Pages).SelectMany(p => p.Items)
            .Where(i => i.Type == ItemTypes.Likert).Select(i => i.Key).Distinct().ToArray();
        var answers = (await conn.QueryAsync<(string ParticipantId, string Item, string Value)>(new CommandDefinition(
                """
                select r.participant_id, r.item, r.value from response r join participant p on p.id = r.participant_id
                where p.study_id = @studyId and not p.pilot and r.item = any(@likert)
                """, new { studyId, likert }, cancellationToken: ct)))
            .GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => g.ToDictionary(a => a.Item, a => a.Value));
        var rows = await conn.QueryAsync<(string Id, int Version, DateTime StartedAt, DateTime? CompletedAt, bool? AttentionPassed, int RepeatEntries)>(
            new CommandDefinition(
                "select id, study_version, started_at, completed_at, attention_passed, repeat_entries from participant where study_id = @studyId and not pilot",
                new { studyId }, cancellationToken: ct));
        long flagged = 0;
        foreach (var p in rows)
        {
            var study = versions.GetValueOrDefault(p.Version);
            var own = answers.GetValueOrDefault(p.Id);
            var straight = study is null ? null : StraightLined(study, key => own?.GetValueOrDefault(key));
            if (AnyFlag(AttentionFailed(p.AttentionPassed), Speeder(p.StartedAt, p.CompletedAt, median, study), straight, p.RepeatEntries))
                flagged++;
        }
        return (flagged, median);
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
