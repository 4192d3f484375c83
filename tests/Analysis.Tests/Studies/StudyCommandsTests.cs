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
    public async Task Validate_prints_ok_or_every_problem_and_exits_1_when_any()
    {
        var good = Path.Combine(SeedDir, "demo.json");
        var bad = Write("bad.json", File.ReadAllText(good).Replace("\"retentionDays\": 30", "\"retentionDays\": 0").Replace("\"version\": 1", "\"version\": 1, \"colour\": \"red\""));

        var (exit, lines) = await Run("study", "validate", good, bad);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"{good}: ok",
            $"{bad}: colour: unknown key 'colour'; allowed here: id, version, languages, defaultLanguage, title, texts, ethics, demo, labels, retentionDays, license, " +
            "allowForcedCell, panel, factors, cells, targetPerCell, blocks, blockOrders, pages, shop, exclusions",
            $"{bad}: retentionDays: must be 1 or more, got 0",
        }));
    }

    [Test]
    public async Task Validate_seed_studies_exits_0()
    {
        var files = Directory.GetFiles(SeedDir, "*.json").Order().ToArray();

        var (exit, lines) = await Run(["study", "validate", .. files]);

        Assert.That(exit, Is.Zero);
        Assert.That(lines, Is.EqualTo(files.Select(f => $"{f}: ok")));
    }

    [Test]
    public async Task Import_folder_twice_imports_then_reports_unchanged_and_list_shows_the_studies()
    {
        var first = await Run("study", "import", SeedDir, "--connection", ConnectionString);
        var second = await Run("study", "import", SeedDir, "--connection", ConnectionString);
        var list = await Run("study", "list", "--connection", ConnectionString);

        Assert.That(first, Is.EqualTo((0, new[]
        {
            $"{Path.Combine(SeedDir, "demo.json")}: demo v1: imported",
            $"{Path.Combine(SeedDir, "privacy-paradox-nl.json")}: privacy-paradox-nl v1: imported",
        })).Using(new LinesComparer()));
        Assert.That(second.Exit, Is.Zero);
        Assert.That(second.Lines, Has.All.EndsWith(": unchanged"));
        Assert.That(list.Lines, Is.EqualTo(new[]
        {
            "demo v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
            "privacy-paradox-nl v1 (1 version(s)) open: 0 participant(s), 0 completed, entered 0, declined 0, withdrawn 0",
        }));
    }

    [Test]
    public async Task Import_changed_content_of_a_version_with_participants_is_refused_with_exit_2()
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
    public async Task Import_with_a_broken_file_imports_nothing_and_exits_1()
    {
        var good = Path.Combine(SeedDir, "demo.json");
        var bad = Write("bad.json", "{ \"id\": \"x\" ");

        var (exit, lines) = await Run("study", "import", good, bad, "--connection", ConnectionString);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(lines.Single(), Does.StartWith($"{bad}: $: malformed JSON at line 1, column"));
        await using var conn = await DataSource.OpenConnectionAsync();
        Assert.That(await conn.ExecuteScalarAsync<long>("select count(*) from study"), Is.Zero);
    }

    /// <summary>Compares (exit, lines) tuples element by element, so a failure shows the lines.</summary>
    sealed class LinesComparer : IEqualityComparer<(int, string[])>
    {
        public bool Equals((int, string[]) a, (int, string[]) b) => a.Item1 == b.Item1 && a.Item2.SequenceEqual(b.Item2);
        public int GetHashCode((int, string[]) x) => x.Item1;
    }
}
