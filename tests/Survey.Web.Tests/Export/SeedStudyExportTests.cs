using Experiment.Engine.Checkout;
using System.IO.Compression;
using System.Net;
using CsvHelper;
using Dapper;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;
using NUnit.Framework;
using Survey.Web.Tests.Infrastructure;
using Survey.Web.Tests.Researcher;

namespace Survey.Web.Tests.Export;

/// <summary>
/// Participants walk the seed study over HTTP, a researcher downloads the export from the console, and
/// every file is read back with CsvHelper and compared with what the participants did. Then an erasure by
/// panel id from the console removes one of them from every table and every file, and the audit log says so.
/// </summary>
public sealed class SeedStudyExportTests
{
    /// <summary>The seed study in server mode (tests/Shared), whose participants type every value.</summary>
    const string Study = "privacy-paradox-server";

    /// <summary>What one participant answers and types; everything else follows from the study file.</summary>
    sealed record Plan(string Pid, bool Orders, int Likert, Dictionary<string, string> Checkout)
    {
        public string Answer(Item item, int index) => item.Type switch
        {
            ItemTypes.Likert when item.IsAttentionCheck => item.Expected!,
            ItemTypes.Likert => ((Likert + index) % (item.Points ?? 7) + 1).ToString(),
            ItemTypes.YesNo => item.Key is "will_dob" or "will_bsn" ? "1" : "0",
            ItemTypes.Choice => item.Options![index % item.Options.Count].Code,
            _ => "1",
        };
    }

    static readonly Plan Orderer = new("PIDORDER01", true, 2, new() { ["name"] = "Jan Jansen", ["postcode"] = "3511 AB", ["house_number"] = "12 hs",
        ["street"] = "Dorpsstraat", ["town"] = "Utrecht", ["email"] = "jan@example.nl",
        ["dob"] = "1990-05-04", ["bsn"] = "111222333" });
    static readonly Plan Leaver = new("PIDLEAVE02", false, 5, new() { ["mobile"] = "0612345678" });

    static async Task WalkAsync(ParticipantDriver p, StudyDefinition study, Plan plan)
    {
        await p.GetAsync($"/s/{Study}?PROLIFIC_PID={plan.Pid}&STUDY_ID=S1&SESSION_ID=X1");
        Assert.That(p.Html, Does.Contain("value=\"agree\""), "consent page");
        await p.SubmitAsync("agree");
        for (var guard = 0; guard < 40; guard++)
        {
            var html = p.Html;
            // The seed study sends finished participants back to Prolific with the completion code.
            if (html.Contains("id=\"completion-code\"") || p.Url.StartsWith("https://app.prolific.com/", StringComparison.Ordinal)) return;
            var page = study.Pages.FirstOrDefault(pg => html.Contains($"name=\"{pg.Items[0].Key}\""));
            if (html.Contains("value=\"finish\"")) await p.SubmitAsync("finish", ("behaviour_consent", "1"));
            else if (html.Contains("value=\"place_order\""))
                await p.SubmitAsync(plan.Orders ? "place_order" : "leave_shop", plan.Checkout.Select(kv => ("f_" + kv.Key, kv.Value)).ToArray());
            else if (html.Contains("value=\"add_to_cart\"")) await p.SubmitAsync("add_to_cart");
            else if (html.Contains("value=\"pay\"")) await p.SubmitAsync("pay", ("payment", "ideal"));
            else if (html.Contains("value=\"checkout\"")) await p.SubmitAsync("checkout");
            else if (page is not null) await p.SubmitAsync("next", page.Items.Select((item, i) => (item.Key, plan.Answer(item, i))).ToArray());
            else if (html.Contains("value=\"next\"") || html.Contains("value=\"continue\"")) await p.SubmitAsync(html.Contains("value=\"next\"") ? "next" : "continue");
            else Assert.Fail("Unknown page at " + p.Url + ":\n" + html);
        }
        Assert.Fail("did not reach the end page");
    }

