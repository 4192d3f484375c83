using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Experiment.Engine.Researchers;

/// <summary>How many failed sign-ins lock an account, and for how long.</summary>
public sealed record LockoutOptions(int MaxFailures = 5, TimeSpan? Duration = null)
{
    public TimeSpan LockFor => Duration ?? TimeSpan.FromMinutes(15);
}

public enum SignInOutcome { Success, WrongPassword, LockedOut }

/// <summary>Stamp: the account's security stamp, on success only (it goes into the session cookie).</summary>
public sealed record SignInResult(SignInOutcome Outcome, DateTime? LockedUntil = null, string? Stamp = null);

/// <summary>
/// Researcher accounts: created and reset from the command line with a generated password that is shown once,
/// stored only as an ASP.NET Core PasswordHasher hash. Failed sign-ins are counted in the database, not in a
/// web process, so a lockout holds across every Survey.Web instance on the same database. The security stamp
/// (migration 0110) is what makes a session end: sign-out and reset replace it.
/// </summary>
public static partial class ResearcherAccounts
{
    public const string DefaultUsername = "researcher";
    static readonly PasswordHasher<string> Hasher = new();
    // A hash of a random password, verified against when the username is unknown, so timing does not tell
    // whether an account exists.
    static readonly string DummyHash = Hasher.HashPassword("", GeneratePassword());

    [GeneratedRegex(@"^[A-Za-z0-9._@-]{1,64}\z")] // \z: "$" would accept a trailing newline
    private static partial Regex UsernamePattern();

    public static void CheckUsername(string username)
    {
        if (!UsernamePattern().IsMatch(username))
            throw new ArgumentException($"Username '{username}' is not allowed: use 1 to 64 letters, digits, '.', '_', '@' or '-'.");
    }

