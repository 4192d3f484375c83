using System.Security.Cryptography;
using System.Text;
using Dapper;
using Experiment.Engine.Researchers;
using Npgsql;

namespace Experiment.Engine.Participants;

/// <summary>
/// Pilot participants (column <c>participant.pilot</c>, migration 0210): those who enter while the study's status
/// is <c>pilot</c>, and the simulated ones (`simulate`, unless --live). The enrolment function balances them
/// among themselves and counts them toward no target and no balance; the export, the report and the speeder
/// median leave them out unless asked for; <see cref="RemoveAsync"/> deletes them all.
/// </summary>
public static class Pilot
{
    /// <summary>The export's condition on a participant <c>p</c> (with @includePilot).</summary>
    public const string Filter = "(@includePilot or not p.pilot)";

    /// <summary>
    /// Deletes every pilot participant of the study (every version) with every row they left, and writes the audit
    /// entry in the same transaction. Neither the withdrawn count nor the removal counts change: that was no
    /// withdrawal (migration 0210). Returns how many were removed.
    /// </summary>
    public static async Task<int> RemoveAsync(NpgsqlDataSource db, string studyId, string actor, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var removed = await conn.ExecuteAsync(new CommandDefinition(
            "delete from participant where study_id = @studyId and pilot", new { studyId }, tx, cancellationToken: ct));
        await AuditLog.WriteAsync(conn, tx, actor, "remove-pilot", studyId, $"{removed} pilot participant(s) removed", ct);
        await tx.CommitAsync(ct);
        return removed;
    }

    /// <summary>The number of pilot participants of the study (every version).</summary>
    public static async Task<long> CountAsync(NpgsqlDataSource db, string studyId, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from participant where study_id = @studyId and pilot", new { studyId }, cancellationToken: ct));
    }

    /// <summary>The request header that carries a pilot key (HTTP bots).</summary>
    public const string KeyHeader = "X-Ppl-Pilot";

    /// <summary>
    /// A new random key that makes entries of this study pilot entries until <paramref name="lifetime"/> has passed
    /// (or <see cref="RevokeKeyAsync"/>); only its hash is stored. Expired keys of any study are deleted here.
    /// </summary>
    public static async Task<string> IssueKeyAsync(NpgsqlDataSource db, string studyId, TimeSpan lifetime, TimeProvider clock, CancellationToken ct = default)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            delete from pilot_key where expires_at <= @now;
            insert into pilot_key (key_hash, study_id, expires_at) values (@hash, @studyId, @expires);
            """, new { now, hash = Hash(key), studyId, expires = now + lifetime }, cancellationToken: ct));
        return key;
    }

    /// <summary>Whether <paramref name="key"/> is a live pilot key of this study. Blank or odd input is simply no key.</summary>
    public static async Task<bool> IsKeyAsync(NpgsqlDataSource db, string studyId, string? key, TimeProvider clock, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length != 64 || !key.All(char.IsAsciiHexDigitLower)) return false;
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists (select 1 from pilot_key where key_hash = @hash and study_id = @studyId and expires_at > @now)",
            new { hash = Hash(key), studyId, now = clock.GetUtcNow() }, cancellationToken: ct));
    }

    public static async Task RevokeKeyAsync(NpgsqlDataSource db, string key, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("delete from pilot_key where key_hash = @hash", new { hash = Hash(key) }, cancellationToken: ct));
    }

    static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(key))).ToLowerInvariant();
}
