using Analysis.Report;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>Bad export folders give one clear error naming the file, the line and the column.</summary>
public sealed class ReportCsvErrorTests
{
    private string _folder = "";

    [SetUp]
    public void WriteSmallStudy()
    {
        _folder = ExportFolderWriter.NewTempFolder();
        SyntheticStudy.Generate(20, seed: 7).WriteTo(_folder);
    }

    [TearDown]
    public void Clean() => Directory.Delete(_folder, recursive: true);

    private string PathOf(string file) => Path.Combine(_folder, file);

    private void EditLine(string file, int line, Func<string, string> edit)
    {
        var lines = File.ReadAllLines(PathOf(file));
        lines[line - 1] = edit(lines[line - 1]);
        File.WriteAllText(PathOf(file), string.Join("\n", lines) + "\n");
    }

    [Test]
    public void Read_missingFile_namesTheFile()
    {
        File.Delete(PathOf("codebook.csv"));
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Does.Contain("codebook.csv").And.Contain("not found"));
    }

    [Test]
    public void Read_missingColumn_namesFileAndColumn()
    {
        EditLine("participants.csv", 1, h => h.Replace(",arm,", ",group,"));
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Is.EqualTo("participants.csv: missing column 'arm'."));
    }

    [Test]
    public void Read_missingConcernItemColumn_namesTheItem()
    {
        EditLine("participants.csv", 1, h => h.Replace("concern_awareness_1", "concern_awareness_x"));
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Is.EqualTo("participants.csv: missing column 'concern_awareness_1'."));
    }

    [Test]
    public void Read_badFlag_namesFileLineColumnAndExpectation()
    {
        // line 3 = second data row; the disclosed column is the 8th
        EditLine("disclosures.csv", 3, l =>
        {
            var f = l.Split(',');
            f[7] = "yes";
            return string.Join(",", f);
        });
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Is.EqualTo("disclosures.csv, line 3, column 'disclosed': expected 1, 0 or empty, got 'yes'."));
    }

    [Test]
    public void Read_likertOutOfScale_namesLineColumnAndScale()
    {
        EditLine("participants.csv", 5, l =>
        {
            var f = l.Split(',');
            f[8] = "9"; // concern_control_1
            return string.Join(",", f);
        });
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Is.EqualTo("participants.csv, line 5, column 'concern_control_1': expected a number from 1 to 7 or empty, got '9'."));
    }

    [Test]
    public void Read_unknownStatus_isBadValue()
    {
        EditLine("participants.csv", 2, l => l.Replace(",completed,", ",done,").Replace(",abandoned,", ",done,").Replace(",in_progress,", ",done,"));
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Is.EqualTo("participants.csv, line 2, column 'status': expected completed, in_progress or abandoned, got 'done'."));
    }

    [Test]
    public void Read_disclosureOfUnknownParticipant_isBadValue()
    {
        EditLine("disclosures.csv", 2, l => "nobody" + l[l.IndexOf(',')..]);
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Does.StartWith("disclosures.csv, line 2, column 'participant_id': expected a participant_id that is in participants.csv"));
    }

    [Test]
    public void Read_noParticipants_saysSo()
    {
        File.WriteAllText(PathOf("participants.csv"), File.ReadLines(PathOf("participants.csv")).First() + "\n");
        File.WriteAllText(PathOf("disclosures.csv"), File.ReadLines(PathOf("disclosures.csv")).First() + "\n");
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Does.Contain("no participants"));
    }

    [Test]
    public void Read_shortRow_namesLineAndFieldCount()
    {
        EditLine("disclosures.csv", 4, l => l[..l.IndexOf(',', l.IndexOf(',') + 1)]);
        var e = Assert.Throws<ReportInputException>(() => ExportFolderReader.Read(_folder))!;
        Assert.That(e.Message, Is.EqualTo("disclosures.csv, line 4: 2 fields where the header has 10."));
    }

    [Test]
    public void ReportCommand_badFolder_exitsNonZero()
    {
        File.Delete(PathOf("disclosures.csv"));
        var exit = Cli.Run(["report", "--from-csv", _folder, "--format", "json", "--out", PathOf("out.json")], TestClock.Create()).GetAwaiter().GetResult();
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(File.Exists(PathOf("out.json")), Is.False);
    }
}
