using Analysis.Report;
using NUnit.Framework;

namespace Analysis.Tests.Report;

/// <summary>
/// Every report row that prints both a p and a 95% interval takes them from the same SE, so the interval excludes
/// the null exactly when p &lt; 0.05: each logistic term (odds ratio against 1) and the Spearman row (rho against 0).
/// Run over the committed demo export (where the model-based p of concern_z once sat beside a clustered interval
/// containing 1) and over simulated studies of several sizes, including small ones where p lands near 0.05.
/// </summary>
public sealed class ReportConsistencyTests
{
    static string DemoFolder => Path.Combine(AppContext.BaseDirectory, "DemoData");

    public static IEnumerable<TestCaseData> Reports()
    {
        yield return new TestCaseData("demo").SetName("EveryRow_demoData_intervalExcludesNullExactlyWhenPBelow005");
        foreach (var (n, seed) in new[] { (60, 1), (90, 2), (120, 3), (200, 4), (400, 5), (80, 6), (70, 7), (150, 8) })
            yield return new TestCaseData($"{n}:{seed}").SetName($"EveryRow_simulated{n}Seed{seed}_intervalExcludesNullExactlyWhenPBelow005");
    }

    [TestCaseSource(nameof(Reports))]
    public void Rows_pAndInterval_agree(string source)
    {
        var report = Build(source);
        var rows = Rows(report).ToArray();
        Assert.That(rows, Has.Length.GreaterThanOrEqualTo(5), "the logistic terms and the Spearman row");
        using var scope = Assert.EnterMultipleScope();
        foreach (var (name, p, low, high, nullValue) in rows)
            Assert.That(low > nullValue || high < nullValue, Is.EqualTo(p < 0.05),
                $"{name}: p = {p:R}, 95% CI [{low:R}, {high:R}] against {nullValue}");
    }

    [Test]
    public void Rows_simulatedStudies_includeSignificantAndNonSignificantRows()
    {
        // The agreement above must be tested on both sides of 0.05, or it could hold trivially.
        var all = Reports().Select(c => (string)c.Arguments[0]!).SelectMany(s => Rows(Build(s))).ToArray();
        Assert.That(all.Count(r => r.P < 0.05), Is.GreaterThan(5));
        Assert.That(all.Count(r => r.P >= 0.05), Is.GreaterThan(5));
        Assert.That(all.Count(r => r.P is > 0.01 and < 0.2), Is.GreaterThan(2), "rows near the boundary");
    }

    static ReportResult Build(string source)
    {
        if (source == "demo") return ReportBuilder.Build(ExportFolderReader.Read(DemoFolder));
        var parts = source.Split(':');
        var folder = ExportFolderWriter.NewTempFolder();
        try
        {
            SyntheticStudy.Generate(int.Parse(parts[0]), seed: int.Parse(parts[1])).WriteTo(folder);
            return ReportBuilder.Build(ExportFolderReader.Read(folder));
        }
        finally { Directory.Delete(folder, recursive: true); }
    }

    static IEnumerable<(string Name, double P, double Low, double High, double Null)> Rows(ReportResult r)
    {
        foreach (var t in r.Logistic!.Terms)
            yield return ($"logistic {t.Term}", t.P!.Value, t.CiLow!.Value, t.CiHigh!.Value, 1.0);
        if (r.Spearman is { P: { } p, CiLow: { } lo, CiHigh: { } hi })
            yield return ("spearman", p, lo, hi, 0.0);
    }
}
