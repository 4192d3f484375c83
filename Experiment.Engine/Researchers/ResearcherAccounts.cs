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

public sealed record SignInResult(SignInOutcome Outcome, DateTime? LockedUntil = null);

/// <summary>
/// Researcher accounts: created and reset from the command line with a generated password that is shown once,
/// stored only as an ASP.NET Core PasswordHasher hash. Failed sign-ins are counted in the database, not in a
/// web process, so a lockout holds across every Survey.Web instance on the same database.
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

    /// <summary>Gives the account a new password and lifts any lockout; null when there is no such account.</summary>
    public static async Task<string?> ResetAsync(NpgsqlDataSource db, string username, CancellationToken ct = default)
    {
        CheckUsername(username);
        var password = GeneratePassword();
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.ExecuteAsync(new CommandDefinition(
            "update researcher set password_hash = @hash, failed_logins = 0, locked_until = null where username = @username",
            new { username, hash = Hasher.HashPassword(username, password) }, cancellationToken: ct));
        return rows == 1 ? password : null;
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
    /// Checks a password. A locked account is refused without looking at the password; the failure that
    /// reaches MaxFailures locks it for LockFor; a success resets the count. An unknown username is a
    /// wrong password, never a lockout (nothing to lock, and no hint that the name is free). "Now" is
    /// <paramref name="clock"/>'s, not the database server's.
    /// </summary>
    public static async Task<SignInResult> SignInAsync(NpgsqlDataSource db, string username, string password, LockoutOptions options,
        TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<(long Id, string PasswordHash, int FailedLogins, DateTime? LockedUntil)>(
            new CommandDefinition(
                "select id, password_hash, failed_logins, locked_until from researcher where username = @username for update",
                new { username }, tx, cancellationToken: ct));
        if (row.PasswordHash is null)
        {
            Hasher.VerifyHashedPassword("", DummyHash, password);
            return new SignInResult(SignInOutcome.WrongPassword);
        }
        if (row.LockedUntil is { } until && until > now) return new SignInResult(SignInOutcome.LockedOut, until);

        var failed = row.LockedUntil is not null ? 0 : row.FailedLogins;   // a lockout that ran out starts a fresh count
        var verdict = Hasher.VerifyHashedPassword(username, row.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            failed++;
            DateTime? lockedUntil = failed >= options.MaxFailures ? now + options.LockFor : null;
            await conn.ExecuteAsync(new CommandDefinition(
                "update researcher set failed_logins = @failed, locked_until = @lockedUntil where id = @Id",
                new { failed = lockedUntil is null ? failed : 0, lockedUntil, row.Id }, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return lockedUntil is null ? new SignInResult(SignInOutcome.WrongPassword) : new SignInResult(SignInOutcome.LockedOut, lockedUntil);
        }
        var newHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? Hasher.HashPassword(username, password) : row.PasswordHash;
        await conn.ExecuteAsync(new CommandDefinition(
            "update researcher set failed_logins = 0, locked_until = null, password_hash = @newHash where id = @Id",
            new { newHash, row.Id }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new SignInResult(SignInOutcome.Success);
    }
}
