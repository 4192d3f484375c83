using CsvHelper;
using Experiment.Engine.Framing;
using Experiment.Engine.Studies;

namespace Experiment.Engine.Export;

/// <summary>
/// The framing paradigm's columns of participants.csv (export-format.md, "Framing"): written only when a version of
/// the study frames a field (requiredIn), so the export of every other study keeps its columns. Per framed field
/// how the participant's cell framed it; per participant the voluntary (unpaid) over-disclosure: of the fields
/// optional in their cell with no offer, how many they gave and how many there were.
/// </summary>
static class FramingColumns
{
    public const string Prefix = "framed_", Overdisclosed = "overdisclosed_n", UnpaidOptional = "unpaid_optional_n";

    public static bool In(ExportLayout layout) => layout.Versions.Values.Any(v => FieldFraming.Has(v.Study));

    /// <summary>The framed fields over all versions, in the layout's field order.</summary>
    public static IReadOnlyList<CheckoutField> Framed(ExportLayout layout) =>
        layout.Fields.Where(f => layout.Versions.Values.Any(v => v.Fields.Any(x => x.Key == f.Key && FieldFraming.IsFramed(x)))).ToList();

    public static IEnumerable<string> Names(IEnumerable<string> framedKeys) =>
        framedKeys.Select(k => Prefix + k).Append(Overdisclosed).Append(UnpaidOptional);

    /// <summary>
    /// The framing comes from the cell (assigned at consent); the counts only once an order was placed, since
    /// leaving the shop discloses nothing (<paramref name="disclosed"/> is the export's disclosed_ rule).
    /// </summary>
    public static void Write(CsvWriter csv, IReadOnlyList<CheckoutField> framed, StudyVersion? version, Cell? cell,
        bool ordered, Func<string, bool> disclosed)
    {
        var fields = version?.FieldsByKey ?? StudyVersion.NoFields;
        foreach (var f in framed)
            csv.WriteField(cell is not null && fields.TryGetValue(f.Key, out var own) ? FieldFraming.NecessityIn(own, cell) : "");
        if (!ordered || cell is null || version is null)
        {
            csv.WriteField("");
            csv.WriteField("");
            return;
        }
        var unpaid = version.Fields.Where(f => !FieldFraming.RequiredInCell(f, cell) && StudyDesign.OfferFor(f, cell) == 0).ToList();
        csv.Number(unpaid.Count(f => disclosed(f.Key)));
        csv.Number(unpaid.Count);
    }
}
