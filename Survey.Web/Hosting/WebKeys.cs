using System.Collections.Concurrent;
using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Survey.Web.Hosting;

/// <summary>One key of a purpose: its id (written into every value made with it) and its 256 bits.</summary>
public sealed record WebKey(int Id, byte[] Material);

/// <summary>The keys of one purpose: the one to make new values with, and every one that still opens old values.</summary>
public sealed class WebKeyRing(IReadOnlyDictionary<int, WebKey> keys)
{
    public WebKey Current { get; } = keys.Values.MaxBy(k => k.Id)!;

    public WebKey? Find(int id) => keys.GetValueOrDefault(id);
}

/// <summary>
/// Symmetric keys that every Survey.Web process on one database shares, for what Data Protection would make too
/// expensive on every request (bench/http-profile.md, "seal and antiforgery"): the participant ticket's seal and the
/// participant form token. A key is a row of web_key (migration 0290) whose material is protected by Data
/// Protection (so it is kept as the cookie keys are); the first process that needs a purpose creates its key
/// (insert ... on conflict do nothing, then read back, so processes starting together agree), and each process
/// reads it once and keeps it. Rotation is not built: a process reads a purpose's rows once, so a key added later
/// is seen after a restart only (docs/deploy.md).
/// </summary>
public sealed class WebKeys(NpgsqlDataSource db, IDataProtectionProvider protection)
{
    public const string TicketSeal = "ticket-seal";
    public const string FormToken = "form-token";
    public const int KeyBytes = 32;

    readonly ConcurrentDictionary<string, WebKeyRing> rings = new();
    readonly Lock gate = new();

    /// <summary>
    /// The purpose's keys, read (and if need be created) on first use. Synchronous, like the Data Protection key
    /// ring's own read (the antiforgery interface that needs it is); a failure is not kept, the next request tries again.
    /// </summary>
    public WebKeyRing For(string purpose)
    {
        if (rings.TryGetValue(purpose, out var ring)) return ring;
        lock (gate)
        {
            if (rings.TryGetValue(purpose, out ring)) return ring;
            ring = Load(purpose, create: true)!;
            rings[purpose] = ring;
            return ring;
        }
    }

    /// <summary>
    /// Reads the purpose's keys if the database has them, creating none: at start, so the first request after a
    /// restart does not wait on the read. A new installation's keys are still made by the first request that needs one.
    /// </summary>
    public void ReadExisting(string purpose)
    {
        lock (gate)
            if (!rings.ContainsKey(purpose) && Load(purpose, create: false) is { } ring) rings[purpose] = ring;
    }

    /// <summary>The purpose's keys; none in the database: created (create) or null.</summary>
    WebKeyRing? Load(string purpose, bool create)
    {
        var protector = protection.CreateProtector("Survey.Web.WebKeys.v1", purpose);
        using var conn = db.OpenConnection();
        const string read = "select key_id as Id, material as Material from web_key where purpose = @purpose";
        var rows = conn.Query<(int Id, byte[] Material)>(read, new { purpose }).ToList();
        if (rows.Count == 0 && !create) return null;
        if (rows.Count == 0)
        {
            var fresh = RandomNumberGenerator.GetBytes(KeyBytes);
            conn.Execute("insert into web_key (purpose, key_id, material) values (@purpose, 1, @material) on conflict do nothing",
                new { purpose, material = protector.Protect(fresh) });
            CryptographicOperations.ZeroMemory(fresh);
            rows = conn.Query<(int Id, byte[] Material)>(read, new { purpose }).ToList();
        }
        var keys = rows.Select(r => new WebKey(r.Id, protector.Unprotect(r.Material)))
            .Where(k => k.Material.Length == KeyBytes).ToDictionary(k => k.Id);
        if (keys.Count == 0) throw new InvalidOperationException($"web_key holds no {KeyBytes}-byte key for purpose '{purpose}'");
        return new WebKeyRing(keys);
    }
}

/// <summary>
/// Reads both purposes' keys while the app starts (where the database has them), so that no participant's request
/// after a restart waits on that read (it is synchronous, under a lock). A database that cannot be read at start (down,
/// missing, not migrated) is no reason not to start: the first request that needs a key reads it then.
/// </summary>
public sealed class WebKeysAtStart(WebKeys keys, ILogger<WebKeysAtStart> log) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            keys.ReadExisting(WebKeys.TicketSeal);
            keys.ReadExisting(WebKeys.FormToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Down, not yet created, not yet migrated: the instance starts anyway and answers 503 where a page needs the database.
            log.LogWarning("The web keys could not be read at start ({Error}); the first request that needs them reads them", e.GetType().Name);
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
