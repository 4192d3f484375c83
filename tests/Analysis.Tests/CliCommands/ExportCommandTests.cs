using Experiment.Engine.Export;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.CliCommands;

public sealed class ExportCommandTests : DatabaseTest
{
    [Test]
    public async Task Export_writes_the_data_files_and_scripts_prints_plain_lines_and_audits()
    {
        await ExportStudy.ImportAsync(DataSource, ExportStudy.Definition());
        await ExportStudy.AddParticipantAsync(DataSource, new ExportStudy.P("p-1", Cell: 0, Order: 0));
        var dir = Path.Combine(Path.GetTempPath(), "ppl-cli-" + Guid.NewGuid().ToString("N"), "nested");
        try
        {
            var (exit, output, error) = await CliRun.RunAsync("export", "--study", ExportStudy.Id, "--out", dir, "--connection", ConnectionString);
            Assert.That(exit, Is.Zero, error);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName).Order(), Is.EqualTo(Exporter.AllFileNames.Order()));
            Assert.That(output, Does.Contain("participants.csv: 1 rows").And.Contain("exported 1 participants of export-test"));
            var (_, audit, _) = await CliRun.RunAsync("audit", "--study", ExportStudy.Id, "--connection", ConnectionString);
            Assert.That(audit, Does.Contain("\texport\texport-test\t1 participants to files"));
        }
        finally { Directory.Delete(Path.GetDirectoryName(dir)!, true); }
    }

    [Test]
    public async Task Export_lang_chooses_the_labels_of_the_scripts_and_an_unknown_language_fails_with_one_clear_line()
    {
        await ExportStudy.ImportAsync(DataSource, ExportStudy.Definition());
        var dir = Directory.CreateTempSubdirectory("ppl-cli-").FullName;
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("export", "--study", ExportStudy.Id, "--out", dir, "--lang", "nl", "--connection", ConnectionString);
            Assert.That(exit, Is.Zero, error);
            Assert.That(await File.ReadAllTextAsync(Path.Combine(dir, "read_export.sps")), Does.Contain("(labels: nl)").And.Contain("'Ik wil controle'"));

            var other = Path.Combine(dir, "de");
            (exit, _, error) = await CliRun.RunAsync("export", "--study", ExportStudy.Id, "--out", other, "--lang", "de", "--connection", ConnectionString);
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error.Trim().Split('\n')[^1], Is.EqualTo("error: The study has no language 'de'; labels can be written in: nl, en."));
            Assert.That(Directory.GetFiles(other), Is.Empty, "nothing is written");
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Export_unknown_study_fails_with_one_clear_line()
    {
        var dir = Directory.CreateTempSubdirectory("ppl-cli-").FullName;
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("export", "--study", "missing", "--out", dir, "--connection", ConnectionString);
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.Contain("error: No study with id 'missing' has been imported."));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public async Task Export_into_a_path_below_a_file_fails_with_cannot_write()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exit, _, error) = await CliRun.RunAsync("export", "--study", "x", "--out", Path.Combine(file, "sub"), "--connection", ConnectionString);
            Assert.That(exit, Is.EqualTo(1));
            Assert.That(error, Does.StartWith("error: Cannot write to '"));
        }
        finally { File.Delete(file); }
    }
}
