using System.Diagnostics;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Console;

namespace Survey.Web.Hosting;

/// <summary>
/// Logging that holds no personal data at any level anyone configures. A request is logged as its route template,
/// status and time (by <see cref="RequestLog"/>), never its URL: the query string carries PROLIFIC_PID and
/// SESSION_ID before consent, for people who decline and after erasure. The framework categories that write the
/// URL, the request line or action arguments are capped (<see cref="Capped"/>) above any configured level.
/// By default the console shows one readable line per warning or error (and the start-up lines);
/// Logging:Console:FormatterName=json gives one JSON object per line for a log collector (docs/deploy.md).
/// </summary>
public static class PrivateLogging
{
    public const string RequestCategory = "Survey.Web.Requests";

    /// <summary>
    /// Category prefix, and the lowest level it may log at whatever the configuration says:
    /// Hosting.Diagnostics writes "Request starting/finished" with the full URL (Information) and the request
    /// headers (Trace); Kestrel's bad-request lines quote the raw request line (Debug); MVC's action invoker lists
    /// the action's arguments (Trace), e.g. the sign-in's user name and password.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, LogLevel> Capped = new Dictionary<string, LogLevel>
    {
        ["Microsoft.AspNetCore.Hosting.Diagnostics"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Server.Kestrel.BadRequests"] = LogLevel.Warning,
        ["Microsoft.AspNetCore.Mvc.Infrastructure"] = LogLevel.Debug,
    };

    public static void AddPrivateLogging(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole();
        // Defaults only: anything under Logging: (appsettings, environment, command line) is kept as given.
        if (config["Logging:Console:FormatterName"] is null)
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            if (config["Logging:Console:FormatterOptions:SingleLine"] is null) o.SingleLine = true;
            if (config["Logging:Console:FormatterOptions:TimestampFormat"] is null) o.TimestampFormat = "HH:mm:ss ";
        });
        var levels = config.GetSection("Logging:LogLevel");
        if (levels["Default"] is null) builder.Logging.AddFilter((string?)null, LogLevel.Warning);
        if (levels["Microsoft.Hosting.Lifetime"] is null) builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        builder.Services.PostConfigure<LoggerFilterOptions>(Cap);
    }

    /// <summary>
    /// For each capped category, one rule per provider named anywhere, at the level that would apply to it anyway or
    /// the cap, whichever is higher; configured rules for its subcategories are raised to the cap. The logger picks
    /// one rule per provider and category (the provider's own before a general one, then the longest category
    /// prefix, then the last), so these added rules decide for the capped categories and never lower a level.
    /// </summary>
    static void Cap(LoggerFilterOptions options)
    {
        var rules = options.Rules;
        for (var i = 0; i < rules.Count; i++)
            foreach (var (category, floor) in Capped)
                if (rules[i] is { CategoryName: { } c } r && c.StartsWith(category, StringComparison.OrdinalIgnoreCase) && (r.LogLevel ?? LogLevel.Trace) < floor)
                    rules[i] = new LoggerFilterRule(r.ProviderName, r.CategoryName, floor, r.Filter);
        var providers = rules.Select(r => r.ProviderName).Append(null).Distinct().ToList();
        var added = new List<LoggerFilterRule>();
        foreach (var (category, floor) in Capped)
            foreach (var provider in providers)
            {
                var level = Applying(rules, provider, category)?.LogLevel ?? options.MinLevel;
                added.Add(new LoggerFilterRule(provider, category, level > floor ? level : floor, null));
            }
        foreach (var r in added) rules.Add(r);
    }

    static LoggerFilterRule? Applying(IList<LoggerFilterRule> rules, string? provider, string category) =>
        rules.Select((r, i) => (r, i))
            .Where(x => (x.r.ProviderName is null || x.r.ProviderName == provider) && x.r.Filter is null
                        && (x.r.CategoryName is null || category.StartsWith(x.r.CategoryName.Split('*')[0], StringComparison.OrdinalIgnoreCase)))
            .OrderBy(x => x.r.ProviderName is null ? 0 : 1).ThenBy(x => x.r.CategoryName?.Length ?? 0).ThenBy(x => x.i)
            .Select(x => x.r).LastOrDefault();

    /// <summary>One line per request: method, route template (never the path's values or the query), status, time.</summary>
    public static void UseRequestLog(this WebApplication app)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(RequestCategory);
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            try { await next(context); }
            finally
            {
                var status = context.Response.StatusCode;
                var level = status >= 500 ? LogLevel.Warning : LogLevel.Information;
                if (log.IsEnabled(level))
                    log.Log(level, "{Method} {Route} {Status} {ElapsedMs:0.0} ms", context.Request.Method, RouteOf(context), status,
                        Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    static string RouteOf(HttpContext context) => context.GetEndpoint() switch
    {
        RouteEndpoint e => "/" + e.RoutePattern.RawText?.TrimStart('/'),
        { } e => e.DisplayName ?? "(endpoint)",
        null => "(no route)",
    };
}
