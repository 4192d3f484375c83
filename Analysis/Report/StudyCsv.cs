using Experiment.Engine.Studies;

namespace Analysis.Report;

/// <summary>
/// Reads the export's study.csv (<c>key,value</c> rows, export-format.md): the study's title, versions, content hash,
/// latest activity (data_as_of), software version and declared exclusion rules (<c>exclusion</c> rows, in the order they apply).
/// The file is optional: a folder prepared elsewhere without it is reported without exclusions, and says so.
/// </summary>
internal static class StudyCsv
{
    public const string FileName = "study.csv";

    public static StudyInfo Read(string directory)
    {
        if (!File.Exists(Path.Combine(directory, FileName))) return StudyInfo.None;
        using var csv = CsvInput.Open(directory, FileName);
        int key = csv.Require("key"), value = csv.Require("value");
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var rules = new List<ExclusionRule>();
        while (csv.Read())
        {
            var k = csv.Text(key);
            var v = csv.Text(value);
            if (k == "exclusion")
            {
                var rule = ExclusionRule.Parse(v) ?? throw csv.Bad(value, $"an exclusion rule ({string.Join(", ", ExclusionRule.Names)}; speeder:minSeconds=N or speeder:fractionOfMedian=F)");
                if (rules.Any(r => r.Rule == rule.Rule)) throw csv.Bad(value, $"each exclusion rule once ('{rule.Rule}' repeats)");
                rules.Add(rule);
            }
            else values.TryAdd(k, v);
        }
        string? Get(string k) => values.TryGetValue(k, out var v) && v.Length > 0 ? v : null;
        return new StudyInfo(Get("title_en") ?? Get("title_nl"), Get("study_versions"), Get("content_hash"), Get("data_as_of"),
            Get("software_version"), rules)
        {
            DeclinedConsent = int.TryParse(Get("declined_consent"), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out var declined) ? declined : null,
            Titles = new Dictionary<string, string> { ["en"] = Get("title_en") ?? "", ["nl"] = Get("title_nl") ?? "" },
        };
    }
}
