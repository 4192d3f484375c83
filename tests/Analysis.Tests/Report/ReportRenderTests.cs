using System.Text.RegularExpressions;
using Analysis.Report;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Report;

/// <summary>The HTML report is one self-contained file with its four figures; Markdown carries the same tables.</summary>
public sealed class ReportRenderTests
{
    private static ReportResult _report = null!;

    [OneTimeSetUp]
    public static void Build()
    {
        var folder = ExportFolderWriter.NewTempFolder();
        try
        {
            SyntheticStudy.Generate(600, seed: 11).WriteTo(folder);
            _report = ReportBuilder.Build(ExportFolderReader.Read(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Test]
    public void Html_selfContained_noUrlsNoScriptsNoExternalResources()
    {
        var html = HtmlReport.Render(_report);
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<link").And.Not.Contain("<img").And.Not.Contain("@import"));
        Assert.That(Regex.IsMatch(html, @"\b(src|href)\s*="), Is.False);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("@media print").And.Contain("name=\"viewport\""));
        Assert.That(Regex.Matches(html, "<section").Count, Is.EqualTo(Regex.Matches(html, "</section>").Count), "sections closed, not nested");
    }

    [TestCase("figure-stated-vs-disclosed")]
    [TestCase("figure-discount")]
    [TestCase("figure-concern")]
    [TestCase("figure-paradox-d")]
    public void Html_eachFigure_hasInlineSvgThatScales(string id)
    {
        var html = HtmlReport.Render(_report);
        var m = Regex.Match(html, $"<figure id=\"{id}\">(.*?)</figure>", RegexOptions.Singleline);
        Assert.That(m.Success, Is.True, id);
        Assert.That(m.Groups[1].Value, Does.Match("<svg viewBox=\"0 0 \\d+ \\d+\"").And.Contain("<rect").And.Contain("</svg>"));
        Assert.That(m.Groups[1].Value, Does.Not.Contain("No data to draw"));
    }

    [Test]
    public void Html_fieldNames_areEscaped()
    {
        var tricky = _report with { StudyId = "<b>study & co</b>" };
        var html = HtmlReport.Render(tricky);
        Assert.That(html, Does.Contain("&lt;b&gt;study &amp; co&lt;/b&gt;").And.Not.Contain("<b>study"));
    }

    [Test]
    public void Markdown_perFieldTable_showsTestAndHolm()
    {
        var md = MarkdownReport.Render(_report);
        Assert.That(md, Does.Contain("| Field | n | Stated | Disclosed | b | c | Test | p | Holm p |"));
        foreach (var f in _report.Fields) Assert.That(md, Does.Contain($"| {f.Field} | {f.N} |"));
        Assert.That(md, Does.Match(@"## Table \d+\. What moves disclosure: logistic regression").And.Contain("| discount_pct |"));
        Assert.That(md, Does.Contain("Pearson chi-square of discount level x disclosed: chi2(3) = ").And.Not.Contain("p = <"));
    }

    [Test]
    public void ReportCommand_htmlToFile_writesOneFileAndExitsZero()
    {
        var folder = ExportFolderWriter.NewTempFolder();
        try
        {
            SyntheticStudy.Generate(120, seed: 2).WriteTo(folder);
            var output = Path.Combine(folder, "report.html");
            var exit = Cli.Run(["report", "--from-csv", folder, "--format", "html", "--out", output], TestClock.Create()).GetAwaiter().GetResult();
            Assert.That(exit, Is.EqualTo(0));
            Assert.That(File.ReadAllText(output), Does.Contain("<figure id=\"figure-paradox-d\">"));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    [Test, NonParallelizable]
    public async Task ReportCommand_jsonWithoutOut_reportOnStdoutProgressOnlyOnStderr()
    {
        var folder = ExportFolderWriter.NewTempFolder();
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        try
        {
            SyntheticStudy.Generate(80, seed: 8).WriteTo(folder);
            Console.SetOut(stdout);
            Console.SetError(stderr);
            var exit = await Cli.Run(["report", "--from-csv", folder, "--format", "json"], TestClock.Create());
            Assert.That(exit, Is.EqualTo(0));
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
            Directory.Delete(folder, recursive: true);
        }
        using var json = System.Text.Json.JsonDocument.Parse(stdout.ToString());
        Assert.That(json.RootElement.GetProperty("n").GetProperty("participants").GetInt32(), Is.EqualTo(80));
        Assert.That(stderr.ToString(), Does.Contain("loading the export folder: done in").And.Contain("computing the report: done in"));
    }
}
