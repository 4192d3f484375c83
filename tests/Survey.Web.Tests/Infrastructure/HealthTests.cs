using System.Net;
using NUnit.Framework;

namespace Survey.Web.Tests.Infrastructure;

public sealed class HealthTests
{
    [Test]
    public async Task Healthz_withDatabase_returns200Ok()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = new HttpClient();
        var response = await http.GetAsync(app.BaseUrl + "/healthz");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Healthz_databaseGone_returns503()
    {
        await using var app = await TestWebApp.StartAsync();
        // A second app pointed at a database that does not exist on the same server.
        var missing = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "no_such_db_" + Guid.NewGuid().ToString("N")[..8] };
        await using var broken = await TestWebApp.StartAsync(missing.ConnectionString);
        using var http = new HttpClient();
        var response = await http.GetAsync(broken.BaseUrl + "/healthz");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    [Test]
    public async Task UnknownPath_requested_returnsFriendly404WithSecurityHeaders()
    {
        await using var app = await TestWebApp.StartAsync();
        using var http = new HttpClient();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("nl");
        var response = await http.GetAsync(app.BaseUrl + "/nothing-here");
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(html, Does.Contain("<html lang=\"nl\">").And.Contain("bestaat niet"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("script-src 'self'").And.Not.Contain("unsafe-inline"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
    }
}
