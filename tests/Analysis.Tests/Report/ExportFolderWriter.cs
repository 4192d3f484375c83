using System.Globalization;
using System.Text;

namespace Analysis.Tests.Report;

/// <summary>One participant of a synthetic export (columns of participants.csv the report reads, plus a few it ignores).</summary>
public sealed record SynParticipant(
    string Id, string Arm, string Discount, string Status, string CheckoutOutcome,
    int?[] Concern, int?[] Westin);

/// <summary>One row of disclosures.csv; null flags are written as empty fields.</summary>
public sealed record SynDisclosure(
    string ParticipantId, string Field, string Necessity, int? Sensitivity, double? OfferPct,
    int? StatedWilling, int? Disclosed, int? Plausible);

/// <summary>
/// Writes participants.csv, disclosures.csv and codebook.csv in the export format (export-format.md, version 1):
/// UTF-8 without BOM, comma separated, '\n' line ends, empty fields for what does not exist. Four concern items
/// on a 1-7 scale (the last reverse-coded) and the three Westin items.
/// </summary>
public static class ExportFolderWriter
{
    public static readonly string[] ConcernKeys = ["concern_control_1", "concern_awareness_1", "concern_collection_1", "concern_control_rev"];
    public static readonly bool[] ConcernReversed = [false, false, false, true];
    public static readonly string[] WestinKeys = ["seg_lost_control", "seg_companies_proper", "seg_law_protects"];

    public static void Write(string directory, IEnumerable<SynParticipant> participants, IEnumerable<SynDisclosure> disclosures)
    {
        Directory.CreateDirectory(directory);
        var utf8 = new UTF8Encoding(false);

        using (var w = new StreamWriter(Path.Combine(directory, "participants.csv"), false, utf8) { NewLine = "\n" })
        {
            w.WriteLine(string.Join(",", new[] { "participant_id", "study_id", "study_version", "arm", "arm_discount", "block_order", "language", "status" }
                .Concat(ConcernKeys).Concat(WestinKeys).Append("checkout_outcome")));
            foreach (var p in participants)
                w.WriteLine(string.Join(",", new[] { p.Id, "syn-study", "1", Quote(p.Arm), p.Discount, "questionnaire>shop", "en", p.Status }
                    .Concat(p.Concern.Select(Num)).Concat(p.Westin.Select(Num)).Append(p.CheckoutOutcome)));
        }

        using (var w = new StreamWriter(Path.Combine(directory, "disclosures.csv"), false, utf8) { NewLine = "\n" })
        {
            w.WriteLine("participant_id,field,necessity,sensitivity,offer_pct,stated_item,stated_willing,disclosed,plausible,time_on_field_ms");
            foreach (var d in disclosures)
                w.WriteLine(string.Join(",", d.ParticipantId, d.Field, d.Necessity, Num(d.Sensitivity),
                    d.OfferPct?.ToString(CultureInfo.InvariantCulture) ?? "", "stated_" + d.Field, Num(d.StatedWilling),
                    Num(d.Disclosed), Num(d.Plausible), "1200"));
        }

        using (var w = new StreamWriter(Path.Combine(directory, "codebook.csv"), false, utf8) { NewLine = "\n" })
        {
            w.WriteLine("file,column,type,construct,reverse_coded,scale_min,scale_max,label_en,label_nl,values");
            w.WriteLine("participants.csv,participant_id,text,,,,,Participant,Deelnemer,");
            w.WriteLine("participants.csv,arm,text,,,,,Arm,Conditie,");
            for (var i = 0; i < ConcernKeys.Length; i++)
                w.WriteLine($"participants.csv,{ConcernKeys[i]},likert,{ConcernKeys[i].Replace("_rev", "").Replace("_1", "").Replace('_', '.')},{(ConcernReversed[i] ? 1 : 0)},1,7,\"Concern, item {i}\",Zorg,1=strongly disagree|7=strongly agree");
            foreach (var key in WestinKeys)
                w.WriteLine($"participants.csv,{key},likert,segment,0,1,7,{key},{key},1=strongly disagree|7=strongly agree");
            w.WriteLine("disclosures.csv,disclosed,boolean,,,,,Disclosed,Ingevuld,");
        }
    }

    private static string Num(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Quote(string s) => s.Contains(',') || s.Contains('"') ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>A fresh folder under the system temp directory, deleted by the caller.</summary>
    public static string NewTempFolder() =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ppl-report-" + Guid.NewGuid().ToString("N"))).FullName;
}
