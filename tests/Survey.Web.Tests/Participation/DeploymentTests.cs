using System.Net;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>Several processes on one database, privacy of typed values, and the enrolment rate limit.</summary>
public sealed class DeploymentTests : FlowTestBase
{
    [Test]
    public async Task Participant_alternatingBetweenTwoAppInstances_completes()
    {
        await using var second = await TestWebApp.StartAsync(App.ConnectionString);
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDTWO");
        var apps = new[] { App.BaseUrl, second.BaseUrl };
        for (var i = 0; !p.Html.Contains("id=\"completion-code\"") && i < 30; i++)
        {
            p.BaseUrl = apps[i % 2]; // the next POST and its redirect go to the other process
            var html = p.Html;
            if (html.Contains("value=\"finish\"")) await p.SubmitAsync("finish", ("behaviour_consent", "1"));
            else if (html.Contains("value=\"place_order\"")) await p.SubmitAsync("place_order", ValidCheckout);
            else if (html.Contains("value=\"add_to_cart\"")) await p.SubmitAsync("add_to_cart");
            else if (html.Contains("value=\"pay\"")) await p.SubmitAsync("pay", ("payment", "ideal"));
            else if (html.Contains("value=\"checkout\"")) await p.SubmitAsync("checkout");
            else if (html.Contains("name=\"c1\"")) await p.SubmitAsync("next", ("c1", "3"), ("w_bsn", "1"), ("attn", "b"));
            else if (html.Contains("name=\"age\"")) await p.SubmitAsync("next", ("age", "50"));
            else await p.SubmitAsync("next");
            Assert.That(p.LastResponse!.StatusCode, Is.EqualTo(HttpStatusCode.OK), p.Html);
        }
        Assert.That(p.CompletionCode, Is.EqualTo("WEBDONE1"));
        Assert.That(await CountAsync("select count(*) from participant where status = 'completed'"), Is.EqualTo(1));
        Assert.That(await CountAsync("select count(*) from response"), Is.EqualTo(4));
    }

    [Test]
    public async Task TypedCheckoutValues_distinctive_areNowhereInDatabaseDumpOrLogs()
    {
        string[] typed = ["Zwaluwstaart Qxyzzy", "Kievitlaan 987 Plopsadorp", "qxyzzy.kievit@example.org", "1967-03-21",
                          "06-98765431", "123456782", "vriend.qxyzzy@example.org, ander.qxyzzy@example.org"];
        using var p = NewParticipant();
        await AgreeAsync(p, "PIDPRIVACY", WebStudies.DiscountSalient);
        while (!p.Html.Contains("value=\"place_order\"")) await p.SubmitAsync("next", ("c1", "4"), ("w_bsn", "1"), ("attn", "b"), ("age", "40"));
        // First an invalid order (no e-mail): the values come back in that one response, and must go no further.
        await p.SubmitAsync("place_order", ("f_name", typed[0]), ("f_address", typed[1]), ("f_birthdate", typed[3]), ("f_mobile", typed[4]),
            ("f_bsn", typed[5]), ("f_friends", typed[6]));
        Assert.That(p.Html, Does.Contain(typed[5]));
        await p.SubmitAsync("place_order", ("f_name", typed[0]), ("f_address", typed[1]), ("f_email", typed[2]), ("f_birthdate", typed[3]),
            ("f_mobile", typed[4]), ("f_bsn", typed[5]), ("f_friends", typed[6]), ("f_adhd", "yes"));
        await WalkToEndAsync(p);
        Assert.That(await CountAsync("select count(*) from disclosure where disclosed"), Is.EqualTo(8));
        Assert.That(await CountAsync("select list_count from disclosure where field = 'friends'"), Is.EqualTo(2));

        var dump = await App.DumpDatabaseAsync();
        Assert.That(dump, Does.Contain("PIDPRIVACY"), "the dump is real: it holds the panel id");
        var logs = string.Join('\n', App.LogLines);
        Assert.That(logs, Does.Contain("submitted step"), "the log capture is real");
        foreach (var value in typed.Concat(["Qxyzzy", "qxyzzy", "98765431", "Plopsadorp"]))
        {
            Assert.That(dump, Does.Not.Contain(value), "database dump");
            Assert.That(logs, Does.Not.Contain(value), "log lines");
        }
    }

    [Test]
    public async Task Enrolments_abovePerAddressLimit_getAFriendly429()
    {
        await using var limited = await TestWebApp.StartAsync(App.ConnectionString,
            new Dictionary<string, string?> { ["Enrolment:PerAddressPerMinute"] = "2" });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var p = new ParticipantDriver(limited.BaseUrl, "en");
            await p.GetAsync($"/s/{WebStudies.Id}");
            statuses.Add(await p.SubmitAsync("agree"));
            if (i == 2) Assert.That(p.Html, Does.Contain("Too many sign-ups"));
        }
        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That(await CountAsync("select count(*) from participant"), Is.EqualTo(2));
    }
}
