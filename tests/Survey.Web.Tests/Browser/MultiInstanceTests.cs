using Microsoft.Playwright;
using NUnit.Framework;
using Survey.Web.Tests.Browser.Pages;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Must show 6: two Survey.Web instances on one database, and a participant whose page requests alternate
/// between them (as behind a load balancer without sticky sessions) completes with the right rows. Every
/// second page load and every second form post to the first instance is sent to the second instead,
/// with the same cookie jar: both listen on 127.0.0.1, and cookies ignore the port.
/// </summary>
[TestFixture]
public sealed class MultiInstanceTests : BrowserTest
{
    [Test]
    public async Task Requests_alternating_between_two_instances_on_one_database_complete_the_study()
    {
        await using var second = await TestWebApp.StartAsync(App.ConnectionString);
        var context = await NewContextAsync();
        var first = new Uri(App.BaseUrl);
        var other = new Uri(second.BaseUrl);
        Assert.That(other.Port, Is.Not.EqualTo(first.Port));
        var served = new List<(string Instance, string Method)>();
        int gets = 0, posts = 0;
        await context.RouteAsync("**/*", async route =>
        {
            var request = route.Request;
            var url = new Uri(request.Url);
            if (request.ResourceType != "document" || url.Port != first.Port)
            {
                await route.FallbackAsync();
                return;
            }
            // GETs start on the first instance and POSTs on the second, so every form is rendered by one
            // instance (antiforgery token, cookie) and posted to the other.
            var toFirst = request.Method == "POST" ? posts++ % 2 == 1 : gets++ % 2 == 0;
            if (toFirst)
            {
                served.Add(("first", request.Method));
                await route.ContinueAsync();
                return;
            }
            served.Add(("second", request.Method));
            var rewritten = new UriBuilder(url) { Port = other.Port }.Uri.ToString();
            // No redirect following here: the browser must see a redirect itself, so that its next request
            // goes through this router again and lands on the other instance.
            var response = await route.FetchAsync(new RouteFetchOptions { Url = rewritten, MaxRedirects = 0 });
            await route.FulfillAsync(new RouteFulfillOptions { Response = response });
        });
        var page = await context.NewPageAsync();
        var errors = WatchServerErrors(page);
        var plan = new ParticipantPlan { PanelId = "two-instances-1", Language = "en", Checkout = ParticipantPlan.Disclose("income", "employer") };

        var walk = await Bot(page).WalkAsync(plan);

        Assert.That(walk.Finished, Is.True, walk.Pages[^1].Url);
        await ExpectedRows.AssertCompletedAsync(App.DataSource, Study, plan, walk);
        Assert.Multiple(() =>
        {
            Assert.That(errors, Is.Empty);
            Assert.That(served.Count(s => s is ("second", "POST")), Is.GreaterThanOrEqualTo(5), "the second instance took form posts");
            Assert.That(served.Count(s => s is ("first", "POST")), Is.GreaterThanOrEqualTo(5), "the first instance took form posts");
            Assert.That(served.Count(s => s is ("second", "GET")), Is.GreaterThanOrEqualTo(5), "the second instance rendered pages");
        });
    }
}
