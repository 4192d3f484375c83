using System.Net;
using Dapper;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

public sealed class CompletionTests : FlowTestBase
{
    [Test]
    public async Task Participants_inBothBlockOrders_completeWithExactlyTheExpectedRows()
    {
        foreach (var pid in new[] { "PIDORDERA", "PIDORDERB" })
        {
            using var p = NewParticipant();
            await AgreeAsync(p, pid);
            await WalkToEndAsync(p);
            Assert.That(p.CompletionCode, Is.EqualTo("WEBDONE1"));
        }

        await using var conn = await App.DataSource.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(string Id, int OrderIdx, string Status, bool? AttentionPassed, string CheckoutOutcome, bool? BehaviourConsent, int Step)>(
            "select id, order_idx, status, attention_passed, checkout_outcome, behaviour_consent, step from participant order by order_idx")).ToList();
        Assert.That(rows.Select(r => r.OrderIdx), Is.EqualTo(new[] { 0, 1 }), "the two participants get the two block orders");
        foreach (var r in rows)
        {
            Assert.That((r.Status, r.AttentionPassed, r.CheckoutOutcome, r.BehaviourConsent), Is.EqualTo(("completed", (bool?)true, "ordered", (bool?)true)));
            // intro, concern, about, 5 shop pages (product, cart, checkout, payment, confirmation), debrief, end = 10
            // steps; the last one is the end page.
            Assert.That(r.Step, Is.EqualTo(9));
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response where participant_id = @Id", new { r.Id }), Is.EqualTo(5));
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure where participant_id = @Id", new { r.Id }), Is.EqualTo(8));
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from page_time where participant_id = @Id and submitted_at >= shown_at", new { r.Id }), Is.EqualTo(9));
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from page_time where participant_id = @Id and submitted_at is null and page = 'end'", new { r.Id }), Is.EqualTo(1));
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from panel_id where participant_id = @Id", new { r.Id }), Is.EqualTo(1));
        }
        var state = await conn.QuerySingleAsync<(long Entered, long Declined)>("select entered, declined from study_state where study_id = 'webflow'");
        Assert.That(state, Is.EqualTo((2L, 0L)));
    }

    [Test]
    public async Task Checkout_withoutJavaScript_chargesCappedDiscountOnConfirmation()
    {
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDTOTAL", WebStudies.DiscountSalient);
        while (!p.Html.Contains("value=\"place_order\"")) await WalkOneAsync(p);
        Assert.That(p.OrderTotalAmount, Is.EqualTo("49.95"), "nothing filled yet");
        Assert.That(p.Html, Does.Contain("data-offer-pct=\"15\"").And.Contain("notice-salient"));
        // 5 + 10 + 15 = 30% offered, capped at 25%: 49.95 * 0.75 = 37.4625 -> 37.46
        await p.SubmitAsync("place_order", [.. ValidCheckout, ("f_birthdate", "1990-05-04"), ("f_mobile", "0612345679"), ("f_bsn", "111222333")]);
        Assert.That(p.Html, Does.Contain("€ 37,46"));
        await using var conn = await App.DataSource.OpenConnectionAsync();
        var rows = (await conn.QueryAsync<(string Field, decimal OfferPct, bool Disclosed, bool? Plausible, int? TimeOnFieldMs)>(
            "select field, offer_pct, disclosed, plausible, time_on_field_ms from disclosure order by field")).ToDictionary(r => r.Field);
        Assert.That(rows["bsn"], Is.EqualTo(("bsn", 15m, true, (bool?)true, (int?)null)));
        Assert.That(rows["friends"], Is.EqualTo(("friends", 5m, false, (bool?)null, (int?)null)));
        Assert.That(rows["mobile"].Disclosed, Is.True);
    }

    [Test]
    public async Task Shop_left_recordsNothingDisclosedAndSaysSo()
    {
        using var p = NewParticipant("en");
        await AgreeAsync(p, "PIDLEAVE", WebStudies.DiscountPlain);
        while (!p.Html.Contains("value=\"place_order\"")) await WalkOneAsync(p);
        Assert.That(p.Html, Does.Contain("notice-plain"));
        await p.SubmitAsync("leave_shop", ("f_bsn", "111222333"), ("t_bsn", "1500"));
        Assert.That(p.Html, Does.Contain("You left the shop."));
        Assert.That(await CountAsync("select count(*) from disclosure where disclosed"), Is.EqualTo(0));
        Assert.That(await CountAsync("select count(*) from disclosure where field = 'bsn' and time_on_field_ms = 1500"), Is.EqualTo(1));
        Assert.That(await CountAsync("select count(*) from participant where checkout_outcome = 'left_shop'"), Is.EqualTo(1));
    }

    [Test]
    public async Task End_withCompletionUrl_redirectsToThePanelWithTheCode()
    {
        await App.ImportStudyAsync(WebStudies.Flow("webredirect", "https://panel.example/done?cc={code}"));
        using var p = NewParticipant();
        await p.GetAsync("/s/webredirect?PROLIFIC_PID=PIDREDIRECT");
        await p.SubmitAsync("agree");
        await WalkToEndAsync(p, stopAtDebrief: true);
        var status = await p.SubmitAsync("finish", ("behaviour_consent", "0"));
        Assert.That(status, Is.EqualTo(HttpStatusCode.SeeOther));
        Assert.That(p.Url, Is.EqualTo("https://panel.example/done?cc=WEBDONE1"));
        Assert.That(await CountAsync("select count(*) from participant where status = 'completed'"), Is.EqualTo(1));
    }

    [Test]
    public async Task LanguageLink_clicked_switchesPageAndStoresParticipantLanguage()
    {
        using var p = NewParticipant();
        await AgreeAsync(p);
        Assert.That(p.Html, Does.Contain("<html lang=\"nl\">").And.Contain("hreflang=\"en\""));
        await p.GetAsync($"/s/{WebStudies.Id}/p?lang=en");
        Assert.That(p.Html, Does.Contain("<html lang=\"en\">").And.Contain("Instructions."));
        Assert.That(await CountAsync("select count(*) from participant where language = 'en'"), Is.EqualTo(1));
    }

    static async Task WalkOneAsync(ParticipantDriver p)
    {
        var html = p.Html;
        if (html.Contains("value=\"add_to_cart\"")) await p.SubmitAsync("add_to_cart");
        else if (html.Contains("value=\"pay\"")) await p.SubmitAsync("pay", ("payment", "ideal"));
        else if (html.Contains("value=\"checkout\"")) await p.SubmitAsync("checkout");
        else if (html.Contains("name=\"c1\"")) await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
        else if (html.Contains("name=\"age\"")) await p.SubmitAsync("next", ("age", "34"));
        else await p.SubmitAsync("next");
    }
}
