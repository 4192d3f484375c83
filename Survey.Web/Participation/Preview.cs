using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Experiment.Engine.Checkout;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>
/// A researcher's walk through the real participant pages in a chosen cell, block order and language. The whole
/// state lives in this record, inside a cookie protected like the participant cookie (its own purpose, per
/// study): nothing is written to the database, so no count, export or report can see a preview. Disclosed holds
/// only which checkout fields had something in them (for the order total), never what was typed.
/// </summary>
public sealed record PreviewState(int Version, int Cell, int Order, string Language, int Step, string Researcher, string Stamp,
    DateTimeOffset Expires, bool? AttentionPassed = null, string? CheckoutOutcome = null, bool? BehaviourConsent = null,
    IReadOnlyList<string>? Disclosed = null, bool Completed = false, decimal? AmountToPay = null,
    IReadOnlyDictionary<string, int>? Cart = null, string? PaymentMethod = null, string? OrderNumber = null, DateOnly? DeliveryDate = null,
    string? TwoShopsChoice = null);

/// <summary>
/// Issues and reads the preview cookie (ppl_preview_{studyId}, path /s/{studyId}). The console issues it only to a
/// signed-in researcher; it names the researcher and their account's security stamp, checked on every request,
/// so it ends with their sign-out (or `account reset`) and after <see cref="Lifetime"/>, like their console
/// session. A participant can neither obtain nor forge one.
/// </summary>
public sealed class PreviewCookie(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The participant id the pages see during a preview; no participant ever has it (ids are "p" + 16 characters).</summary>
    public const string ParticipantId = "preview";

    /// <summary>HttpContext.Items key the participant layout reads to show that this is a preview.</summary>
    public const string ItemKey = "ppl:preview";

    /// <summary>Whether this request is a researcher's preview (set by LoadAsync), for the layouts' preview note.</summary>
    public static bool IsPreview(HttpContext context) => context.Items.ContainsKey(ItemKey);

    public static string Name(string studyId) => "ppl_preview_" + studyId;

    IDataProtector For(string studyId) => protectors.For(studyId);

    readonly Survey.Web.Hosting.ProtectorCache protectors = new(protection, "Survey.Web.PreviewCookie.v1");

    /// <summary>Starts a preview at the first step; the study link shows its consent page first, counting nothing (EntryController.Preview.cs).</summary>
    public void Start(HttpContext context, StudyDefinition study, int cell, int order, string language, string researcher, string stamp) =>
        Write(context, study.Id, new PreviewState(study.Version, cell, order, language, 0, researcher, stamp, clock.GetUtcNow() + Lifetime));

    public void Write(HttpContext context, string studyId, PreviewState state) =>
        context.Response.Cookies.Append(Name(studyId), For(studyId).Protect(JsonSerializer.Serialize(state)), Options(context, studyId));

    public void Delete(HttpContext context, string studyId) => context.Response.Cookies.Delete(Name(studyId), Options(context, studyId));

    /// <summary>The preview of this request, or null: no cookie, a forged or expired one, or a researcher no longer signed in.</summary>
    public async Task<PreviewSteps?> LoadAsync(HttpContext context, NpgsqlDataSource db, string studyId, CancellationToken ct)
    {
        if (!context.Request.Cookies.TryGetValue(Name(studyId), out var value) || string.IsNullOrEmpty(value)) return null;
        PreviewState? state;
        try { state = JsonSerializer.Deserialize<PreviewState>(For(studyId).Unprotect(value)); }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException) { return null; }
        if (state is null || state.Expires <= clock.GetUtcNow()) return null;
        var current = await ResearcherAccounts.SecurityStampAsync(db, state.Researcher, ct);
        if (current is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(state.Stamp)))
            return null;
        context.Items[ItemKey] = true;
        return new PreviewSteps(this, context, studyId, state);
    }

    static CookieOptions Options(HttpContext context, string studyId)
    {
        var options = ParticipantCookie.Options(context, studyId);
        options.MaxAge = Lifetime;
        return options;
    }
}

/// <summary>The preview's progress: every write changes the cookie's state and nothing else.</summary>
public sealed class PreviewSteps(PreviewCookie cookie, HttpContext context, string studyId, PreviewState state) : IStepStore
{
    public PreviewState State { get; private set; } = state;

    public bool IsPreview => true;

