using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using Experiment.Engine.Valuation;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

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

        await SeedBotChecks.EveryCellCompletedAndStoredOnceAsync(app, study, result, bots);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var rows = study.Valuation!.Amounts.Count;
        foreach (var s in result.Sessions)
            Assert.That(s.Answers.Count(a => a.Item.StartsWith(PriceList.KeyPrefix)), Is.EqualTo(rows), s.PanelParticipantId);
        // Each bot answered in its own frame's codes: keep/sell in cell 0 (wta), pay/share in cell 1 (wtp).
        var codes = (await conn.QueryAsync<(int Cell, string Value)>(
            "select distinct p.cell_idx, r.value from response r join participant p on p.id = r.participant_id where r.page = 'valuation' and p.study_id = @SeedStudy", new { SeedStudy = seedStudy })).ToList();
        Assert.That(codes.Where(c => c.Cell == 0).Select(c => c.Value), Is.SubsetOf(new[] { "keep", "sell" }));
        Assert.That(codes.Where(c => c.Cell == 1).Select(c => c.Value), Is.SubsetOf(new[] { "pay", "share" }));

        // The researcher's console shows the study and exports its valuation columns, one scored row per bot.
        Assert.That(await SeedBotChecks.ExportedColumnAsync(app, seedStudy, "valuation_consistent"), Has.Exactly(bots).Matches<string>(v => v is "0" or "1"));
    }
}
