using System.CommandLine;

namespace Analysis;

public static class Cli
{
    public static async Task<int> Run(string[] args)
    {
        var root = new RootCommand("Privacy Paradox Lab: studies, exports, reports and simulations from the command line.");
        root.Subcommands.Add(SimulateCommands.Create());
        root.Subcommands.Add(DatabaseCommands.Create());
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