    /// <summary>The participant the pages see: the chosen cell, order and language; the study's own completion code if it has one.</summary>
    public ParticipantProgress Progress(StudyDefinition study) => new(PreviewCookie.ParticipantId, studyId, State.Version, State.Cell,
        StudyDesign.Cells(study)[State.Cell].Arm, State.Order, State.Language, State.Completed ? "completed" : "in_progress", State.Step,
        study.Panel?.CompletionCode ?? "PREVIEW", State.CheckoutOutcome, State.AttentionPassed, Shown: true);

    void Save(PreviewState next)
    {
        State = next;
        cookie.Write(context, studyId, next);
    }

    public Task SetLanguageAsync(string participantId, string language, CancellationToken ct)
    {
        Save(State with { Language = language });
        return Task.CompletedTask;
    }

    public Task MarkShownAsync(string participantId, int step, string page, CancellationToken ct) => Task.CompletedTask;

    public Task CompleteAsync(string participantId, CancellationToken ct)
    {
        if (!State.Completed) Save(State with { Completed = true });
        return Task.CompletedTask;
    }

    /// <summary>The same rules as ParticipantStore.AdvanceAsync: only the current step moves; attention stays failed once failed.</summary>
    public Task<bool> AdvanceAsync(string participantId, int step, string page, string? nextPage, StepWrite write, CancellationToken ct)
    {
        if (State.Step != step) return Task.FromResult(false);
        Save(State with
        {
            Step = step + 1 + write.Skip,
            AttentionPassed = write.AttentionPassed is { } passed ? (State.AttentionPassed ?? true) && passed : State.AttentionPassed,
            CheckoutOutcome = write.CheckoutOutcome ?? State.CheckoutOutcome,
            BehaviourConsent = write.BehaviourConsent ?? State.BehaviourConsent,
            Disclosed = write.Disclosures is { } rows ? rows.Where(r => r.Disclosed).Select(r => r.Field).ToList() : State.Disclosed,
            AmountToPay = write.Settlement is { } settled ? settled.AmountToPay : State.AmountToPay,
            TwoShopsChoice = write.Answers?.GetValueOrDefault(Experiment.Engine.TwoShops.ShopPair.ChoiceKey) ?? State.TwoShopsChoice,
            // As ShopOrders.Advanced: the cart as submitted, or a payment that keeps the cart and the first order number and date.
            Cart = write.Order is { } o ? (o.KeepCart ? State.Cart ?? o.Cart : o.Cart) : State.Cart,
            PaymentMethod = write.Order?.PaymentClass ?? State.PaymentMethod,
            OrderNumber = State.OrderNumber ?? write.Order?.OrderNumber,
            DeliveryDate = State.DeliveryDate ?? write.Order?.DeliveryDate,
        });
        return Task.FromResult(true);
    }

    public async Task<PlacedOrder> PlacedOrderAsync(Shop shop, string participantId, CancellationToken ct) =>
        new(await OrderAsync(shop, participantId, ct), (State.Disclosed ?? []).ToHashSet(StringComparer.Ordinal), State.AmountToPay, State.CheckoutOutcome);

    public Task<string?> TwoShopsChoiceAsync(string participantId, CancellationToken ct) => Task.FromResult(State.TwoShopsChoice);

    public Task EraseAsync(string studyId, string participantId, CancellationToken ct)
    {
        cookie.Delete(context, studyId);
        return Task.CompletedTask;
    }

    public Task<ShopOrder> OrderAsync(Shop shop, string participantId, CancellationToken ct) =>
        Task.FromResult(new ShopOrder(State.Cart is { } cart ? Experiment.Engine.Checkout.Cart.FromJson(shop, Experiment.Engine.Checkout.Cart.ToJson(cart))
            : Experiment.Engine.Checkout.Cart.Initial(shop), State.PaymentMethod, State.OrderNumber, State.DeliveryDate));

    public Task<bool> SetCartAsync(string participantId, int step, IReadOnlyDictionary<string, int> cart, CancellationToken ct)
    {
        if (State.Step != step) return Task.FromResult(false);
        Save(State with { Cart = cart });
        return Task.FromResult(true);
    }

    public Task<bool> LeaveAtPaymentAsync(string participantId, int step, string page, string? nextPage, CancellationToken ct)
    {
        if (State.Step != step) return Task.FromResult(false);
        Save(State with { Step = step + 1, CheckoutOutcome = "left_shop", Disclosed = [], AmountToPay = null });
        return Task.FromResult(true);
    }

    /// <summary>A preview records nothing, not even that the statement was read.</summary>
    public Task MarkPrivacyOpenedAsync(string participantId, CancellationToken ct) => Task.CompletedTask;
}
