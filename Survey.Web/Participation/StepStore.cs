using Experiment.Engine.Checkout;
using Experiment.Engine.Participants;
using Experiment.Engine.Storage;
using Experiment.Engine.Studies;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>
/// Where the participant pages (FlowController) keep a participant's progress: the database for a participant
/// (<see cref="LiveSteps"/>), or a researcher's preview cookie (<see cref="PreviewSteps"/>), which writes nothing
/// to the database. Every write of the page sequence goes through here, so a preview cannot write by mistake.
/// </summary>
public interface IStepStore
{
    /// <summary>A researcher's preview: the end page does not send anyone to the panel.</summary>
    bool IsPreview { get; }
    Task SetLanguageAsync(string participantId, string language, CancellationToken ct);
    Task MarkShownAsync(string participantId, int step, string page, CancellationToken ct);
    Task CompleteAsync(string participantId, CancellationToken ct);
    Task<bool> AdvanceAsync(string participantId, int step, string page, string? nextPage, StepWrite write, CancellationToken ct);
    /// <summary>The order with the fields disclosed and the amount to pay stored with it (CheckoutRules.Settle, null when none was): ShopOrders.PlacedAsync.</summary>
    Task<PlacedOrder> PlacedOrderAsync(Shop shop, string participantId, CancellationToken ct);
    /// <summary>The shop chosen in the two-shops block (its checkout asks that shop's data), null before the choice.</summary>
    Task<string?> TwoShopsChoiceAsync(string participantId, CancellationToken ct);
    /// <summary>Withdrawal at the debrief: everything of the participant goes.</summary>
    Task EraseAsync(string studyId, string participantId, CancellationToken ct);
    /// <summary>The storefront's order (cart, payment class, order number, delivery date): ShopOrders.</summary>
    Task<ShopOrder> OrderAsync(Shop shop, string participantId, CancellationToken ct);
    Task<bool> SetCartAsync(string participantId, int step, IReadOnlyDictionary<string, int> cart, CancellationToken ct);
    /// <summary>The payment step's way out: recorded as leaving the shop (ShopOrders.LeaveAtPaymentAsync).</summary>
    Task<bool> LeaveAtPaymentAsync(string participantId, int step, string page, string? nextPage, CancellationToken ct);
    /// <summary>The shop's privacy statement page was shown (ParticipantStore.MarkPrivacyOpenedAsync).</summary>
    Task MarkPrivacyOpenedAsync(string participantId, CancellationToken ct);
}

/// <summary>
/// A participant's progress in PostgreSQL (<see cref="ParticipantStore"/>, <see cref="Erasure"/>). The guarded step
/// statement and the shop's order reads go through the web app's group commit (<see cref="GroupCommit"/>): answered once
/// committed, as alone.
/// </summary>
public sealed class LiveSteps(NpgsqlDataSource db, GroupCommit group) : IStepStore
{
    public bool IsPreview => false;
    public Task SetLanguageAsync(string participantId, string language, CancellationToken ct) => ParticipantStore.SetLanguageAsync(db, participantId, language, ct);
    public Task MarkShownAsync(string participantId, int step, string page, CancellationToken ct) => ParticipantStore.MarkShownAsync(db, participantId, step, page, ct);
    public Task CompleteAsync(string participantId, CancellationToken ct) => ParticipantStore.CompleteAsync(db, participantId, ct);
    public Task<bool> AdvanceAsync(string participantId, int step, string page, string? nextPage, StepWrite write, CancellationToken ct) =>
        ParticipantStore.AdvanceAsync(group, participantId, step, page, nextPage, write);
    public Task<PlacedOrder> PlacedOrderAsync(Shop shop, string participantId, CancellationToken ct) => ShopOrders.PlacedAsync(group, shop, participantId);
    public Task<string?> TwoShopsChoiceAsync(string participantId, CancellationToken ct) =>
        ParticipantStore.AnswerAsync(db, participantId, Experiment.Engine.TwoShops.ShopPair.ChoiceKey, ct);
    public Task EraseAsync(string studyId, string participantId, CancellationToken ct) => Erasure.EraseParticipantAsync(db, studyId, participantId, ct);
    public Task<ShopOrder> OrderAsync(Shop shop, string participantId, CancellationToken ct) => ShopOrders.GetAsync(group, shop, participantId);
    public Task<bool> SetCartAsync(string participantId, int step, IReadOnlyDictionary<string, int> cart, CancellationToken ct) =>
        ShopOrders.SetCartAsync(db, participantId, step, cart, ct);
    public Task<bool> LeaveAtPaymentAsync(string participantId, int step, string page, string? nextPage, CancellationToken ct) =>
        ShopOrders.LeaveAtPaymentAsync(db, participantId, step, page, nextPage, ct);
    public Task MarkPrivacyOpenedAsync(string participantId, CancellationToken ct) => ParticipantStore.MarkPrivacyOpenedAsync(db, participantId, ct);
}
