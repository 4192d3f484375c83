using CsvHelper;
using Experiment.Engine.Participants;

namespace Experiment.Engine.Export;

/// <summary>
/// participants.csv's columns of the shop's privacy statement (shop.privacyStatement; docs/export-format.md): whether it
/// was opened and how long it was open at the checkout. Like every shop column, only once the checkout ended and
/// unless the debrief's use of the shop data was refused.
/// </summary>
static class PrivacyColumns
{
    public static readonly string[] Names = ["privacy_statement_opened", "privacy_statement_ms"];

    public static bool In(ExportLayout layout) => layout.Versions.Values.Any(v => v.Study.Shop?.PrivacyStatement is not null);

    public static void Write(CsvWriter csv, ParticipantRow p)
    {
        csv.Bool(p.CheckoutEnded ? p.PrivacyOpened : null);
        csv.Number(p.CheckoutEnded ? p.PrivacyMs : null);
    }
}
