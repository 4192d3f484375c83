using System.CommandLine;

namespace Analysis;

public static class Cli
{
    /// <summary>Where ./run.sh serves Survey.Web (its default --port), the default of simulate --url and db links.</summary>
    public const string RunShUrl = "http://127.0.0.1:5080";

    /// <param name="clock">Every "now" of the verbs (retention, abandonment, the export); tests pass a fake one.</param>
    public static async Task<int> Run(string[] args, TimeProvider clock)
    {
        var root = new RootCommand("Privacy Paradox Lab: studies, exports, reports and simulations from the command line.");
        root.Subcommands.Add(SimulateCommands.Create(clock));
        root.Subcommands.Add(DatabaseCommands.Create());
        root.Subcommands.Add(ExportCommands.Create(clock));
        root.Subcommands.Add(ErasureCommands.CreateErase());
        root.Subcommands.Add(ErasureCommands.CreatePurge(clock));
        root.Subcommands.Add(AccountCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(ReportCommands.Create(clock));
        root.Subcommands.Add(PlanCommands.Create());
        root.Subcommands.Add(StudyCommands.Create());
        var parsed = root.Parse(args);
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
