using System.Net;
using System.Text.Json;
using Dapper;
using Experiment.Engine.Checkout;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue #14, must show 1 and 2: every request of a participant in browser mode (privacy-paradox-nl) and choice mode
/// (privacy-paradox-prolific) is captured, URL, headers and body, and none carries a typed canary value; the browser's
/// classifier gives every case of the shared table the engine's class; without JavaScript a browser-mode study
/// completes with choices.
/// </summary>
[TestFixture]
public sealed class DisclosureModeTests : BrowserTest
{
    const string BrowserStudy = "privacy-paradox-nl", ChoiceStudy = "privacy-paradox-prolific";

    /// <summary>Plausible, distinctive values for the browser-mode fields of privacy-paradox-nl.</summary>
    static readonly Dictionary<string, string> Canaries = new()
    {
        ["dob"] = "1979-03-29",
        ["mobile"] = "06 4417 9931",
        ["income"] = "3777,45",
        ["employer"] = "Zyxcanary Vlinderbedrijf",
        ["friends_emails"] = "fff-canary-9931@example.org, ggg-canary-9932@example.net",
    };

    /// <summary>Every request of a context: method, URL, every header and the body, as sent.</summary>
    static List<string> CaptureRequests(IBrowserContext context)
    {
        var sent = new List<string>();
        context.Request += (_, r) =>
        {
            var text = $"{r.Method} {r.Url}\n{string.Join("\n", r.Headers.Select(h => h.Key + ": " + h.Value))}\n{r.PostData}";
            lock (sent) sent.Add(text);
        };
        return sent;
    }

    /// <summary>
    /// The form keys of a captured form post (its last line, the body). Keys, not the body's text: the antiforgery
    /// token is random base64url and may itself contain "c_" or "f_".
    /// </summary>
    static string[] SentKeys(string request) =>
        request[(request.LastIndexOf('\n') + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => System.Net.WebUtility.UrlDecode(pair.Split('=')[0])).ToArray();

    /// <summary>
    /// A value and the forms a request could carry it in: form-encoded, URL-escaped, its digits alone, and its
    /// distinctive words (those with "canary" or "Vlinder"; "example.org" is also in the typed e-mail address).
    /// </summary>
    static IEnumerable<string> Spellings(string value)
    {
        yield return value;
        yield return WebUtility.UrlEncode(value);
        yield return Uri.EscapeDataString(value);
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 6) yield return digits;
        foreach (var part in value.Split([' ', ',', '@'], StringSplitOptions.RemoveEmptyEntries)
                     .Where(p => p.Contains("canary", StringComparison.OrdinalIgnoreCase) || p.Contains("Vlinder", StringComparison.Ordinal)))
            yield return part;
    }

    async Task<StudyDefinition> StudyAsync(string id) => (await StudyStore.GetCurrentAsync(App.DataSource, id))!.Value.Study;

    /// <summary>Enrols fillers over HTTP, so that the next participant gets cell <paramref name="cellIdx"/> (balanced assignment).</summary>
    async Task FillCellsOfAsync(StudyDefinition study, int cellIdx)
    {
        for (var i = 0; i < cellIdx; i++)
        {
            using var filler = new ParticipantDriver(App.BaseUrl);
            await filler.GetAsync($"/s/{study.Id}?{study.Panel!.ParticipantParam}=filler{i}");
            await filler.SubmitAsync("agree");
        }
    }

