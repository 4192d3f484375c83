using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;
using Experiment.Engine.Valuation;
using Listings = Experiment.Engine.Listings.Listings;

namespace Analysis.Simulation;

/// <summary>How one bot's session ended.</summary>
public enum BotOutcome { Completed, Declined, Abandoned, Failed }

/// <summary>An answer or checkout behaviour a bot submitted and the app accepted (it moved on to another page).</summary>
public sealed record SubmittedAnswer(string Item, string Value);

public sealed record BotSession(string PanelParticipantId, bool Consented, BotOutcome Outcome, string? CompletionCode, string? Error,
    List<SubmittedAnswer> Answers, List<string> CheckoutFields, string? CheckoutAction, int PageSubmissions);

/// <summary>
/// One simulated participant walking the real participant pages of Survey.Web over HTTP like a browser
/// (ParticipantHttp): its own cookies, the antiforgery token and hidden step posted back, 303 redirects followed. Which page is shown is
/// read from the form (PageForm), so the bot works for any study file. Latencies of every request go to the sink,
/// marked as entry (the study link and the consent form, where enrolment happens) or not (the participant pages).
/// </summary>
public sealed class HttpBot(HttpClient http, Uri baseUrl, SessionPlanner.StudyPlan plan, SimulationParameters p, TimeProvider clock,
    Action<bool, double> latencySink)
{
    const int MaxPages = 200;
    readonly ParticipantHttp web = new(http, (url, ms) => latencySink(!url.AbsolutePath.EndsWith("/p", StringComparison.Ordinal), ms));
    readonly StudyDefinition study = plan.Study;
    int submissions;
    bool consented;

    public async Task<BotSession> RunAsync(Persona persona, string panelPid, CancellationToken ct)
    {
        var answers = new List<SubmittedAnswer>();
        var checkoutFields = new List<string>();
        string? checkoutAction = null;
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);   // the participant's own device date
        var url = new Uri(baseUrl, $"/s/{Uri.EscapeDataString(study.Id)}" + PanelQuery(panelPid));
        try
        {
            var (status, html, current) = await GetAsync(url, ct);
            for (var pages = 0; pages < MaxPages; pages++)
            {
                if (status == HttpStatusCode.Redirect && current.Host != baseUrl.Host)
                    return CodeFromCompletionUrl(current) is { } code
                        ? Done(BotOutcome.Completed, code, null)
                        : Fail($"sent off to {current.Host}, which is not the panel's completion URL");
                if (status != HttpStatusCode.OK) return Fail($"GET {current.AbsolutePath} answered {(int)status}");
                var form = PageForm.Parse(html);
                if (form.CompletionCode is not null) return Done(BotOutcome.Completed, form.CompletionCode, null);
                if (!form.HasForm) return Fail($"{current.AbsolutePath}: no page-form and no completion code");

                // Every hidden input goes back as a browser would send it (antiforgery token, step, the consent
                // form's enrolment token and panel ids); the time-on-field inputs are set below like checkout.js does.
                var fields = form.Inputs.Values
                    .Where(i => i.Type == "hidden" && i.Value is not null && !i.Name.StartsWith("t_", StringComparison.Ordinal))
                    .Select(i => new KeyValuePair<string, string>(i.Name, i.Value!)).ToList();
                var buttons = form.Buttons;
                string action;
                var pageAnswers = new List<SubmittedAnswer>();
                var pageFields = new List<string>();

                if (buttons.Contains("agree"))
                {
                    action = persona.Chance(p.DeclineRate) ? "decline" : "agree";
                }
                else
                {
                    // Leaving for good: the page stays open, nothing more is sent.
                    if (persona.Chance(p.DropoutPerPage)) return Done(BotOutcome.Abandoned, null, null);
                    if (buttons.Contains("place_order"))
                    {
                        var leaves = persona.LeavesShop();
                        action = leaves ? "leave_shop" : "place_order";
                        // The page's fields: typed ones (f_, server mode), ones checkout.js classifies (browser mode; this
                        // bot runs JavaScript, so their no-script choice is not sent) and ticks (s_, choice mode).
                        // A framed field (requiredIn) is required in some cells only: the page's required mark says which, and
                        // in a framing study the bot takes each field's offer from the page, as a person reads it.
                        var framing = Experiment.Engine.Framing.FieldFraming.Has(study)
                            ? study.Shop!.Fields.Any(f => Experiment.Engine.Framing.FieldFraming.IsFramed(f) && form.Required.Contains("f_" + f.Key)) : (bool?)null;
                        foreach (var (key, mode) in form.CheckoutFields())
                        {
                            var field = study.Shop?.Fields.FirstOrDefault(f => f.Key == key);
                            if (field is null && study.TwoShops?.Fields.FirstOrDefault(f => f.Key == key) is { } asked)
                            {
                                // The chosen shop's checkout: every field it asks is required, so a person who orders gives each.
                                if (!leaves) fields.Add(mode == DisclosureModes.Choice ? new("s_" + key, "1") : new("f_" + key, persona.TwoShopsValue(asked, today)));
                                pageFields.Add(key);
                                continue;
                            }
                            if (field is null) continue;
                            if (field.IsOptional && form.Required.Contains("f_" + key)) field = field with { Necessity = Experiment.Engine.Framing.FieldFraming.Required };
                            var choice = leaves ? new FieldChoice(false, false) : persona.Checkout(field,
                                framing is null ? plan.MeanOffer(key) : form.Offers.GetValueOrDefault(key), framing);
                            var typed = choice.Disclosed && mode != DisclosureModes.Choice
                                ? FakeValues.For(field, choice.Fake, persona.Rng, today, 1 + persona.Rng.Next(3)) : "";
                            fields.AddRange(CheckoutForm.Submitted(field, mode, choice.Disclosed, typed, today));
                            fields.Add(new("t_" + key, persona.FieldMilliseconds(choice.Disclosed).ToString(CultureInfo.InvariantCulture)));
                            pageFields.Add(key);
                        }
                        // A cell that must scroll past the shop's privacy statement (shop.privacyStatement.requireScroll): a person
                        // who orders has scrolled to its end, which checkout.js reports as privacy_scrolled.
                        if (!leaves && form.Inputs.ContainsKey("privacy_scrolled")) fields.Add(new("privacy_scrolled", "1"));
                        // The shop's privacy statement, as checkout.js reports it: opened (or, in that cell, in view) and for how long.
                        if (form.Inputs.ContainsKey("privacy_opened"))
                        {
                            var (opened, ms) = persona.PrivacyStatement(form.Inputs.ContainsKey("privacy_scrolled"));
                            fields.RemoveAll(f => f.Key is "privacy_opened" or "privacy_ms");
                            fields.Add(new("privacy_opened", opened ? "1" : "0"));
                            fields.Add(new("privacy_ms", ms.ToString(CultureInfo.InvariantCulture)));
                        }
                    }
                    else if (buttons.Contains("finish"))
                    {
                        action = "finish";
                        // The debrief's question is required: a person answers it, yes or no.
                        if (form.Inputs.ContainsKey("behaviour_consent"))
                            fields.Add(new("behaviour_consent", persona.Chance(p.BehaviourConsentRate) ? "1" : "0"));
                    }
                    else if (buttons.Contains("pay"))
                    {
                        // The payment step: one of the offered classes, chosen at random like a shopper's habit.
                        action = "pay";
                        if (form.Inputs.TryGetValue("payment", out var pay) && pay.Values.Count > 0)
                            fields.Add(new("payment", pay.Values[persona.Rng.Next(pay.Values.Count)]));
                    }
                    else if (buttons.Contains("add_to_cart")) action = "add_to_cart";
                    else if (buttons.Contains("checkout")) action = "checkout";
                    else if (buttons.Contains("next") && study.TwoShops is { } twoShops && form.Inputs.ContainsKey(ShopPair.ChoiceKey))
                    {
                        action = "next";
                        // The two shops as the page shows them (TwoShopsBotView): the person picks the invasive one by the gap's chance.
                        var shown = TwoShopsBotView.Read(html, twoShops);
                        var invasive = shown.FirstOrDefault(x => x.Invasive);
                        var other = shown.FirstOrDefault(x => !x.Invasive);
                        if (invasive is null || other is null) return Fail($"{current.AbsolutePath}: the two shops' page does not show one shop asking more");
                        var gap = (other.Total - invasive.Total) / twoShops.Products.Count;
                        var chosen = TwoShopsBotView.OffersNoPurchase(html) && persona.BuysFromNeitherShop() ? ShopPair.NoPurchase
                            : (persona.ChoosesInvasiveShop(gap, shown[0].Invasive) ? invasive : other).Key;
                        fields.RemoveAll(f => f.Key == TwoShopsBotView.ChoiceMsInput);
                        fields.Add(new(ShopPair.ChoiceKey, chosen));
                        fields.Add(new(TwoShopsBotView.ChoiceMsInput, persona.ChoiceMilliseconds().ToString(CultureInfo.InvariantCulture)));
                        pageAnswers.Add(new SubmittedAnswer(ShopPair.ChoiceKey, chosen));
                    }
                    else if (buttons.Contains("next"))
                    {
                        action = "next";
                        foreach (var input in form.Inputs.Values)
                        {
                            if (input.Type == "hidden") continue;
                            var value = AnswerFor(persona, input, html);
                            if (value is null) continue;
                            fields.Add(new(input.Name, value));
                            if (plan.Items.ContainsKey(input.Name) || ValuationRow(input) is not null || input.Name == Listings.ChoiceKey) pageAnswers.Add(new SubmittedAnswer(input.Name, value));
                        }
                    }
                    else return Fail($"{current.AbsolutePath}: no known action among [{string.Join(',', buttons)}]");
                }
                fields.Add(new("action", action));

                var target = form.Action is { Length: > 0 } a ? new Uri(current, a) : current;
                var (postStatus, location, postHtml) = await PostAsync(target, fields, ct);
                submissions++;
                if (postStatus is HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.Redirect or HttpStatusCode.RedirectKeepVerb)
                {
                    if (location is null) return Fail($"POST {target.AbsolutePath}: redirect without Location");
                    answers.AddRange(pageAnswers);
                    if (pageFields.Count > 0) { checkoutFields.AddRange(pageFields); checkoutAction = action; }
                    if (action == "decline") return Done(BotOutcome.Declined, null, null);
                    if (action == "agree") consented = true;
                    (status, html, current) = await GetAsync(new Uri(target, location), ct);
                }
                else if (postStatus == HttpStatusCode.OK)
                {
                    // The page came back (a validation message): the answers were not taken.
                    if (action == "decline") return Done(BotOutcome.Declined, null, null);
                    return Fail($"POST {target.AbsolutePath} action={action} was not accepted (200 instead of a redirect)");
                }
                else return Fail($"POST {target.AbsolutePath} action={action} answered {(int)postStatus}");
            }
            return Fail($"more than {MaxPages} pages");
        }
        catch (HttpRequestException e) { return Fail("HTTP: " + e.Message); }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested) { return Fail("request timed out"); }

        BotSession Done(BotOutcome o, string? code, string? error) =>
            new(panelPid, consented, o, code, error, answers, checkoutFields, checkoutAction, submissions);
        BotSession Fail(string error) => Done(BotOutcome.Failed, null, error);
    }

    string PanelQuery(string panelPid)
    {
        if (study.Panel is not { } panel) return "";
        var q = $"?{panel.ParticipantParam}={Uri.EscapeDataString(panelPid)}";
        if (panel.StudyParam is { } sp) q += $"&{sp}=simulated";
        if (panel.SessionParam is { } ss) q += $"&{ss}=s{Uri.EscapeDataString(panelPid)}";
        return q;
    }

    string? AnswerFor(Persona persona, FormInput input, string html)
    {
        if (study.Listings is { } listings && input.Name == Listings.ChoiceKey)
            // The display mode shows in the page's data-listings-mode, as a person sees the meter (or none).
            return persona.ListingChoice(listings, Regex.Match(html, "data-listings-mode=\"([a-z]+)\"") is { Success: true } m ? m.Groups[1].Value : Listings.None);
        if (ValuationRow(input) is { } row)
            // The frame shows in the row's answer codes (keep/sell or pay/share), as the page gives them.
            return persona.ValuationAnswer(input.Values.Contains(PriceList.Codes(PriceList.Wta).Money) ? PriceList.Wta : PriceList.Wtp,
                study.Valuation!.Amounts[row - 1]);
        if (plan.Items.TryGetValue(input.Name, out var item))
        {
            plan.PairedFields.TryGetValue(item.Key, out var paired);
            return persona.Answer(item, plan.Loadings[item.Key], paired, paired is null ? 0 : plan.MeanOffer(paired.Key), input.Values);
        }
        // An input the study file does not explain: answer it like a person who reads nothing.
        return input.Type switch
        {
            "radio" or "select" when input.Values.Count > 0 => input.Values[persona.Rng.Next(input.Values.Count)],
            "checkbox" => null,
            "number" => "1",
            _ => input.Value,
        };
    }

    /// <summary>The price-list row (1-based) an input answers, or null for any other input.</summary>
    int? ValuationRow(FormInput input) =>
        study.Valuation is { } list && input.Name.StartsWith(PriceList.KeyPrefix + "r", StringComparison.Ordinal)
        && int.TryParse(input.Name.AsSpan(PriceList.KeyPrefix.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
        && row >= 1 && row <= list.Amounts.Count ? row : null;

    async Task<(HttpStatusCode, string, Uri)> GetAsync(Uri url, CancellationToken ct)
    {
        var (response, last, leftTo) = await web.GetAsync(url, ct);
        using var _ = response;
        return leftTo is not null ? (HttpStatusCode.Redirect, "", leftTo) : (response.StatusCode, await response.Content.ReadAsStringAsync(ct), last);
    }

    /// <summary>The completion code inside a panel's completion URL, read with the study's own template.</summary>
    string? CodeFromCompletionUrl(Uri url)
    {
        if (study.Panel?.CompletionUrl is not { } template || !template.Contains("{code}")) return null;
        var pattern = "^" + Regex.Escape(template).Replace(Regex.Escape("{code}"), "(?<code>[^&#/]+)") + @"\z";
        var m = Regex.Match(url.OriginalString, pattern);
        return m.Success ? Uri.UnescapeDataString(m.Groups["code"].Value) : null;
    }

    async Task<(HttpStatusCode, string?, string)> PostAsync(Uri url, List<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        using var response = await web.PostAsync(url, fields, ct);
        return (response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync(ct));
    }
}
