using System.CommandLine;
using Experiment.Engine.Participants;
using Experiment.Engine.Researchers;
using Experiment.Engine.Studies;

namespace Analysis;

/// <summary>`erase` honours a withdrawal request; `purge` applies the study's retention and marks abandoned sessions.</summary>
public static class ErasureCommands
{
    public static Command CreateErase()
    {
        var command = new Command("erase", "Delete one participant and everything they left (withdrawal, AVG art. 17)");
        var study = new Option<string>("--study") { Description = "Study id", Required = true };
        var panelId = new Option<string?>("--panel-id") { Description = "The panel's participant id, e.g. a Prolific PID" };
        var participant = new Option<string?>("--participant") { Description = "The platform's participant id (participant_id in the export)" };
        var connection = CliDatabase.ConnectionOption();
        foreach (var o in new Option[] { study, panelId, participant, connection }) command.Options.Add(o);
        command.SetAction(async (result, ct) =>
        {
            var studyId = result.GetValue(study)!;
            var (byPanel, byId) = (result.GetValue(panelId), result.GetValue(participant));
            if (string.IsNullOrWhiteSpace(byPanel) == string.IsNullOrWhiteSpace(byId))
                throw new CliException("Give exactly one of --panel-id or --participant.");
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            if (await StudyStore.GetCurrentAsync(db, studyId, ct) is null) throw new CliException($"No study with id '{studyId}' has been imported.");
            var kind = byPanel is { Length: > 0 } ? "panel id" : "participant id";
            var erased = byPanel is { Length: > 0 }
                ? await Erasure.EraseByPanelIdAsync(db, studyId, byPanel.Trim(), ct)
                : await Erasure.EraseParticipantAsync(db, studyId, byId!.Trim(), ct);
            await AuditLog.WriteAsync(db, AuditLog.CliActor(), "erase", studyId, $"by {kind}: {(erased ? 1 : 0)} participant erased", ct);
            if (!erased) throw new CliException($"No participant of study '{studyId}' has that {kind}; nothing was erased.");
            Console.WriteLine($"erased the participant with that {kind} from study {studyId}");
            return 0;
        });
        return command;
    }

    public static Command CreatePurge(TimeProvider clock)
    {
        var command = new Command("purge", "Delete participants older than the study's RetentionDays and mark stale sessions abandoned");
        var study = new Option<string>("--study") { Description = "Study id", Required = true };
        var connection = CliDatabase.ConnectionOption();
        command.Options.Add(study);
        command.Options.Add(connection);
        command.SetAction(async (result, ct) =>
        {
            var studyId = result.GetValue(study)!;
            await using var db = CliDatabase.Open(CliDatabase.ConnectionString(result, connection));
            var outcome = await Retention.PurgeAsync(db, studyId, clock, ct) ?? throw new CliException($"No study with id '{studyId}' has been imported.");
            await AuditLog.WriteAsync(db, AuditLog.CliActor(), "purge", studyId,
                $"{outcome.Purged} participants past retention deleted, {outcome.MarkedAbandoned} marked abandoned", ct);
            Console.WriteLine($"purged {outcome.Purged} participants past retention; marked {outcome.MarkedAbandoned} abandoned " +
                              $"({Abandonment.Describe("en")})");
            return 0;
        });
        return command;
    }
}
