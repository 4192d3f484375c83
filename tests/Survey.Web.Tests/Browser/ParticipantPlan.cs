using Experiment.Engine.Studies;
using Survey.Web.Tests.Browser.Pages;

namespace Survey.Web.Tests.Browser;

/// <summary>What one simulated participant does: who they are, which language, what they answer and type.</summary>
public sealed record ParticipantPlan
{
    public required string PanelId { get; init; }
    /// <summary>Sent as ?lang=; null leaves it to the study default and the browser.</summary>
    public string? Language { get; init; }
    /// <summary>Sent as ?cell=N; only honoured by studies that allow forcing.</summary>
    public int? ForcedCell { get; init; }
    public bool Decline { get; init; }
    /// <summary>The answer to every questionnaire item; null leaves it unanswered.</summary>
    public Func<Item, string?> Answer { get; init; } = item => QuestionnairePage.TypicalAnswer(item);
    /// <summary>What is typed into each checkout field; null leaves it empty. Default: required fields only.</summary>
    public Func<CheckoutField, string?> Checkout { get; init; } = field => field.IsOptional ? null : CheckoutPage.TypicalValue(field);
    public bool PlaceOrder { get; init; } = true;
    /// <summary>The payment class chosen at the payment step (Payment.Classes).</summary>
    public string Payment { get; init; } = Experiment.Engine.Checkout.Payment.Ideal;
    public bool BehaviourConsent { get; init; } = true;
    public bool Withdraw { get; init; }
    /// <summary>
    /// Set all answers of a page in one script call instead of clicking each control (the submit is still a
    /// click): for tests that walk many participants and check the data, not the controls.
    /// </summary>
    public bool FastFill { get; init; }
    /// <summary>Tab, Space, arrow keys, typing and Enter only: no clicks, no fills by selector.</summary>
    public bool KeyboardOnly { get; init; }

    /// <summary>Fills these optional fields (by key) with typical values, and every required field.</summary>
    public static Func<CheckoutField, string?> Disclose(params string[] optionalFields) =>
        field => !field.IsOptional || optionalFields.Contains(field.Key) ? CheckoutPage.TypicalValue(field) : null;
}

/// <summary>One page the bot saw: its kind, hidden step and the document language.</summary>
public sealed record PageVisit(PageKind Kind, int? Step, string? Language, string Url);

/// <summary>What the walk produced, for the test to compare with the database.</summary>
public sealed record WalkResult(
    IReadOnlyList<PageVisit> Pages,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyDictionary<string, string> Typed,
    IReadOnlyList<decimal> OffersShown,
    decimal? LiveTotal,
    decimal? ConfirmedTotal,
    string? CompletionCode)
{
    public PageKind LastKind => Pages[^1].Kind;

    /// <summary>Finished: the platform's end page, or the redirect to the panel's completion URL.</summary>
    public bool Finished => LastKind is PageKind.End or PageKind.PanelCompletion;
}
