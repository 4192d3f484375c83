using System.Collections.Concurrent;
using Microsoft.AspNetCore.DataProtection;

namespace Survey.Web.Hosting;

/// <summary>
/// Data Protection protectors of one purpose, one per study link, made once instead of on every request
/// (CreateProtector builds a purpose chain each time). A request's link is whatever the client sent, so at most
/// <see cref="Limit"/> are kept; beyond that a protector is made per call, as before.
/// </summary>
public sealed class ProtectorCache(IDataProtectionProvider protection, string purpose)
{
    public const int Limit = 1024;

    readonly ConcurrentDictionary<string, IDataProtector> protectors = new(StringComparer.Ordinal);

    public IDataProtector For(string studyId)
    {
        if (protectors.TryGetValue(studyId, out var protector)) return protector;
        protector = protection.CreateProtector(purpose, studyId);
        if (protectors.Count < Limit) protectors.TryAdd(studyId, protector);
        return protector;
    }
}
