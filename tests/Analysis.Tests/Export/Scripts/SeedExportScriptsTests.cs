using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Experiment.Engine.Export;
using Analysis.Simulation;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Export.Scripts;

/// <summary>
/// The scripts of an export of the seed study, run by the programs they are written for: PSPP runs
/// read_export.sps and the .sav files carry the codebook's labels; Rscript runs read_export.R and the data frames
/// have the codebook's types, levels and row counts. One export (plus a second for byte stability and a Dutch
/// one) serves every test, so the tools add seconds, not minutes.
/// </summary>
public sealed class SeedExportScriptsTests
{
    const string StudyId = "privacy-paradox-nl";
    const string License = "CC-BY-4.0";
    static readonly string[] Datasets = ["participants", "disclosures", "responses", "page_times"];

    PostgresServer server = null!;
    string connectionString = "";
    string root = "", first = "", second = "", dutch = "", odd = "", oddExcelSafe = "";
    CsvTable codebook = null!;

    [OneTimeSetUp]
    public async Task ExportTheSeedStudy()
    {
        server = await PostgresServer.SharedAsync();
        connectionString = await server.CreateDatabaseAsync();
        await using var db = Npgsql.NpgsqlDataSource.Create(connectionString);
        var clock = TestClock.Create();
        var loaded = StudyFile.Load(Path.Combine(AppContext.BaseDirectory, "SeedStudies", StudyId + ".json"));
        Assert.That(loaded.Study, Is.Not.Null, string.Join("; ", loaded.Problems));
        await StudyImport.ImportAsync(db, loaded.Study! with { License = License });
        await DirectSimulator.RunAsync(db, StudyId, 60, 18, new SimulationParameters());
        root = Directory.CreateTempSubdirectory("ppl-scripts-").FullName;
        (first, second, dutch, odd) = (Path.Combine(root, "first"), Path.Combine(root, "second"), Path.Combine(root, "dutch"), Path.Combine(root, "odd"));
        await Exporter.ExportToDirectoryAsync(db, StudyId, first, clock);
        await Exporter.ExportToDirectoryAsync(db, StudyId, second, clock);
        await Exporter.ExportToDirectoryAsync(db, StudyId, dutch, clock, null, language: "nl");
        await ExportOddStudyAsync(db, clock);
        codebook = CsvTable.Read(Path.Combine(first, "codebook.csv"));
    }

    const string LongKey = "willingness_to_share_the_date_of_birth";

    /// <summary>A study whose item keys no tool takes as they are (reserved words, longer than 32), with awkward texts.</summary>
    async Task ExportOddStudyAsync(Npgsql.NpgsqlDataSource db, TimeProvider clock)
    {
        static Text T(string en, string nl) => new() { ["en"] = en, ["nl"] = nl };
        var study = ExportStudy.Definition();
        var page = study.Pages[0];
        var longLabel = string.Concat(Enumerable.Repeat("Helemaal, écht ‘mee eens’ – ", 8));
        Item[] items =
        [
            new() { Key = "with", Type = ItemTypes.Likert, Text = T("Agree, with 'quotes' and \"more\" – €5?", "Eens, met 'aanhalingstekens' – €5?"), Points = 5,
                    MinLabel = T("no", "nee"), MaxLabel = T(longLabel, longLabel), Reverse = true, Construct = "concern.odd" },
            new() { Key = LongKey + "_1", Type = ItemTypes.YesNo, Text = T("First", "Eerste") },
            new() { Key = LongKey + "_2", Type = ItemTypes.YesNo, Text = T("Second", "Tweede") },
            new() { Key = "in", Type = ItemTypes.Choice, Text = T("Pick", "Kies"),
                    Options = [new ChoiceOption { Code = "x1", Text = T("Yes, ‘please’", "Ja, ‘graag’") }, new ChoiceOption { Code = "x2", Text = T("No $x `y`", "Nee") }] },
            new() { Key = "remark", Type = ItemTypes.Text, Text = T("Remark", "Opmerking"), MaxLength = 50, Required = false },
        ];
        await ExportStudy.ImportAsync(db, study with { Pages = [page with { Items = [.. page.Items, .. items] }, .. study.Pages.Skip(1)] });
        await ExportStudy.AddParticipantAsync(db, new ExportStudy.P("p-odd-1", Cell: 1, Order: 0));
        await ExportStudy.AddParticipantAsync(db, new ExportStudy.P("p-odd-2", Cell: 2, Order: 1, Status: "in_progress", Outcome: null));
        foreach (var (item, value) in new[] { ("with", "5"), (LongKey + "_1", "1"), (LongKey + "_2", "0"), ("in", "x1"), ("remark", "Komma, \"quote\" en € ✓"), ("cc1", "4") })
            await ExportStudy.AnswerAsync(db, "p-odd-1", "concern", item, value, 30);
        await ExportStudy.AnswerAsync(db, "p-odd-2", "concern", "in", "x2", 20);
        await ExportStudy.AnswerAsync(db, "p-odd-2", "concern", "remark", "=SUM(A1) -1", 20);
        await Exporter.ExportToDirectoryAsync(db, ExportStudy.Id, odd, clock);
        oddExcelSafe = Path.Combine(root, "odd-excel-safe");
        await Exporter.ExportToDirectoryAsync(db, ExportStudy.Id, oddExcelSafe, clock, null, excelSafe: true);
    }

