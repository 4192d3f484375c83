using System.IO.Compression;
using System.Net;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Researcher;

namespace Survey.Web.Tests.Simulation;

/// <summary>The bots of `simulate --via http` complete the valuation seed in every cell, each row of the price list stored once.</summary>
public sealed class ValuationBotTests
{
    [TestCase("valuation-nl")]
    [TestCase("valuation-en")]
    public async Task RunAsync_valuationSeed_completesEveryCellAndStoresEachRowOnce(string seedStudy)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, seedStudy))!.Value.Study;
        var cells = StudyDesign.Cells(study).Count;
        var bots = 4 * cells;
        var noDropout = new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0 };

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 4, TimeSpan.FromMinutes(3), seed: 5, noDropout);

        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That(result.Completed, Is.EqualTo(bots));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var perCell = (await conn.QueryAsync<(int Cell, long N)>(
            "select cell_idx, count(*) from participant where study_id = @SeedStudy and status = 'completed' group by 1 order by 1", new { SeedStudy = seedStudy })).ToList();
        Assert.That(perCell, Is.EqualTo(Enumerable.Range(0, cells).Select(c => (c, (long)(bots / cells)))));

        var stored = (await conn.QueryAsync<(string Pid, string Item, string Value)>(
            "select x.panel_participant_id, r.item, r.value from response r join panel_id x using (participant_id) join participant p on p.id = r.participant_id where p.study_id = @SeedStudy", new { SeedStudy = seedStudy })).ToList();
        var submitted = result.Sessions.SelectMany(s => s.Answers.Select(a => (s.PanelParticipantId, a.Item, a.Value))).ToList();
        Assert.That(stored, Is.EquivalentTo(submitted));
        var rows = study.Valuation!.Amounts.Count;
        foreach (var s in result.Sessions)
            Assert.That(s.Answers.Count(a => a.Item.StartsWith(PriceList.KeyPrefix)), Is.EqualTo(rows), s.PanelParticipantId);
        // Each bot answered in its own frame's codes: keep/sell in cell 0 (wta), pay/share in cell 1 (wtp).
        var codes = (await conn.QueryAsync<(int Cell, string Value)>(
            "select distinct p.cell_idx, r.value from response r join participant p on p.id = r.participant_id where r.page = 'valuation' and p.study_id = @SeedStudy", new { SeedStudy = seedStudy })).ToList();
        Assert.That(codes.Where(c => c.Cell == 0).Select(c => c.Value), Is.SubsetOf(new[] { "keep", "sell" }));
        Assert.That(codes.Where(c => c.Cell == 1).Select(c => c.Value), Is.SubsetOf(new[] { "pay", "share" }));

        // The researcher's console shows the study and exports its valuation columns, one scored row per bot.
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "val");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("val", password);
        Assert.That((await console.GetAsync($"/researcher/studies/{seedStudy}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var zip = await console.GetAsync($"/researcher/studies/{seedStudy}/export.zip");
        Assert.That(zip.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(archive.GetEntry("participants.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimEnd('\r').Split(',');
        var consistent = Array.IndexOf(header, "valuation_consistent");
        Assert.That(consistent, Is.GreaterThan(0));
        Assert.That(lines.Skip(1).Select(l => l.TrimEnd('\r').Split(',')[consistent]), Has.Exactly(bots).Matches<string>(v => v is "0" or "1"));
    }
}
