using System.IO.Compression;
using System.Net;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using Experiment.Engine.TwoShops;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Researcher;

namespace Survey.Web.Tests.Simulation;

/// <summary>
/// The bots of `simulate --via http` complete both two-shops seeds in every cell: each chooses a shop on the page,
/// gives exactly the data that shop asks at its checkout, and the export names the choice and the arrangement.
/// </summary>
public sealed class TwoShopsBotTests
{
    [TestCase("two-shops-nl", "plausible|implausible")]
    [TestCase("two-shops-en", "ticked")]
    public async Task RunAsync_twoShopsSeed_completesEveryCellAndGivesExactlyTheChosenShopsData(string seedStudy, string classes)
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, seedStudy))!.Value.Study;
        var cells = StudyDesign.Cells(study);
        var bots = 3 * cells.Count;
        var noDropout = new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0, LeaveShopRate = 0, BehaviourConsentRate = 1 };

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 4, TimeSpan.FromMinutes(3), seed: 7, noDropout);

        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That(result.Completed, Is.EqualTo(bots));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var perCell = (await conn.QueryAsync<(int Cell, long N)>(
            "select cell_idx, count(*) from participant where study_id = @seedStudy and status = 'completed' group by 1 order by 1", new { seedStudy })).ToList();
        Assert.That(perCell, Is.EqualTo(Enumerable.Range(0, cells.Count).Select(c => (c, (long)(bots / cells.Count)))));

        // Per participant: the stored choice is a shop of the cell, and the fields given are exactly what that shop asks.
        var rows = (await conn.QueryAsync<(string Id, int Cell, string Item, string Value)>(
            "select p.id, p.cell_idx, r.item, r.value from response r join participant p on p.id = r.participant_id where r.page = @page",
            new { page = ShopPair.Page })).GroupBy(r => r.Id).ToList();
        Assert.That(rows, Has.Count.EqualTo(bots));
        foreach (var person in rows)
        {
            var arrangement = ShopPair.Of(study, cells[person.First().Cell]);
            var byItem = person.ToDictionary(r => r.Item, r => r.Value);
            var chosen = arrangement.Find(byItem[ShopPair.ChoiceKey]);
            Assert.That(chosen, Is.Not.Null, person.Key);
            Assert.That(byItem[ShopPair.OutcomeKey], Is.EqualTo(ShopPair.Ordered));
            Assert.That(int.Parse(byItem[ShopPair.ChoiceMsKey]), Is.GreaterThan(0));
            var given = byItem.Keys.Where(k => k.StartsWith("twoshops_given_", StringComparison.Ordinal)).ToList();
            Assert.That(given, Is.EquivalentTo(chosen!.Asks.Select(f => ShopPair.GivenKey(f.Key))), person.Key);
            Assert.That(given.Select(k => byItem[k]), Has.All.Matches<string>(v => classes.Split('|').Contains(v)), person.Key);
        }
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from disclosure"), Is.Zero, "the two shops write no checkout disclosure rows");

        // The console's export names each bot's choice and its cell's arrangement.
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "two");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("two", password);
        var zip = await console.GetAsync($"/researcher/studies/{seedStudy}/export.zip");
        Assert.That(zip.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(archive.GetEntry("participants.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(',')).ToList();
        int Col(string name) => Array.IndexOf(lines[0], name);
        Assert.That(lines.Skip(1).Select(l => l[Col("twoshops_chose_invasive")]), Has.Exactly(bots).Matches<string>(v => v is "0" or "1"));
        Assert.That(lines.Skip(1).Select(l => l[Col("twoshops_price_gap")]).Distinct(), Is.EquivalentTo(new[] { "0", "1" }));
        Assert.That(lines.Skip(1).Select(l => l[Col("twoshops_asked_invasive")]).Distinct(), Is.EqualTo(new[] { "birth_date|monthly_income" }));
        Assert.That(lines.Skip(1).Select(l => l[Col("twoshops_outcome")]).Distinct(), Is.EqualTo(new[] { "ordered" }));
        using var codebook = new StreamReader(archive.GetEntry("codebook.csv")!.Open());
        var book = await codebook.ReadToEndAsync();
        string[] columns = ["twoshops_invasive_shop", "twoshops_invasive_position", "twoshops_price_gap", "twoshops_asked_invasive", "twoshops_asked_other",
            "twoshops_choice", "twoshops_chose_invasive", "twoshops_choice_ms", "twoshops_outcome"];
        Assert.That(columns, Is.SubsetOf(lines[0]));
        foreach (var column in columns) Assert.That(book, Does.Contain("participants.csv," + column + ","), column);
    }

    [Test]
    public async Task RunAsync_botsBuyingFromNeitherShop_tickThatAnswerOnThePageAndSkipTheCheckout()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, "two-shops-nl"))!.Value.Study;
        var bots = 16;
        var p = new SimulationParameters { DropoutPerPage = 0, DeclineRate = 0, LeaveShopRate = 0, BehaviourConsentRate = 1, TwoShopsNoPurchaseShare = 0.5 };

        var result = await HttpLoad.RunAsync(new Uri(app.BaseUrl), study, bots, concurrency: 4, TimeSpan.FromMinutes(3), seed: 9, p);

        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That(result.Completed, Is.EqualTo(bots));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var byPerson = (await conn.QueryAsync<(string Id, string Item, string Value)>(
            "select participant_id, item, value from response where page = @page", new { page = ShopPair.Page }))
            .GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Item, r => r.Value));
        var neither = byPerson.Values.Where(a => a[ShopPair.ChoiceKey] == ShopPair.NoPurchase).ToList();
        Assert.That(neither, Is.Not.Empty, "with a share of 0.5, some of 16 bots buy nowhere (seed 9)");
        Assert.That(neither.Count, Is.LessThan(bots), "and some buy");
        // Buying nowhere: the choice and its time, no checkout outcome, no field given.
        Assert.That(neither.Select(a => a.Keys.Order(StringComparer.Ordinal)), Has.All.EqualTo(new[] { ShopPair.ChoiceKey, ShopPair.ChoiceMsKey }));
        Assert.That(byPerson.Values.Where(a => a[ShopPair.ChoiceKey] != ShopPair.NoPurchase).Select(a => a[ShopPair.OutcomeKey]), Has.All.EqualTo(ShopPair.Ordered));
    }
}
