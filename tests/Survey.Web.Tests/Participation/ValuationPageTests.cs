using System.Net;
using Dapper;
using Experiment.Engine.Export;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;
using NUnit.Framework;
using Survey.Web.Participation;
using Survey.Web.Tests.Infrastructure;
using TestSupport;

namespace Survey.Web.Tests.Participation;

/// <summary>
/// The valuation seed's price list over HTTP: each frame worded as its label says with the study's data item, every
/// amount shown as the file gives it, every row required (with the questionnaire's error summary), and the answers
/// stored as given, an inconsistent list included, then scored by the export.
/// </summary>
public sealed class ValuationPageTests
{
    const string StudyId = "valuation-nl";

    /// <summary>Consent and instructions; assignment is balanced, so the first participant gets cell 0 (wta), the second cell 1 (wtp).</summary>
    static async Task<ParticipantDriver> ToListAsync(TestWebApp app, string pid, string lang)
    {
        var p = new ParticipantDriver(app.BaseUrl);
        await p.GetAsync($"/s/{StudyId}?PROLIFIC_PID={pid}&STUDY_ID=S&SESSION_ID=X{pid}&lang={lang}");
        await p.SubmitAsync("agree");
        await p.SubmitAsync("next");
        Assert.That(p.Html, Does.Contain("name=\"valuation_r1\""), "expected the price list after the instructions");
        return p;
    }

    static (string Key, string Value)[] Answers(int rows, Func<int, string> answer) =>
        Enumerable.Range(1, rows).Select(r => (PriceList.RowKey(r), answer(r))).ToArray();

