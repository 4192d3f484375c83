using System.Globalization;
using Experiment.Engine.Checkout;
using Experiment.Engine.Framing;
using Experiment.Engine.Participants;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;

namespace Analysis.Simulation;

/// <summary>Everything one simulated session leaves in the database.</summary>
public sealed record SessionRows
{
    public required ParticipantRow Participant { get; init; }
    public PanelRow? Panel { get; init; }
    public required List<ResponseRow> Responses { get; init; }
    public required List<PageTimeRow> PageTimes { get; init; }
    public required List<DisclosureRow> Disclosures { get; init; }
}

/// <summary>
/// Walks the page sequence of a study (StudyDesign.Steps) as a persona would, producing the rows the web flow
/// writes: a page_time row per page shown (submitted_at empty for the page left open), a response per answered
/// item named by its page, a disclosure row for every checkout field once the checkout ended, and the
/// participant's status, step, attention, checkout outcome and behaviour consent.
/// </summary>
public static class SessionPlanner
{
    /// <summary>What the planner needs from the study, worked out once per run rather than per participant.</summary>
    public sealed class StudyPlan
    {
        public required StudyDefinition Study { get; init; }
        public required IReadOnlyList<Cell> Cells { get; init; }
        public required IReadOnlyList<IReadOnlyList<Step>> StepsByOrder { get; init; }
        public required IReadOnlyList<string> OrderNames { get; init; }
        public required IReadOnlyDictionary<string, Page> Pages { get; init; }
        public required IReadOnlyDictionary<string, Item> Items { get; init; }
        /// <summary>Stated-willingness item key to the checkout field it pairs with.</summary>
        public required IReadOnlyDictionary<string, CheckoutField> PairedFields { get; init; }
        /// <summary>Signed loading of each item on the latent concern (before reverse coding is applied).</summary>
        public required IReadOnlyDictionary<string, double> Loadings { get; init; }
        /// <summary>Offer per cell index, per field key, from the checkout rules the web uses (required fields carry none).</summary>
        public required IReadOnlyList<IReadOnlyDictionary<string, double>> Offers { get; init; }

        public static StudyPlan For(StudyDefinition study)
        {
            var cells = StudyDesign.Cells(study);
            var orders = StudyDesign.BlockOrders(study);
            var fields = study.Shop?.Fields ?? [];
            return new StudyPlan
            {
                Study = study,
                Cells = cells,
                StepsByOrder = orders.Select((_, i) => StudyDesign.Steps(study, i)).ToList(),
                OrderNames = orders.Select(StudyDesign.BlockOrderName).ToList(),
                Pages = study.Pages.ToDictionary(p => p.Key),
                Items = StudyDesign.AllItems(study).ToDictionary(i => i.Key),
                Loadings = LoadingsOf(study),
                PairedFields = fields.Where(f => f.PairedItem is not null).ToDictionary(f => f.PairedItem!),
                Offers = cells.Select(c => (IReadOnlyDictionary<string, double>)(study.Shop is null ? []
                    : CheckoutRules.Lines(study, c.Index).ToDictionary(l => l.Field.Key, l => l.OfferPct))).ToList(),
            };
        }

        /// <summary>
        /// Concern items (construct "concern...") carry the latent concern fully, other tagged attitude items partly,
        /// untagged items not at all. Westin's segmentation statements (construct "westin...") are not marked
        /// reverse-coded because the index reads them raw, yet only the first ("consumers have lost control") is
        /// agreed with by the concerned; the others ("companies handle data properly", "the law protects enough")
        /// are agreed with by the unconcerned (Westin's index counts them that way), so they load negatively.
        /// </summary>
        static Dictionary<string, double> LoadingsOf(StudyDefinition study)
        {
            var d = new Dictionary<string, double>();
            var westinSeen = 0;
            foreach (var item in StudyDesign.AllItems(study))
            {
                var c = item.Construct;
                d[item.Key] = c is null ? 0
                    : c.StartsWith("concern", StringComparison.Ordinal) ? 0.85
                    : c.StartsWith("westin", StringComparison.Ordinal) ? (westinSeen++ == 0 ? 0.6 : -0.6)
                    : 0.55;
            }
            return d;
        }

        /// <summary>The average offer of a field over the cells: what a bot assumes when it cannot see its cell.</summary>
        public double MeanOffer(string field) => Offers.Count == 0 ? 0 : Offers.Average(o => o.TryGetValue(field, out var v) ? v : 0);
    }

