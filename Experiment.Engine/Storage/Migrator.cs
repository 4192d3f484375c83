using DbUp;

namespace Experiment.Engine.Storage;

/// <summary>
/// Applies the numbered SQL files under Storage/Migrations in order, recording each in the
/// <c>schemaversions</c> table. All pending scripts run in one transaction, so a failing script
/// leaves the database exactly as it was.
/// </summary>
public static class Migrator
{
    public sealed record Result(bool Successful, IReadOnlyList<string> Applied, string? Error, string? FailedScript);

    public static Result Apply(string connectionString, Action<string>? log = null) =>
        Apply(connectionString, typeof(Migrator).Assembly, name => name.Contains(".Storage.Migrations."), log);

    /// <summary>Applies the embedded scripts of <paramref name="assembly"/> that pass <paramref name="filter"/>.</summary>
    public static Result Apply(string connectionString, System.Reflection.Assembly assembly, Func<string, bool> filter,
        Action<string>? log = null)
    {
        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(assembly, filter)
            .WithTransaction()
            .LogTo(new Log(log))
            .Build();
        var outcome = upgrader.PerformUpgrade();
        return new Result(outcome.Successful, outcome.Scripts.Select(s => ShortName(s.Name)).ToList(),
            outcome.Error?.Message, outcome.ErrorScript is null ? null : ShortName(outcome.ErrorScript.Name));
    }

    static string ShortName(string resource)
    {
        var parts = resource.Split('.');
        return parts.Length >= 2 ? parts[^2] + "." + parts[^1] : resource;
    }

    sealed class Log(Action<string>? sink) : DbUp.Engine.Output.IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => sink?.Invoke(string.Format(format, args));
        public void LogWarning(string format, params object[] args) => sink?.Invoke(string.Format(format, args));
        public void LogError(string format, params object[] args) => sink?.Invoke(string.Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => sink?.Invoke(string.Format(format, args));
    }
}
