using System.Globalization;
using CsvHelper;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Export;

/// <summary>
/// study.csv: <c>key,value</c> rows saying what the export is: the study's title, its versions and their content
/// hashes, the time of the latest recorded activity and the exporting software, the declined-consent count, and the exclusion rules
/// of the current version in the order they apply (one <c>exclusion</c> row each), so that a report from the CSV
/// folder applies the same rules as one from the database; then the ethics approval and the approval references
/// that silenced a policy warning (one <c>approval</c> row each, <c>rule=reference</c>; StudyPolicy), so that the
/// data carry the permissions they were collected under.
/// </summary>
static class StudyInfoFile
{
    public const string Name = "study.csv";

    public static readonly string[] Keys =
        ["study_id", "title_en", "title_nl", "study_versions", "current_version", "content_hash", "data_as_of", "software_version", "declined_consent", "exclusion", "ethics_approval", "approval"];

    public static readonly string Software = "Privacy Paradox Lab " +
        (typeof(StudyInfoFile).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0] ?? "unknown");

    public static async Task WriteAsync(ExportLayout layout, CsvWriter csv)
    {
        var study = layout.Current.Study;
        var versions = layout.Versions.Keys.Order().ToArray();
        // One version: its hash; several: version:hash pairs, so every participant's content is identifiable.
        var hashes = versions.Length == 1
            ? StudyFile.ContentHash(layout.Versions[versions[0]].Study)
            : string.Join(';', versions.Select(v => $"{v}:{StudyFile.ContentHash(layout.Versions[v].Study)}"));
        await Csv.RowAsync(csv, ["key", "value"]);
        foreach (var (key, value) in new[]
                 {
                     ("study_id", layout.StudyId),
                     ("title_en", study.Title.GetValueOrDefault("en") ?? ""),
                     ("title_nl", study.Title.GetValueOrDefault("nl") ?? ""),
                     ("study_versions", string.Join(';', versions.Select(v => v.ToString(CultureInfo.InvariantCulture)))),
                     ("current_version", study.Version.ToString(CultureInfo.InvariantCulture)),
                     ("content_hash", hashes),
                     ("data_as_of", layout.DataAsOf?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? ""),
                     ("software_version", Software),
                     ("declined_consent", layout.DeclinedConsent?.ToString(CultureInfo.InvariantCulture) ?? ""),
                 })
            await Csv.RowAsync(csv, [key, value]);
        foreach (var rule in study.Exclusions ?? [])
            await Csv.RowAsync(csv, ["exclusion", rule.Text]);
        await Csv.RowAsync(csv, ["ethics_approval", study.Ethics?.Approval ?? ""]);
        foreach (var (rule, reference) in (study.Approvals ?? new Dictionary<string, string>()).OrderBy(a => a.Key, StringComparer.Ordinal))
            await Csv.RowAsync(csv, ["approval", $"{rule}={reference}"]);
    }
}