    static async Task<Dictionary<string, CsvTableRows>> DownloadAsync(ConsoleClient console, string query = "")
    {
        var response = await console.GetAsync($"/researcher/studies/{Study}/export.zip{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/zip"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var files = new Dictionary<string, CsvTableRows>();
        foreach (var entry in zip.Entries)
        {
            using var content = new MemoryStream();
            await using (var s = entry.Open()) await s.CopyToAsync(content);
            // The scripts and the description are kept as bytes; only the CSV files are parsed.
            files[entry.FullName] = entry.FullName.EndsWith(".csv", StringComparison.Ordinal)
                ? CsvTableRows.Parse(content.ToArray()) : new CsvTableRows([], [], content.ToArray());
        }
        files["(zip)"] = new CsvTableRows([], [], bytes);
        return files;
    }

    [Test]
    public async Task Export_afterParticipantsWalkTheSeedStudy_matchesWhatTheyDidAndErasureRemovesOneEverywhere()
    {
        await using var app = await TestWebApp.StartAsync();
        var study = (await StudyStore.GetCurrentAsync(app.DataSource, Study))!.Value.Study;
        foreach (var plan in new[] { Orderer, Leaver })
        {
            using var p = new ParticipantDriver(app.BaseUrl);
            await WalkAsync(p, study, plan);
        }
        var (_, password) = await ResearcherAccounts.CreateAsync(app.DataSource, "eve");
        using var console = new ConsoleClient(app.BaseUrl);
        Assert.That((await console.SignInAsync("eve", password)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        Dictionary<string, CsvTableRows> files;
        try { files = await DownloadAsync(console); }
        catch (HttpRequestException) { Assert.Fail(string.Join("\n", app.LogLines.Where(l => l.StartsWith("Error") || l.StartsWith("Critical") || l.Contains("Exception:")).Take(3))); throw; }
        Assert.That(files.Keys.Where(k => k != "(zip)"), Is.EqualTo(new[] { "participants.csv", "disclosures.csv", "responses.csv", "page_times.csv", "panel_ids.csv", "codebook.csv", "study.csv",
            "read_export.R", "read_export.sps", "read_export.do", "dataset_description.json" }));
        Assert.That(System.Text.Encoding.UTF8.GetString(files["read_export.sps"].Bytes), Does.Contain("(labels: en)").And.Contain("GET DATA"));

        // Columns: as documented, with the seed study's factors, items and fields filled in.
        var items = StudyDesign.AllItems(study).Select(i => i.Key).ToList();
        var fields = study.Shop!.Fields.Select(f => f.Key).ToList();
        string[] expectedColumns =
        [
            "participant_id", "study_id", "study_version", "arm", "arm_discount", "arm_notice", "block_order", "language", "status",
            "started_at", "completed_at", "duration_s", "attention_passed", .. items, "checkout_outcome",
            .. fields.Select(f => "offer_" + f), .. fields.Select(f => "granted_" + f), .. fields.Select(f => "disclosed_" + f),
            .. fields.Select(f => "plausible_" + f), "discount_pct", "amount_to_pay", "behaviour_consent",
            "flag_attention_failed", "flag_speeder", "flag_straightlining", "repeat_entries", "pilot",
        ];
        var participants = files["participants.csv"];
        Assert.That(participants.Header, Is.EqualTo(expectedColumns));
        Assert.That(items, Does.Contain("iuipc_ctrl1").And.Contain("will_bsn"));

        await using var conn = await app.DataSource.OpenConnectionAsync();
        var ids = (await conn.QueryAsync<(string Pid, string Id, int CellIdx)>(
            "select i.panel_participant_id, p.id, p.cell_idx from panel_id i join participant p on p.id = i.participant_id")).ToDictionary(r => r.Pid);
        Assert.That(participants.Rows.Select(r => r["participant_id"]), Is.EqualTo(ids.Values.Select(v => v.Id).Order(StringComparer.Ordinal)));

        foreach (var plan in new[] { Orderer, Leaver })
        {
            var (_, id, cellIdx) = ids[plan.Pid];
            var cell = StudyDesign.Cells(study)[cellIdx];
            var row = participants.Rows.Single(r => r["participant_id"] == id);
            Assert.That((row["status"], row["attention_passed"], row["behaviour_consent"], row["study_version"], row["arm"]),
                Is.EqualTo(("completed", "1", "1", "1", cell.Arm)), plan.Pid);
            Assert.That((row["arm_discount"], row["arm_notice"]), Is.EqualTo((cell.Levels["discount"], cell.Levels["notice"])));
            Assert.That(row["checkout_outcome"], Is.EqualTo(plan.Orders ? "ordered" : "left_shop"));
            Assert.That(DateTime.Parse(row["completed_at"]) >= DateTime.Parse(row["started_at"]), Is.True);
            Assert.That(double.Parse(row["duration_s"], System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            foreach (var page in study.Pages)
                for (var i = 0; i < page.Items.Count; i++)
                    Assert.That(row[page.Items[i].Key], Is.EqualTo(plan.Answer(page.Items[i], i)), $"{plan.Pid} {page.Items[i].Key}");
            foreach (var f in study.Shop.Fields)
            {
                var disclosed = plan.Orders && plan.Checkout.ContainsKey(f.Key);
                Assert.That(row["offer_" + f.Key], Is.EqualTo(StudyDesign.OfferFor(f, cell).ToString(System.Globalization.CultureInfo.InvariantCulture)), f.Key);
                Assert.That(row["disclosed_" + f.Key], Is.EqualTo(disclosed ? "1" : "0"), $"{plan.Pid} disclosed_{f.Key}");
                Assert.That(row["plausible_" + f.Key], Is.EqualTo(disclosed ? "1" : ""), $"{plan.Pid} plausible_{f.Key}");
                Assert.That(row["granted_" + f.Key], Is.EqualTo(disclosed && f.IsOptional ? row["offer_" + f.Key] : "0"), $"{plan.Pid} granted_{f.Key}");
            }
            var granted = study.Shop.Fields.Sum(f => decimal.Parse(row["granted_" + f.Key], System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(row["discount_pct"], Is.EqualTo(granted.ToString(System.Globalization.CultureInfo.InvariantCulture)), plan.Pid);
            // The bots keep the cart as it starts (the fixed product, below the free-shipping amount): the goods after the discount plus shipping.
            Assert.That(CheckoutRules.Subtotal(study.Shop), Is.LessThan(study.Shop.Shipping!.FreeFrom!.Value));
            Assert.That(row["amount_to_pay"], Is.EqualTo(plan.Orders
                ? ((double)(CheckoutRules.Total(CheckoutRules.Subtotal(study.Shop), (double)granted) + study.Shop.Shipping.Cost))
                    .ToString("R", System.Globalization.CultureInfo.InvariantCulture) : ""), plan.Pid);

            var disclosures = files["disclosures.csv"].Rows.Where(r => r["participant_id"] == id).ToList();
            Assert.That(disclosures.Select(r => r["field"]), Is.EqualTo(fields), "one row per field, in the study's order");
            foreach (var d in disclosures)
            {
                var f = study.Shop.Fields.Single(x => x.Key == d["field"]);
                Assert.That((d["necessity"], d["sensitivity"], d["stated_item"], d["disclosed"]),
                    Is.EqualTo((f.Necessity, f.Sensitivity.ToString(), f.PairedItem ?? "", row["disclosed_" + f.Key])), f.Key);
                Assert.That(d["stated_willing"], Is.EqualTo(f.PairedItem is null ? "" : f.PairedItem is "will_dob" or "will_bsn" ? "1" : "0"), f.Key);
            }

            var answered = files["responses.csv"].Rows.Where(r => r["participant_id"] == id).ToList();
            Assert.That(answered.Select(r => r["item"]).Order(), Is.EqualTo(items.Order()), "every answer once");
            Assert.That(files["page_times.csv"].Rows.Count(r => r["participant_id"] == id), Is.GreaterThanOrEqualTo(study.Pages.Count + 4));
            var panel = files["panel_ids.csv"].Rows.Single(r => r["participant_id"] == id);
            Assert.That((panel["panel"], panel["panel_participant_id"], panel["panel_study_id"], panel["panel_session_id"]), Is.EqualTo(("prolific", plan.Pid, "S1", "X1")));
        }

        var codebook = files["codebook.csv"].Rows.Select(r => $"{r["file"]}:{r["column"]}").ToList();
        Assert.That(codebook, Is.EqualTo(files.Where(f => f.Key.EndsWith(".csv", StringComparison.Ordinal)).SelectMany(f => f.Value.Header.Select(c => $"{f.Key}:{c}"))));
        var coll4 = files["codebook.csv"].Rows.Single(r => r["column"] == "iuipc_coll4");
        Assert.That((coll4["construct"], coll4["reverse_coded"], coll4["scale_min"], coll4["scale_max"]), Is.EqualTo(("concern.collection", "0", "1", "7")));
        Assert.That(coll4["values"], Is.EqualTo("1=Strongly disagree|2=Disagree|3=Somewhat disagree|4=Neither agree nor disagree|5=Somewhat agree|6=Agree|7=Strongly agree"),
            "every point labelled as the participant saw it");

        // Twice the same download: byte for byte.
        Assert.That((await DownloadAsync(console))["(zip)"].Bytes, Is.EqualTo(files["(zip)"].Bytes));
        // The labels of the scripts in another language of the study; one it does not have is a clear 400.
        var dashboard = await (await console.GetAsync($"/researcher/studies/{Study}")).Content.ReadAsStringAsync();
        Assert.That(dashboard, Does.Contain("<select name=\"lang\">").And.Contain("<option value=\"nl\">nl</option>")
            .And.Contain("<option value=\"en\" selected=\"selected\">en</option>"), "the export form offers the study's languages, English first chosen");
        var dutch = await DownloadAsync(console, "?lang=nl");
        Assert.That(System.Text.Encoding.UTF8.GetString(dutch["read_export.sps"].Bytes), Does.Contain("(labels: nl)"));
        Assert.That(dutch["participants.csv"].Bytes, Is.EqualTo(files["participants.csv"].Bytes));
        var german = await console.GetAsync($"/researcher/studies/{Study}/export.zip?lang=de");
        Assert.That(german.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await german.Content.ReadAsStringAsync(), Does.Contain("The study has no language 'de'"));
        var odd = await console.GetAsync($"/researcher/studies/{Study}/export.zip?lang={Uri.EscapeDataString("\u202e<b>" + new string('x', 300) + "\u0000")}");
        Assert.That(odd.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await odd.Content.ReadAsStringAsync(), Is.EqualTo("The study has no language like that; labels can be written in: nl, en."));

        // Erasure by panel id from the console.
        var leaverId = ids[Leaver.Pid].Id;
        var erase = await console.SubmitAsync($"/researcher/studies/{Study}/erase", $"/researcher/studies/{Study}/erase", ("kind", "panel"), ("identifier", Leaver.Pid));
        Assert.That(await erase.Content.ReadAsStringAsync(), Does.Contain("Erased the participant with that panel id"));
        var dump = await app.DumpDatabaseAsync();
        Assert.That(dump, Does.Not.Contain(leaverId).And.Not.Contain(Leaver.Pid));
        Assert.That(dump, Does.Contain(ids[Orderer.Pid].Id));
        var after = await DownloadAsync(console);
        foreach (var (name, table) in after.Where(f => f.Key.EndsWith(".csv", StringComparison.Ordinal)))
            Assert.That(table.Rows.SelectMany(r => r.Values), Does.Not.Contain(leaverId).And.Not.Contain(Leaver.Pid), name);
        Assert.That(after["participants.csv"].Rows.Select(r => r["participant_id"]), Is.EqualTo(new[] { ids[Orderer.Pid].Id }));

        var audit = await (await console.GetAsync($"/researcher/audit?study={Study}")).Content.ReadAsStringAsync();
        Assert.That(audit, Does.Contain("researcher:eve").And.Contain("by panel id: 1 participant erased").And.Contain("2 participants as zip download"));
        Assert.That(audit, Does.Not.Contain(Leaver.Pid));

        var live = await (await console.GetAsync($"/researcher/studies/{Study}/live.json")).Content.ReadAsStringAsync();
        using var json = System.Text.Json.JsonDocument.Parse(live);
        var total = json.RootElement.GetProperty("total");
        Assert.That((total.GetProperty("completed").GetInt64(), total.GetProperty("withdrawn").GetInt64(), total.GetProperty("entered").GetInt64()), Is.EqualTo((1L, 1L, 2L)));
        Assert.That(json.RootElement.GetProperty("cells").EnumerateArray().Count(), Is.EqualTo(StudyDesign.Cells(study).Count));
    }
}

/// <summary>One CSV file read with CsvHelper: its header and its rows by column name.</summary>
sealed record CsvTableRows(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyDictionary<string, string>> Rows, byte[] Bytes)
{
    public static CsvTableRows Parse(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { Separator = ',' });
        var rows = new List<IReadOnlyDictionary<string, string>>();
        reader.ReadHeader();
        var header = reader.Headers.ToList();
        while (reader.Read())
        {
            var fields = reader.Current.ToArray();
            Assert.That(fields, Has.Length.EqualTo(header.Count), "every row has the header's field count");
            rows.Add(header.Select((h, i) => (h, fields[i])).ToDictionary(x => x.h, x => x.Item2));
        }
        return new CsvTableRows(header, rows, bytes);
    }
}
