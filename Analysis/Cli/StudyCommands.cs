using System.CommandLine;
using Experiment.Engine.Studies;

namespace Analysis;

/// <summary>`study validate`, `study check`, `study import`, `study list`, `study open|pilot|pause|close` and
/// `study remove-pilot`: getting study
/// files into the database and letting participants in.</summary>
public static class StudyCommands
{
    public static Command Create()
    {
        var study = new Command("study", "Validate, import and list study files (docs/study-format.md)");
        var connection = CliDatabase.ConnectionOption();

        var files = new Argument<string[]>("FILE") { Description = "Study files (.json), or folders of them", Arity = ArgumentArity.OneOrMore };
        var validate = new Command("validate", "Check study files and print every problem, one per line (exit 1 when there is any)");
        validate.Arguments.Add(files);
        validate.SetAction(result =>
        {
            var ok = true;
            foreach (var path in Expand(result.GetValue(files)!))
                ok &= Report(StudyFile.Load(path), path);
            return ok ? 0 : 1;
        });

        var checkFiles = new Argument<string[]>("FILE") { Description = "Study files (.json), or folders of them", Arity = ArgumentArity.OneOrMore };
        var panel = new Option<string>("--panel")
        {
            Description = "The panel the study will run on: prolific or none", Required = true,
        };
        panel.AcceptOnlyFromAmong("prolific", "none");
        var check = new Command("check", "Validate, then print the policy warnings for a panel with their JSON path and rule " +
            "(docs/ethics.md); exit 1 on a warning or an invalid file, 2 on a refusal");
        check.Arguments.Add(checkFiles);
        check.Options.Add(panel);
        check.SetAction(result =>
        {
            var on = StudyPolicy.ParsePanel(result.GetValue(panel))!.Value;
            var exit = 0;
            foreach (var path in Expand(result.GetValue(checkFiles)!))
            {
                var loaded = StudyFile.Load(path);
                if (!loaded.Ok)
                {
                    Report(loaded, path);
                    exit = Math.Max(exit, 1);
                    continue;
                }
                exit = Math.Max(exit, PrintPolicy(StudyPolicy.Check(loaded.Study!, on), path, ok: true));
            }
            return exit;
        });

        var targets = new Argument<string[]>("FILE|DIR") { Description = "Study files, or folders whose *.json files are imported", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Validate and check (the study's own panel), then import study files; same content again changes nothing; a study the policy refuses is not imported (exit 2)");
        var openNew = new Option<bool>("--open") { Description = "Open each study this import creates (an imported study starts closed; one already in the database keeps its status)" };
        import.Arguments.Add(targets);
        import.Options.Add(connection);
        import.Options.Add(openNew);
        import.SetAction(async (result, ct) =>
        {
            var paths = Expand(result.GetValue(targets)!);
            var loaded = paths.Select(p => (Path: p, Result: StudyFile.Load(p))).ToList();
            var valid = true;
            foreach (var (path, r) in loaded.Where(x => !x.Result.Ok)) valid &= Report(r, path);
            // Nothing is imported from a set with a broken file: the files of one folder usually belong together.
            if (!valid) return 1;
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var exit = 0;
            foreach (var (path, r) in loaded)
            {
                // The study's own panel decides which rules apply; warnings are printed and the import goes on, a
                // refusal (docs/ethics.md: a BSN the server would receive) is not imported.
                if (PrintPolicy(StudyPolicy.CheckForOwnPanel(r.Study!), path, ok: false) == 2)
                {
                    Console.WriteLine($"{path}: {r.Study!.Id} v{r.Study.Version}: not imported: the policy refuses it (see above; docs/ethics.md)");
                    exit = 2;
                    continue;
                }
                var outcome = await StudyImport.ImportAsync(db, r.Study!, ct);
                var opened = outcome.Created && result.GetValue(openNew) && await SetStatusAsync(db, outcome.StudyId, "open", ct);
                Console.WriteLine($"{path}: {outcome.Message}{(outcome.Created ? opened ? ", opened" : ", closed until opened (study open " + outcome.StudyId + ")" : "")}");
                if (outcome.Outcome == ImportOutcome.Refused) exit = 2;
            }
            return exit;
        });

        var list = new Command("list", "List imported studies: id, current version, status and counts");
        list.Options.Add(connection);
        list.SetAction(async (result, ct) =>
        {
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var rows = await StudyStore.ListWithCountsAsync(db, ct);
            if (rows.Count == 0) Console.WriteLine("no studies imported");
            foreach (var r in rows)
                Console.WriteLine($"{r.StudyId} v{r.CurrentVersion} ({r.Versions} version(s)) {r.Status}: " +
                                  $"{r.Participants} participant(s), {r.Completed} completed, entered {r.Entered}, declined {r.Declined}, withdrawn {r.Withdrawn}" +
                                  (r.Pilot > 0 ? $"; pilot participants {r.Pilot}" : ""));
            return 0;
        });

        foreach (var (verb, status, what) in new[] { ("open", "open", "Let participants in"),
                     ("pilot", "pilot", "Let participants in as pilot participants: flagged, counted toward no target or balance, left out of exports and reports unless asked for"),
                     ("pause", "paused", "Hold new participants for a while; those enrolled continue"), ("close", "closed", "End recruitment; those enrolled continue") })
        {
            var id = new Argument<string>("ID") { Description = "The study id" };
            var command = new Command(verb, $"{what} (the study's status becomes {status}; audited)");
            command.Arguments.Add(id);
            command.Options.Add(connection);
            command.SetAction(async (result, ct) =>
            {
                var studyId = result.GetValue(id)!;
                await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
                if (!StudyId.IsValid(studyId) || !await SetStatusAsync(db, studyId, status, ct))
                {
                    Console.Error.WriteLine($"study {verb}: no imported study has the id '{studyId}' (see `study list`).");
                    return 1;
                }
                Console.WriteLine($"{studyId}: {status}");
                return 0;
            });
            study.Subcommands.Add(command);
        }
        var pilotOf = new Argument<string>("ID") { Description = "The study id" };
        var removePilot = new Command("remove-pilot", "Delete every pilot participant of the study and everything they left (audited)");
        removePilot.Arguments.Add(pilotOf);
        removePilot.Options.Add(connection);
        removePilot.SetAction(async (result, ct) =>
        {
            var studyId = result.GetValue(pilotOf)!;
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            if (!StudyId.IsValid(studyId) || await StudyStore.GetStateAsync(db, studyId, ct) is null)
            {
                Console.Error.WriteLine($"study remove-pilot: no imported study has the id '{studyId}' (see `study list`).");
                return 1;
            }
            var removed = await Experiment.Engine.Participants.Pilot.RemoveAsync(db, studyId, Experiment.Engine.Researchers.AuditLog.CliActor(), ct);
            Console.WriteLine($"{studyId}: removed {removed} pilot participant(s)");
            return 0;
        });
        study.Subcommands.Add(removePilot);
        study.Subcommands.Add(validate);
        study.Subcommands.Add(check);
        study.Subcommands.Add(import);
        study.Subcommands.Add(list);
        return study;
    }

    /// <summary>Prints each finding after the file's path; returns the exit code the findings call for.</summary>
    static int PrintPolicy(IReadOnlyList<PolicyFinding> findings, string path, bool ok)
    {
        if (findings.Count == 0 && ok) Console.WriteLine($"{path}: ok");
        foreach (var f in findings) Console.WriteLine($"{path}: {f}");
        return findings.Any(f => f.Level == PolicyLevel.Refused) ? 2 : findings.Count > 0 ? 1 : 0;
    }

    static async Task<bool> SetStatusAsync(Npgsql.NpgsqlDataSource db, string studyId, string status, CancellationToken ct)
    {
        if (!await StudyStore.SetStatusAsync(db, studyId, status, ct)) return false;
        await Experiment.Engine.Researchers.AuditLog.WriteAsync(db, Experiment.Engine.Researchers.AuditLog.CliActor(), "status", studyId, $"set to {status}", ct);
        return true;
    }

    static bool Report(StudyLoadResult r, string path)
    {
        if (r.Ok)
        {
            Console.WriteLine($"{path}: ok");
            return true;
        }
        foreach (var p in r.Problems) Console.WriteLine(p.ToString());
        return false;
    }

    /// <summary>Folders become their *.json files (sorted, not recursive); a missing path stays, so Load reports it.</summary>
    static List<string> Expand(IEnumerable<string> targets) =>
        targets.SelectMany(t => Directory.Exists(t)
            ? Directory.GetFiles(t, "*.json").Order(StringComparer.Ordinal)
            : (IEnumerable<string>)[t]).ToList();
}
