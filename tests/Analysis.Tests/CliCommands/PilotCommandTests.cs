using Analysis.Tests.Simulation;
using Dapper;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

/// <summary>
/// Issue 15, pilot from the command line: `simulate --direct` writes pilot participants unless --live; they leave
/// the live counts, balance, export and report unchanged until asked for with --include-pilot; `study
/// remove-pilot` deletes them in one audited action; `study pilot` sets the status.
/// </summary>
public sealed class PilotCommandTests : DatabaseTest
{
    string dir = "";

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("ppl-pilot-cli-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, true);

    async Task<(int Exit, string Out, string Err)> Cli(params string[] args) => await CliRun.RunAsync(Clock, [.. args, "--connection", ConnectionString]);

    async Task<string> LiveStateAsync()
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        var counters = await conn.QueryAsync<string>(
            "select kind || idx || ':' || cell_idx || '=' || n from assignment_counter where study_id = @Id order by 1", new { SimStudy.Definition().Id });
        var state = await conn.QuerySingleAsync<string>(
            "select entered || '/' || declined || '/' || withdrawn from study_state where study_id = @Id", new { SimStudy.Definition().Id });
        return state + " " + string.Join(",", counters);
    }

    /// <summary>The report with its source (a temporary folder's or this test's folder name) taken out.</summary>
    async Task<string> ReportAsync(params string[] args)
    {
        var (exit, output, error) = await Cli(["report", .. args]);
        Assert.That(exit, Is.Zero, error);
        return System.Text.RegularExpressions.Regex.Replace(output, "\"source\":\\s*\"[^\"]*\"", "\"source\":\"\"");
    }

    async Task<int> ExportedRowsAsync(params string[] extra)
    {
        var (exit, _, err) = await Cli(["export", "--study", SimStudy.Definition().Id, "--out", dir, .. extra]);
        Assert.That(exit, Is.Zero, err);
        return CsvTable.Read(Path.Combine(dir, "participants.csv")).Rows.Count;
    }

    [Test]
    public async Task Simulate_withoutLive_writesPilotsThatLeaveCountsBalanceExportAndReportUnchangedUntilRemoved()
    {
        var study = SimStudy.Definition();
        await SimStudy.ImportAsync(DataSource, study);
        var (exit, output, error) = await Cli("simulate", "--study", study.Id, "--direct", "-n", "30", "--live", "--decline-rate", "0");
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("30 live participants"));
        var liveState = await LiveStateAsync();
        var liveRows = await ExportedRowsAsync();
        var liveReport = await ReportAsync("--study", study.Id, "--format", "json");

        (exit, output, error) = await Cli("simulate", "--study", study.Id, "--direct", "-n", "40", "--seed", "2");
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain("pilot participants").And.Contain("study remove-pilot"));

        await using (var conn = await DataSource.OpenConnectionAsync())
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant where pilot"), Is.GreaterThan(30));
        Assert.That(await LiveStateAsync(), Is.EqualTo(liveState), "counters and entered/declined unchanged");
        Assert.That(liveRows, Is.EqualTo(30));
        Assert.That(await ExportedRowsAsync(), Is.EqualTo(30), "the export leaves the pilots out");
        var pilotReport = await ReportAsync("--study", study.Id, "--format", "json");
        Assert.That(pilotReport, Is.EqualTo(liveReport), "the report leaves them out too");

        var withPilots = await ExportedRowsAsync("--include-pilot");
        Assert.That(withPilots, Is.GreaterThan(60));
        var table = CsvTable.Read(Path.Combine(dir, "participants.csv"));
        Assert.That(table.Rows.Count(r => r["pilot"] == "1"), Is.EqualTo(withPilots - 30));
        // A folder exported with the pilots: the report drops them unless told --include-pilot.
        var fromCsv = await ReportAsync("--from-csv", dir, "--format", "json");
        var fromCsvAll = await ReportAsync("--from-csv", dir, "--format", "json", "--include-pilot");
        // study.csv's data_as_of of that folder is its export's (pilots included); every number is the live one.
        static string Undated(string report) => System.Text.RegularExpressions.Regex.Replace(report, "\"data_as_of\": \"[^\"]*\"", "");
        Assert.That(Undated(fromCsv), Is.EqualTo(Undated(liveReport)), "the same report as from the live export");
        Assert.That(fromCsvAll, Is.Not.EqualTo(fromCsv));
        var withPilotReport = await ReportAsync("--study", study.Id, "--format", "json", "--include-pilot");
        Assert.That(withPilotReport, Is.Not.EqualTo(liveReport));

        var (_, list, _) = await Cli("study", "list");
        Assert.That(list, Does.Contain($"30 participant(s)").And.Contain($"; pilot participants {withPilots - 30}"));

        (exit, output, error) = await Cli("study", "remove-pilot", study.Id);
        Assert.That(exit, Is.Zero, error);
        Assert.That(output, Does.Contain($"removed {withPilots - 30} pilot participant(s)"));
        Assert.That(await ExportedRowsAsync("--include-pilot"), Is.EqualTo(30), "every pilot row is gone");
        Assert.That(await LiveStateAsync(), Is.EqualTo(liveState), "the removal is no withdrawal");
        var (_, audit, _) = await Cli("audit", "--study", study.Id);
        Assert.That(audit, Does.Contain($"\tremove-pilot\t{study.Id}\t{withPilots - 30} pilot participant(s) removed"));
        Assert.That(audit, Does.Contain("(pilot included)"), "the export with the pilots is audited as such");
    }

    [Test]
    public async Task StudyPilot_importedStudy_setsTheStatusAndAuditsIt()
    {
        var study = SimStudy.Definition();
        await SimStudy.ImportAsync(DataSource, study);

        var (exit, output, error) = await Cli("study", "pilot", study.Id);
        var (_, list, _) = await Cli("study", "list");
        var (_, audit, _) = await Cli("audit", "--study", study.Id);
        var (unknownExit, _, unknownError) = await Cli("study", "remove-pilot", "nope");

        Assert.That(exit, Is.Zero, error);
        Assert.That(output.Trim(), Is.EqualTo($"{study.Id}: pilot"));
        Assert.That(list, Does.Contain($"{study.Id} v1 (1 version(s)) pilot"));
        Assert.That(audit, Does.Contain("set to pilot"));
        Assert.That(unknownExit, Is.EqualTo(1));
        Assert.That(unknownError, Does.Contain("no imported study has the id 'nope'"));
    }
}
