using Experiment.Engine.Checkout;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Microsoft.AspNetCore.Mvc;
using System.Globalization;
using Experiment.Engine.Storage;
using Npgsql;

namespace Survey.Web.Participation;

/// <summary>
/// The participant's page sequence at /s/{studyId}/p. GET shows the current step; POST carries the step it was
/// rendered for, and anything but the current step (double click, refresh, Back and resubmit, replay) is
/// answered with a redirect to the current page and writes nothing. Answers are committed before the redirect
/// to the next page, so the next page never appears unless the previous one is saved.
/// A researcher's preview (PreviewCookie) walks the same pages; its progress goes to its cookie (store), never
/// to the database.
/// </summary>
[Route("s/{studyId:studyid}/p"), ParticipantPageFilter]
public sealed partial class FlowController([FromKeyedServices(ParticipationSetup.Db)] NpgsqlDataSource db, GroupCommit group, ParticipantCookie cookie,
    StudyCache studies, TimeProvider clock, PreviewCookie previews, ILogger<FlowController> log) : Controller
{
    // The actions take no parameters: the study comes from the route (Link) and the cancellation from the request,
    // so MVC's model binding (a value provider per source, the form's included, and validation) is skipped on every page.

    /// <summary>Every write of this request's page sequence: the database, or the preview's cookie (set by LoadAsync).</summary>
    IStepStore store = null!;

    [HttpGet(""), HttpHead("")]
    public async Task<IActionResult> Show()
    {
        var (studyId, ct) = (Link, HttpContext.RequestAborted);
        if (await LoadAsync(studyId, forShowing: true, ct) is not var (p, study, steps)) return LeaveFlow(studyId);
        var step = steps[Math.Min(p.Step, steps.Count - 1)];
        // The shop has no language switch: its language is the one the participant entered it with.
        var wanted = Request.Query["lang"].ToString();
        if (wanted != p.Language && study.Languages.Contains(wanted) && !IsShop(step.Kind))
        {
            await store.SetLanguageAsync(p.Id, wanted, ct);
            p = p with { Language = wanted };
        }
        if (!p.Shown || step.Index != p.Step) await store.MarkShownAsync(p.Id, step.Index, step.Name, ct);
        KeepTicket(ParticipantTicket.Of(p with { Step = step.Index }, shown: true) with { Cart = TicketCart(step) });
        if (step.Kind == StepKind.End)
        {
            if (!completedWhenShown) await store.CompleteAsync(p.Id, ct);
            // A preview's end tells the panel nothing: it shows the code instead of sending the researcher there.
            if (!store.IsPreview && OutcomeCodes.Redirect(study.Panel, OutcomeCodes.AtEnd(study.Panel, p.CompletionCode, p.AttentionPassed)) is { } url)
                return SeeOther(url);
        }
        return await RenderAsync(p, study, step, ct);
    }

    [HttpPost("")]
    public async Task<IActionResult> Submit()
    {
        var (studyId, ct) = (Link, HttpContext.RequestAborted);
        if (await LoadAsync(studyId, forShowing: false, ct) is not var (p, study, steps)) return unreadableCookie ? RefuseCookie(studyId) : LeaveFlow(studyId);
        var form = Request.Form;
        if (!int.TryParse(form["step"], out var posted) || posted != p.Step || p.Step >= steps.Count) return Current(studyId);
        var step = steps[p.Step];
        var action = form["action"].FirstOrDefault();
        var labels = new PageBase(p.Language, "") { Study = study };

        switch (step.Kind)
        {
            case StepKind.Page:
            {
                var page = study.Pages.First(x => x.Key == step.Page);
                var (answers, errors) = Questionnaire.Read(page, form, labels);
                if (errors.Count > 0)
                {
                    var kept = page.Items.ToDictionary(i => i.Key, i => form[i.Key].FirstOrDefault() ?? "");
                    return await RenderAsync(p, study, step, ct, errors, kept);
                }
                return await AdvanceAsync(p, steps, step, Questionnaire.Write(page, answers), ct);
            }
            case StepKind.ShopProduct or StepKind.ShopCart:
            {
                var shop = study.Shop!;
                var stored = await CartAsync(shop, step, () => store.OrderAsync(shop, p.Id, ct));
                var remove = action?.StartsWith("remove:", StringComparison.Ordinal) == true ? action["remove:".Length..] : null;
                // "update" and "remove:{product}" stay on the page; any other action (add_to_cart, checkout, a bot's
                // "next") moves on with the cart as posted, as these pages did before the cart could be changed.
                var moves = action != "update" && remove is null;
                CheckoutRules.Form submitted = key => form[key].FirstOrDefault();
                var cart = Cart.Apply(shop, stored, submitted, remove);
                var problem = cart is null ? string.Format(CultureInfo.InvariantCulture, labels.L("invalidQuantity"), Cart.MaxQuantity)
                    : moves && cart.Count == 0 ? labels.L("chooseProduct") : null;
                if (problem is not null)
                    return await RenderAsync(p, study, step, ct, [new FieldError("cart", problem)]);
                // A move writes the cart in its step statement; staying on the page writes it alone (both guarded by the step).
                // Either way the ticket carries the cart as stored, so the next shop page needs no read of it.
                if (moves) return await AdvanceAsync(p, steps, step, new StepWrite(Order: new OrderWrite(cart!)), ct, ParticipantTicket.CartCode(shop, cart!));
                if (!await store.SetCartAsync(p.Id, step.Index, cart!, ct)) return await AfterGuardedAsync(p, advanced: false, step.Index, shown: false, ct);
                if (ticket is { } kept) KeepTicket(kept with { Cart = ParticipantTicket.CartCode(shop, cart!) });
                return Current(studyId);
            }
            case StepKind.ShopPayment when action == "leave_shop":
            {
                // The shop's way out ("continue shopping"): no order, recorded as leaving the shop.
                var next = step.Index + 1 < steps.Count ? steps[step.Index + 1].Name : null;
                var left = await store.LeaveAtPaymentAsync(p.Id, step.Index, step.Name, next, ct);
                if (left) log.LogInformation("Participant {ParticipantId} left the shop at step {Step} ({Page})", p.Id, step.Index, step.Name);
                // LeaveAtPaymentAsync records the next page as shown, as a submission's statement does.
                return await AfterGuardedAsync(p, left, step.Index + 1, shown: next is not null, ct);
            }
            case StepKind.ShopPayment:
            {
                if (action != "pay") return Current(studyId);
                // Only the class of the choice goes on; a value that is none of them is refused, never stored.
                if (Payment.ClassOf(form["payment"].FirstOrDefault()) is not { } paymentClass)
                    return await RenderAsync(p, study, step, ct, [new FieldError("payment", labels.L("choosePayment"))]);
                // The payment goes with the step's statement (guarded by it); the stored cart stays as it is.
                var delivery = Payment.DeliveryDate(Today(), study.Shop!.DeliveryDays ?? 1);
                return await AdvanceAsync(p, steps, step, new StepWrite(Order: OrderWrite.Pay(study.Shop!, paymentClass, Payment.NewOrderNumber(), delivery)), ct);
            }
            case StepKind.Valuation:
            {
                var (answers, errors) = ValuationForm.Read(study.Valuation!, Frame(study, p), form, labels);
                if (errors.Count > 0)
                    return await RenderAsync(p, study, step, ct, errors, study.Valuation!.Amounts.Select((_, i) => Experiment.Engine.Valuation.PriceList.RowKey(i + 1))
                        .ToDictionary(k => k, k => form[k].FirstOrDefault() ?? ""));
                return await AdvanceAsync(p, steps, step, ValuationForm.Write(answers), ct);
            }
            case StepKind.TwoShopsChoice:
            {
                var arrangement = Experiment.Engine.TwoShops.ShopPair.Of(study, StudyDesign.Cells(study)[p.CellIdx]);
                var (choice, errors) = TwoShopsForm.ReadChoice(study.TwoShops!, arrangement, form, labels);
                if (choice is null) return await RenderAsync(p, study, step, ct, errors);
                return await AdvanceAsync(p, steps, step, TwoShopsForm.WriteChoice(choice, Experiment.Engine.TwoShops.ShopPair.ChoiceMs(form["t_choice"].FirstOrDefault())), ct);
            }
            case StepKind.TwoShopsCheckout:
            {
                var ordered = action == "place_order";
                if (!ordered && action != "leave_shop") return Current(studyId);
                var arrangement = Experiment.Engine.TwoShops.ShopPair.Of(study, StudyDesign.Cells(study)[p.CellIdx]);
                if (arrangement.Find(await store.TwoShopsChoiceAsync(p.Id, ct)) is not { } chosen) return Current(studyId);
                CheckoutRules.Form submitted = key => form[key].FirstOrDefault();
                var (missing, given) = Experiment.Engine.TwoShops.ShopPair.Checkout(chosen, study.TwoShops!.Mode, submitted, Today());
                if (ordered && missing.Count > 0)
                    return await RenderAsync(p, study, step, ct, TwoShopsForm.Errors(chosen, missing, labels), TwoShopsForm.Kept(chosen, study.TwoShops.Mode, submitted));
                return await AdvanceAsync(p, steps, step, TwoShopsForm.WriteCheckout(ordered, given), ct);
            }
            case StepKind.Listings:
            {
                var (choice, error) = ListingsForm.Read(study.Listings!, form, labels);
                if (error is not null)
                    return await RenderAsync(p, study, step, ct, [error]);
                return await AdvanceAsync(p, steps, step, ListingsForm.Write(choice!), ct);
            }
            case StepKind.ShopCheckout:
            {
                var lines = CheckoutRules.Lines(study, p.CellIdx);
                var ordered = action == "place_order";
                if (!ordered && action != "leave_shop") return Current(studyId);
                CheckoutRules.Form submitted = key => form[key].FirstOrDefault();
                // A class or tick the page never sends (a hand-made request): refused, nothing recorded, and the
                // log names the field only.
                if (CheckoutRules.Tampered(submitted, lines) is { } tampered)
                {
                    log.LogInformation("Checkout of {StudyId} refused: field {Field} carried no class or tick the page sends", studyId, tampered);
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    return View("~/Participation/Views/Message.cshtml",
                        new MessagePage(p.Language, labels.L("errorTitle"), labels.L("errorBadRequest")) { Study = study });
                }
                var privacy = PrivacyForm.Read(form);
                var problemErrors = ordered ? CheckoutRules.Problems(submitted, lines).Select(x => FieldError.For(x, labels)).ToList() : new List<FieldError>();
                // The cell that must scroll past the shop's privacy statement: no order before its end was reached (also without JavaScript).
                if (ordered && study.Shop!.PrivacyStatement?.RequiresScrollIn(studies.Cells(study)[p.CellIdx]) == true && !privacy.Scrolled)
                    problemErrors.Add(new FieldError("privacy", labels.L("privacyScrollFirst")));
                if (problemErrors.Count > 0)
                    return await RenderAsync(p, study, step, ct, problemErrors,
                        lines.ToDictionary(l => l.Field.Key, l => CheckoutView.Kept(submitted, l)),
                        lines.ToDictionary(l => l.Field.Key, l => form["t_" + l.Field.Key].FirstOrDefault() ?? ""), privacy);
                var rows = CheckoutRules.Disclosures(p.Id, submitted, study.Shop!, lines, ordered, Today());
                // Leaving passes over the payment step: there is nothing to pay.
                var skip = !ordered && step.Index + 1 < steps.Count && steps[step.Index + 1].Kind == StepKind.ShopPayment ? 1 : 0;
                var cart = await CartAsync(study.Shop!, step, () => store.OrderAsync(study.Shop!, p.Id, ct));
                return await AdvanceAsync(p, steps, step, new StepWrite(Disclosures: rows, CheckoutOutcome: ordered ? "ordered" : "left_shop",
                    Settlement: CheckoutRules.Settle(study.Shop!, cart, rows, ordered), PrivacyOpened: privacy.Opened, PrivacyMs: privacy.Ms) { Skip = skip }, ct);
            }
            case StepKind.Debrief when action == "withdraw":
            {
                if (await RowAsync(p, ct) is not { } row) return LeaveFlow(studyId);
                p = row; // the completion code is the database's only
                await store.EraseAsync(p.StudyId, p.Id, ct); // the study's id: the route's may be its public slug
                cookie.Delete(HttpContext, studyId);
                log.LogInformation("Participant {ParticipantId} of {StudyId} withdrew; data erased", p.Id, p.StudyId);
                return View("~/Participation/Views/Message.cshtml",
                    new MessagePage(p.Language, Labels.Get(study, "withdrawnTitle", p.Language), Labels.Get(study, "withdrawnText", p.Language))
                    {
                        Study = study,
                        Code = OutcomeCodes.OnWithdrawal(study.Panel, p.CompletionCode),
                        CodeLabel = Labels.Get(study, "completionCode", p.Language),
                        ContinueUrl = OutcomeCodes.Redirect(study.Panel, OutcomeCodes.OnWithdrawal(study.Panel, p.CompletionCode)),
                    });
            }
            case StepKind.Debrief when action == "finish":
            {
                // A required yes/no: without an answer (or with anything but one) nothing is recorded and the page says which question.
                var consent = form["behaviour_consent"] is { Count: 1 } v ? v[0] switch { "1" => true, "0" => (bool?)false, _ => null } : null;
                if (consent is null)
                    return await RenderAsync(p, study, step, ct, [DebriefQuestion.Unanswered(labels)]);
                return await AdvanceAsync(p, steps, step, new StepWrite(BehaviourConsent: consent), ct);
            }
            case StepKind.Debrief or StepKind.End:
                return Current(studyId);
            default: // intro, order confirmation: nothing to record but the page time
                return await AdvanceAsync(p, steps, step, StepWrite.Nothing, ct);
        }
    }

    async Task<IActionResult> RenderAsync(ParticipantProgress p, StudyDefinition study, Step step, CancellationToken ct,
        IReadOnlyList<FieldError>? errors = null, IReadOnlyDictionary<string, string>? values = null, IReadOnlyDictionary<string, string>? times = null,
        PrivacyForm.Report? privacy = null)
    {
        var lang = p.Language;
        var links = PageLanguage.Links(Request, study, lang);
        var action = $"/s/{Link}/p";
        string L(string key) => Labels.Get(study, key, lang);
        switch (step.Kind)
        {
            case StepKind.Intro:
                return View("~/Participation/Views/Intro.cshtml", new StepPage(lang, L("introTitle"))
                    { Study = study, LanguageLinks = links, Step = step.Index, FormAction = action, Text = study.Texts.Instructions.In(lang) });
            case StepKind.Page:
            {
                var page = study.Pages.First(x => x.Key == step.Page);
                var pages = studies.Steps(study, p.OrderIdx).Where(s => s.Kind == StepKind.Page).Select(s => s.Index).ToList();
                return View("~/Participation/Views/Questionnaire.cshtml", new QuestionnairePage(lang, page.Title.In(lang))
                {
                    Study = study, LanguageLinks = links, Step = step.Index, FormAction = action, Page = page,
                    Progress = (pages.IndexOf(step.Index) + 1, pages.Count),
                    Text = page.Intro?.In(lang) ?? "", Errors = errors ?? [], Values = values ?? new Dictionary<string, string>(),
                });
            }
            case StepKind.Valuation:
            {
                var page = new PageBase(lang, L("valuationTitle")) { Study = study };
                return View("~/Participation/Views/Valuation.cshtml", new ValuationPage(lang, L("valuationTitle"))
                {
                    Study = study, LanguageLinks = links, Step = step.Index, FormAction = action, Text = study.Valuation!.Intro?.In(lang) ?? "",
                    Question = ValuationForm.Question(study.Valuation, Frame(study, p), page), Rows = ValuationForm.Rows(study.Valuation, Frame(study, p), page),
                    Errors = errors ?? [], Values = values ?? new Dictionary<string, string>(),
                });
            }
            case StepKind.TwoShopsChoice:
            case StepKind.TwoShopsCheckout:
            {
                var arrangement = Experiment.Engine.TwoShops.ShopPair.Of(study, StudyDesign.Cells(study)[p.CellIdx]);
                var chosen = step.Kind == StepKind.TwoShopsCheckout ? arrangement.Find(await store.TwoShopsChoiceAsync(p.Id, ct)) : null;
                var title = chosen is null ? L("twoShopsTitle") : string.Format(System.Globalization.CultureInfo.InvariantCulture, L("twoShopsCheckoutTitle"), chosen.Shop.Name.In(lang));
                return View(chosen is null ? "~/Participation/Views/TwoShops.cshtml" : "~/Participation/Views/TwoShopsCheckout.cshtml", new TwoShopsPage(lang, title)
                {
                    Study = study, LanguageLinks = links, Step = step.Index, FormAction = action, Text = study.TwoShops!.Intro?.In(lang) ?? "",
                    Block = study.TwoShops, Arrangement = arrangement, Chosen = chosen, Errors = errors ?? [], Values = values ?? new Dictionary<string, string>(),
                });
            }
            case StepKind.Listings:
            {
                var page = new PageBase(lang, L("listingsTitle")) { Study = study };
                var listings = study.Listings!;
                return View("~/Participation/Views/Listings.cshtml", new ListingsPage(lang, L("listingsTitle"))
                {
                    Study = study, LanguageLinks = links, Step = step.Index, FormAction = action, Text = listings.Intro?.In(lang) ?? "",
                    SiteName = listings.Site?.In(lang) ?? L("listingsSite"),
                    Query = string.Format(System.Globalization.CultureInfo.InvariantCulture, L("listingsQuery"), listings.Product.In(lang)),
                    Mode = ListingsForm.ModeOf(study, p.CellIdx), Results = ListingsForm.Results(listings, ListingsForm.ModeOf(study, p.CellIdx), page),
                    Errors = errors ?? [],
                });
            }
            case StepKind.ShopProduct:
            case StepKind.ShopCart:
            {
                var shop = study.Shop!;
                var cart = await CartAsync(shop, step, () => store.OrderAsync(shop, p.Id, ct));
                var title = step.Kind == StepKind.ShopCart ? L("cart")
                    : shop.FixedProduct is { } fixedKey ? shop.Products.First(x => x.Key == fixedKey).Name.In(lang) : L("catalogueTitle");
                return View(step.Kind == StepKind.ShopProduct ? "~/Participation/Views/Product.cshtml" : "~/Participation/Views/Cart.cshtml",
                    new ShopPage(lang, title)
                    {
                        Study = study, Step = step.Index, FormAction = action, Shop = shop, Errors = errors ?? [],
                        Totals = Cart.Totals(shop, cart, 0),
                    });
            }
            case StepKind.ShopCheckout:
            {
                var lines = CheckoutRules.Lines(study, p.CellIdx);
                var kept = values ?? new Dictionary<string, string>();
                var cell = studies.Cells(study)[p.CellIdx];
                NoticeLevel? notice = study.Shop!.Notice is { } n && cell.Levels.TryGetValue(n.Factor, out var level)
                    ? n.Levels.GetValueOrDefault(level) : null;
                var cart = await CartAsync(study.Shop!, step, () => store.OrderAsync(study.Shop!, p.Id, ct));
                var discount = CheckoutRules.DiscountPct(study.Shop!, lines, k => CheckoutView.Given(lines.First(l => l.Field.Key == k), kept.GetValueOrDefault(k)));
                return View("~/Participation/Views/Checkout.cshtml", new CheckoutPage(lang, L("checkoutTitle"))
                {
                    Study = study, Step = step.Index, FormAction = action, Shop = study.Shop!, Lines = lines,
                    Notice = notice, Errors = errors ?? [], Values = kept, Times = times ?? new Dictionary<string, string>(),
                    Today = Today().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DiscountPct = discount, Totals = Cart.Totals(study.Shop!, cart, discount),
                    RequireScroll = study.Shop!.PrivacyStatement?.RequiresScrollIn(cell) == true, Privacy = privacy ?? new(null, null),
                });
            }
            case StepKind.ShopPayment:
            {
                var placed = await store.PlacedOrderAsync(study.Shop!, p.Id, ct);
                return View("~/Participation/Views/Payment.cshtml", new PaymentPage(lang, L("paymentTitle"))
                {
                    Study = study, Step = step.Index, FormAction = action, Shop = study.Shop!, Errors = errors ?? [],
                    Totals = CheckoutRules.OrderTotals(study, p.CellIdx, placed.Order.Cart, placed.Disclosed.Contains),
                });
            }
            case StepKind.ShopDone:
            {
                var placed = await store.PlacedOrderAsync(study.Shop!, p.Id, ct);
                var order = placed.Order;
                var totals = CheckoutRules.OrderTotals(study, p.CellIdx, order.Cart, placed.Disclosed.Contains);
                // The amount stored with the order (CheckoutRules.Settle, from the same cart), which the export's amount_to_pay
                // is too; an order placed before migration 0170 stored none and is computed from its disclosures, by the same rules.
                var total = placed.AmountToPay ?? totals.Total;
                // The outcome from the order's read: the confirmation renders from the ticket (NeedsRow).
                var ordered = placed.CheckoutOutcome == "ordered";
                return View("~/Participation/Views/ShopDone.cshtml", new ShopDonePage(lang, L(ordered ? "shopDoneTitle" : "cart"))
                {
                    Study = study, Step = step.Index, FormAction = action, Shop = study.Shop!, Totals = totals,
                    Ordered = ordered, AmountToPay = total, TotalText = Money.Format(total, study.Shop!.Currency, lang),
                    OrderNumber = order.OrderNumber, PaymentClass = order.PaymentMethod,
                    DeliveryText = order.DeliveryDate is { } d ? ShopDates.Format(d, lang) : null,
                });
            }
            case StepKind.Debrief:
                return View("~/Participation/Views/Debrief.cshtml", new StepPage(lang, L("debriefTitle"))
                    { Study = study, LanguageLinks = links, Step = step.Index, FormAction = action, Text = study.Texts.Debrief.In(lang), Errors = errors ?? [] });
            default:
                return View("~/Participation/Views/Message.cshtml", new MessagePage(lang, L("endTitle"),
                    study.Texts.Completion?.In(lang) ?? L("completionText"))
                    { Study = study, LanguageLinks = links, Code = OutcomeCodes.AtEnd(study.Panel, p.CompletionCode, p.AttentionPassed), CodeLabel = L("completionCode") });
        }
    }

    /// <summary>
    /// The shop's privacy statement as a page of the shop (linked from the footer of the shop's pages), with the way
    /// back to the participant's current page; showing it records that it was opened. The checkout shows the
    /// statement in the page instead, so nothing typed is lost.
    /// </summary>
    [HttpGet("privacy"), HttpHead("privacy")]
    public async Task<IActionResult> Privacy()
    {
        var (studyId, ct) = (Link, HttpContext.RequestAborted);
        if (await LoadAsync(studyId, forShowing: false, ct) is not var (p, study, steps)) return LeaveFlow(studyId);
        if (study.Shop is not { PrivacyStatement: not null } shop) return NotFound();
        var step = steps[Math.Min(p.Step, steps.Count - 1)];
        if (IsShop(step.Kind) && !HttpMethods.IsHead(Request.Method)) await store.MarkPrivacyOpenedAsync(p.Id, ct);
        var cart = await CartAsync(shop, step, () => store.OrderAsync(shop, p.Id, ct));
        var lang = p.Language;
        return View("~/Participation/Views/Privacy.cshtml", new PrivacyPage(lang, Labels.Get(study, "privacyStatement", lang))
        {
            Study = study, Step = step.Index, FormAction = $"/s/{Link}/p", Shop = shop, Totals = Cart.Totals(shop, cart, 0),
            BackText = Labels.Get(study, step.Kind == StepKind.ShopCheckout ? "backToCheckout" : "backToShop", lang),
        });
    }

    /// <summary>The study as this request's link names it (public slug or id): every URL the pages send back keeps it.</summary>
    string Link => (string)RouteData.Values["studyId"]!;

    static bool IsShop(StepKind kind) => kind is StepKind.ShopProduct or StepKind.ShopCart or StepKind.ShopCheckout or StepKind.ShopPayment or StepKind.ShopDone;

    /// <summary>The participant's valuation frame (wta or wtp), their cell's level of the list's factor (validation guarantees one).</summary>
    static string Frame(StudyDefinition study, ParticipantProgress p) =>
        Experiment.Engine.Valuation.PriceList.FrameOf(study, StudyDesign.Cells(study)[p.CellIdx]) ?? Experiment.Engine.Valuation.PriceList.Wta;

    /// <summary>No (or no longer a) participant: back to the study link, which starts or resumes properly.</summary>
    IActionResult LeaveFlow(string studyId)
    {
        if (Request.Cookies.ContainsKey(ParticipantCookie.Name(studyId))) cookie.Delete(HttpContext, studyId);
        return SeeOther($"/s/{Uri.EscapeDataString(studyId)}");
    }

    /// <summary>The day a date of birth is classified by, on the server and (browser mode) in checkout.js alike.</summary>
    DateOnly Today() => DateOnly.FromDateTime(clock.GetLocalNow().DateTime);

    IActionResult Current(string studyId) => SeeOther($"/s/{studyId}/p");

    IActionResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
