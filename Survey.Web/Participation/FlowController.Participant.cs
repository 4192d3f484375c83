using Experiment.Engine.Checkout;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Mvc;

namespace Survey.Web.Participation;

/// <summary>
/// Loading and moving the participant of a request, with as few round trips to PostgreSQL as the step allows
/// (bench/http-profile.md): the participant cookie's <see cref="ParticipantTicket"/> says where the server last
/// put them, so a POST goes straight to its one guarded statement (ParticipantStore.AdvanceAsync: the guard
/// in SQL decides, whatever the ticket says) and the page after it renders without a statement. The database
/// is read when the ticket is not enough: no step in it, a step whose page shows what only the row knows
/// (<see cref="NeedsRow"/>), a step whose shown time is not recorded yet, and after the guard refused a move
/// (the ticket was old: it is corrected from the row, and the browser goes to the current page).
/// </summary>
public sealed partial class FlowController
{
    /// <summary>The ticket this request's cookie carried (live participants only), to write it back only when it changed.</summary>
    ParticipantTicket? ticket;

    /// <summary>The participant came from the ticket alone (no row read in this request).</summary>
    bool fromTicket;

    /// <summary>The request carried a participant cookie that does not read (altered, forged, another study's key).</summary>
    bool unreadableCookie;

    /// <summary>The row's read for showing the page completed the participant at the end step (ParticipantStore.ShowAsync's completeAt).</summary>
    bool completedWhenShown;

    /// <summary>The study of the route, whose cookie the ticket is.</summary>
    string cookieStudy = "";

    /// <summary>
    /// The steps whose page shows only what the ticket holds (language, cell, order, step; the shop's pages read
    /// their order by participant id, the confirmation its outcome with it: ShopOrders.PlacedAsync). Every other
    /// kind (the end page's completion code and attention result, and any kind added later until it is listed
    /// here) reads the participant row when shown.
    /// </summary>
    internal static bool NeedsRow(StepKind kind) =>
        kind is not (StepKind.Intro or StepKind.Page or StepKind.Valuation or StepKind.ShopProduct or StepKind.ShopCart
            or StepKind.ShopCheckout or StepKind.ShopPayment or StepKind.ShopDone or StepKind.Debrief);

    async Task<(ParticipantProgress, StudyDefinition, IReadOnlyList<Step>)?> LoadAsync(string studyId, bool forShowing, CancellationToken ct)
    {
        if (await previews.LoadAsync(HttpContext, db, studyId, ct) is { } preview)
        {
            store = preview;
            if (await studies.GetAsync(studyId, preview.State.Version, ct) is not { } previewed) return null;
            return (preview.Progress(previewed), previewed, studies.Steps(previewed, preview.State.Order));
        }
        store = new LiveSteps(db, group);
        if (cookie.ReadTicket(Request, studyId) is not { } t)
        {
            unreadableCookie = Request.Cookies.ContainsKey(ParticipantCookie.Name(studyId));
            return null;
        }
        ticket = t;
        cookieStudy = studyId;
        // The route names the study by its link (public slug or id); the cookie is the link's, the rows the study's.
        if (await studies.ResolveAsync(studyId, ct) is not { } internalId) return null;
        var known = t.Version is { } version ? await studies.GetAsync(internalId, version, ct) : null;
        var knownSteps = known is not null && t.Order < studies.OrderCount(known) && t.Cell < studies.Cells(known).Count
            ? studies.Steps(known, t.Order) : null;
        if (knownSteps is not null && t.Step < knownSteps.Count && (!forShowing || t.Shown && !NeedsRow(knownSteps[t.Step].Kind)))
        {
            fromTicket = true;
            return (t.Progress(internalId, studies.Cells(known!)[t.Cell].Arm), known!, knownSteps);
        }
        // Showing the end page completes the participant: when the ticket says that is the page, the row's read does
        // that too, if the row agrees (only then is this statement's commit synchronous; otherwise CompleteAsync does it).
        var completion = forShowing && knownSteps is not null && t.Step < knownSteps.Count && knownSteps[t.Step].Kind == StepKind.End
            ? new ParticipantStore.Completion(t.Version!.Value, t.Order, t.Step) : null;
        var found = forShowing ? await ParticipantStore.ShowAsync(db, internalId, t.Id, ct, completion, group) : await ParticipantStore.FindAsync(db, internalId, t.Id, ct);
        if (found is not { } p) return null;
        completedWhenShown = completion is not null && p.StudyVersion == completion.Version && p.OrderIdx == completion.Order && p.Step >= completion.EndStep;
        if (await studies.GetAsync(p.StudyId, p.StudyVersion, ct) is not { } study) return null;
        if (!forShowing) KeepTicket(ParticipantTicket.Of(p, shown: false));
        return (p, study, studies.Steps(study, p.OrderIdx));
    }

