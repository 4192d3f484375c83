using System.IO.Compression;
using System.Net;
using Dapper;
using Experiment.Engine.Researchers;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Researcher;

/// <summary>The console's export has an Excel-safe checkbox: ticked, the zip's cells are protected and the codebook says so.</summary>
public sealed class ExcelSafeExportTests
{
    const string Study = "demo";

    [Test]
    public async Task DashboardExport_excelSafeTickedOrNot_protectsCellsAndNotesItOrIsExact()
    {
        await using var app = await TestWebApp.StartAsync();
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "xena");
        using var console = new ConsoleClient(app.BaseUrl);
        Assert.That((await console.SignInAsync("xena", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var dashboard = await (await console.GetAsync($"/researcher/studies/{Study}")).Content.ReadAsStringAsync();
        Assert.That(dashboard, Does.Contain($"<form method=\"get\" action=\"/researcher/studies/{Study}/export.zip\"")
            .And.Contain("<input type=\"checkbox\" name=\"excel_safe\" value=\"1\">"));

        var safe = await CodebookAsync(console, "?excel_safe=1");
        var exact = await CodebookAsync(console, "");
        Assert.Multiple(async () =>
        {
            Assert.That(safe, Does.Contain("[excel-safe export: a ' was put before text starting with = + - @, tab or CR]"));
            Assert.That(exact, Does.Not.Contain("excel-safe"));
            await using var conn = await app.DataSource.OpenConnectionAsync();
            var details = (await conn.QueryAsync<string>("select detail from audit_log where action = 'export' order by id")).ToList();
            Assert.That(details, Is.EqualTo(new[] { "0 participants as zip download (excel-safe)", "0 participants as zip download" }));
        });
    }

    static async Task<string> CodebookAsync(ConsoleClient console, string query)
    {
        var response = await console.GetAsync($"/researcher/studies/{Study}/export.zip{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry("codebook.csv")!.Open());
        return await reader.ReadToEndAsync();
    }
}
