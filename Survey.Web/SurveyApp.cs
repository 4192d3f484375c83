using Experiment.Engine.Storage;
using Survey.Web.Hosting;
using Survey.Web.Participation;
using Survey.Web.Researcher;

namespace Survey.Web;

public static class SurveyApp
{
    /// <summary>The whole web app; tests call this too, with --urls and ConnectionStrings:Main in args.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var connectionString = Database.Resolve(builder.Configuration.GetConnectionString("Main"), "ConnectionStrings:Main").ConnectionString;
        builder.Services.AddSingleton(sp => Database.CreateDataSource(connectionString, loggerFactory: sp.GetRequiredService<ILoggerFactory>()));
        // Every "now" of the app (abandonment, the dashboard, the checkout's today) comes from here; tests replace it.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddWebHosting();
        builder.AddParticipation(connectionString);
        builder.AddResearcherConsole();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseWebHosting();
        app.UseResearcherConsole();
        app.MapGet("/healthz", async (Npgsql.NpgsqlDataSource db, CancellationToken ct) =>
        {
            try
            {
                await using var cmd = db.CreateCommand("select 1");
                await cmd.ExecuteScalarAsync(ct);
                return Results.Text("ok");
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return Results.Text("database unavailable", statusCode: 503);
            }
        });
        app.MapControllers();
        return app;
    }
}
