using Dapper;
using Npgsql;

namespace Experiment.Engine.Participants;

/// <summary>
/// Erasing a participant: every row it left goes (responses, page times, disclosures and panel ids cascade
/// from the participant row); only the study's withdrawn count remembers that someone was there.
/// </summary>
public static class Erasure
{
    /// <summary>Deletes the participant of this study; false when there was none.</summary>
    public static async Task<bool> EraseParticipantAsync(NpgsqlDataSource db, string studyId, string participantId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // A pilot participant's withdrawal is no withdrawal of the live study (Pilot).
        var pilot = await conn.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            "delete from participant where id = @participantId and study_id = @studyId returning pilot",
            new { participantId, studyId }, tx, cancellationToken: ct));
        var deleted = pilot is null ? 0 : 1;
        if (pilot == false)
            await conn.ExecuteAsync(new CommandDefinition(
                "update study_state set withdrawn = withdrawn + 1 where study_id = @studyId", new { studyId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return deleted == 1;
    }

    /// <summary>Finds the participant a panel id belongs to and deletes it; false when the id is unknown.</summary>
    public static async Task<bool> EraseByPanelIdAsync(NpgsqlDataSource db, string studyId, string panelParticipantId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var ids = (await conn.QueryAsync<string>(new CommandDefinition(
            "select participant_id from panel_id where study_id = @studyId and panel_participant_id = @panelParticipantId",
            new { studyId, panelParticipantId }, cancellationToken: ct))).ToList();
        var any = false;
        foreach (var id in ids) any |= await EraseParticipantAsync(db, studyId, id, ct);
        return any;
    }
}
