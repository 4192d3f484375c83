using System.Globalization;
using Dapper;
using Npgsql;

namespace Experiment.Engine.Participants;

/// <summary>
/// "Abandoned" is not something a participant tells us: it is an in_progress session with no request for
/// <see cref="After"/>. A day is far longer than any real session, so nobody still working gets marked, and
/// short enough that a launch's drop-outs show up on the dashboard by the next day. A participant who does
/// come back and finishes becomes completed as usual.
/// </summary>
/// <remarks>
/// The one home of the rule: the export and the dashboard read it through <see cref="StatusSql"/> (so reading
/// never writes), purge stores it with <see cref="MarkAsync"/>, and the codebook and the console describe it
/// with <see cref="Describe"/>. "Now" always comes from a <see cref="TimeProvider"/>, passed to SQL as
/// @abandonedBefore, never from the database server's clock, so tests control it.
/// </remarks>
public static class Abandonment
{
    public static readonly TimeSpan After = TimeSpan.FromHours(24);

    /// <summary>Sessions last seen before this moment count as abandoned now: the value of @abandonedBefore.</summary>
    public static DateTime Cutoff(TimeProvider clock) => Cutoff(clock.GetUtcNow());

    /// <inheritdoc cref="Cutoff(TimeProvider)"/>
    public static DateTime Cutoff(DateTimeOffset now) => (now - After).UtcDateTime;

    /// <summary>
    /// A participant row's status as of @abandonedBefore (<see cref="Cutoff"/>), for a query on the participant
    /// table whose columns are not qualified. Stored statuses other than a stale in_progress pass through.
    /// </summary>
    /// <remarks>
    /// The SQL function participant_status (migration 0200) is the rule's text, shared with the balance policy's
    /// count of active sessions (balance_counts), which passes the study's timeout instead.
    /// </remarks>
    public const string StatusSql = "participant_status(status, last_seen_at, @abandonedBefore)";

    /// <summary>The rule in words, for the codebook and the console: "no request for 24 hours".</summary>
    public static string Describe(string language)
    {
        var hours = After.TotalHours.ToString("0.##", CultureInfo.InvariantCulture);
        return language == "nl" ? $"{hours} uur geen activiteit" : $"no request for {hours} hours";
    }

    /// <summary>Stores the rule: this study's stale sessions become abandoned; returns how many changed.</summary>
    public static async Task<int> MarkAsync(NpgsqlDataSource db, string studyId, TimeProvider clock, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            $"""
            update participant set status = 'abandoned'
            where study_id = @studyId and status = 'in_progress' and {StatusSql} = 'abandoned'
            """, new { studyId, abandonedBefore = Cutoff(clock) }, cancellationToken: ct));
    }
}