    /// <summary>20 characters from a 56-letter alphabet without look-alikes (about 116 bits).</summary>
    public static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }

    /// <summary>Creates the account and returns its password; false in Created when the name is taken.</summary>
    public static async Task<(bool Created, string Password)> CreateAsync(NpgsqlDataSource db, string username, CancellationToken ct = default)
    {
        CheckUsername(username);
        var password = GeneratePassword();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.ExecuteAsync(new CommandDefinition(
            "insert into researcher (username, password_hash) values (@username, @hash) on conflict (username) do nothing",
            new { username, hash = Hasher.HashPassword(username, password) }, cancellationToken: ct));
        return (rows == 1, rows == 1 ? password : "");
    }

    /// <summary>
    /// Gives the account a new password, ends every session it has (a new security stamp) and lifts its lockouts;
    /// null when there is no such account.
    /// </summary>
    public static async Task<string?> ResetAsync(NpgsqlDataSource db, string username, CancellationToken ct = default)
    {
        CheckUsername(username);
        var password = GeneratePassword();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var rows = await conn.ExecuteAsync(new CommandDefinition(
            "update researcher set password_hash = @hash, security_stamp = gen_random_uuid()::text where username = @username",
            new { username, hash = Hasher.HashPassword(username, password) }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("delete from signin_failure where username_hash = @h",
            new { h = KeyHash(username) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return rows == 1 ? password : null;
    }

    /// <summary>Ends every session of the account (sign-out): cookies that carry the old stamp are refused.</summary>
    public static async Task EndSessionsAsync(NpgsqlDataSource db, string username, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "update researcher set security_stamp = gen_random_uuid()::text where username = @username",
            new { username }, cancellationToken: ct));
    }

    /// <summary>The account's current security stamp; null when the account no longer exists.</summary>
    public static async Task<string?> SecurityStampAsync(NpgsqlDataSource db, string username, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "select security_stamp from researcher where username = @username", new { username }, cancellationToken: ct));
    }

    /// <summary>When no researcher exists yet, creates "researcher" and returns its password; otherwise null.</summary>
    public static async Task<string?> EnsureAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // One ./run.sh at a time may create the first account; the lock ends with the transaction.
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_xact_lock(20260001)", transaction: tx, cancellationToken: ct));
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("select exists (select 1 from researcher)", transaction: tx, cancellationToken: ct)))
            return null;
        var password = GeneratePassword();
        await conn.ExecuteAsync(new CommandDefinition("insert into researcher (username, password_hash) values (@username, @hash)",
            new { username = DefaultUsername, hash = Hasher.HashPassword(DefaultUsername, password) }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return password;
    }

    public static async Task<IReadOnlyList<string>> ListAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<string>(new CommandDefinition("select username from researcher order by username", cancellationToken: ct))).ToList();
    }

    /// <summary>
    /// Checks a password from one client address. Failures are counted per (username, address), for unknown
    /// usernames exactly as for real ones, so the answer never tells whether an account exists and one address
    /// can only lock itself out. A locked pair is refused without looking at the password; the failure that
    /// reaches MaxFailures locks it for LockFor; a count older than LockFor starts afresh; a success clears it.
    /// The success carries the account's security stamp for the session cookie. "Now" is <paramref name="clock"/>'s,
    /// not the database server's.
    /// </summary>
    public static async Task<SignInResult> SignInAsync(NpgsqlDataSource db, string username, string password, string client,
        LockoutOptions options, TimeProvider clock, CancellationToken ct = default)
    {
        var keys = new { u = KeyHash(username), c = KeyHash(client), lockFor = options.LockFor, now = clock.GetUtcNow().UtcDateTime };
        await using var conn = await db.OpenConnectionAsync(ct);
        var lockedUntil = await conn.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
            "select locked_until from signin_failure where username_hash = @u and client_hash = @c and locked_until > @now",
            keys, cancellationToken: ct));
        if (lockedUntil is not null) return new SignInResult(SignInOutcome.LockedOut, lockedUntil);

        var account = await conn.QuerySingleOrDefaultAsync<(long Id, string PasswordHash, string Stamp)>(new CommandDefinition(
            "select id, password_hash, security_stamp from researcher where username = @username", new { username }, cancellationToken: ct));
        var verdict = account.PasswordHash is null
            ? VerifyUnknown(password)
            : Hasher.VerifyHashedPassword(username, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await using var tx = await conn.BeginTransactionAsync(ct);
            // Forget counts nobody added to for a whole lockout period (and the hashed address with them).
            await conn.ExecuteAsync(new CommandDefinition(
                "delete from signin_failure where last_failed_at < @now - @lockFor and (locked_until is null or locked_until < @now)",
                keys, tx, cancellationToken: ct));
            var failures = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
                """
                insert into signin_failure as f (username_hash, client_hash, failures, last_failed_at) values (@u, @c, 1, @now)
                on conflict (username_hash, client_hash) do update
                set failures = case when f.locked_until is not null then 1 else f.failures + 1 end, locked_until = null, last_failed_at = @now
                returning failures
                """, keys, tx, cancellationToken: ct));
            if (failures >= options.MaxFailures)
                lockedUntil = await conn.ExecuteScalarAsync<DateTime>(new CommandDefinition(
                    "update signin_failure set locked_until = @now + @lockFor where username_hash = @u and client_hash = @c returning locked_until",
                    keys, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return lockedUntil is null ? new SignInResult(SignInOutcome.WrongPassword) : new SignInResult(SignInOutcome.LockedOut, lockedUntil);
        }
        await conn.ExecuteAsync(new CommandDefinition("delete from signin_failure where username_hash = @u and client_hash = @c", keys, cancellationToken: ct));
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            await conn.ExecuteAsync(new CommandDefinition("update researcher set password_hash = @newHash where id = @Id",
                new { newHash = Hasher.HashPassword(username, password), account.Id }, cancellationToken: ct));
        return new SignInResult(SignInOutcome.Success, Stamp: account.Stamp);
    }

    /// <summary>An unknown username fails after the same amount of hashing work as a wrong password.</summary>
    static PasswordVerificationResult VerifyUnknown(string password)
    {
        Hasher.VerifyHashedPassword("", DummyHash, password);
        return PasswordVerificationResult.Failed;
    }

    /// <summary>Failure counts are keyed by hashes: what was typed as a username, and the address, stay unreadable.</summary>
    static string KeyHash(string value) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(value)));
}
