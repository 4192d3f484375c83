using System.CommandLine;
using Experiment.Engine.Studies;

namespace Analysis;

/// <summary>`db migrate` applies the schema; `db links` prints where participants and researchers go.</summary>
public static class DatabaseCommands
{
    public static Command Create()
    {
        var db = new Command("db", "Database schema and links");
        var connection = CliDatabase.ConnectionOption();

        var migrate = new Command("migrate", "Apply pending schema migrations (all in one transaction)");
        migrate.Options.Add(connection);
        migrate.SetAction(result =>
        {
            CliDatabase.Migrate(CliDatabase.ConnectionString(result, connection));
            Console.WriteLine("database schema is up to date");
            return 0;
        });

        var links = new Command("links", "Print the participant link of every open study and the researcher console URL");
        var baseUrl = new Option<string>("--base-url") { Description = "Where Survey.Web is served", DefaultValueFactory = _ => Cli.RunShUrl };
        links.Options.Add(connection);
        links.Options.Add(baseUrl);
        links.SetAction(async (result, ct) =>
        {
            var root = result.GetValue(baseUrl)!.TrimEnd('/');
            await using var source = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var studies = await StudyStore.ListAsync(source, ct);
            foreach (var s in studies.Where(s => s.Status == "open"))
                if (await StudyStore.GetCurrentAsync(source, s.StudyId, ct) is { } current)
                    Console.WriteLine($"participant link ({s.StudyId} v{s.CurrentVersion}): {ParticipantLink.For(root, current.Study, await StudyStore.SlugAsync(source, s.StudyId, ct))}");
            if (!studies.Any(s => s.Status == "open")) Console.WriteLine("no open study");
            Console.WriteLine($"researcher console: {root}/researcher");
            return 0;
        });

        db.Subcommands.Add(migrate);
        db.Subcommands.Add(links);
        return db;
    }
}
