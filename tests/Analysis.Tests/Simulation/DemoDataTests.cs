using Analysis.Simulation;
using Experiment.Engine.Export;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Simulation;

/// <summary>
/// seed-data/demo is what an analyst tries the report on right after cloning. It must stay exactly what the
/// current simulator and exporter make from the seed study (seed-data/demo/README.md says how), so a change of
/// the export format or of the model shows up here until the folder is regenerated.
/// </summary>
public sealed class DemoDataTests : DatabaseTest
{
    public const string StudyId = "privacy-paradox-nl";
    public const int Participants = 500, Seed = 2026;

    static string DemoFolder => Path.Combine(AppContext.BaseDirectory, "DemoData");
    static readonly IReadOnlyList<string> Files = Exporter.AllFileNames;

    [Test]
    public async Task Regenerating_withTheSameSeedAndParameters_givesByteIdenticalFiles()
    {
        var loaded = StudyFile.Load(Path.Combine(AppContext.BaseDirectory, "SeedStudies", StudyId + ".json"));
        Assert.That(loaded.Study, Is.Not.Null, string.Join("; ", loaded.Problems));
        await StudyImport.ImportAsync(DataSource, loaded.Study!);
        await DirectSimulator.RunAsync(DataSource, StudyId, Participants, Seed, new SimulationParameters());
        var dir = Path.Combine(Path.GetTempPath(), "ppl-demo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await Exporter.ExportToDirectoryAsync(DataSource, StudyId, dir, Clock);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(Files.Order()),
                "the exporter writes other files than seed-data/demo holds");
            // PPL_REGENERATE_DEMO=<seed-data/demo folder> writes the fresh export there (seed-data/demo/README.md).
            if (Environment.GetEnvironmentVariable("PPL_REGENERATE_DEMO") is { Length: > 0 } target)
                foreach (var file in Files) File.Copy(Path.Combine(dir, file), Path.Combine(target, file), overwrite: true);
            foreach (var file in Files)
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(dir, file)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(DemoFolder, file))),
                    $"seed-data/demo/{file} differs from a fresh export: regenerate it as seed-data/demo/README.md says");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Report_fromCsvOnTheDemoFolder_succeeds()
    {
        var output = Path.Combine(Path.GetTempPath(), "ppl-demo-report-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        try
        {
            var exit = await Cli.Run(["report", "--from-csv", DemoFolder, "--format", "json", "--out", output], TestClock.Create());
            Assert.That(exit, Is.Zero);
            var json = await File.ReadAllTextAsync(output);
            Assert.That(json, Does.Contain("\"participants\":").And.Contain("\"logistic\""));
        }
        finally { File.Delete(output); }
    }
}
