using System.Globalization;
using Dapper;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;

namespace Survey.Web.Tests.Participation;

/// <summary>The seed studies as shipped, walked over HTTP by a bot that answers from the study definition.</summary>
public sealed class SeedStudyTests
{
    [TestCase("privacy-paradox-nl", "nl")]
    [TestCase("privacy-paradox-nl", "en")]
    [TestCase("privacy-paradox-prolific", "en")]
    [TestCase("demo", "en")]
    public async Task SeedStudy_everyCell_completes(string studyId, string lang)
    {
        await using var app = await TestWebApp.StartAsync();
        var (study, _) = (await StudyStore.GetCurrentAsync(app.DataSource, studyId))!.Value;
        var cells = StudyDesign.Cells(study).Count;
        for (var cell = 0; cell < cells; cell++)
        {
            using var p = new ParticipantDriver(app.BaseUrl);
            await p.GetAsync($"/s/{studyId}?lang={lang}&cell={cell}" + (study.Panel is { } panel ? $"&{panel.ParticipantParam}=SEED{cell}{lang}" : ""));
            Assert.That(p.Html, Does.Contain($"<html lang=\"{lang}\">"));
            await p.SubmitAsync("agree");
            for (var guard = 0; p.CompletionCode is null && p.Url.StartsWith(app.BaseUrl) && guard < 60; guard++)
                await SubmitValidAsync(p, study, app);
        }
        await using var conn = await app.DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant where status = 'completed'"), Is.EqualTo(cells));
        if (study.AllowForcedCell)
            Assert.That(await conn.ExecuteScalarAsync<long>("select count(distinct cell_idx) from participant"), Is.EqualTo(cells));
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from participant where language <> @lang", new { lang }), Is.EqualTo(0));
    }

    internal static async Task SubmitValidAsync(ParticipantDriver p, StudyDefinition study, TestWebApp app)
    {
        var html = p.Html;
        if (html.Contains("value=\"finish\"")) { await p.SubmitAsync("finish", ("behaviour_consent", "1")); return; }
        if (html.Contains("value=\"add_to_cart\"")) { await p.SubmitAsync("add_to_cart"); return; }
        if (html.Contains("value=\"pay\"")) { await p.SubmitAsync("pay", ("payment", "ideal")); return; }
        if (html.Contains("value=\"checkout\"")) { await p.SubmitAsync("checkout"); return; }
        if (html.Contains("value=\"place_order\""))
        {
            var required = study.Shop!.Fields.Where(f => !f.IsOptional)
                .Select(f => ("f_" + f.Key, f.Type == FieldTypes.Email ? "a@example.nl" : f.Type == FieldTypes.Choice ? f.Options![0].Code : "Test Waarde"));
            await p.SubmitAsync("place_order", required.ToArray());
            return;
        }
        var page = study.Pages.FirstOrDefault(pg => pg.Items.Count > 0 && html.Contains($"name=\"{pg.Items[0].Key}\""));
        if (page is null) { await p.SubmitAsync("next"); return; }
        var answers = page.Items.Select(i => (i.Key, i.Type switch
        {
            ItemTypes.Likert => "4",
            ItemTypes.YesNo => "1",
            ItemTypes.Choice => i.Expected ?? i.Options![0].Code,
            ItemTypes.Number => (i.Min ?? 1).ToString(CultureInfo.InvariantCulture),
            _ => "ok",
        })).ToArray();
        await p.SubmitAsync("next", answers);
        Assert.That(p.Html, Does.Not.Contain("class=\"field-error\""), $"page {page.Key} refused valid answers");
    }
}
