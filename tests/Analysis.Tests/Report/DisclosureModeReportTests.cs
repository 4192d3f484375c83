using Analysis.Report;
using NUnit.Framework;

namespace Analysis.Tests.Report;

/// <summary>The report says which disclosure mode measured each field (disclosures.csv disclosure_mode), and treats them alike.</summary>
public sealed class DisclosureModeReportTests
{
    static string DemoFolder => Path.Combine(AppContext.BaseDirectory, "DemoData");

    [Test]
    public void Build_demoData_namesEachFieldsModeAndChecksNoChoice()
    {
        var report = ReportBuilder.Build(ExportFolderReader.Read(DemoFolder));
        var fake = report.Fake.ToDictionary(f => f.Field);

        Assert.Multiple(() =>
        {
            Assert.That(fake["name"].Mode, Is.EqualTo("server"), "required fields are typed");
            Assert.That(fake["dob"].Mode, Is.EqualTo("browser"));
            Assert.That(fake["bsn"].Mode, Is.EqualTo("choice"));
            Assert.That(fake["bsn"].Disclosed, Is.GreaterThan(0), "a tick counts as disclosed");
            Assert.That((fake["bsn"].Implausible, fake["bsn"].Unchecked), Is.EqualTo((0, fake["bsn"].Disclosed)), "a choice has no plausibility");
            Assert.That(fake["dob"].Unchecked, Is.Zero, "browser mode sends the class");
        });
        Assert.That(MarkdownReport.Render(report), Does.Contain("| Field | Mode | Disclosed |"));
    }

    [Test]
    public void Read_exportWithoutTheModeColumn_isServerMode()
    {
        var dir = Directory.CreateTempSubdirectory("ppl-modes-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(DemoFolder)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
            var lines = File.ReadAllLines(Path.Combine(dir, "disclosures.csv"));
            // The demo's disclosures.csv has no quoted fields, so splitting at commas finds its columns.
            var mode = Array.IndexOf(lines[0].Split(','), "disclosure_mode");
            Assert.That(mode, Is.GreaterThan(0), "the demo export has the column to drop");
            File.WriteAllLines(Path.Combine(dir, "disclosures.csv"), lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != mode))));

            var report = ReportBuilder.Build(ExportFolderReader.Read(dir));

            Assert.That(report.Fake.Select(f => f.Mode), Has.All.EqualTo("server"));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void Modes_mixOfBrowserAndItsNoScriptChoice_listsEachWithItsCountMostUsedFirst() =>
        Assert.That(ReportBuilder.Modes([(DisclosureMode.Server, 0), (DisclosureMode.Browser, 95), (DisclosureMode.Choice, 5)]), Is.EqualTo("browser 95, choice 5"));
}
