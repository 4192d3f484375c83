using System.Threading.RateLimiting;
using Experiment.Engine.Storage;

namespace Survey.Web.Participation;

public static class ParticipationSetup
{
    public const string EnrolmentPolicy = "enrolment";

    /// <summary>
    /// The participant pages' own data source (a keyed service): the same database, but with automatic statement
    /// preparation, which the researcher console's export must not use (Database.CreateDataSource says why).
    /// </summary>
    public const string Db = "participation";

    /// <summary>
    /// Enrolment:PerAddressPerMinute (default 1000) caps new enrolments per client address and minute. A computer
    /// lab behind one NAT address sends a few dozen a minute, so the default never stops a real session; it stops
    /// a script filling a study's cells with fake participants.
    /// </summary>
    public static void AddParticipation(this WebApplicationBuilder builder, string connectionString)
    {
        builder.Services.AddKeyedSingleton(Db, (sp, _) => Database.CreateDataSource(connectionString, autoPrepare: true, sp.GetRequiredService<ILoggerFactory>()));
        // The participant pages' synchronously committed statements and their reads on the way, grouped into shared
        // commits under load (GroupCommit, Participation:GroupCommitWriters batches at once, 1-16); disposed before the
        // data source (created after it), after running what is queued.
        builder.Services.AddSingleton(sp => new GroupCommit(sp.GetRequiredKeyedService<Npgsql.NpgsqlDataSource>(Db),
            Math.Clamp(builder.Configuration.GetValue("Participation:GroupCommitWriters", 2), 1, 16)));
        var perMinute = builder.Configuration.GetValue("Enrolment:PerAddressPerMinute", 1000);
        builder.Services.AddRateLimiter(o => o.AddPolicy(EnrolmentPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = Math.Max(1, perMinute), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        builder.Services.AddSingleton<Survey.Web.Hosting.WebKeys>();
        builder.Services.AddHostedService<Survey.Web.Hosting.WebKeysAtStart>();
        builder.Services.AddSingleton<ParticipantCookie>();
        builder.Services.AddSingleton<PreviewCookie>();
        // After AddWebHosting's AddControllersWithViews, which registers the framework's antiforgery it wraps.
        ParticipantAntiforgery.Register(builder.Services);
        builder.Services.AddSingleton<StudyCache>();
    }
}