    [TestCase("nl")]
    [TestCase("en")]
    public async Task Show_bothFrames_wordTheItemAlikeAndShowEveryAmountAsGiven(string lang)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        var list = study.Valuation!;
        var item = System.Net.WebUtility.HtmlEncode(list.Item.In(lang));
        foreach (var (pid, frame) in new[] { ("WTA" + lang, PriceList.Wta), ("WTP" + lang, PriceList.Wtp) })
        {
            using var p = await ToListAsync(app, pid, lang);
            var html = WebUtility.HtmlDecode(p.Html);
            var ask = Labels.Get(study, frame == PriceList.Wta ? "valuationAskWta" : "valuationAskWtp", lang);
            Assert.That(html, Does.Contain(string.Format(ask, list.Item.In(lang))), $"{frame}: the question with the data item");
            Assert.That(p.Html, Does.Contain(item));
            var (keep, money) = PriceList.Codes(frame);
            for (var row = 1; row <= list.Amounts.Count; row++)
            {
                var shown = Money.Format(list.Amounts[row - 1], list.Currency, lang);
                Assert.That(html, Does.Contain(string.Format(Labels.Get(study, "valuationAmount", lang), shown)), $"{frame} row {row}");
                Assert.That(p.Html, Does.Contain($"name=\"{PriceList.RowKey(row)}\" value=\"{keep}\"").And.Contain($"name=\"{PriceList.RowKey(row)}\" value=\"{money}\""));
                var moneyText = frame == PriceList.Wta ? string.Format(Labels.Get(study, "valuationSell", lang), shown) : Labels.Get(study, "valuationShare", lang);
                var privateText = frame == PriceList.Wta ? Labels.Get(study, "valuationKeep", lang) : string.Format(Labels.Get(study, "valuationPay", lang), shown);
                Assert.That(html, Does.Contain(privateText).And.Contain(moneyText), $"{frame} row {row}");
            }
            // The other frame's answers never appear.
            var other = PriceList.Codes(frame == PriceList.Wta ? PriceList.Wtp : PriceList.Wta);
            Assert.That(p.Html, Does.Not.Contain($"value=\"{other.Private}\"").And.Not.Contain($"value=\"{other.Money}\""));
        }
        // The seed's amounts in Dutch and English notation.
        using var again = await ToListAsync(app, "FMT" + lang, lang);
        Assert.That(WebUtility.HtmlDecode(again.Html), Does.Contain(lang == "nl" ? "€ 0,25" : "€0.25").And.Contain(lang == "nl" ? "€ 1,50" : "€1.50"));
    }

    [Test]
    public async Task Submit_rowsLeftOpen_showsTheErrorSummaryNamingThemAndKeepsTheAnswers()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToListAsync(app, "OPEN1", "en");
        var rows = study.Valuation!.Amounts.Count;

        var status = await p.SubmitAsync("next", Answers(rows - 2, _ => "keep"));

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(p.Html, Does.Contain("id=\"error-summary\""));
        foreach (var row in new[] { rows - 1, rows })
        {
            Assert.That(p.Html, Does.Contain($"<a href=\"#field-{PriceList.RowKey(row)}\">"), $"summary links row {row}");
            Assert.That(p.Html, Does.Contain($"id=\"err-{PriceList.RowKey(row)}\""));
        }
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain("Amount: €15.00 – Choose an answer for this amount."));
        Assert.That(p.Html, Does.Contain("value=\"keep\" checked=\"checked\""), "answered rows stay answered");
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response"), Is.Zero);
    }

    [Test]
    public async Task Submit_otherFramesCode_isRefusedAndNothingIsStored()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToListAsync(app, "ODD1", "nl");   // wta

        await p.SubmitAsync("next", Answers(study.Valuation!.Amounts.Count, r => r == 3 ? "pay" : "keep"));

        Assert.That(p.Html, Does.Contain($"id=\"err-{PriceList.RowKey(3)}\""));
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain(Labels.Get(study, "invalidChoice", "nl")));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from response"), Is.Zero);
    }

    [Test]
    public async Task Submit_consistentAndInconsistentLists_areStoredAsGivenAndScoredByTheExport()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        var amounts = study.Valuation!.Amounts;
        var rows = amounts.Count;
        // wta: keeps up to row 5, sells from row 6; wtp: pays, shares, pays again from row 4 on (two switches).
        using (var wta = await ToListAsync(app, "SCORE1", "nl"))
            await wta.SubmitAsync("next", Answers(rows, r => r <= 5 ? "keep" : "sell"));
        using (var wtp = await ToListAsync(app, "SCORE2", "nl"))
            await wtp.SubmitAsync("next", Answers(rows, r => r is 2 or 3 ? "share" : "pay"));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var stored = (await conn.QueryAsync<(string Pid, string Page, string Item, string Value)>(
            "select x.panel_participant_id, r.page, r.item, r.value from response r join panel_id x using (participant_id)")).ToList();
        Assert.That(stored, Has.Count.EqualTo(2 * rows));
        Assert.That(stored.Where(s => s.Pid == "SCORE2" && s.Item == PriceList.RowKey(2)).Single().Value, Is.EqualTo("share"));
        Assert.That(stored.Select(s => s.Page).Distinct(), Is.EqualTo(new[] { PriceList.StepName }));

        var dir = Directory.CreateTempSubdirectory("ppl-valuation-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            var participants = CsvTable.Read(Path.Combine(dir, "participants.csv"));
            var ids = (await conn.QueryAsync<(string Pid, string Id)>("select panel_participant_id, participant_id from panel_id")).ToDictionary(x => x.Pid, x => x.Id);
            var a = participants.Row(ids["SCORE1"]);
            Assert.That((a["valuation_frame"], a["valuation_switch_row"], a["valuation_switches"], a["valuation_value"], a["valuation_censored"], a["valuation_consistent"]),
                Is.EqualTo(("wta", "6", "1", ((double)((amounts[4] + amounts[5]) / 2)).ToString(System.Globalization.CultureInfo.InvariantCulture), "", "1")));
            var b = participants.Row(ids["SCORE2"]);
            Assert.That((b["valuation_frame"], b["valuation_switch_row"], b["valuation_switches"], b["valuation_value"], b["valuation_censored"], b["valuation_consistent"]),
                Is.EqualTo(("wtp", "2", "2", "", "", "0")));
            var codebook = CsvTable.Read(Path.Combine(dir, "codebook.csv"));
            Assert.That(codebook.Rows.Where(r => r["file"] == "participants.csv").Select(r => r["column"]),
                Is.SupersetOf(new[] { "valuation_frame", "valuation_switch_row", "valuation_switches", "valuation_value", "valuation_censored", "valuation_consistent" }));
            Assert.That(participants.Header.Where(h => h.StartsWith("valuation_")).ToList(), Has.Count.EqualTo(6), "the rows stay in responses.csv");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Finish_useOfTheChoicesRefused_leavesThePriceListOutOfTheExport()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, StudyId))!.Value.Study;
        using var p = await ToListAsync(app, "REFUSE1", "nl");
        await p.SubmitAsync("next", Answers(study.Valuation!.Amounts.Count, r => r <= 3 ? "keep" : "sell"));
        var page = study.Pages.Single();
        await p.SubmitAsync("next", page.Items.Select(i => (i.Key, i.Expected ?? (i.Type == ItemTypes.Choice ? i.Options![0].Code : "4"))).ToArray());
        // The seed asks about the choices in the list, not about a shop it does not have.
        Assert.That(WebUtility.HtmlDecode(p.Html), Does.Contain("Mogen wij uw keuzes in de lijst met bedragen gebruiken voor het onderzoek?"));
        await p.SubmitAsync("finish", (DebriefQuestion.Key, "0"));

        var dir = Directory.CreateTempSubdirectory("ppl-valuation-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(app.DataSource, StudyId, dir, TimeProvider.System);
            var row = CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.Single();
            Assert.That(row["behaviour_consent"], Is.EqualTo("0"));
            Assert.That(row["valuation_frame"], Is.EqualTo("wta"), "the frame is the assignment, which stays");
            Assert.That(new[] { "valuation_switch_row", "valuation_switches", "valuation_value", "valuation_censored", "valuation_consistent" }.Select(c => row[c]),
                Is.All.Empty);
            var responses = CsvTable.Read(Path.Combine(dir, "responses.csv")).Rows;
            Assert.That(responses.Select(r => r["page"]), Is.Not.Empty.And.No.EqualTo(PriceList.StepName));
        }
        finally { Directory.Delete(dir, true); }
    }
}