    [Test]
    public async Task Scripts_keysNoToolAccepts_runInPsppAndRUnderTheCodebooksVarNames()
    {
        var pspp = ExternalTool.Require("pspp", "pspp");
        var rscript = ExternalTool.Require("Rscript", "r-base-core");
        var names = CsvTable.Read(Path.Combine(odd, "codebook.csv")).Rows.Where(r => r["file"] == "participants.csv").ToDictionary(r => r["column"], r => r["var_name"]);
        Assert.That((names["with"], names[LongKey + "_1"], names[LongKey + "_2"], names["in"], names["remark"]),
            Is.EqualTo(("with_v", LongKey[..32], LongKey[..30] + "_2", "in_v", "remark")));

        var (exit, output, error) = await ExternalTool.RunAsync(pspp, odd, "read_export.sps");
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output + error, Does.Not.Contain("warning").IgnoreCase.And.Not.Contain("error").IgnoreCase);
        await File.WriteAllTextAsync(Path.Combine(odd, "check.sps"), "SET TVARS=NAMES.\nGET FILE='participants.sav'.\nDISPLAY DICTIONARY.\nLIST with_v in_v remark.\n");
        (exit, output, error) = await ExternalTool.RunAsync(pspp, odd, "-O", "format=csv", "check.sps");
        Assert.That(exit, Is.Zero, output + error);
        var tables = PsppTables(output);
        Assert.That(tables.First(t => t.Title == "Variables").Rows.Select(r => r[0]), Is.EqualTo(names.Values));
        var labels = tables.First(t => t.Title == "Value Labels").Rows;
        Assert.That(labels.Any(r => r[1] == "x1" && r[2] == "Yes, ‘please’"), Is.True, "a choice label with typographic quotes");
        Assert.That(labels.Any(r => r[1] == "x2" && r[2] == "No $x `y`"), Is.True);
        var cut = labels.Single(r => r[1] == "5")[2];
        Assert.That(cut, Does.EndWith("…").And.StartWith("Helemaal, écht ‘mee eens’ – "), "a label longer than SPSS allows is cut visibly");
        Assert.That(Encoding.UTF8.GetByteCount(cut), Is.LessThanOrEqualTo(120));
        var data = tables.Single(t => t.Title == "Data List").Rows;
        Assert.That(data.Select(r => string.Join('|', r.Select(f => f.Trim()))), Is.EqualTo(new[] { "5|x1|Komma, \"quote\" en € ✓", ".|x2|=SUM(A1) -1" }));

