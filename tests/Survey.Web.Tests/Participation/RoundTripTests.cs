using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NUnit.Framework;
using Survey.Web.Participation;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The participant cookie's ticket (ParticipantTicket): a submission is one guarded statement and the page after it
/// none, while the step guard in SQL still decides and an old, altered or pre-ticket cookie is handled safely.
/// </summary>
public sealed class RoundTripTests : FlowTestBase
{
    static string CookieName => "ppl_" + WebStudies.Id;

    Uri FlowUri => new(App.BaseUrl + $"/s/{WebStudies.Id}/p");

    /// <summary>The app's own participant cookie, to open what it sealed.</summary>
    Survey.Web.Participation.ParticipantCookie Seal => App.Services.GetRequiredService<Survey.Web.Participation.ParticipantCookie>();

    [Test]
    public async Task Submit_pageAfterTheFirst_isOneStatementAndTheNextPageNone()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDTRIPS", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> concern
        Assert.That(p.Html, Does.Contain("name=\"c1\""));

        using var counted = new StatementCounter(App.ConnectionString);
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b")); // POST + the GET it redirects to
        Assert.That(p.Html, Does.Contain("name=\"age\""), "the next page is shown");
        Assert.That(counted.Statements, Is.EqualTo(1), "the guarded step update only: " + string.Join(" | ", counted.Texts));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(3));
        Assert.That(await CountAsync("select count(*) from page_time where step = 2 and shown_at is not null"), Is.EqualTo(1));
    }

    [Test]
    public async Task Consent_agree_theFirstPageIsShownWithoutAStatementAndItsShownTimeIsRecorded()
    {
        // A process reads its web keys once (at start, or on a new installation with its first seal): counted here is the
        // consent of a process that has them.
        var keys = App.Services.GetRequiredService<Survey.Web.Hosting.WebKeys>();
        keys.For(Survey.Web.Hosting.WebKeys.TicketSeal);
        keys.For(Survey.Web.Hosting.WebKeys.FormToken);
        using var p = NewParticipant();
        await p.GetAsync($"/s/{WebStudies.Id}?PROLIFIC_PID=PIDFIRSTPAGE&cell={WebStudies.NoDiscountPlain}");
        HttpResponseMessage consent;
        using (var enrolling = new StatementCounter(App.ConnectionString))
        {
            consent = await p.PostRawAsync(p.FormAction(), p.HiddenFields().Append(new("action", "agree")));
            // The study's state and the enrolment, which finds a returning panel id itself: in an open study without screening
            // a new panel id's consent has no match before it (ResumeTests holds what a returning one gets).
            Assert.That(enrolling.Statements, Is.EqualTo(2), string.Join(" | ", enrolling.Texts));
            Assert.That(enrolling.Texts.Last(), Does.Contain("enrol_participant"));
        }
        Assert.That(consent.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(await CountAsync("select count(*) from page_time where step = 0 and page = 'intro' and shown_at is not null and submitted_at is null"),
            Is.EqualTo(1), "the enrolment recorded the first page as shown");

        using var counted = new StatementCounter(App.ConnectionString);
        await p.GetAsync(consent.Headers.Location!.OriginalString);
        Assert.That(p.Step, Is.EqualTo(0), "the first page is shown");
        Assert.That(counted.Statements, Is.EqualTo(0), "the ticket is enough: " + string.Join(" | ", counted.Texts));
        await p.SubmitAsync("next");
        Assert.That(await CountAsync("select count(*) from page_time where step = 0 and shown_at <= submitted_at"), Is.EqualTo(1));
    }

    [Test]
    public async Task Submit_shopStepsAndTheEnd_writeInTheStepStatementAndReadTheOrderOnce()
    {
        using var p = await AtTheShopAsync("PIDSHOPTRIPS");

        // Each submission (POST and the GET it redirects to): the statements it takes, and what they say.
        async Task<int> Counted(Func<Task> submit)
        {
            using var counted = new StatementCounter(App.ConnectionString);
            await submit();
            TestContext.Out.WriteLine($"{p.Url}: {counted.Statements}: " + string.Join(" | ", counted.Texts));
            return counted.Statements;
        }
        // The step statement with the cart; the cart the form changes and the cart page shows are the ticket's.
        Assert.That(await Counted(() => p.SubmitAsync("add_to_cart")), Is.EqualTo(1), "product page");
        Assert.That(await CountAsync("select count(*) from shop_order where cart is not null and payment_method is null"), Is.EqualTo(1));
        Assert.That(await Counted(() => p.SubmitAsync("checkout")), Is.EqualTo(1), "cart page");
        // The step statement with the disclosures (the settlement's cart is the ticket's), the payment page's one read.
        Assert.That(await Counted(() => p.SubmitAsync("place_order", ValidCheckout)), Is.EqualTo(2), "checkout");
        Assert.That(p.Html, Does.Contain("value=\"pay\""));
        // The step statement with the payment and the confirmation's one read of the order (with the outcome).
        Assert.That(await Counted(() => p.SubmitAsync("pay", ("payment", "ideal"))), Is.EqualTo(2), "payment");
        Assert.That(p.Html, Does.Contain("id=\"order-number\"").And.Contain("id=\"payment-method\""), "the confirmation of an order placed");
        Assert.That(await CountAsync("select count(*) from shop_order where payment_method = 'ideal' and order_number is not null and delivery_date is not null"),
            Is.EqualTo(1));
        Assert.That(await Counted(() => p.SubmitAsync("next")), Is.EqualTo(1), "confirmation: the debrief renders from the ticket");
        // The step statement with the consent, and the end page's row read that completes the participant.
        Assert.That(await Counted(() => p.SubmitAsync("finish", ("behaviour_consent", "1"))), Is.EqualTo(2), "debrief");
        Assert.That(p.CompletionCode, Is.Not.Null.And.Not.Empty);
        Assert.That(await CountAsync("select count(*) from participant where status = 'completed' and completed_at is not null"), Is.EqualTo(1));
    }

    /// <summary>
    /// The statements of a submission carry positional parameters only ($1, ...), which Npgsql sends as they are: a
    /// named one (@x) would bring back its parse and rewrite of the text on every execution (bench/http-profile.md).
    /// </summary>
    [Test]
    public async Task Submit_everyStepFromTheIntroToTheEnd_sendsNoNamedParameter()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDPOSITIONAL", cell: WebStudies.NoDiscountPlain);
        using var counted = new StatementCounter(App.ConnectionString);
        await WalkToEndAsync(p);
        Assert.That(p.CompletionCode, Is.Not.Null.And.Not.Empty, "walked to the end");
        var texts = counted.Texts.ToList();
        Assert.That(texts, Has.Some.Contains("with moved as"), "the guarded step statements were counted");
        Assert.That(texts, Has.Some.Contains("from shop_order"), "the shop's reads were counted");
        Assert.That(texts.Where(t => t.Contains('@')), Is.Empty, "statements with a named parameter");
        Assert.That(texts, Has.All.Contains("$1"), "every statement of a submission takes the participant as $1");
    }

    [Test]
    public async Task Post_replayedShopSteps_writeNoCartAndNoSecondPayment()
    {
        using var p = await AtTheShopAsync("PIDSHOPREPLAY");
        var productCookie = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var product = p.HiddenFields().Append(new("action", "add_to_cart")).ToList();
        await p.SubmitAsync("add_to_cart");
        await p.SubmitAsync("checkout");
        await p.SubmitAsync("place_order", ValidCheckout);
        var paymentCookie = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var payment = p.HiddenFields().Concat([new("payment", "card"), new("action", "pay")]).ToList();
        await p.SubmitAsync("pay", ("payment", "ideal"));
        var cart = await OnlyAsync("select cart::text from shop_order");
        var number = await OnlyAsync("select order_number from shop_order");
        Assert.That(cart, Does.Contain("\"h\": 1"));
        var stepAfterPay = await CountAsync("select step from participant");

        // The payment form and its cookie sent again with another class; then the product page's with more of the product.
        await PostWithCookieAsync(p, paymentCookie, payment);
        await PostWithCookieAsync(p, productCookie, product.Append(new("qty_h", "3")));

        Assert.That(await OnlyAsync("select payment_method from shop_order"), Is.EqualTo("ideal"));
        Assert.That(await OnlyAsync("select order_number from shop_order"), Is.EqualTo(number));
        Assert.That(await OnlyAsync("select cart::text from shop_order"), Is.EqualTo(cart));
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(stepAfterPay));
    }

    [Test]
    public async Task Get_shopPagesWithTheCartInTheTicket_makeNoStatement()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDSHOPGETS", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        using (var entering = new StatementCounter(App.ConnectionString))
        {
            await p.SubmitAsync("next", ("age", "34"), ("remark", "fine"));
            Assert.That(p.Html, Does.Contain("value=\"add_to_cart\""));
            // The step statement, and the first shop page's read of the cart, which the ticket carries from then on.
            Assert.That(entering.Statements, Is.EqualTo(2), string.Join(" | ", entering.Texts));
        }
        foreach (var (action, page) in new[] { ("", "product"), ("add_to_cart", "cart"), ("update", "cart"), ("checkout", "checkout") })
        {
            if (action != "") await p.SubmitAsync(action, action == "update" ? [("qty_h", "2")] : []);
            using var counted = new StatementCounter(App.ConnectionString);
            Assert.That(await p.GetAsync($"/s/{WebStudies.Id}/p"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(counted.Statements, Is.Zero, $"the {page} page shown again: " + string.Join(" | ", counted.Texts));
            await AssertTicketCartIsTheDatabasesAsync(p, page, carried: true);
        }
        Assert.That(p.Html, Does.Contain("place_order"));
        Assert.That(await OnlyAsync("select cart::text from shop_order"), Does.Contain("\"h\": 2"), "the update is stored");
    }

    /// <summary>
    /// A refused POST (an old cookie of another step, a cart update after the move) leaves a ticket without a cart or
    /// with the database's; a replay at the same step is accepted (the guard lets it) and the ticket says what it stored.
    /// </summary>
    [Test]
    public async Task Post_refusedOrReplayed_leavesTheTicketsCartTheDatabases()
    {
        using var p = await AtTheShopAsync("PIDCARTTICKET");
        var productCookie = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var product = p.HiddenFields().Append(new("action", "add_to_cart")).ToList();
        await p.SubmitAsync("add_to_cart");
        var cartCookie = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var update = p.HiddenFields().Concat([new("qty_h", "4"), new("action", "update")]).ToList();
        await p.SubmitAsync("update", ("qty_h", "3"));
        await AssertTicketCartIsTheDatabasesAsync(p, "after the update", carried: true);
        Assert.That(await OnlyAsync("select cart::text from shop_order"), Does.Contain("\"h\": 3"));

        // The product page's form with its cookie again: another step, refused; the ticket is corrected from the row.
        await PostWithCookieAsync(p, productCookie, product.Append(new("qty_h", "7")));
        Assert.That(await OnlyAsync("select cart::text from shop_order"), Does.Contain("\"h\": 3"), "nothing written");
        await AssertTicketCartIsTheDatabasesAsync(p, "after the refused product form", carried: false);
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        await AssertTicketCartIsTheDatabasesAsync(p, "the cart page read again", carried: true);

        // The cart page's cookie of before the update, at the same step: the guard lets the update in; the ticket says what it stored.
        await PostWithCookieAsync(p, cartCookie, update);
        Assert.That(await OnlyAsync("select cart::text from shop_order"), Does.Contain("\"h\": 4"));
        await AssertTicketCartIsTheDatabasesAsync(p, "after the update replayed at its step", carried: true);

        // On to the checkout; then the cart page's update again: refused, the cart stays what the move stored.
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        await p.SubmitAsync("checkout");
        var stored = await OnlyAsync("select cart::text from shop_order");
        await PostWithCookieAsync(p, cartCookie, update.Select(f => f.Key == "qty_h" ? new KeyValuePair<string, string>("qty_h", "9") : f));
        Assert.That(await OnlyAsync("select cart::text from shop_order"), Is.EqualTo(stored));
        await AssertTicketCartIsTheDatabasesAsync(p, "after the update refused at the checkout", carried: false);
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Html, Does.Contain("place_order"));
        await AssertTicketCartIsTheDatabasesAsync(p, "the checkout read again", carried: true);
    }

    async Task PostWithCookieAsync(Infrastructure.ParticipantDriver p, string cookieValue, IEnumerable<KeyValuePair<string, string>> form)
    {
        p.Cookies.Add(FlowUri, new Cookie(CookieName, cookieValue, $"/s/{WebStudies.Id}"));
        Assert.That((await p.PostRawAsync(FlowUri.ToString(), form)).StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
    }

    /// <summary>The cookie's ticket carries the stored cart (carried) or none; never another.</summary>
    async Task AssertTicketCartIsTheDatabasesAsync(Infrastructure.ParticipantDriver p, string when, bool carried)
    {
        var shop = WebStudies.Flow().Shop!;
        var ticket = Seal.Open(WebStudies.Id, p.Cookies.GetCookies(FlowUri)[CookieName]!.Value)!;
        var stored = Experiment.Engine.Checkout.Cart.FromJson(shop, await OnlyAsync("select cart::text from shop_order"));
        if (!carried)
        {
            Assert.That(ticket.Cart, Is.Null, when);
            return;
        }
        Assert.That(ticket.CartIn(shop), Is.EquivalentTo(stored), when);
    }

    /// <summary>The largest cart of every seed study's shop (each product at its most) in a ticket at the largest step: a cookie far under 4 KB that reads back.</summary>
    [Test]
    public void Seal_largestCartOfEverySeedStudy_isACookieFarUnder4KB()
    {
        var shops = Directory.GetFiles(TestWebApp.SeedStudiesFolder, "*.json")
            .Select(f => Experiment.Engine.Studies.StudyFile.Load(f).Study!).Where(s => s.Shop is not null).ToList();
        Assert.That(shops.Max(s => s.Shop!.Products.Count), Is.EqualTo(5), "the largest seed shop");
        foreach (var study in shops)
        {
            var shop = study.Shop!;
            var largest = shop.Products.ToDictionary(x => x.Key, Experiment.Engine.Checkout.Cart.Max);
            var code = ParticipantTicket.CartCode(shop, largest);
            Assert.That(code, Is.Not.Null, study.Id);
            var ticket = new ParticipantTicket("p0123456789abcdef", 999_999, 99, 99, 999, "nl", true, code);
            var value = Seal.Seal(study.Id, ticket);
            var header = $"{ParticipantCookie.Name(study.Id)}={value}; max-age=5184000; path=/s/{study.Id}; secure; samesite=lax; httponly";
            Assert.That(header.Length, Is.LessThan(400), study.Id + ": " + header);
            Assert.That(Seal.Open(study.Id, value), Is.EqualTo(ticket), study.Id);
            Assert.That(Seal.Open(study.Id, value)!.CartIn(shop), Is.EquivalentTo(largest.Where(kv => kv.Value > 0)), study.Id);
        }
        var seed = shops[0].Shop!;
        var huge = seed with { Products = Enumerable.Range(0, ParticipantTicket.MaxCartProducts + 1).Select(i => seed.Products[0] with { Key = "p" + i }).ToList() };
        Assert.That(ParticipantTicket.CartCode(huge, new Dictionary<string, int> { ["p0"] = 1 }), Is.Null, "a larger shop's cart is read, not carried");
    }

    /// <summary>A new participant (the first, so block order 0: the questionnaire, then the shop) on the shop's product page.</summary>
    async Task<Infrastructure.ParticipantDriver> AtTheShopAsync(string pid)
    {
        var p = NewParticipant();
        await AgreeAsync(p, pid, cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        await p.SubmitAsync("next", ("age", "34"), ("remark", "fine"));
        Assert.That(p.Html, Does.Contain("value=\"add_to_cart\""), "the block order puts the shop after the questionnaire");
        return p;
    }

    async Task<string?> OnlyAsync(string sql)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<string?>(conn, sql);
    }

    [Test]
    public async Task Post_withAnOldCookie_writesNothingAndTheCookieIsCorrectedFromTheRow()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDOLDCOOKIE", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> concern (step 1)
        var oldCookie = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var concern = p.HiddenFields().Concat([new("c1", "5"), new("w_bsn", "0"), new("attn", "b"), new("action", "next")]).ToList();
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b")); // step 2
        Assert.That(p.Cookies.GetCookies(FlowUri)[CookieName]!.Value, Is.Not.EqualTo(oldCookie), "the ticket moved on");

        // The cookie of step 1 kept and sent again with the form of step 1: the guard refuses, nothing is written twice.
        p.Cookies.Add(FlowUri, new Cookie(CookieName, oldCookie, $"/s/{WebStudies.Id}"));
        var replay = await p.PostRawAsync(FlowUri.ToString(), concern.Select(f => f.Key == "c1" ? new KeyValuePair<string, string>("c1", "2") : f));
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(replay.Headers.Location!.OriginalString, Is.EqualTo($"/s/{WebStudies.Id}/p"));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(3));
        Assert.That(await CountAsync("select count(*) from response where item = 'c1' and value = '2'"), Is.EqualTo(0));
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(2));
        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Step, Is.EqualTo(2), "the corrected cookie shows the current page");
        Assert.That(p.Html, Does.Contain("name=\"age\""));
    }

    [Test]
    public async Task Submit_alteredCookie_answers400AndWritesNothing()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDALTERED", cell: WebStudies.NoDiscountPlain);
        var cookie = p.Cookies.GetCookies(FlowUri)[CookieName]!;
        var chars = cookie.Value.ToCharArray();
        chars[30] = chars[30] == 'A' ? 'B' : 'A';
        p.Cookies.Add(FlowUri, new Cookie(CookieName, new string(chars), cookie.Path));
        var post = await p.PostRawAsync(FlowUri.ToString(), p.HiddenFields().Append(new("action", "next")));
        Assert.That((int)post.StatusCode, Is.EqualTo(400), await post.Content.ReadAsStringAsync());
        Assert.That(await CountAsync("select step from participant"), Is.EqualTo(0));
        Assert.That(await CountAsync("select count(*) from page_time where submitted_at is not null"), Is.EqualTo(0));
    }

    [Test]
    public async Task Cookie_withTheParticipantIdOnly_continuesWhereTheRowSays()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDIDONLY", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> concern (step 1)
        var id = await OnlyParticipantIdAsync();
        // The cookie as the version before the ticket wrote it: the protected participant id alone.
        var protector = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Survey.Web.ParticipantCookie.v1", WebStudies.Id);
        p.Cookies.Add(FlowUri, new Cookie(CookieName, protector.Protect(id), $"/s/{WebStudies.Id}"));

        await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That(p.Step, Is.EqualTo(1));
        await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        Assert.That(p.Step, Is.EqualTo(2));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(3));
        var rewritten = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        Assert.That(rewritten, Does.Not.StartWith("CfDJ8"), "rewritten sealed, not in the former format");
        Assert.That(Seal.Open(WebStudies.Id, rewritten)?.Format(), Does.StartWith(id + "|"), "the cookie carries a ticket again");
    }

    [Test]
    public async Task Ticket_carriesNoAnswerNoPanelIdAndNoTypedValue()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDTICKETPRIVACY", cell: WebStudies.NoDiscountPlain);
        await WalkToEndAsync(p, stopAtDebrief: true);
        var id = await OnlyParticipantIdAsync();
        var value = p.Cookies.GetCookies(FlowUri)[CookieName]!.Value;
        var payload = Seal.Open(WebStudies.Id, value)!.Format();
        Assert.That(value, Does.Not.Contain(id), "encrypted, not only signed");
        var parts = payload.Split('|');
        Assert.That(parts, Has.Length.EqualTo(7), payload);
        Assert.That(parts[0], Is.EqualTo(id));
        Assert.That(parts[1..5], Is.All.Match("^[0-9]+$"), "version, cell, order and step are numbers");
        Assert.That(parts[5], Is.EqualTo("nl").Or.EqualTo("en"));
        Assert.That(parts[6], Is.EqualTo("0").Or.EqualTo("1"));
        foreach (var (_, typed) in ValidCheckout) Assert.That(payload, Does.Not.Contain(typed));
        Assert.That(payload, Does.Not.Contain("PIDTICKETPRIVACY"));
    }

    [TestCase("")]
    [TestCase("|")]
    [TestCase("pNOSUCHPARTICIPANT0|1|0|0|1|nl|1")]
    [TestCase("{id}|1|999|0|1|nl|1")]
    [TestCase("{id}|1|0|999|1|nl|1")]
    [TestCase("{id}|1|0|0|999|nl|1")]
    [TestCase("{id}|99|0|0|1|nl|1")]
    [TestCase("{id}|-1|0|0|1|nl|1")]
    [TestCase("{id}|1|0|0|99999999999|nl|1")]
    [TestCase("{id}|1|0|0|1||1")]
    [TestCase("{id}|1|0|0|1|nl|2")]
    [TestCase("{id}|1|0|0|1|nl|1|extra")]
    public async Task Cookie_signedButOddTicket_neverA500AndNeverAnAnswer(string payload)
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDODD", cell: WebStudies.NoDiscountPlain);
        await p.SubmitAsync("next"); // intro -> concern (step 1)
        var concern = p.HiddenFields().Concat([new("c1", "5"), new("w_bsn", "0"), new("attn", "b"), new("action", "next")]).ToList();
        var id = await OnlyParticipantIdAsync();
        var protector = App.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Survey.Web.ParticipantCookie.v1", WebStudies.Id);
        p.Cookies.Add(FlowUri, new Cookie(CookieName, protector.Protect(payload.Replace("{id}", id)), $"/s/{WebStudies.Id}"));

        var post = await p.PostRawAsync(FlowUri.ToString(), concern);
        Assert.That((int)post.StatusCode, Is.EqualTo(303).Or.EqualTo(400), await post.Content.ReadAsStringAsync());
        var status = await p.GetAsync($"/s/{WebStudies.Id}/p");
        Assert.That((int)status, Is.LessThan(500));
        // Only a ticket that names the participant at their own step may record the page, and then exactly once.
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(0).Or.EqualTo(3));
        Assert.That(await CountAsync("select count(*) from response where item = 'c1'"), Is.LessThanOrEqualTo(1));
    }

    [Test]
    public async Task WebKeys_ofARestartedInstance_areReadAtItsStartNotByItsFirstRequest()
    {
        var first = App.Services.GetRequiredService<ParticipantCookie>();
        var sample = new ParticipantTicket("p0123456789abcdef", 1, 0, 0, 2, "en", true);
        var sealedByFirst = first.Seal(WebStudies.Id, sample);   // a new installation: the first seal makes the key
        App.Services.GetRequiredService<Survey.Web.Hosting.WebKeys>().For(Survey.Web.Hosting.WebKeys.FormToken);

        await using var restarted = await TestWebApp.StartAsync(App.ConnectionString);
        string sealedAgain;
        using (var counted = new StatementCounter(App.ConnectionString))
        {
            sealedAgain = restarted.Services.GetRequiredService<ParticipantCookie>().Seal(WebStudies.Id, sample);
            restarted.Services.GetRequiredService<Survey.Web.Hosting.WebKeys>().For(Survey.Web.Hosting.WebKeys.FormToken);
            Assert.That(counted.Statements, Is.Zero, "the keys were read while it started: " + string.Join(" | ", counted.Texts));
        }
        Assert.That(restarted.Services.GetRequiredService<ParticipantCookie>().Open(WebStudies.Id, sealedByFirst), Is.EqualTo(sample));
        Assert.That(first.Open(WebStudies.Id, sealedAgain), Is.EqualTo(sample));
    }

    /// <summary>Counts the statements Npgsql sends to this test's database while it lives (the app runs in this process).</summary>
    sealed class StatementCounter : IDisposable
    {
        readonly ActivityListener listener;
        readonly string database;
        readonly System.Collections.Concurrent.ConcurrentQueue<string> texts = new();

        public StatementCounter(string connectionString)
        {
            database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    if (!a.TagObjects.Any(t => t.Value is string v && (v == database || v.Contains("Database=" + database)))) return;
                    if (a.TagObjects.FirstOrDefault(t => t.Key is "db.query.text" or "db.statement").Value is string sql) texts.Enqueue(sql);
                    else texts.Enqueue(a.DisplayName);
                },
            };
            ActivitySource.AddActivityListener(listener);
        }

        public int Statements => texts.Count;
        public IEnumerable<string> Texts => texts;

        public void Dispose() => listener.Dispose();
    }
}
