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
            foreach (var file in Exporter.FileNames)
                Assert.That(await File.ReadAllBytesAsync(Path.Combine(dir, file)), Is.EqualTo(await File.ReadAllBytesAsync(Path.Combine(GoldenFolder, file))),
                    $"{file} differs from Export/Golden/{file}");
        }
        finally { Directory.Delete(dir, true); }
    }
}
