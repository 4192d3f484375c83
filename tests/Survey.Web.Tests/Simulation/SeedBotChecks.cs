using System.IO.Compression;
using System.Net;
using Analysis.Simulation;
using Dapper;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Researcher;

namespace Survey.Web.Tests.Simulation;

/// <summary>What every paradigm seed's bot test checks: each cell completed alike, the answers stored once, the console's export.</summary>
static class SeedBotChecks
{
    /// <summary>Every bot completed, the cells are filled evenly and the stored responses are exactly the accepted answers.</summary>
    public static async Task EveryCellCompletedAndStoredOnceAsync(TestWebApp app, StudyDefinition study, HttpLoadResult result, int bots)
    {
        var cells = StudyDesign.Cells(study).Count;
        Assert.That(result.ErrorSamples, Is.Empty);
        Assert.That(result.Completed, Is.EqualTo(bots));
        await using var conn = await app.DataSource.OpenConnectionAsync();
        var perCell = (await conn.QueryAsync<(int Cell, long N)>(
            "select cell_idx, count(*) from participant where study_id = @Id and status = 'completed' group by 1 order by 1", new { study.Id })).ToList();
        Assert.That(perCell, Is.EqualTo(Enumerable.Range(0, cells).Select(c => (c, (long)(bots / cells)))));

        var stored = (await conn.QueryAsync<(string Pid, string Item, string Value)>(
            "select x.panel_participant_id, r.item, r.value from response r join panel_id x using (participant_id)")).ToList();
        var submitted = result.Sessions.SelectMany(s => s.Answers.Select(a => (s.PanelParticipantId, a.Item, a.Value))).ToList();
        Assert.That(stored, Is.EquivalentTo(submitted));
    }

    /// <summary>A signed-in researcher sees the study, and its export zip's participants.csv has the column: its values, one per row.</summary>
    public static async Task<IReadOnlyList<string>> ExportedColumnAsync(TestWebApp app, string studyId, string column)
    {
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "bots");
        using var console = new ConsoleClient(app.BaseUrl);
        await console.SignInAsync("bots", password);
        Assert.That((await console.GetAsync($"/researcher/studies/{studyId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var zip = await console.GetAsync($"/researcher/studies/{studyId}/export.zip");
        Assert.That(zip.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(archive.GetEntry("participants.csv")!.Open());
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(lines[0].TrimEnd('\r').Split(','), column);
        Assert.That(index, Is.GreaterThan(0), column);
        return lines.Skip(1).Select(l => l.TrimEnd('\r').Split(',')[index]).ToList();
    }
}
