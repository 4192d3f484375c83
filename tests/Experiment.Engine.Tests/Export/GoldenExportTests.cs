using Experiment.Engine.Export;
using NUnit.Framework;
using TestSupport;

namespace Experiment.Engine.Tests.Export;

/// <summary>
/// Export/Golden holds the files the exporter wrote for <see cref="ExportStudy.SeedAsync"/> before the export moved
/// into the engine. Moving or restructuring the export must not change one byte of them. The busy
/// participant is stored as abandoned already, so the files do not depend on the clock.
/// An intended format change replaces them with the files this test's export writes, in the same commit.
/// </summary>
public sealed class GoldenExportTests : DatabaseTest
{
    static string GoldenFolder => Path.Combine(AppContext.BaseDirectory, "Export", "Golden");

    [Test]
    public async Task ExportToDirectory_seededDatabase_isByteIdenticalToGoldenFiles()
    {
        await ExportStudy.SeedAsync(DataSource, busyStatus: "abandoned");
        var dir = Directory.CreateTempSubdirectory("ppl-golden-").FullName;
        try
        {
            await Exporter.ExportToDirectoryAsync(DataSource, ExportStudy.Id, dir, Clock);
            // PPL_REGENERATE_GOLDEN=<tests/Experiment.Engine.Tests/Export/Golden> writes the fresh files there.
            if (Environment.GetEnvironmentVariable("PPL_REGENERATE_GOLDEN") is { Length: > 0 } target)
                foreach (var file in Exporter.FileNames) File.Copy(Path.Combine(dir, file), Path.Combine(target, file), overwrite: true);
            foreach (var file in Exporter.FileNames.Where(f => f != "study.csv"))
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(dir, file)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(GoldenFolder, file))),
                    $"{file} differs from Export/Golden/{file}");
            // study.csv names the build in software_version; every other row is pinned.
            static async Task<string[]> WithoutBuild(string path) =>
                (await File.ReadAllLinesAsync(path)).Where(l => !l.StartsWith("software_version,", StringComparison.Ordinal)).ToArray();
            Assert.That(await WithoutBuild(Path.Combine(dir, "study.csv")), Is.EqualTo(await WithoutBuild(Path.Combine(GoldenFolder, "study.csv"))));
        }
        finally { Directory.Delete(dir, true); }
    }
}
