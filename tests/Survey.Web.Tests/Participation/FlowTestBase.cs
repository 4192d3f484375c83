using Dapper;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>A fresh app and database per test, with WebStudies.Flow imported, and a bot that walks its pages.</summary>
public abstract class FlowTestBase
{
    protected TestWebApp App { get; private set; } = null!;

    [SetUp]
    public async Task StartApp()
    {
        App = await TestWebApp.StartAsync();
        await App.ImportStudyAsync(WebStudies.Flow());
    }

    [TearDown]
    public async Task StopApp() => await App.DisposeAsync();

    protected ParticipantDriver NewParticipant(string? acceptLanguage = null) => new(App.BaseUrl, acceptLanguage);

    protected static readonly (string, string)[] ValidCheckout =
        [("f_name", "Jan Jansen"), ("f_address", "Dorpsstraat 1, Utrecht"), ("f_email", "jan@example.nl")];

    /// <summary>Consents (optionally with a panel id and forced cell) and returns on the first page after consent.</summary>
    protected static async Task AgreeAsync(ParticipantDriver p, string? pid = null, int? cell = null, string? lang = null, string? session = null)
    {
        var query = new List<string>();
        if (pid is not null) query.Add("PROLIFIC_PID=" + pid);
        if (session is not null) query.Add("SESSION_ID=" + session);
        if (cell is not null) query.Add("cell=" + cell);
        if (lang is not null) query.Add("lang=" + lang);
        await p.GetAsync($"/s/{WebStudies.Id}" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        Assert.That(p.Html, Does.Contain("value=\"agree\""), "expected the consent page");
        await p.SubmitAsync("agree");
    }

    /// <summary>Walks from the current page to the end page, answering every page validly (each page shown to onPage).</summary>
    protected static async Task WalkToEndAsync(ParticipantDriver p, (string, string)[]? checkout = null, bool stopAtDebrief = false, Action<string>? onPage = null)
    {
        for (var guard = 0; guard < 30; guard++)
        {
            var html = p.Html;
            onPage?.Invoke(html);
            if (html.Contains("id=\"completion-code\"")) return;
            if (html.Contains("value=\"finish\""))
            {
                if (stopAtDebrief) return;
                await p.SubmitAsync("finish", ("behaviour_consent", "1"));
            }
            else if (html.Contains("value=\"place_order\"")) await p.SubmitAsync("place_order", checkout ?? ValidCheckout);
            else if (html.Contains("value=\"add_to_cart\"")) await p.SubmitAsync("add_to_cart");
            else if (html.Contains("value=\"pay\"")) await p.SubmitAsync("pay", ("payment", "ideal"));
            else if (html.Contains("value=\"checkout\"")) await p.SubmitAsync("checkout");
            else if (html.Contains("name=\"c1\"")) await p.SubmitAsync("next", ("c1", "5"), ("w_bsn", "0"), ("attn", "b"));
            else if (html.Contains("name=\"age\"")) await p.SubmitAsync("next", ("age", "34"), ("remark", "fine"));
            else if (html.Contains("value=\"next\"")) await p.SubmitAsync("next");
            else Assert.Fail("Unknown page at " + p.Url + ":\n" + html);
        }
        Assert.Fail("Did not reach the end page");
    }

    protected async Task<long> CountAsync(string sql, object? args = null)
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql, args);
    }

    protected async Task<string> OnlyParticipantIdAsync()
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return await conn.QuerySingleAsync<string>("select id from participant where study_id = @Id", new { WebStudies.Id });
    }
}
