using Dapper;
using Experiment.Engine.Assignment;
using Experiment.Engine.Studies;
using NUnit.Framework;
using TestSupport;

namespace Analysis.Tests.Studies;

/// <summary>The study verbs as a researcher runs them: real files, a real database, exit codes and printed lines.</summary>
[NonParallelizable] // Console.Out is process-wide.
public sealed class StudyCommandsTests : DatabaseTest
{
    string dir = "";
    static string SeedDir => Path.Combine(TestContext.CurrentContext.TestDirectory, "SeedStudies");

    [SetUp]
    public void MakeDir() => dir = Directory.CreateTempSubdirectory("ppl-study-").FullName;

    [TearDown]
    public void RemoveDir() => Directory.Delete(dir, true);

    static async Task<(int Exit, string[] Lines)> Run(params string[] args)
    {
        var before = Console.Out;
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var exit = await Analysis.Cli.Run(args, TestClock.Create());
            return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }
        finally { Console.SetOut(before); }
    }

    string Write(string name, string json)
    {
        var path = Path.Combine(dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    [Test]
    public async Task Validate_studyFiles_printsOkOrEveryProblemAndExits1WhenAny()
    {
        var good = Path.Combine(SeedDir, "demo.json");
        var bad = Write("bad.json", File.ReadAllText(good).Replace("\"retentionDays\": 30", "\"retentionDays\": 0").Replace("\"version\": 1", "\"version\": 1, \"colour\": \"red\""));

        var (exit, lines) = await Run("study", "validate", good, bad);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"{good}: ok",
            $"{bad}: colour: unknown key 'colour'; allowed here: id, version, slug, languages, defaultLanguage, title, texts, ethics, demo, labels, retentionDays, license, " +
            "allowForcedCell, panel, factors, cells, targetPerCell, design, screening, blocks, blockOrders, pages, shop, valuation, twoShops, listings, exclusions, approvals",
            $"{bad}: retentionDays: must be 1 or more, got 0",
        }));
    }

    [Test]
    public async Task Validate_seedStudies_exits0()
    {
        var files = Directory.GetFiles(SeedDir, "*.json").Order().ToArray();

        var (exit, lines) = await Run(["study", "validate", .. files]);

        Assert.That(exit, Is.Zero);
        Assert.That(lines, Is.EqualTo(files.Select(f => $"{f}: ok")));
    }

    [Test]
    public async Task Import_folderTwice_importsThenReportsUnchangedAndListShowsTheStudies()
    {
        var first = await Run("study", "import", "--open", SeedDir, "--connection", ConnectionString);
        await Run("study", "close", "demo", "--connection", ConnectionString);
        var second = await Run("study", "import", "--open", SeedDir, "--connection", ConnectionString);
        await Run("study", "open", "demo", "--connection", ConnectionString);
        var list = await Run("study", "list", "--connection", ConnectionString);

        static bool IsPolicy(string l) => l.Contains(": warning [", StringComparison.Ordinal) || l.Contains(": refused [", StringComparison.Ordinal);
        Assert.That((first.Exit, first.Lines), Is.EqualTo((0, new[]
        {
            $"{Path.Combine(SeedDir, "demo.json")}: demo v1: imported, opened",
            $"{Path.Combine(SeedDir, "framing-en.json")}: framing-en v1: imported, opened",
            $"{Path.Combine(SeedDir, "framing-nl.json")}: framing-nl v1: imported, opened",
            $"{Path.Combine(SeedDir, "listings-en.json")}: listings-en v1: imported, opened",
            $"{Path.Combine(SeedDir, "listings-nl.json")}: listings-nl v1: imported, opened",
            $"{Path.Combine(SeedDir, "privacy-paradox-nl.json")}: privacy-paradox-nl v2: imported, opened",
            $"{Path.Combine(SeedDir, "privacy-paradox-prolific.json")}: privacy-paradox-prolific v1: imported, opened",
            $"{Path.Combine(SeedDir, "two-shops-en.json")}: two-shops-en v1: imported, opened",
            $"{Path.Combine(SeedDir, "two-shops-nl.json")}: two-shops-nl v2: imported, opened",
            $"{Path.Combine(SeedDir, "valuation-en.json")}: valuation-en v1: imported, opened",
            $"{Path.Combine(SeedDir, "valuation-nl.json")}: valuation-nl v1: imported, opened",
        })).Using(new LinesComparer()), "the seed studies pass the policy check for their own panels");
        Assert.That(await StatusAsync("demo"), Is.EqualTo("open"));
        Assert.That(second.Exit, Is.Zero);
        var unchanged = second.Lines.Where(l => !IsPolicy(l)).ToList();
        Assert.That(unchanged, Has.Count.EqualTo(11).And.All.EndsWith(": unchanged"), "--open opens only a study the import creates");
        Assert.That(list.Lines, Is.EqualTo(new[]
        {
            "demo v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "framing-en v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "framing-nl v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "listings-en v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "listings-nl v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "privacy-paradox-nl v2 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "privacy-paradox-prolific v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "two-shops-en v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "two-shops-nl v2 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "valuation-en v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "valuation-nl v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
        }));
    }

    [Test]
    public async Task Import_studyThePolicyRefuses_printsTheRefusalImportsNothingAndExits2()
    {
        var demo = Path.Combine(SeedDir, "demo.json");

        var (exit, lines) = await Run("study", "import", demo, OldSeed, "--connection", ConnectionString);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(lines, Has.Some.StartsWith($"{OldSeed}: shop.fields[9]: refused [bsn]:"));
        Assert.That(lines, Has.Some.EqualTo($"{OldSeed}: privacy-paradox-server v1: not imported: the policy refuses it (see above; docs/ethics.md)"));
        Assert.That(lines, Has.Some.EqualTo($"{demo}: demo v1: imported, closed until opened (study open demo)"), "the other file is imported");
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.QueryAsync<string>("select distinct id from study order by id"), Is.EqualTo(new[] { "demo" }));
    }

    [Test]
    public async Task Import_withoutOpen_leavesTheStudyClosedUntilStudyOpenWhichIsAudited()
    {
        var file = Path.Combine(SeedDir, "demo.json");

        var import = await Run("study", "import", file, "--connection", ConnectionString);
        var closed = await StatusAsync("demo");
        var open = await Run("study", "open", "demo", "--connection", ConnectionString);
        var opened = await StatusAsync("demo");
        var pause = await Run("study", "pause", "demo", "--connection", ConnectionString);
        var paused = await StatusAsync("demo");
        var unknown = await Run("study", "open", "nope", "--connection", ConnectionString);
        var odd = await Run("study", "close", "bad\u0001id", "--connection", ConnectionString);

        await using var conn = await DataSource.OpenConnectionAsync();
        var audit = (await conn.QueryAsync<string>("select action || ' ' || detail from audit_log where study_id = 'demo' order by id")).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(import, Is.EqualTo((0, new[] { $"{file}: demo v1: imported, closed until opened (study open demo)" })).Using(new LinesComparer()));
            Assert.That((closed, opened, paused), Is.EqualTo(("closed", "open", "paused")));
            Assert.That(open, Is.EqualTo((0, new[] { "demo: open" })).Using(new LinesComparer()));
            Assert.That(pause.Exit, Is.Zero);
            Assert.That(unknown.Exit, Is.EqualTo(1), "an unknown id changes nothing and says so");
            Assert.That(odd.Exit, Is.EqualTo(1));
            Assert.That(audit, Is.EqualTo(new[] { "status set to open", "status set to paused" }));
        });
    }

    async Task<string> StatusAsync(string id)
    {
        await using var conn = await DataSource.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<string>("select status from study_state where study_id = @id", new { id }) ?? "(none)";
    }

    [Test]
    public async Task Import_changedContentOfVersionWithParticipants_isRefusedWithExit2()
    {
        var demo = File.ReadAllText(Path.Combine(SeedDir, "demo.json"));
        var file = Write("demo.json", demo);
        await Run("study", "import", file, "--connection", ConnectionString);
        var study = StudyFile.Load(file).Study!;
        await Assigner.EnrolAsync(DataSource, study, new EnrolmentRequest("en"));
        File.WriteAllText(file, demo.Replace("\"price\": 24.95", "\"price\": 19.95"));

        var (exit, lines) = await Run("study", "import", file, "--connection", ConnectionString);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"{file}: demo v1: refused: the content differs from the imported version 1, which already has 1 participant(s). " +
            "Raise \"version\" in the file (e.g. to 2) and import again.",
        }));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<string>("select definition->'shop'->'products'->0->>'price' from study"), Is.EqualTo("24.95"));
    }

    [Test]
    public async Task Import_brokenFile_importsNothingAndExits1()
    {
        var good = Path.Combine(SeedDir, "demo.json");
        var bad = Write("bad.json", "{ \"id\": \"x\" ");

        var (exit, lines) = await Run("study", "import", good, bad, "--connection", ConnectionString);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(lines.Single(), Does.StartWith($"{bad}: $: malformed JSON at line 1, column"));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from study"), Is.Zero);
    }

    /// <summary>The seed study as it was before disclosure modes (BSN and date of birth typed, server mode), kept as test data.</summary>
    static string OldSeed => Path.Combine(TestContext.CurrentContext.TestDirectory, "Shared", "privacy-paradox-server.json");

    [Test]
    public async Task Check_oldSeedForProlific_flagsTypedBsnAndDateOfBirthAndExits2()
    {
        var (exit, lines) = await Run("study", "check", OldSeed, "--panel", "prolific");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(lines, Has.Some.EqualTo($"{OldSeed}: shop.fields[6]: warning [prolific-personal-data]: 'dob' (date, server mode) looks like collecting personal data; " +
            "on Prolific make it \"disclosureMode\": \"choice\", or record an approval reference in \"approvals\": { \"prolific-personal-data\": \"...\" } " +
            $"({StudyPolicy.Sources[StudyPolicy.ProlificPersonalData]})"));
        Assert.That(lines, Has.Some.StartsWith($"{OldSeed}: shop.fields[9]: refused [bsn]: 'bsn' asks a participant to type a BSN").And.Contains("ook niet met toestemming"));
        Assert.That(lines, Has.None.Contains("[completion-url]"), "the seed's completion URL is Prolific's");
    }

    [TestCase("privacy-paradox-nl.json", "none")]
    [TestCase("privacy-paradox-prolific.json", "prolific")]
    public async Task Check_seedVariantForItsPanel_printsOkAndExits0(string file, string panel)
    {
        var path = Path.Combine(SeedDir, file);

        var (exit, lines) = await Run("study", "check", path, "--panel", panel);

        Assert.That((exit, lines), Is.EqualTo((0, new[] { $"{path}: ok" })).Using(new LinesComparer()));
    }

    [Test]
    public async Task Check_demoForNoPanel_printsOkAndExits0()
    {
        var demo = Path.Combine(SeedDir, "demo.json");

        var (exit, lines) = await Run("study", "check", demo, "--panel", "none");

        Assert.That((exit, lines), Is.EqualTo((0, new[] { $"{demo}: ok" })).Using(new LinesComparer()));
    }

    [Test]
    public async Task Check_approvalReference_silencesItsWarningsButNotTheBsnRefusal()
    {
        var file = Write("approved.json", File.ReadAllText(OldSeed).Replace("\"shop\": {", "\"approvals\": { \"prolific-personal-data\": \"Prolific ticket 4711\" },\n  \"shop\": {"));

        var (exit, lines) = await Run("study", "check", file, "--panel", "prolific");

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(lines, Has.None.Contains("[prolific-personal-data]"));
        Assert.That(lines.Single(), Does.StartWith($"{file}: shop.fields[9]: refused [bsn]:"));
    }

    [Test]
    public async Task Check_healthFieldWithoutExplicitConsent_warnsAndWithItDoesNot()
    {
        var demo = File.ReadAllText(Path.Combine(SeedDir, "demo.json"));
        var health = demo.Replace("\"necessity\": \"required\",", "\"necessity\": \"required\", \"specialCategory\": \"health\",");
        Assert.That(health, Is.Not.EqualTo(demo));
        var without = Write("health.json", health);
        var with = Write("consented.json", health.Replace("\"debrief\": {", "\"explicitConsent\": { \"nl\": \"Ik stem uitdrukkelijk in.\", \"en\": \"I explicitly consent.\" },\n    \"debrief\": {"));

        var warned = await Run("study", "check", without, "--panel", "none");
        var passed = await Run("study", "check", with, "--panel", "none");

        Assert.That(warned.Exit, Is.EqualTo(1));
        Assert.That(warned.Lines, Has.Some.StartsWith($"{without}: shop.fields[0].specialCategory: warning [special-category]: 'name' asks for health data"));
        Assert.That(passed, Is.EqualTo((0, new[] { $"{with}: ok" })).Using(new LinesComparer()));
    }

    [Test]
    public async Task Check_completionUrlNotMatchingThePanel_warns()
    {
        var toProlificForNone = await Run("study", "check", OldSeed, "--panel", "none");
        var other = Write("other.json", File.ReadAllText(OldSeed).Replace("https://app.prolific.com/submissions/complete?cc={code}", "https://example.org/done?cc={code}"));
        var otherOnProlific = await Run("study", "check", other, "--panel", "prolific");

        Assert.That(toProlificForNone.Lines, Has.Some.StartsWith($"{OldSeed}: panel.completionUrl: warning [completion-url]: 'https://app.prolific.com/submissions/complete?cc={{code}}' sends participants to Prolific"));
        Assert.That(otherOnProlific.Lines, Has.Some.StartsWith($"{other}: panel.completionUrl: warning [completion-url]: 'https://example.org/done?cc={{code}}' is not Prolific's completion URL"));
    }

    [Test]
    public async Task Check_withoutAValidPanel_isAnError()
    {
        var (exit, _) = await Run("study", "check", OldSeed, "--panel", "mturk");

        Assert.That(exit, Is.Not.Zero);
    }

    /// <summary>Compares (exit, lines) tuples element by element, so a failure shows the lines.</summary>
    sealed class LinesComparer : IEqualityComparer<(int, string[])>
    {
        public bool Equals((int, string[]) a, (int, string[]) b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2);
        public int GetHashCode((int, string[]) x) => x.Item1;
    }
}
