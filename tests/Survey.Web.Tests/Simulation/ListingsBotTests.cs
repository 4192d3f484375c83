using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Ls = Experiment.Engine.Listings.Listings;

namespace Survey.Web.Tests.Simulation;

/// <summary>The bots of `simulate --via http` complete both listings seeds in every cell, each choosing one merchant, stored once.</summary>
public sealed class ListingsBotTests
{
    [TestCase("listings-nl")]
    [TestCase("listings-en")]
    public async Task RunAsync_listingsSeed_completesEveryCellAndStoresOneChoiceEach(string seedStudy)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, seedStudy))!.Value.Study;
        var cells = StudyDesign.Cells(study);
        Assert.That(cells, Has.Count.EqualTo(4));
        var bots = 4 * cells.Count;
        // Everyone buys privacy when it is salient and nobody otherwise: each bot's choice shows the mode it was shown.
        var p = new SimulationParameters
        {
            DropoutPerPage = 0, DeclineRate = 0, BehaviourConsentRate = 1, ListingsBaseShare = 0, ListingsIndicatorShare = 0, ListingsSalientShare = 1,
        };

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 4, TimeSpan.FromMinutes(3), seed: 5, p);

        await SeedBotChecks.EveryCellCompletedAndStoredOnceAsync(app, study, result, bots);
        foreach (var s in result.Sessions)
            Assert.That(s.Answers.Count(a => a.Item == Ls.ChoiceKey), Is.EqualTo(1), s.PanelParticipantId);
        var ranked = Ls.Ranked(study.Listings!);
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var choices = (await conn.QueryAsync<(int Cell, string Value)>(
            "select p.cell_idx, r.value from response r join participant p on p.id = r.participant_id where r.item = 'listings_choice'")).ToList();
        Assert.That(choices, Has.Count.EqualTo(bots));
        foreach (var (cell, value) in choices)
            Assert.That(value, Is.EqualTo(Ls.ModeOf(study, cells[cell]) == Ls.Salient ? ranked.MaxBy(m => m.Rating)!.Key : ranked[0].Key), $"cell {cell}");

        // The console's export scores one choice per bot: the salient cell paid the 0.60 premium, the others none.
        Assert.That(await SeedBotChecks.ExportedColumnAsync(app, seedStudy, "listings_premium"),
            Has.Exactly(bots / cells.Count).EqualTo("0.6").And.Exactly(bots - bots / cells.Count).EqualTo("0"));
    }
}