        (exit, output, error) = await ExternalTool.RunAsync(rscript, odd, "read_export.R");
        Assert.That(exit, Is.Zero, output + error);
        var columns = output.Split('\n').Select(l => l.Split('\t')).Where(l => l[0] == "participants" && l[1] != "rows").ToList();
        Assert.That(columns.Select(l => l[1]), Is.EqualTo(names.Values));
        Assert.That(columns.Single(l => l[1] == "in_v")[3], Is.EqualTo("Yes, ‘please’|No $x `y`"));

        // A value the codebook does not list stops R with the column and the value, instead of turning it into NA.
        var broken = Directory.CreateDirectory(Path.Combine(root, "odd-broken")).FullName;
        foreach (var f in Exporter.AllFileNames) File.Copy(Path.Combine(odd, f), Path.Combine(broken, f));
        var participants = Path.Combine(broken, "participants.csv");
        await File.WriteAllTextAsync(participants, (await File.ReadAllTextAsync(participants)).Replace(",x1,", ",x9,", StringComparison.Ordinal));
        (exit, _, error) = await ExternalTool.RunAsync(rscript, broken, "read_export.R");
        Assert.That(exit, Is.Not.Zero);
        Assert.That(error, Does.Contain("participants.csv: in holds values the codebook does not list: x9"));

