using System.Globalization;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;

namespace Survey.Web.Participation;

/// <summary>
/// The valuation block's page: one row per amount of the price list, each with the private answer first and the
/// money answer second, worded for the participant's frame. Every row must be answered; the answers are stored as
/// given (an inconsistent list is recorded and flagged by the scoring, never corrected here).
/// </summary>
public static class ValuationForm
{
    /// <summary>One row as shown: its stored key, the amount as the page shows it, and the two answers (code, text).</summary>
    public sealed record Row(int Number, string Key, string AmountText, (string Code, string Text) Private, (string Code, string Text) Money);

    public static IReadOnlyList<Row> Rows(ValuationList list, string frame, PageBase labels)
    {
        var (keep, money) = PriceList.Codes(frame);
        return list.Amounts.Select((amount, i) =>
        {
            var shown = Money.Format(amount, list.Currency, labels.Lang);
            return frame == PriceList.Wta
                ? new Row(i + 1, PriceList.RowKey(i + 1), shown, (keep, labels.L("valuationKeep")), (money, Format(labels.L("valuationSell"), shown)))
                : new Row(i + 1, PriceList.RowKey(i + 1), shown, (keep, Format(labels.L("valuationPay"), shown)), (money, labels.L("valuationShare")));
        }).ToList();
    }

    /// <summary>The question above the list: the frame's wording with the data item filled in.</summary>
    public static string Question(ValuationList list, string frame, PageBase labels) =>
        Format(labels.L(frame == PriceList.Wta ? "valuationAskWta" : "valuationAskWtp"), list.Item.In(labels.Lang));

    /// <summary>The answers by row key, or an error per row left open or sent with something else.</summary>
    public static (Dictionary<string, string> Answers, List<FieldError> Errors) Read(ValuationList list, string frame, IFormCollection form, PageBase labels)
    {
        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var row in Rows(list, frame, labels))
        {
            var values = form[row.Key];
            var raw = (values.FirstOrDefault() ?? "").Trim();
            var name = Format(labels.L("valuationAmount"), row.AmountText);
            if (raw.Length == 0) errors.Add(new(row.Key, labels.L("valuationAnswerRow")) { Name = name });
            else if (values.Count > 1 || (raw != row.Private.Code && raw != row.Money.Code)) errors.Add(new(row.Key, labels.L("invalidChoice")) { Name = name });
            else answers[row.Key] = raw;
        }
        return (answers, errors);
    }

    public static StepWrite Write(IReadOnlyDictionary<string, string> answers) => new(ResponsePage: PriceList.StepName, Answers: answers);

    static string Format(string template, string value) => string.Format(CultureInfo.InvariantCulture, template, value);
}
