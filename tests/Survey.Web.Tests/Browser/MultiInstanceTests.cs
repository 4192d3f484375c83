using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Must show 6: two Survey.Web instances on one database, and a participant whose requests alternate between
/// them (as behind a load balancer without sticky sessions) completes with the right rows. Before each page is
/// answered the bot reloads it from the other instance by rewriting the port of the current URL, so each page's
/// form (antiforgery token, cookie) is rendered and posted by a different process than the page before. Both
/// listen on 127.0.0.1 and cookies ignore the port, so the cookie jar is shared.
/// </summary>
[TestFixture]
public sealed class MultiInstanceTests : BrowserTest
{
    [Test]
    public async Task Requests_alternatingBetweenTwoInstancesOnOneDatabase_completeTheStudy()
    {
        await using var second = await TestWebApp.StartAsync(App.ConnectionString, null, Clock);
        var ports = new[] { new Uri(App.BaseUrl).Port, new Uri(second.BaseUrl).Port };
        Assert.That(ports[1], Is.Not.EqualTo(ports[0]));
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        var pagesOn = new int[2];
        var n = 0;
        var bot = Bot(page, async (_, p) =>
        {
            var target = n++ % 2;
            pagesOn[target]++;
            var url = new UriBuilder(p.Url) { Port = ports[target] }.Uri.ToString();
            if (url != p.Url) await p.GotoAsync(url);
        });
        var plan = new ParticipantPlan { PanelId = "two-instances-1", Language = "en", Checkout = ParticipantPlan.Disclose("income", "employer") };

        var walk = await bot.WalkAsync(plan);

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk, fullWalk: false);
        int Posts(TestWebApp app) => app.LogLines.Count(l => l.Contains($"{Survey.Web.Hosting.PrivateLogging.RequestCategory}: POST ", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(pagesOn.Sum(), Is.EqualTo(walk.Pages.Count - 1), "every answered page was moved");
            Assert.That(pagesOn[0] - pagesOn[1], Is.InRange(0, 1), "pages answered on each instance alternate");
            Assert.That(Posts(App), Is.EqualTo(pagesOn[0]), "form posts the first instance served");
            Assert.That(Posts(second), Is.EqualTo(pagesOn[1]), "form posts the second instance served");
        });
    }
}