        // No Stata here: the do-file is checked for what would go wrong in it (macro characters, the names).
        var stata = await File.ReadAllTextAsync(Path.Combine(odd, "read_export.do"));
        Assert.That(stata, Does.Contain("2 `\"No \\$x \\`y\\`\"'").And.Contain("label variable with_v `\"Agree, with 'quotes' and \"more\" – €5?\"'"));
        Assert.That(stata, Does.Contain($"* participants.csv: column {LongKey}_2 is variable {LongKey[..30]}_2"));
        Assert.That(stata, Does.Contain("destring arm_discount, replace\nlabel define arm_discount 0 `\"0\"' 15 `\"15\"', replace"),
            "whole-number levels keep their numbers");
        Assert.That(stata, Does.Contain("replace `t' = 1 if in_v == `\"x1\"'"), "other codes are numbered");
    }

    [Test]
    public async Task RScript_excelSafeExport_undoesTheQuoteAndEveryScriptSaysItIsExcelSafe()
    {
        var rscript = ExternalTool.Require("Rscript", "r-base-core");
        Assert.That(await File.ReadAllTextAsync(Path.Combine(oddExcelSafe, "participants.csv")), Does.Contain("'=SUM(A1) -1"));
        const string Print = "source(\"read_export.R\"); cat(participants$remark, sep = \"\\n\")";
        var (exit, exact, error) = await ExternalTool.RunAsync(rscript, odd, "-e", Print);
        Assert.That(exit, Is.Zero, error);
        (exit, var safe, error) = await ExternalTool.RunAsync(rscript, oddExcelSafe, "-e", Print);
        Assert.That(exit, Is.Zero, error);
        Assert.That(safe, Is.EqualTo(exact).And.Contain("=SUM(A1) -1"));
        foreach (var script in new[] { "read_export.R", "read_export.sps", "read_export.do" })
        {
            Assert.That(await File.ReadAllTextAsync(Path.Combine(oddExcelSafe, script)), Does.Contain("An excel-safe export"), script);
            Assert.That(await File.ReadAllTextAsync(Path.Combine(odd, script)), Does.Not.Contain("An excel-safe export"), script);
        }
    }

    [OneTimeTearDown]
    public async Task Remove()
    {
        if (root.Length > 0) Directory.Delete(root, true);
        if (connectionString.Length > 0) await server.DropDatabaseAsync(connectionString);
    }

    IEnumerable<IReadOnlyDictionary<string, string>> Columns(string dataset) => codebook.Rows.Where(r => r["file"] == dataset + ".csv");

    /// <summary>code=label pairs of the codebook's values column (English, the default language).</summary>
    static IEnumerable<(string Code, string Label)> ValueLabels(IReadOnlyDictionary<string, string> row) =>
        row["type"] is "number" || row["values"].Length == 0 ? []
            : row["values"].Split('|').Where(v => v.Contains('=')).Select(v => (v[..v.IndexOf('=')], v[(v.IndexOf('=') + 1)..]));

    [Test]
    public async Task SpssSyntax_runByPspp_writesSavFilesWithoutWarningsWithTheCodebooksNamesAndValueLabels()
    {
        var pspp = ExternalTool.Require("pspp", "pspp");
        var (exit, output, error) = await ExternalTool.RunAsync(pspp, first, "read_export.sps");
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(output + error, Does.Not.Contain("warning").IgnoreCase.And.Not.Contain("error").IgnoreCase);

        var check = new StringBuilder("SET TVARS=NAMES.\n");
        foreach (var d in Datasets)
            check.Append($"GET FILE='{d}.sav'.\nDISPLAY DICTIONARY.\nCOMPUTE ppl_all = 1.\nAGGREGATE OUTFILE=* /BREAK=ppl_all /cases=N.\nLIST cases.\n");
        await File.WriteAllTextAsync(Path.Combine(first, "check.sps"), check.ToString());
        (exit, output, error) = await ExternalTool.RunAsync(pspp, first, "-O", "format=csv", "check.sps");
        Assert.That(exit, Is.Zero, output + error);
        var tables = PsppTables(output);
        Assert.That(tables.Count(t => t.Title == "Variables"), Is.EqualTo(Datasets.Length));

        var variables = tables.Where(t => t.Title == "Variables").ToList();
        var valueLabels = tables.Where(t => t.Title == "Value Labels").ToList();
        var cases = tables.Where(t => t.Title == "Data List").ToList();
        var labelled = 0;
        for (var i = 0; i < Datasets.Length; i++)
        {
            var columns = Columns(Datasets[i]).ToList();
            var dictionary = variables[i].Rows;
            Assert.That(dictionary.Select(r => r[0]), Is.EqualTo(columns.Select(c => c["var_name"])), Datasets[i]);
            for (var j = 0; j < columns.Count; j++)
            {
                Assert.That(dictionary[j][2], Is.EqualTo(columns[j]["label_en"]), $"{Datasets[i]}.{columns[j]["column"]} label");
                var level = columns[j]["type"] switch
                {
                    "likert" => "Ordinal",
                    "integer" or "decimal" or "number" or "datetime" => "Scale",
                    _ => "Nominal",
                };
                Assert.That(dictionary[j][3], Is.EqualTo(level), $"{Datasets[i]}.{columns[j]["column"]} level");
            }

            // The Value Labels table follows its Variables table; it lists each variable once, then its other codes.
            var expected = columns.SelectMany(c => ValueLabels(c).Select(v => (c["var_name"], v.Code, v.Label))).ToList();
            var table = valueLabels.SingleOrDefault(t => t.Position > variables[i].Position && (i + 1 == Datasets.Length || t.Position < variables[i + 1].Position));
            var actual = new List<(string, string, string)>();
            var current = "";
            foreach (var r in table?.Rows ?? [])
            {
                if (r[0].Length > 0) current = r[0];
                actual.Add((current, r[1], r[2]));
            }
            Assert.That(actual.Order(), Is.EqualTo(expected.Order()), $"{Datasets[i]}: value labels");
            labelled += expected.Count;

            var rows = CsvTable.Read(Path.Combine(first, Datasets[i] + ".csv")).Rows.Count;
            var n = cases.Single(t => t.Position > variables[i].Position && (i + 1 == Datasets.Length || t.Position < variables[i + 1].Position));
            Assert.That(double.Parse(n.Rows.Single()[^1], CultureInfo.InvariantCulture), Is.EqualTo(rows), $"{Datasets[i]}: cases");
        }
        Assert.That(labelled, Is.GreaterThan(50), "the seed study has many labelled codes");
        var concern = variables[0].Rows.Single(r => r[0] == "iuipc_coll4");
        Assert.That(concern[^1], Is.Empty, "numeric items have no user-missing values");
        Assert.That(variables[0].Rows.Single(r => r[0] == "status")[^1], Does.Match("^\"\\s+\"$"), "an empty text is missing");
    }

    [Test]
    public async Task RScript_runByRscript_givesDataFramesWithTheCodebooksTypesLevelsAndRowCounts()
    {
        var rscript = ExternalTool.Require("Rscript", "r-base-core");
        var (exit, output, error) = await ExternalTool.RunAsync(rscript, first, "read_export.R");
        Assert.That(exit, Is.Zero, output + error);
        Assert.That(error, Does.Not.Contain("Warning").IgnoreCase, "R printed a warning");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();

        foreach (var d in Datasets)
        {
            var csv = CsvTable.Read(Path.Combine(first, d + ".csv"));
            Assert.That(lines.Single(l => l[0] == d && l[1] == "rows")[2], Is.EqualTo(csv.Rows.Count.ToString(CultureInfo.InvariantCulture)), d);
            Assert.That(csv.Rows.Count, Is.GreaterThan(0), d);
            var columns = lines.Where(l => l[0] == d && l[1] != "rows").ToList();
            var described = Columns(d).ToList();
            Assert.That(columns.Select(l => l[1]), Is.EqualTo(described.Select(c => c["var_name"])), d);
            for (var j = 0; j < described.Count; j++)
            {
                var c = described[j];
                var labels = ValueLabels(c).ToDictionary(v => v.Code, v => v.Label);
                var (type, levels) = c["type"] switch
                {
                    "likert" or "integer" => ("integer", ""),
                    "decimal" or "number" => ("numeric", ""),
                    "boolean" or "yesno" => ("logical", ""),
                    "datetime" => ("POSIXct", ""),
                    "category" or "choice" when c["values"].Length > 0 =>
                        ("factor", string.Join('|', c["values"].Split('|').Select(v => v.Split('=')[0]).Select(code => labels.GetValueOrDefault(code, code)))),
                    _ => ("character", ""),
                };
                Assert.That((columns[j][2], columns[j][3]), Is.EqualTo((type, levels)), $"{d}.{c["column"]}");
            }
        }

        // Labels, reverse coding and time zone survive in the saved data frames.
        (exit, output, error) = await ExternalTool.RunAsync(rscript, first, "-e", """
            load("read_export.RData")
            x <- participants$iuipc_coll4
            cat(attr(x, "label"), attr(x, "reverse_coded"), attr(x, "construct"), paste(attr(x, "scale"), collapse = "-"), sep = "\n")
            cat(paste(names(attr(participants$iuipc_ctrl1, "labels")), attr(participants$iuipc_ctrl1, "labels"), sep = "=", collapse = "|"), "\n")
            cat(attr(participants$started_at, "tzone"), format(participants$started_at[1], "%Y-%m-%dT%H:%M:%SZ"), sep = "\n")
            """);
        Assert.That(exit, Is.Zero, output + error);
        var item = codebook.Rows.Single(r => r["column"] == "iuipc_coll4");
        var control = codebook.Rows.Single(r => r["column"] == "iuipc_ctrl1");
        var firstStart = CsvTable.Read(Path.Combine(first, "participants.csv")).Rows[0]["started_at"];
        var expectedEnds = string.Join('|', ValueLabels(control).Select(v => $"{v.Label}={v.Code}"));
        Assert.That(output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0),
            Is.EqualTo(new[] { item["label_en"], item["reverse_coded"] == "1" ? "TRUE" : "FALSE", "concern.collection", "1-7", expectedEnds, "UTC", firstStart }));
    }

    [Test]
    public void Export_twice_everyGeneratedFileIsByteIdentical()
    {
        foreach (var name in Exporter.AllFileNames)
            Assert.That(File.ReadAllBytes(Path.Combine(second, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, name))), name);
        foreach (var name in Exporter.FileNames)
            Assert.That(File.ReadAllBytes(Path.Combine(dutch, name)), Is.EqualTo(File.ReadAllBytes(Path.Combine(first, name))),
                $"{name}: the language changes the scripts' labels, never the data or the codebook");
    }

    [Test]
    public void DatasetDescription_export_hasTheStudyItsLicenseEveryVariableAndTheHashOfEachFile()
    {
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(first, "dataset_description.json")));
        var d = json.RootElement;
        Assert.That((d.GetProperty("@type").GetString(), d.GetProperty("identifier").GetString(), d.GetProperty("version").GetString(),
            d.GetProperty("license").GetString(), d.GetProperty("name").GetString()),
            Is.EqualTo(("Dataset", StudyId, "2", License, "Online shopping and personal data")));
        var variables = d.GetProperty("variableMeasured").EnumerateArray().ToList();
        var columns = codebook.Rows.Where(r => Datasets.Contains(Path.GetFileNameWithoutExtension(r["file"]))).DistinctBy(r => r["column"]).ToList();
        Assert.That(variables.Select(v => v.GetProperty("name").GetString()), Is.EqualTo(columns.Select(c => c["column"])));
        Assert.That(variables.Select(v => v.GetProperty("description").GetString()), Is.EqualTo(columns.Select(c => c["label_en"])));
        var likert = variables.Single(v => v.GetProperty("name").GetString() == "iuipc_ctrl1");
        Assert.That((likert.GetProperty("minValue").GetInt32(), likert.GetProperty("maxValue").GetInt32()), Is.EqualTo((1, 7)));

        var files = d.GetProperty("distribution").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("sha256").GetString());
        Assert.That(files.Keys, Is.EqualTo(new[] { "participants.csv", "disclosures.csv", "responses.csv", "page_times.csv", "codebook.csv" }));
        foreach (var (name, sha) in files)
            Assert.That(sha, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(first, name))))), name);
    }

    [Test]
    public void Export_withLangNl_writesTheDutchLabelsIntoEveryScript()
    {
        var item = codebook.Rows.Single(r => r["column"] == "iuipc_coll4");
        Assert.That(item["label_nl"], Is.Not.EqualTo(item["label_en"]));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dutch, "dataset_description.json")));
        Assert.That(json.RootElement.GetProperty("name").GetString(), Is.EqualTo("Online winkelen en persoonsgegevens"));
        Assert.That(json.RootElement.GetProperty("variableMeasured").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == "iuipc_coll4").GetProperty("description").GetString(), Is.EqualTo(item["label_nl"]));
        var sps = File.ReadAllText(Path.Combine(dutch, "read_export.sps"));
        Assert.That(sps, Does.Contain("'ja'").And.Contain("(labels: nl)"));
        Assert.That(File.ReadAllText(Path.Combine(dutch, "read_export.do")), Does.Contain("\"ja\"'"));
        Assert.That(File.ReadAllText(Path.Combine(first, "read_export.do")), Does.Contain("\"yes\"'").And.Not.Contain("\"ja\"'"));
    }

    sealed record PsppTable(string Title, int Position, List<string[]> Rows);

    /// <summary>PSPP's CSV output: "Table: Title", a header line, rows, a blank line.</summary>
    static List<PsppTable> PsppTables(string output)
    {
        var tables = new List<PsppTable>();
        PsppTable? table = null;
        var header = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Table: ", StringComparison.Ordinal))
            {
                table = new PsppTable(line["Table: ".Length..].Trim(), tables.Count, []);
                tables.Add(table);
                header = true;
            }
            else if (line.Trim().Length == 0) table = null;
            else if (table is not null && header) header = false;
            else table?.Rows.Add(SplitCsv(line));
        }
        return tables;
    }

    static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var b = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { b.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(b.ToString()); b.Clear(); }
            else b.Append(c);
        }
        fields.Add(b.ToString());
        return fields.ToArray();
    }
}
