using Dapper;
using Experiment.Engine.Studies;
using Microsoft.Playwright;
using NUnit.Framework;
using TestSupport;

namespace Survey.Web.Tests.Browser;

/// <summary>
/// Issue 15: "screened out by a rule". The study's screening question is asked with the consent; an answer the study
/// does not allow ends the visit with the screened-out code, sent to the panel as the other outcomes are, and
/// stores nothing about the person (only the study's screened-out count). The panel's host does not resolve here,
/// so the navigation there is captured, not followed (as in OutcomeCodeTests).
/// </summary>
[TestFixture]
public sealed class ScreeningTests : BrowserTest
{
    const string Prolific = "https://app.prolific.com/submissions/complete?cc=";

    static Text T(string nl, string en) => new() { ["nl"] = nl, ["en"] = en };

    [SetUp]
    public async Task ImportVersionWithScreening()
    {
        var screened = Study with
        {
            Version = Study.Version + 1,
            Panel = Study.Panel! with { OutcomeCodes = new() { ScreenedOut = "SCREENED1" } },
            Screening = new Screening
            {
                Question = T("Bent u 18 jaar of ouder?", "Are you 18 or older?"),
                Options = [new() { Code = "adult", Text = T("Ja", "Yes") }, new() { Code = "minor", Text = T("Nee", "No") }],
                Allowed = ["adult"],
                ScreenedOut = T("Dit onderzoek is alleen voor volwassenen. Bedankt voor uw interesse.",
                    "This study is for adults only. Thank you for your interest."),
            },
        };
        Assert.That((await StudyImport.ImportAsync(App.DataSource, screened)).Outcome, Is.EqualTo(ImportOutcome.Imported));
    }

    async Task<(long Participants, long ScreenedOut)> CountsAsync()
    {
        await using var conn = await App.DataSource.OpenConnectionAsync();
        return await conn.QuerySingleAsync<(long, long)>(
            "select (select count(*) from participant where study_id = @SeedStudy), (select screened_out from study_state where study_id = @SeedStudy)",
            new { SeedStudy });
    }

    [Test]
    public async Task Preview_answerNotAllowed_showsTheScreenedOutPageAndCountsNothing()
    {
        var console = await SignedInAsync();
        var errors = WatchServerErrors(console);
        await console.GotoAsync(App.BaseUrl + $"/researcher/studies/{SeedStudy}/preview");
        await console.SelectOptionAsync("#preview-lang", "en");
        await console.ClickAsync("button:has-text('Start the preview')");
        await console.WaitForURLAsync(App.BaseUrl + $"/s/{SeedStudy}");
        var before = await CountsAsync();

        var question = await console.Locator("main").InnerTextAsync();
        await console.CheckAsync("input[name=screening][value=minor]");
        await console.ClickAsync("button[name=action][value=agree]");
        var text = await console.Locator("main").InnerTextAsync();

        Assert.That(question, Does.Contain("Are you 18 or older?"), "the screening question, with the consent, as participants see it");
        Assert.That(text, Does.Contain("This study is for adults only.").And.Contain("SCREENED1"), "what a screened-out participant sees");
        Assert.That(await CountsAsync(), Is.EqualTo(before), "a preview is neither an entry nor a screened-out count");
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task Consent_answerNotAllowed_redirectsToThePanelWithTheScreenedOutCodeAndStoresNobody()
    {
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        await page.GotoAsync($"{App.BaseUrl}/s/{SeedStudy}?lang=en&PROLIFIC_PID=scr-out-1");
        await page.CheckAsync("input[name=screening][value=minor]");
        await page.ClickAsync("button[name=action][value=agree]");
        var text = await page.Locator("main").InnerTextAsync();
        var link = page.Locator("a.button-link");
        var href = await link.GetAttributeAsync("href");
        var request = page.WaitForRequestAsync(r => r.Url.StartsWith(Prolific, StringComparison.Ordinal));
        try { await link.ClickAsync(); }
        catch (PlaywrightException) { } // the panel's host does not resolve here; the request is what counts
        var followed = (await request).Url;
        var counts = await CountsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Unfortunately, you cannot take part").And.Contain("This study is for adults only."));
            Assert.That(text, Does.Contain("SCREENED1"), "the code is shown too");
            Assert.That(href, Is.EqualTo(Prolific + "SCREENED1"));
            Assert.That(followed, Is.EqualTo(Prolific + "SCREENED1"), "the browser goes to the panel with its own code");
            Assert.That(counts, Is.EqualTo((0L, 1L)), "nobody enrolled; one screened out");
            Assert.That(errors, Is.Empty);
        });
    }

    [Test]
    public async Task Consent_noAnswerThenAllowedAnswer_asksAgainThenEnrols()
    {
        var page = await NewPageAsync();
        var errors = WatchServerErrors(page);
        await page.GotoAsync($"{App.BaseUrl}/s/{SeedStudy}?lang=nl&PROLIFIC_PID=scr-again-1&SESSION_ID=sess-scr-1");
        await page.ClickAsync("button[name=action][value=agree]");
        var error = await page.Locator("#err-screening").InnerTextAsync();
        var afterNoAnswer = await CountsAsync();
        var axe = await BrowserChecks.AxeViolationsAsync(page);

        await page.CheckAsync("input[name=screening][value=adult]");
        await page.ClickAsync("button[name=action][value=agree]");
        await page.WaitForURLAsync(url => url.Contains($"/s/{SeedStudy}/p", StringComparison.Ordinal));
        await using var conn = await App.DataSource.OpenConnectionAsync();
        var panelIds = await conn.QueryAsync<string>(
            "select panel_participant_id from panel_id where study_id = @SeedStudy", new { SeedStudy });
        var counts = await CountsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("Beantwoord deze vraag om mee te kunnen doen."));
            Assert.That(afterNoAnswer, Is.EqualTo((0L, 0L)), "no answer: nothing stored, nobody screened out");
            Assert.That(axe, Is.Empty, "the consent page with the question marked");
            Assert.That(counts, Is.EqualTo((1L, 0L)), "the allowed answer enrols");
            Assert.That(panelIds, Is.EqualTo(new[] { "scr-again-1" }), "the panel id survived the page shown again");
            Assert.That(errors, Is.Empty);
        });
    }
}
