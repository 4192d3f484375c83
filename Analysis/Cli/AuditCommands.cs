using System.CommandLine;
using System.Globalization;
using Experiment.Engine.Researchers;

namespace Analysis;

/// <summary>`audit --study ID`: who exported, erased or purged what, newest first.</summary>
public static class AuditCommands
{
    public static Command Create()
    {
        var command = new Command("audit", "List the audit log (exports, erasures, purges, account changes)");
        var study = new Option<string?>("--study") { Description = "Only this study (default: everything)" };
        var limit = new Option<int>("--limit") { Description = "At most this many entries", DefaultValueFactory = _ => 200 };
        var connection = CliDatabase.ConnectionOption();
        command.Options.Add(study);
        command.Options.Add(limit);
        command.Options.Add(connection);
        command.SetAction(async (result, ct) =>
        {
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var entries = await AuditLog.ListAsync(db, result.GetValue(study), Math.Clamp(result.GetValue(limit), 1, 100_000), ct);
            foreach (var e in entries)
                Console.WriteLine(string.Join('\t', e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    e.Actor, e.Action, e.StudyId ?? "-", e.Detail));
            if (entries.Count == 0) Console.WriteLine("audit log is empty");
            return 0;
        });
        return command;
    }
}
