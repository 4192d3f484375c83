using Npgsql;

namespace Experiment.Engine.Storage;

/// <summary>Where the connection string comes from, the same way for the web app, the CLI and the scripts.</summary>
public static class Database
{
    public const string EnvironmentVariable = "ConnectionStrings__Main";
    public const string ShortEnvironmentVariable = "PPL_DATABASE";
    public const string PrivateClusterDefault = "Host=127.0.0.1;Port=55432;Username=ppl;Database=ppl";

    /// <summary>ConnectionStrings__Main, else PPL_DATABASE, else the private cluster that ./run.sh starts.</summary>
    public static string ConnectionStringFromEnvironment() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } a ? a
        : Environment.GetEnvironmentVariable(ShortEnvironmentVariable) is { Length: > 0 } b ? b
        : PrivateClusterDefault;

    static Database() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        return builder.Build();
    }
}