    /// <summary>The participant with what only their row holds (completion code, outcome, attention); null when they are gone.</summary>
    async Task<ParticipantProgress?> RowAsync(ParticipantProgress p, CancellationToken ct) =>
        fromTicket ? await ParticipantStore.FindAsync(db, p.StudyId, p.Id, ct) : p;

    /// <param name="cart">The cart the write stores, as the ticket carries it (ParticipantTicket.CartCode); null when
    /// the write leaves the cart as it is (then the ticket's goes on).</param>
    async Task<IActionResult> AdvanceAsync(ParticipantProgress p, IReadOnlyList<Step> steps, Step step, StepWrite write, CancellationToken ct,
        string? cart = null)
    {
        var after = step.Index + 1 + write.Skip;
        var next = after < steps.Count ? steps[after].Name : null;
        var advanced = await store.AdvanceAsync(p.Id, step.Index, step.Name, next, write, ct);
        if (advanced) log.LogInformation("Participant {ParticipantId} submitted step {Step} ({Page})", p.Id, step.Index, step.Name);
        // The statement recorded the next page as shown, so the page after the redirect needs no statement; a shop page
        // after it shows the cart the ticket carries.
        var carried = after < steps.Count && ParticipantTicket.CarriesCart(steps[after].Kind) ? cart ?? ticket?.Cart : null;
        return await AfterGuardedAsync(p, advanced, after, shown: next is not null, ct, carried);
    }

    /// <summary>
    /// The cart of a shop step (product, cart, checkout): the ticket's, which the last accepted write of it left
    /// (AdvanceAsync, the cart page's update); otherwise read, and then carried by the ticket (a preview reads its own).
    /// </summary>
    async Task<IReadOnlyDictionary<string, int>> CartAsync(Shop shop, Step step, Func<Task<ShopOrder>> read)
    {
        if (ticket is { Cart: not null } t && t.Step == step.Index && t.CartIn(shop) is { } carried) return carried;
        var cart = (await read()).Cart;
        if (ticket is { } current && current.Step == step.Index && ParticipantTicket.CarriesCart(step.Kind))
            KeepTicket(current with { Cart = ParticipantTicket.CartCode(shop, cart) });
        return cart;
    }

    /// <summary>The cart the ticket carries on to the page of <paramref name="step"/>: its own, when it came from this ticket at that step.</summary>
    string? TicketCart(Step step) => fromTicket && ticket is { } t && t.Step == step.Index && ParticipantTicket.CarriesCart(step.Kind) ? t.Cart : null;

    /// <summary>
    /// After a guarded statement of a step (AdvanceAsync's or a step's own, such as the payment page's way out):
    /// the ticket follows the participant to the step the statement put them on, or, when the guard refused, to
    /// where the row says they are.
    /// </summary>
    async Task<IActionResult> AfterGuardedAsync(ParticipantProgress p, bool advanced, int after, bool shown, CancellationToken ct, string? cart = null)
    {
        if (advanced) KeepTicket(ParticipantTicket.Of(p with { Step = after }, shown) with { Cart = cart });
        else if (fromTicket)
        {
            // The guard refused: the ticket was behind the database (an old cookie, another tab, a double click's
            // second request), or the participant is gone. The row says where they are.
            if (await ParticipantStore.FindAsync(db, p.StudyId, p.Id, ct) is not { } current) return LeaveFlow(Link);
            KeepTicket(ParticipantTicket.Of(current, shown: false));
        }
        return Current(Link);
    }

    /// <summary>
    /// A submission with a cookie that does not read is refused (400) and records nothing; the cookie goes, so the
    /// study link starts properly. (Showing a page with one sends to the study link, LeaveFlow.)
    /// </summary>
    IActionResult RefuseCookie(string studyId)
    {
        cookie.Delete(HttpContext, studyId);
        log.LogInformation("Submission to {StudyId} refused: the participant cookie does not read", studyId);
        var lang = PageLanguage.FromBrowser(Request, ["nl", "en"], "en");
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("~/Participation/Views/Message.cshtml",
            new MessagePage(lang, Labels.Defaults["errorTitle"].In(lang), Labels.Defaults["errorBadRequest"].In(lang)));
    }

    /// <summary>Writes the participant cookie when its ticket is no longer what the server knows (never in a preview).</summary>
    void KeepTicket(ParticipantTicket truth)
    {
        if (store.IsPreview || ticket is null || truth == ticket) return;
        cookie.Write(HttpContext, cookieStudy, truth);
        ticket = truth;
    }
}
