using System.CommandLine;

namespace Analysis;

public static class Cli
{
    /// <summary>Where ./run.sh serves Survey.Web (its default --port), the default of simulate --url and db links.</summary>
    public const string RunShUrl = "http://127.0.0.1:5080";

    public static async Task<int> Run(string[] args)
    {
        var root = new RootCommand("Privacy Paradox Lab: studies, exports, reports and simulations from the command line.");
        root.Subcommands.Add(SimulateCommands.Create());
        root.Subcommands.Add(DatabaseCommands.Create());
        root.Subcommands.Add(ExportCommands.Create());
        root.Subcommands.Add(ErasureCommands.CreateErase());
        root.Subcommands.Add(ErasureCommands.CreatePurge());
        root.Subcommands.Add(AccountCommands.Create());
        root.Subcommands.Add(AuditCommands.Create());
        root.Subcommands.Add(ReportCommands.Create());
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