    public static SessionRows Plan(StudyPlan plan, Persona persona, SimulationParameters p, string participantId,
        int cellIdx, int orderIdx, string language, string completionCode, DateTime startedAt, PanelRow? panel)
    {
        var study = plan.Study;
        var steps = plan.StepsByOrder[orderIdx];
        var offers = plan.Offers[cellIdx];
        var t = startedAt;
        string status = "in_progress";
        int stepReached = 0;
        DateTime? completedAt = null;
        bool? attention = null, behaviourConsent = null;
        Settlement? settlement = null;
        string? outcome = null;
        var pageTimes = new List<PageTimeRow>();
        var responses = new List<ResponseRow>();
        var disclosures = new List<DisclosureRow>();
        Experiment.Engine.TwoShops.ShopOffer? twoShopsChoice = null;
        (bool Opened, int Ms)? privacy = null;

        foreach (var step in steps)
        {
            stepReached = step.Index;
            var shown = t;
            if (step.Kind == StepKind.End)
            {
                // Reaching the end page is what completes a participant.
                pageTimes.Add(new PageTimeRow(participantId, step.Index, step.Name, shown, null));
                status = "completed";
                completedAt = shown;
                break;
            }
            // Leaving the shop at the checkout skips the payment step, as the web app does.
            if (step.Kind == StepKind.ShopPayment && outcome != "ordered") continue;
            // Buying from neither shop skips that block's checkout, as the web app does.
            if (step.Kind == StepKind.TwoShopsCheckout && twoShopsChoice is null) continue;
            if (persona.Chance(p.DropoutPerPage))
            {
                pageTimes.Add(new PageTimeRow(participantId, step.Index, step.Name, shown, null));
                status = "abandoned";
                break;
            }
            switch (step.Kind)
            {
                case StepKind.Page:
                    var page = plan.Pages[step.Page!];
                    t = shown.AddSeconds(persona.PageSeconds(page.Items.Count));
                    foreach (var item in page.Items)
                    {
                        plan.PairedFields.TryGetValue(item.Key, out var paired);
                        var value = persona.Answer(item, plan.Loadings[item.Key], paired, paired is null ? 0 : offers[paired.Key]);
                        if (value is null) continue;
                        responses.Add(new ResponseRow(participantId, step.Name, item.Key, value, t));
                        if (item.IsAttentionCheck) attention = value == item.Expected;
                    }
                    break;
                case StepKind.ShopCheckout:
                    // The fields as the cell frames them (a framed field required here is a required field).
                    var lines = CheckoutRules.Lines(study, cellIdx);
                    var fields = lines.Select(l => l.Field).ToList();
                    var framing = FieldFraming.Has(study)
                        ? study.Shop!.Fields.Zip(fields).Any(x => FieldFraming.IsFramed(x.First) && !x.Second.IsOptional) : (bool?)null;
                    t = shown.AddSeconds(persona.PageSeconds(0, fields.Count));
                    var leaves = persona.LeavesShop();
                    outcome = leaves ? "left_shop" : "ordered";
                    // What checkout.js reports of the shop's privacy statement, as the HTTP bot sends it.
                    if (study.Shop!.PrivacyStatement is { } statement) privacy = persona.PrivacyStatement(statement.RequiresScrollIn(plan.Cells[cellIdx]));
                    // The persona types values as a bot would, and CheckoutRules classifies them as it does for the
                    // web app, so "disclosed" and "plausible" come from one rule. The values live only in this lookup.
                    var today = DateOnly.FromDateTime(shown);
                    var typed = new Dictionary<string, string>();
                    foreach (var l in lines)
                    {
                        var f = l.Field;
                        var choice = leaves ? new FieldChoice(false, false) : persona.Checkout(f, l.OfferPct, framing);
                        var value = choice.Disclosed ? FakeValues.For(f, choice.Fake, persona.Rng, today, 1 + persona.Rng.Next(3)) : "";
                        foreach (var (k, v) in CheckoutForm.Submitted(f, l.Mode, choice.Disclosed, value, today)) typed[k] = v;
                        typed["t_" + f.Key] = persona.FieldMilliseconds(value.Length > 0).ToString(CultureInfo.InvariantCulture);
                    }
                    var rows = CheckoutRules.Disclosures(participantId, k => typed.GetValueOrDefault(k), study.Shop!, lines, !leaves, today);
                    disclosures.AddRange(rows);
                    settlement = CheckoutRules.Settle(study.Shop!, rows, !leaves);
                    break;
                case StepKind.TwoShopsChoice:
                {
                    var arrangement = Experiment.Engine.TwoShops.ShopPair.Of(study, plan.Cells[cellIdx]);
                    var ms = persona.ChoiceMilliseconds();
                    t = shown.AddMilliseconds(ms);
                    var chosen = study.TwoShops!.AllowNoPurchase && persona.BuysFromNeitherShop() ? null
                        : persona.ChoosesInvasiveShop(arrangement.Gap, arrangement.InvasivePosition == "first") ? arrangement.Invasive : arrangement.Other;
                    responses.Add(new ResponseRow(participantId, Experiment.Engine.TwoShops.ShopPair.Page, Experiment.Engine.TwoShops.ShopPair.ChoiceKey,
                        chosen?.Shop.Key ?? Experiment.Engine.TwoShops.ShopPair.NoPurchase, t));
                    responses.Add(new ResponseRow(participantId, Experiment.Engine.TwoShops.ShopPair.Page, Experiment.Engine.TwoShops.ShopPair.ChoiceMsKey, ms.ToString(CultureInfo.InvariantCulture), t));
                    twoShopsChoice = chosen;
                    break;
                }
                case StepKind.TwoShopsCheckout:
                {
                    var chosen = twoShopsChoice!;
                    t = shown.AddSeconds(persona.PageSeconds(0, chosen.Asks.Count));
                    var leavesShop = persona.LeavesShop();
                    // Typed (or ticked) as the HTTP bot would, classified by the web app's rule; the values stay in this lookup.
                    var day = DateOnly.FromDateTime(shown);
                    var entered = new Dictionary<string, string>();
                    foreach (var f in chosen.Asks)
                        if (study.TwoShops!.Mode == DisclosureModes.Choice) entered[CheckoutRules.ShareKey(f.Key)] = CheckoutRules.Share;
                        else entered["f_" + f.Key] = persona.TwoShopsValue(f, day);
                    var (_, given) = Experiment.Engine.TwoShops.ShopPair.Checkout(chosen, study.TwoShops!.Mode, k => entered.GetValueOrDefault(k), day);
                    foreach (var (k, v) in given.Where(_ => !leavesShop)) responses.Add(new ResponseRow(participantId, Experiment.Engine.TwoShops.ShopPair.Page, k, v, t));
                    responses.Add(new ResponseRow(participantId, Experiment.Engine.TwoShops.ShopPair.Page, Experiment.Engine.TwoShops.ShopPair.OutcomeKey,
                        leavesShop ? Experiment.Engine.TwoShops.ShopPair.LeftShop : Experiment.Engine.TwoShops.ShopPair.Ordered, t));
                    break;
                }
                case StepKind.Valuation:
                    var list = study.Valuation!;
                    var frame = PriceList.FrameOf(study, plan.Cells[cellIdx]) ?? PriceList.Wta;
                    t = shown.AddSeconds(persona.PageSeconds(list.Amounts.Count));
                    for (var row = 1; row <= list.Amounts.Count; row++)
                        responses.Add(new ResponseRow(participantId, step.Name, PriceList.RowKey(row), persona.ValuationAnswer(frame, list.Amounts[row - 1]), t));
                    break;
                case StepKind.Listings:
                    var listings = study.Listings!;
                    t = shown.AddSeconds(persona.PageSeconds(listings.Merchants.Count));
                    responses.Add(new ResponseRow(participantId, step.Name, Experiment.Engine.Listings.Listings.ChoiceKey,
                        persona.ListingChoice(listings, Experiment.Engine.Listings.Listings.ModeOf(study, plan.Cells[cellIdx]) ?? Experiment.Engine.Listings.Listings.None), t));
                    break;
                case StepKind.Debrief:
                    t = shown.AddSeconds(persona.PageSeconds(2));
                    behaviourConsent = persona.Chance(p.BehaviourConsentRate);
                    break;
                default:
                    t = shown.AddSeconds(persona.PageSeconds(0));
                    break;
            }
            pageTimes.Add(new PageTimeRow(participantId, step.Index, step.Name, shown, t));
            // The redirect after a post and the next page's render.
            t = t.AddMilliseconds(150 + persona.Rng.Next(400));
        }
        var lastSeen = pageTimes.Count > 0 ? pageTimes[^1].ShownAt : startedAt;
        return new SessionRows
        {
            Participant = new ParticipantRow(participantId, study.Id, study.Version, cellIdx, plan.Cells[cellIdx].Arm, orderIdx, plan.OrderNames[orderIdx],
                language, status, stepReached, startedAt, completedAt, lastSeen, attention, outcome, behaviourConsent, completionCode,
                DiscountPct: settlement?.DiscountPct, AmountToPay: settlement?.AmountToPay, PrivacyOpened: privacy?.Opened, PrivacyMs: privacy?.Ms),
            Panel = panel,
            Responses = responses,
            PageTimes = pageTimes,
            Disclosures = disclosures,
        };
    }
}