    async Task<List<(string Field, bool Disclosed, bool? Plausible, int? ListCount, string Mode)>> RowsAsync(string panelId)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return (await conn.QueryAsync<(string, bool, bool?, int?, string)>(
            """
            select d.field, d.disclosed, d.plausible, d.list_count, d.disclosure_mode from disclosure d
            join panel_id i using (participant_id) where i.panel_participant_id = @panelId order by d.field
            """, new { panelId })).ToList();
    }

    async Task<WalkResult> WalkAsync(IPage page, StudyDefinition study, string panelId, string lang, Func<CheckoutField, string?> checkout,
        Func<PageKind, IPage, Task>? onPage = null)
    {
        await page.GotoAsync($"{App.BaseUrl}/s/{study.Id}?{study.Panel!.ParticipantParam}={panelId}&lang={lang}");
        var bot = new ParticipantBot(page, App.BaseUrl, study) { OnPage = onPage };
        return await bot.ContinueAsync(new ParticipantPlan { PanelId = panelId, Language = lang, Checkout = checkout });
    }

    [Test]
    public async Task Checkout_browserMode_sendsOnlyTheClassesAndNoRequestCarriesATypedValue()
    {
        var study = await StudyAsync(BrowserStudy);
        await FillCellsOfAsync(study, 4);   // discount=7;notice=plain: every optional field offers 7%
        var context = await NewContextAsync();
        var sent = CaptureRequests(context);
        var page = await context.NewPageAsync();
        var errors = WatchServerErrors(page);
        string[]? formKeys = null;
        var walk = await WalkAsync(page, study, "browser-1", "nl",
            f => Canaries.TryGetValue(f.Key, out var v) ? v : f.Key == "bsn" ? "tick" : f.Key == "child_adhd" ? "yes" : f.IsOptional ? null : CheckoutPage.TypicalValue(f),
            async (kind, p) =>
            {
                if (kind != PageKind.Checkout || formKeys is not null) return;
                Assert.That(await p.Locator("#share-dob").CountAsync(), Is.Zero, "checkout.js swapped the choice for the typed input");
                Assert.That(await p.Locator("#share-bsn").IsVisibleAsync(), Is.True, "the BSN is a choice");
                Assert.That(await p.Locator("#share-bsn + label").TextContentAsync(), Is.EqualTo("Deel mijn burgerservicenummer (BSN) voor 7% korting"));
                await p.Locator("#field-dob").FillAsync(Canaries["dob"]);
                formKeys = await p.EvaluateAsync<string[]>("() => [...new FormData(document.getElementById('page-form')).keys()]");
            });

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        Assert.That(errors, Is.Empty);
        // The form the browser would submit: no value of a browser-mode field, only its class (and time).
        Assert.That(formKeys, Is.Not.Null);
        Assert.That(formKeys!.Where(k => k.StartsWith("f_", StringComparison.Ordinal)), Is.EquivalentTo(new[] { "f_name", "f_postcode", "f_house_number", "f_street", "f_town", "f_email" }));
        Assert.That(formKeys, Does.Contain("c_dob").And.Contain("n_friends_emails").And.Contain("c_child_adhd").And.Not.Contain("b_child_adhd"));
        string all;
        lock (sent) all = string.Join("\n---\n", sent);
        var order = sent.Single(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("action=place_order", StringComparison.Ordinal));
        Assert.That(order, Does.Contain("c_dob=plausible").And.Contain("c_mobile=plausible").And.Contain("c_employer=plausible")
            .And.Contain("n_friends_emails=2").And.Contain("s_bsn=1"), "positive control: the classes were sent");
        Assert.That(order, Does.Contain("f_name="), "positive control: the capture holds the typed required fields");
        Assert.Multiple(() =>
        {
            foreach (var spelling in Canaries.Values.SelectMany(Spellings).Distinct())
                Assert.That(all, Does.Not.Contain(spelling).IgnoreCase, $"a request carries '{spelling}'");
        });
        var rows = (await RowsAsync("browser-1")).ToDictionary(r => r.Field);
        Assert.Multiple(() =>
        {
            Assert.That(rows["dob"], Is.EqualTo(("dob", true, (bool?)true, (int?)null, "browser")));
            Assert.That(rows["friends_emails"], Is.EqualTo(("friends_emails", true, (bool?)true, (int?)2, "browser")));
            Assert.That(rows["child_adhd"], Is.EqualTo(("child_adhd", true, (bool?)true, (int?)null, "browser")));
            Assert.That(rows["bsn"], Is.EqualTo(("bsn", true, (bool?)null, (int?)null, "choice")));
            Assert.That(rows["name"].Mode, Is.EqualTo("server"));
        });
    }

    /// <summary>
    /// Stop 24's weak spot: in browser mode a refused order cannot give back what was typed (it never reached the
    /// server). So checkout.js applies the server's rule first: a required field left empty (and, checking like a
    /// shop, an e-mail address that is none) gets the server's message in the server's places, nothing is sent,
    /// every typed value stays in its field, and once fixed the order goes through with the classes of those kept
    /// values. No request carries a typed browser-mode value; the page with the messages passes axe.
    /// </summary>
    [TestCase("nl", "Fout", "Er is iets niet goed ingevuld", "Dit veld is verplicht.", "Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.", "Afrekenen")]
    [TestCase("en", "Error", "There is a problem", "This field is required.", "Enter a valid email address, for example name@example.com.", "Checkout")]
    public async Task Checkout_browserModeRequiredFieldMissing_showsTheServersMessagesSendsNothingKeepsWhatWasTypedAndThenOrders(
        string lang, string prefix, string summaryTitle, string required, string invalidEmail, string title)
    {
        var seed = await StudyAsync(BrowserStudy);
        var study = seed with { Id = "browser-check-" + lang, Version = 1, Slug = null, Shop = seed.Shop! with { RequiredFieldCheck = RequiredFieldCheck.Shop } };
        await App.ImportStudyAsync(study);
        await FillCellsOfAsync(study, 4);   // discount=7;notice=plain
        var context = await NewContextAsync();
        var sent = CaptureRequests(context);
        var page = await context.NewPageAsync();
        var errors = WatchServerErrors(page);
        var typedRequired = new Dictionary<string, string>
        {
            ["name"] = "Anna de Vries", ["postcode"] = "3511 AB", ["house_number"] = "12", ["street"] = "Dorpsstraat", ["email"] = "anna@",
        };
        var browserTyped = Canaries.Keys.ToArray();
        Dictionary<string, string?>? fieldErrors = null, kept = null;
        IReadOnlyList<string>? summary = null, problems = null;
        string? summaryHeading = null, pageTitle = null, focused = null, townDescribedBy = null, townInvalid = null, urlBefore = null, urlAfter = null;
        int? ordersSentBefore = null, ordersSentAfter = null;
        var walk = await WalkAsync(page, study, "browser-check-" + lang, lang,
            f => f.Key == "town" ? "Utrecht" : f.Key == "email" ? "anna.devries@example.org" : null,
            async (kind, p) =>
            {
                if (kind != PageKind.Checkout || kept is not null) return;
                var checkout = new CheckoutPage(p);
                foreach (var (key, value) in typedRequired) await checkout.Input(key).FillAsync(value);
                foreach (var key in browserTyped) await p.Locator($"#field-{key}").FillAsync(Canaries[key]);
                int Orders() { lock (sent) return sent.Count(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("action=place_order", StringComparison.Ordinal)); }
                ordersSentBefore = Orders();
                urlBefore = p.Url;
                await checkout.Button("place_order").ClickAsync();
                await p.Locator("#error-summary").WaitForAsync();
                await p.WaitForTimeoutAsync(200);   // a submission, had one started, would have been sent by now
                ordersSentAfter = Orders();
                urlAfter = p.Url;
                fieldErrors = new();
                foreach (var key in study.Shop!.Fields.Select(f => f.Key)) fieldErrors[key] = await checkout.ErrorAsync(key);
                summaryHeading = await p.Locator("#error-summary h2").TextContentAsync();
                summary = await p.Locator("#error-summary li a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href') + ' ' + a.textContent)");
                pageTitle = await p.TitleAsync();
                focused = await p.EvaluateAsync<string>("() => document.activeElement.id");
                townDescribedBy = await p.Locator("#field-town").GetAttributeAsync("aria-describedby");
                townInvalid = await p.Locator("#field-town").GetAttributeAsync("aria-invalid");
                kept = new();
                foreach (var key in typedRequired.Keys) kept[key] = await checkout.Input(key).InputValueAsync();
                foreach (var key in browserTyped) kept[key] = await p.Locator($"#field-{key}").InputValueAsync();
                problems = await BrowserChecks.AxeViolationsAsync(p);
            });

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        var expectedErrors = study.Shop!.Fields.ToDictionary(f => f.Key, f => f.Key switch
        {
            "town" => prefix + ": " + required,
            "email" => prefix + ": " + invalidEmail,
            _ => (string?)null,
        });
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That((ordersSentBefore, ordersSentAfter), Is.EqualTo(((int?)0, (int?)0)), "nothing was sent");
            Assert.That(urlAfter, Is.EqualTo(urlBefore));
            Assert.That(fieldErrors, Is.EqualTo(expectedErrors), "the server's message next to each field it would refuse, in its order");
            Assert.That(summaryHeading, Is.EqualTo(summaryTitle));
            Assert.That(summary, Is.EqualTo(new[] { "#field-town " + required, "#field-email " + invalidEmail }), "the server's summary");
            Assert.That(pageTitle, Does.StartWith(prefix + ": " + title + " | "));
            Assert.That(focused, Is.EqualTo("error-summary"), "focus on the summary, as site.js puts it on a refused page");
            Assert.That((townDescribedBy, townInvalid), Is.EqualTo(("err-town", "true")));
            Assert.That(kept, Is.EqualTo(typedRequired.Concat(Canaries).ToDictionary(kv => kv.Key, kv => (string?)kv.Value)), "every typed value is still in its field");
            Assert.That(problems, Is.Empty, "axe, the page with the messages");
        });
        string all;
        lock (sent) all = string.Join("\n---\n", sent);
        var order = sent.Single(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("action=place_order", StringComparison.Ordinal));
        Assert.That(order, Does.Contain("c_dob=plausible").And.Contain("c_mobile=plausible").And.Contain("c_employer=plausible")
            .And.Contain("n_friends_emails=2").And.Contain("f_town=Utrecht"), "positive control: the kept values' classes and the fixed field were sent");
        Assert.Multiple(() =>
        {
            foreach (var spelling in Canaries.Values.SelectMany(Spellings).Distinct())
                Assert.That(all, Does.Not.Contain(spelling).IgnoreCase, $"a request carries '{spelling}'");
        });
        var rows = (await RowsAsync("browser-check-" + lang)).ToDictionary(r => r.Field);
        Assert.Multiple(() =>
        {
            foreach (var key in new[] { "dob", "mobile", "income", "employer" })
                Assert.That(rows[key], Is.EqualTo((key, true, (bool?)true, (int?)null, "browser")), key);
            Assert.That(rows["friends_emails"], Is.EqualTo(("friends_emails", true, (bool?)true, (int?)2, "browser")));
        });
    }

    [Test]
    public async Task Checkout_browserModeAllRequiredGiven_sendsTheOrderAtOnce()
    {
        // The check stops only what the server would refuse: with every required field valid the first click orders,
        // an optional field in server mode (the employer here) left empty included.
        var seed = await StudyAsync(BrowserStudy);
        var study = seed with
        {
            Id = "browser-ok", Version = 1, Slug = null,
            Shop = seed.Shop! with { Fields = seed.Shop!.Fields.Select(f => f.Key == "employer" ? f with { DisclosureMode = DisclosureModes.Server } : f).ToList() },
        };
        await App.ImportStudyAsync(study);
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        var checkouts = 0;
        var walk = await WalkAsync(page, study, "browser-ok", "nl", f => f.IsOptional ? null : CheckoutPage.TypicalValue(f),
            (kind, _) => { if (kind == PageKind.Checkout) checkouts++; return Task.CompletedTask; });
        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        Assert.That(checkouts, Is.EqualTo(1), "the checkout was shown once: the order was sent at the first click");
        var rows = await RowsAsync("browser-ok");
        Assert.That(rows.Select(r => r.Field), Is.EquivalentTo(study.Shop!.Fields.Select(f => f.Key)));
        Assert.That(rows.Single(r => r.Field == "employer"), Is.EqualTo(("employer", false, (bool?)null, (int?)null, "server")), "the optional server-mode field, empty");
    }

    /// <summary>checkout.js's port of the shop checks (classify.js shopCheck) gives ShopChecks.Check's verdict on every value, in Chromium.</summary>
    [Test]
    public async Task ShopCheck_everyKindInChromium_givesTheEnginesVerdict()
    {
        var values = new Dictionary<string, string[]>
        {
            [ShopChecks.Email] = ["anna@example.org", " anna@example.org\u00a0", "anna@", "a@b", "anna@example", "ann a@example.org", "anna@exa_mple.org", "ａnna@example.org", "anna@example.org\n"],
            [ShopChecks.Postcode] = ["1234 AB", "1234ab", " 3511 ab ", "0123 AB", "1234  AB", "1234-AB", "١٢٣٤ AB", "１２３４AB", "1234 AB\n", "1234 ABC", "12345 AB"],
            [ShopChecks.HouseNumber] = ["12", "12a", "12 bis", "12-2", "12 - II", "12abcd", "12abcde", "0", "012", "123456", "x", "12\n3", " 7 "],
            [ShopChecks.Name] = ["Anna", "A", "Jo", "李明", "A\u200bB", "Ab\u0001", "𝒜𝒷", "𝒜", "J.", "  J. de V  ", "\u202eAnna", "12", "Zoë"],
        };
        var cases = values.SelectMany(kv => kv.Value.Concat(["", " ", "\t\r\n"]).Select(v => (Kind: kv.Key, Value: v))).ToList();
        var page = await NewPageAsync();
        await page.SetContentAsync("<!doctype html><html><body></body></html>");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", "classify.js") });

        var got = await page.EvaluateAsync<bool[]>("cases => JSON.parse(cases).map(c => PPLClassify.shopCheck(c.kind, c.value))",
            JsonSerializer.Serialize(cases.Select(c => new { kind = c.Kind, value = c.Value })));

        Assert.That(got, Has.Length.EqualTo(cases.Count));
        Assert.That(got.Count(passes => !passes), Is.GreaterThan(cases.Count / 4), "positive control: many values fail");
        Assert.Multiple(() =>
        {
            for (var i = 0; i < cases.Count; i++)
                Assert.That(got[i], Is.EqualTo(ShopChecks.Check(cases[i].Kind, cases[i].Value) is null), $"{cases[i].Kind} {JsonSerializer.Serialize(cases[i].Value)}");
        });
    }

    [Test]
    public async Task Checkout_choiceMode_hasNothingToTypeAndSendsOnlyTheTicks()
    {
        var study = await StudyAsync(ChoiceStudy);
        await FillCellsOfAsync(study, 4);
        var context = await NewContextAsync();
        var sent = CaptureRequests(context);
        var page = await context.NewPageAsync();
        var errors = WatchServerErrors(page);
        var checkedPage = false;
        var walk = await WalkAsync(page, study, "choice-1", "en", f => f.Key is "dob" or "mobile" ? "tick" : null, async (kind, p) =>
        {
            if (kind != PageKind.Checkout || checkedPage) return;
            checkedPage = true;
            var typable = await p.Locator("#page-form input:not([type=hidden]):not([type=checkbox]), #page-form textarea, #page-form select").CountAsync();
            Assert.That(typable, Is.Zero, "nothing to type");
            Assert.That(await p.Locator("#share-dob + label").TextContentAsync(), Is.EqualTo("Share my date of birth for a 7% discount"));
            // Whatever a participant types on the page goes nowhere.
            await p.Locator("#share-dob").FocusAsync();
            await p.Keyboard.TypeAsync(Canaries["employer"]);
        });

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        Assert.That(errors, Is.Empty);
        string all;
        lock (sent) all = string.Join("\n---\n", sent);
        var order = sent.Single(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("action=place_order", StringComparison.Ordinal));
        Assert.That(order, Does.Contain("s_dob=1").And.Contain("s_mobile=1"), "positive control");
        Assert.That(SentKeys(order), Does.Contain("s_dob").And.Not.Contain("s_income"));
        Assert.That(SentKeys(order).Where(k => k.StartsWith("f_", StringComparison.Ordinal) || k.StartsWith("c_", StringComparison.Ordinal)), Is.Empty);
        foreach (var spelling in Spellings(Canaries["employer"]))
            Assert.That(all, Does.Not.Contain(spelling).IgnoreCase);
        var rows = await RowsAsync("choice-1");
        Assert.That(rows.Select(r => (r.Field, r.Disclosed, r.Plausible, r.Mode)), Is.EquivalentTo(study.Shop!.Fields.Select(f =>
            (f.Key, f.Key is "dob" or "mobile", (bool?)null, DisclosureModes.Choice))));
    }

    [Test]
    public async Task Checkout_browserModeWithoutJavaScript_fallsBackToChoicesAndCompletes()
    {
        var study = await StudyAsync(BrowserStudy);
        await FillCellsOfAsync(study, 2);   // discount=3;notice=plain
        var context = await NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var sent = CaptureRequests(context);
        var page = await context.NewPageAsync();
        var errors = WatchServerErrors(page);
        var checkedPage = false;
        var walk = await WalkAsync(page, study, "nojs-1", "en", f => f.Key is "dob" or "bsn" ? "tick" : f.IsOptional ? null : CheckoutPage.TypicalValue(f),
            async (kind, p) =>
            {
                if (kind != PageKind.Checkout || checkedPage) return;
                checkedPage = true;
                Assert.That(await p.Locator("#field-dob").IsVisibleAsync(), Is.False, "the typed input stays hidden");
                Assert.That(await p.Locator("#share-dob + label").TextContentAsync(), Is.EqualTo("Share my date of birth for a 3% discount"));
            });

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        Assert.That(walk.CompletionCode, Is.EqualTo(study.Panel!.CompletionCode));
        Assert.That(errors, Is.Empty);
        var order = sent.Single(r => r.StartsWith("POST", StringComparison.Ordinal) && r.Contains("action=place_order", StringComparison.Ordinal));
        Assert.That(order, Does.Contain("s_dob=1"));
        Assert.That(SentKeys(order), Does.Contain("s_dob").And.Contain("f_name"), "positive control: the keys of the order's body");
        Assert.That(SentKeys(order).Where(k => k.StartsWith("c_", StringComparison.Ordinal)), Is.Empty, "no class without JavaScript");
        var rows = (await RowsAsync("nojs-1")).ToDictionary(r => r.Field);
        var optional = study.Shop!.Fields.Where(f => f.IsOptional).Select(f => f.Key).ToList();
        Assert.That(optional.Select(k => (k, rows[k].Disclosed, rows[k].Plausible, rows[k].Mode)),
            Is.EqualTo(optional.Select(k => (k, k is "dob" or "bsn", (bool?)null, DisclosureModes.Choice))));
    }

    [Test]
    public async Task Classify_everySharedCaseInChromium_givesTheEnginesClass()
    {
        var cases = DisclosureCase.Load(AppContext.BaseDirectory);
        var page = await NewPageAsync();
        await page.SetContentAsync("<!doctype html><html><body></body></html>");
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(AppContext.BaseDirectory, "wwwroot", "js", "classify.js") });

        var input = JsonSerializer.Serialize(cases.Select(c => new
        {
            field = new { type = c.Type, options = c.Options.Select(o => new { code = o.Code, discloses = o.Discloses }) },
            value = c.Value, today = c.Today,
        }));
        var got = await page.EvaluateAsync<string[][]>(
            "cases => JSON.parse(cases).map(c => [PPLClassify.classify(c.field, c.value, c.today), String(PPLClassify.listCount(c.value))])", input);

        Assert.That(got, Has.Length.EqualTo(cases.Count));
        Assert.Multiple(() =>
        {
            for (var i = 0; i < cases.Count; i++)
            {
                Assert.That(got[i][0], Is.EqualTo(cases[i].Class), cases[i].ToString());
                if (cases[i].Count is { } n) Assert.That(got[i][1], Is.EqualTo(n.ToString()), cases[i] + " (count)");
            }
        });
    }
}
