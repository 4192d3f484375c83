using System.Globalization;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;

namespace Survey.Web.Participation;

/// <summary>Reading and checking one questionnaire page's answers, and storing them.</summary>
public static class Questionnaire
{
    public const int DefaultMaxLength = 1000;

    /// <summary>Answers (item key to stored value; unanswered optional items are absent) and errors per item.</summary>
    public static (Dictionary<string, string> Answers, List<FieldError> Errors) Read(Page page, IFormCollection form, PageBase labels)
    {
        var answers = new Dictionary<string, string>();
        var errors = new List<FieldError>();
        foreach (var item in page.Items)
        {
            var values = form[item.Key];
            var raw = (values.FirstOrDefault() ?? "").Trim();
            if (raw.Length == 0)
            {
                if (item.Required) errors.Add(new(item.Key, labels.L("answerQuestion")) { Name = Name(page, item, labels) });
                continue;
            }
            var (value, error) = values.Count > 1 ? (null, labels.L("invalidChoice")) : Check(item, raw, labels);
            if (error is not null) errors.Add(new(item.Key, error) { Name = Name(page, item, labels) });
            else answers[item.Key] = value!;
        }
        return (answers, errors);
    }

    /// <summary>Items are numbered on their page from 1, as the page shows them.</summary>
    public static int Number(Page page, Item item) => page.Items.ToList().IndexOf(item) + 1;

    /// <summary>"Vraag 3: Het stoort me meestal als ..." - the number and the start of the question, for the error summary.</summary>
    static string Name(Page page, Item item, PageBase labels)
    {
        const int Room = 60;
        var text = item.Text.In(labels.Lang);
        if (text.Length > Room)
        {
            var cut = text.LastIndexOf(' ', Room);
            text = text[..(cut > 20 ? cut : Room)].TrimEnd(',', ';', ':') + " …";
        }
        return string.Format(CultureInfo.InvariantCulture, labels.L("questionNumber"), Number(page, item)) + ": " + text;
    }

    static (string? Value, string? Error) Check(Item item, string raw, PageBase labels)
    {
        switch (item.Type)
        {
            case ItemTypes.Likert:
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= (item.Points ?? 7)
                    ? (n.ToString(CultureInfo.InvariantCulture), null) : (null, labels.L("invalidChoice"));
            case ItemTypes.YesNo:
                return raw is "1" or "0" ? (raw, null) : (null, labels.L("invalidChoice"));
            case ItemTypes.Choice:
                return item.Options?.Any(o => o.Code == raw) == true ? (raw, null) : (null, labels.L("invalidChoice"));
            case ItemTypes.Number:
                var min = item.Min ?? double.MinValue;
                var max = item.Max ?? double.MaxValue;
                if (double.TryParse(raw.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    && double.IsFinite(d) && d >= min && d <= max)
                    return (d.ToString(CultureInfo.InvariantCulture), null);
                return (null, string.Format(CultureInfo.InvariantCulture, labels.L("invalidNumber"),
                    item.Min?.ToString(CultureInfo.InvariantCulture) ?? "-∞", item.Max?.ToString(CultureInfo.InvariantCulture) ?? "∞"));
            default: // text
                var limit = item.MaxLength ?? DefaultMaxLength;
                return raw.Length <= limit ? (raw, null) : (null, string.Format(CultureInfo.InvariantCulture, labels.L("tooLong"), limit));
        }
    }

    /// <summary>Inserts the answers (the step guard makes each one unique) and updates the attention result.</summary>
    /// <summary>The page's answers and, when it has attention checks, whether all of them were passed.</summary>
    public static StepWrite Write(Page page, IReadOnlyDictionary<string, string> answers)
    {
        var checks = page.Items.Where(i => i.IsAttentionCheck).ToList();
        bool? passed = checks.Count == 0 ? null : checks.All(i => answers.TryGetValue(i.Key, out var v) && v == i.Expected);
        return new StepWrite(ResponsePage: page.Key, Answers: answers, AttentionPassed: passed);
    }
}
