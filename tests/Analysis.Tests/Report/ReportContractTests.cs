using System.Text.Json;
using Analysis.Report;
using Analysis.Statistics;
using NUnit.Framework;

namespace Analysis.Tests.Report;

/// <summary>The JSON keys analysts' scripts rely on (export-format.md) and the numbers on a tiny hand-checked dataset.</summary>
public sealed class ReportContractTests
{
    private string _folder = "";

    [SetUp]
    public void Folder() => _folder = ExportFolderWriter.NewTempFolder();

    [TearDown]
    public void Clean() => Directory.Delete(_folder, recursive: true);

    private static string[] Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Test]
    public void Json_contractKeys_exactlyAsExportFormat()
    {
        SyntheticStudy.Generate(300, seed: 3).WriteTo(_folder);
        using var json = JsonDocument.Parse(JsonReport.Render(ReportBuilder.Build(ExportFolderReader.Read(_folder))));
        var root = json.RootElement;
        Assert.That(Keys(root), Is.SupersetOf(new[] { "n", "fields", "wilcoxon", "spearman", "alpha", "logistic" }));
        Assert.That(Keys(root.GetProperty("n")), Is.EqualTo(new[] { "participants", "completed", "with_checkout", "consented", "excluded" }));
        Assert.That(Keys(root.GetProperty("fields")[0]), Is.EqualTo(new[]
            { "field", "n", "stated_pct", "disclosed_pct", "b", "c", "p_exact", "chi2_corrected", "p_corrected", "p", "test", "p_holm" }));
        Assert.That(Keys(root.GetProperty("wilcoxon")), Is.EqualTo(new[]
            { "n_used", "w_plus", "w_minus", "statistic", "z", "p", "method", "rank_biserial" }));
        Assert.That(Keys(root.GetProperty("spearman")), Is.EqualTo(new[] { "n", "rho", "p", "ci_low", "ci_high", "p_t" }));
        Assert.That(Keys(root.GetProperty("alpha")), Is.EqualTo(new[] { "k", "n", "alpha", "ci_low", "ci_high" }));
        var logistic = root.GetProperty("logistic");
        Assert.That(Keys(logistic), Is.EqualTo(new[] { "n", "clusters", "terms", "separation", "inference", "formula" }));
        Assert.That(logistic.GetProperty("inference").GetString(), Is.EqualTo("cluster"));
        Assert.That(logistic.GetProperty("separation").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(logistic.GetProperty("terms").EnumerateArray().Select(t => t.GetProperty("term").GetString()),
            Is.EqualTo(new[] { "intercept", "discount_pct", "concern_z", "sensitivity" }));
        Assert.That(Keys(logistic.GetProperty("terms")[0]), Is.EqualTo(new[]
            { "term", "coef", "se", "se_cluster", "z", "p", "odds_ratio", "ci_low", "ci_high", "z_model", "p_model" }));
    }

    [Test]
    public void Json_sameData_byteIdenticalOutput()
    {
        SyntheticStudy.Generate(200, seed: 5).WriteTo(_folder);
        var a = JsonReport.Render(ReportBuilder.Build(ExportFolderReader.Read(_folder)));
        var b = JsonReport.Render(ReportBuilder.Build(ExportFolderReader.Read(_folder)));
        Assert.That(a, Is.EqualTo(b));
    }

    /// <summary>
    /// Two paired fields over ten participants, counted by hand:
    /// mobile: 6 said no and disclosed (b), 1 said yes and withheld (c); income: b = 2, c = 3.
    /// A third field has no stated answers (unpaired) and must not appear.
    /// </summary>
    [Test]
    public void Fields_tinyDataset_bcAndPValuesEqualTheStatisticsFunctions()
    {
        var participants = Enumerable.Range(0, 10).Select(i => new SynParticipant($"t{i}", "discount=5", "5", "completed", "ordered",
            [4, 4, 4, 4], [4, 4, 4])).ToList();
        //                       p0 p1 p2 p3 p4 p5 p6 p7 p8 p9
        int[] mobileStated =    [0, 0, 0, 0, 0, 0, 1, 1, 1, 0];
        int[] mobileDisclosed = [1, 1, 1, 1, 1, 1, 0, 1, 1, 0];
        int[] incomeStated =    [0, 0, 1, 1, 1, 0, 0, 0, 0, 1];
        int[] incomeDisclosed = [1, 1, 0, 0, 0, 0, 0, 0, 0, 1];
        var rows = new List<SynDisclosure>();
        for (var i = 0; i < 10; i++)
        {
            rows.Add(new($"t{i}", "mobile", "optional", 3, 5, mobileStated[i], mobileDisclosed[i], mobileDisclosed[i] == 1 ? 1 : null));
            rows.Add(new($"t{i}", "income", "optional", 4, 5, incomeStated[i], incomeDisclosed[i], incomeDisclosed[i] == 1 ? 0 : null));
            rows.Add(new($"t{i}", "hobby", "optional", 1, 5, null, 1, 1));
        }
        ExportFolderWriter.Write(_folder, participants, rows);

        var report = ReportBuilder.Build(ExportFolderReader.Read(_folder));

        Assert.That(report.Fields.Select(f => f.Field), Is.EqualTo(new[] { "mobile", "income" }));
        var mobile = report.Fields[0];
        var income = report.Fields[1];
        Assert.That((mobile.N, mobile.B, mobile.C), Is.EqualTo((10, 6, 1)));
        Assert.That((income.N, income.B, income.C), Is.EqualTo((10, 2, 3)));
        Assert.That(mobile.StatedPct, Is.EqualTo(30.0));
        Assert.That(mobile.DisclosedPct, Is.EqualTo(80.0));
        var expectedMobile = McNemar.Test(6, 1);
        var expectedIncome = McNemar.Test(2, 3);
        Assert.That(mobile.P, Is.EqualTo(expectedMobile.PExact));
        Assert.That(mobile.Test, Is.EqualTo("exact"));
        Assert.That(income.P, Is.EqualTo(expectedIncome.PExact));
        var holm = Holm.Adjust([expectedMobile.HeadlineP, expectedIncome.HeadlineP]);
        Assert.That(mobile.PHolm, Is.EqualTo(holm[0]));
        Assert.That(income.PHolm, Is.EqualTo(holm[1]));
        // Every concern answer is 4: no variation, so the correlation and the model cannot be computed and say so.
        Assert.That(report.Spearman!.N, Is.EqualTo(10));
        Assert.That(report.Spearman.Rho, Is.Null);
        Assert.That(report.Logistic, Is.Null);
        Assert.That(report.Notes, Has.Some.Contains("concern_z is undefined").And.Some.Contains("Spearman correlation (n = 10) undefined"));
        // income's three entries (p0, p1, p9) are all implausible in this dataset; hobby's are all plausible.
        var fake = report.Fake.ToDictionary(f => f.Field);
        Assert.That((fake["income"].Disclosed, fake["income"].Implausible, fake["income"].ImplausiblePct), Is.EqualTo((3, 3, 100.0)));
        Assert.That((fake["hobby"].Disclosed, fake["hobby"].Implausible), Is.EqualTo((10, 0)));
        Assert.That(report.Missing.DisclosureRowsUnpaired, Is.EqualTo(10));
    }

    [Test]
    public void Wilcoxon_tinyDataset_dPerParticipantIsDisclosedMinusStated()
    {
        var participants = Enumerable.Range(0, 6).Select(i => new SynParticipant($"w{i}", "a", "0", "completed", "ordered",
            [1 + i, 2, 3, 4], [7, 1, 1])).ToList();
        // d per participant over two paired fields: +2, +1, +1, 0, -1, +2
        (int S, int D)[][] pairs =
        [
            [(0, 1), (0, 1)], [(0, 1), (1, 1)], [(0, 1), (0, 0)], [(1, 1), (0, 0)], [(1, 0), (0, 0)], [(0, 1), (0, 1)],
        ];
        var rows = new List<SynDisclosure>();
        for (var i = 0; i < 6; i++)
            for (var f = 0; f < 2; f++)
                rows.Add(new($"w{i}", f == 0 ? "a" : "b", "optional", 2, 0, pairs[i][f].S, pairs[i][f].D, pairs[i][f].D == 1 ? 1 : null));
        ExportFolderWriter.Write(_folder, participants, rows);

        var report = ReportBuilder.Build(ExportFolderReader.Read(_folder));

        var expected = Wilcoxon.SignedRank([2, 1, 1, 0, -1, 2]);
        Assert.That(report.Wilcoxon!.NUsed, Is.EqualTo(5));
        Assert.That(report.Wilcoxon.WPlus, Is.EqualTo(expected.WPlus));
        Assert.That(report.Wilcoxon.P, Is.EqualTo(expected.P));
        Assert.That(report.Wilcoxon.RankBiserial, Is.EqualTo(expected.RankBiserial));
        Assert.That(report.Figures.ParadoxD.Select(c => (c.D, c.Count)), Is.EqualTo(new[] { (-1, 1), (0, 1), (1, 2), (2, 2) }));
        Assert.That(MarkdownReport.Render(report), Does.Contain("(6 participants with a paired field, 1 with d = 0 dropped)"));
        // Westin answers 7, 1, 1: agree lost control, disagree with both others = fundamentalist.
        Assert.That(report.Segments!.Groups[0].Participants, Is.EqualTo(6));
    }

    [Test]
    public void ConcernScore_reverseCodedItem_countedAsMinPlusMaxMinusAnswer()
    {
        ExportFolderWriter.Write(_folder,
            [new SynParticipant("r1", "a", "0", "completed", "", [7, 6, 5, 2], [null, 4, 4])],
            []);
        var data = ExportFolderReader.Read(_folder);
        // 7, 6, 5 and the reversed item 1 + 7 - 2 = 6: mean 6
        Assert.That(data.ConcernScore(0), Is.EqualTo(6.0));
        var report = ReportBuilder.Build(data);
        Assert.That(report.Segments!.Unclassified, Is.EqualTo(1), "a missing Westin answer is counted, not guessed");
        Assert.That(report.N.WithCheckout, Is.EqualTo(0));
    }

    [Test]
    public void ConcernScore_missingItem_noScoreAndCounted()
    {
        ExportFolderWriter.Write(_folder,
            [new SynParticipant("m1", "a", "0", "completed", "", [7, null, 5, 2], [4, 4, 4]),
             new SynParticipant("m2", "b", "0", "in_progress", "", [1, 2, 3, 4], [4, 4, 4])],
            []);
        var data = ExportFolderReader.Read(_folder);
        Assert.That(data.ConcernScore(0), Is.Null);
        var report = ReportBuilder.Build(data);
        Assert.That(report.Missing.NoConcernScore, Is.EqualTo(1));
        Assert.That(report.Attrition.Select(a => (a.Arm, a.Consented, a.Completed)), Is.EqualTo(new[] { ("a", 1, 1), ("b", 1, 0) }));
    }
}
