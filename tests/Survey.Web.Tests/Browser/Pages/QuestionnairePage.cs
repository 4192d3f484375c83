using System.Globalization;
using Experiment.Engine.Studies;
using Microsoft.Playwright;

namespace Survey.Web.Tests.Browser.Pages;

/// <summary>
/// Intro and questionnaire pages: inputs are named by item key (likert radios 1..n, yesno 1/0, choice radios by
/// option code, number and text inputs); "next" submits.
/// </summary>
public sealed class QuestionnairePage(IPage page) : ParticipantPage(page)
{
    /// <summary>The study's items that have an input on this page, in the study's order.</summary>
    public async Task<IReadOnlyList<Item>> ItemsAsync(StudyDefinition study)
    {
        var names = (await InputNamesAsync()).ToHashSet(StringComparer.Ordinal);
        return StudyDesign.AllItems(study).Where(i => names.Contains(i.Key)).ToList();
    }

    public async Task AnswerAsync(Item item, string value)
    {
        switch (item.Type)
        {
            case ItemTypes.Likert or ItemTypes.YesNo or ItemTypes.Choice:
                await Form.Locator($"input[name='{item.Key}'][value='{value}']").CheckAsync();
                break;
            default:
                await Form.Locator($"[name='{item.Key}']").FillAsync(value);
                break;
        }
    }

    /// <summary>The value the page currently holds for an item (the checked radio, or the input's text); null if none.</summary>
    public async Task<string?> ValueAsync(Item item)
    {
        if (item.Type is ItemTypes.Likert or ItemTypes.YesNo or ItemTypes.Choice)
        {
            var checkedRadio = Form.Locator($"input[name='{item.Key}']:checked");
            return await checkedRadio.CountAsync() == 0 ? null : await checkedRadio.First.GetAttributeAsync("value");
        }
        var value = await Form.Locator($"[name='{item.Key}']").InputValueAsync();
        return value.Length == 0 ? null : value;
    }

    public Task NextAsync() => SubmitAsync("next");

    /// <summary>A valid answer for any item: the attention check's expected value, else something in range.</summary>
    public static string TypicalAnswer(Item item, int seed = 0) => item.Expected ?? item.Type switch
    {
        ItemTypes.Likert => (1 + (seed + item.Key.Length) % (item.Points ?? 7)).ToString(CultureInfo.InvariantCulture),
        ItemTypes.YesNo => ((seed + item.Key.Length) % 2).ToString(CultureInfo.InvariantCulture),
        ItemTypes.Choice => item.Options![(seed + item.Key.Length) % item.Options!.Count].Code,
        ItemTypes.Number => ((int)Math.Round(((item.Min ?? 0) + (item.Max ?? 100)) / 2)).ToString(CultureInfo.InvariantCulture),
        _ => "Antwoord " + seed,
    };
}
